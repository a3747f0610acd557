//! The dataset's records: sources, sites, events, statements and claims,
//! each parsed from one CSV row with its line kept for later messages.
//!
//! Every value is parsed here, once: vocabularies become enums, coordinates
//! a [`geo::Point`], dates an [`EdtfDate`], a claim a [`ClaimSpec`]. A row
//! with any problem gives no record (its problems are reported instead), so
//! nothing downstream ever sees a half-parsed value such as a NaN.

use crate::base::countries::{self, Country};
use crate::base::dates::EdtfDate;
use crate::base::error::Problem;
use crate::base::vocab::{ClaimKind, EventKind, EventStatus, Qualifier, SiteKind};
use crate::load::spec::ClaimSpec;
use crate::load::table::Row;
use geo::Point;

/// An article or gazetteer that states facts.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// assert!(data.source("trt-2022").unwrap().outlet.starts_with("TRT Arabi"));
/// ```
#[derive(Debug, Clone)]
pub struct Source {
    /// Unique slug.
    pub id: String,
    /// Publisher as named (empty when not stated).
    pub outlet: String,
    /// Headline in English.
    pub title: String,
    /// Headline in the original language (empty: not recorded).
    pub title_original: String,
    /// Publication date (EDTF).
    pub published: EdtfDate,
    /// ISO 639-1 code of the article.
    pub language: String,
    /// Link (empty: none given).
    pub url: String,
    /// Free text: how the date was inferred, and so on.
    pub notes: String,
    /// SHA-256 of the article as collected (`articles/<id>.txt`), lower-case hex.
    pub sha256: Option<String>,
    /// Size of the article as collected, in bytes.
    pub size: Option<u64>,
    /// Where an archived copy of the article is (Wayback Machine, archive.today, …).
    pub archive_url: String,
    /// When that copy was made (EDTF).
    pub archived: EdtfDate,
    /// Line in `sources.csv`.
    pub line: u64,
}

/// A place in the gazetteer.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let site = data.site("hammaguir").unwrap();
/// assert_eq!((site.location.y(), site.country.alpha2.as_str()), (30.889167, "DZ"));
/// ```
#[derive(Debug, Clone)]
pub struct Site {
    /// Unique slug.
    pub id: String,
    /// English name.
    pub name: String,
    /// Arabic name as the articles write it.
    pub name_ar: String,
    /// Russian name.
    pub name_ru: String,
    /// Every other spelling seen, any script.
    pub aliases: Vec<String>,
    /// What kind of place it is.
    pub kind: SiteKind,
    /// The country it lies in.
    pub country: &'static Country,
    /// Province or region.
    pub admin1: String,
    /// Where it is: x is longitude, y latitude, WGS84 degrees.
    pub location: Point,
    /// Radius in metres within which the real place lies.
    pub precision_m: f64,
    /// Gazetteer or reasoning behind the coordinates.
    pub coord_source: String,
    /// Sources that mention the site.
    pub source_ids: Vec<String>,
    /// Free text.
    pub notes: String,
    /// Line in `sites.csv`.
    pub line: u64,
}

/// Something that happened (or is said to have happened) somewhere.
#[derive(Debug, Clone)]
pub struct Event {
    /// Unique slug.
    pub id: String,
    /// English name.
    pub name: String,
    /// Name in the source language.
    pub name_original: String,
    /// What kind of event.
    pub kind: EventKind,
    /// When (EDTF; unknown when empty).
    pub date: EdtfDate,
    /// Where (may be empty).
    pub site_ids: Vec<String>,
    /// The countries taking part.
    pub participants: Vec<&'static Country>,
    /// Total number of people, when stated.
    pub personnel: Option<u32>,
    /// Who asserts it.
    pub status: EventStatus,
    /// Sources that report it (at least one).
    pub source_ids: Vec<String>,
    /// Fields on which the sources disagree; each version is in `statements.csv`.
    pub conflicts: Vec<String>,
    /// Free text.
    pub notes: String,
    /// Line in `events.csv`.
    pub line: u64,
}

/// What one source says about one field of an event or a site, with the
/// sentence that says it.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The event or site.
    pub subject: String,
    /// The `events.csv` or `sites.csv` column the statement is about.
    pub field: String,
    /// The value this source gives.
    pub value: String,
    /// The source.
    pub source_id: String,
    /// The source's words, verbatim, one sentence at most.
    pub quote: String,
    /// Where the quote starts in the article, in characters from its start.
    pub position: usize,
    /// The source's words, summarised in English.
    pub notes: String,
    /// Line in `statements.csv`.
    pub line: u64,
}

/// A checkable statement of geometry made by a source.
#[derive(Debug, Clone)]
pub struct Claim {
    /// Unique slug.
    pub id: String,
    /// Who claims it.
    pub source_id: String,
    /// A site or event id.
    pub subject: String,
    /// What is claimed, parsed.
    pub spec: ClaimSpec,
    /// The `target` column as written (for reports).
    pub target: String,
    /// The `value` column as written (for reports).
    pub value: String,
    /// The claim in words.
    pub notes: String,
    /// Line in `claims.csv`.
    pub line: u64,
}

/// Collects the problems of one row; [`RowReader::finish`] gives the record
/// only when there were none.
struct RowReader<'r, 'a> {
    row: &'r Row<'a>,
    problems: Vec<Problem>,
}

impl<'r, 'a> RowReader<'r, 'a> {
    fn new(row: &'r Row<'a>) -> Self {
        RowReader {
            row,
            problems: Vec::new(),
        }
    }

    fn problem(&mut self, column: &str, message: impl Into<String>) {
        self.problems.push(self.row.problem(column, message));
    }

    fn text(&self, column: &str) -> String {
        self.row.get(column).to_string()
    }

    fn list(&self, column: &str) -> Vec<String> {
        self.row.list(column)
    }

    fn required(&mut self, column: &str) -> String {
        let value = self.row.get(column);
        if value.is_empty() {
            self.problem(column, "is empty; a value is required");
        }
        value.to_string()
    }

    fn slug(&mut self, column: &str) -> String {
        let id = self.required(column);
        let ok = id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !id.is_empty() && !ok {
            self.problem(
                column,
                format!("'{id}' is not a slug; use lowercase a-z, 0-9, '-' and '_'"),
            );
        }
        id
    }

    /// A required value parsed by `FromStr` (a vocabulary word, a unit).
    fn parsed<T: std::str::FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        let text = self.required(column);
        if text.is_empty() {
            return None;
        }
        text.parse().map_err(|e| self.problem(column, e)).ok()
    }

    /// An optional value parsed by `FromStr`; empty is `None`.
    fn optional<T: std::str::FromStr<Err = String>>(&mut self, column: &str) -> Option<T> {
        match self.row.get(column) {
            "" => None,
            text => text.parse().map_err(|e| self.problem(column, e)).ok(),
        }
    }

    /// A name that must be written in a script: when it holds none of its
    /// letters, the file has most likely lost them to a wrong encoding.
    fn script(&mut self, column: &str, script: &str, letter: fn(char) -> bool) {
        let value = self.row.get(column);
        if !value.is_empty() && !value.chars().any(letter) {
            self.problem(
                column,
                format!(
                    "{value:?} holds no {script} letter; if the file was saved from a spreadsheet, save it as \"CSV UTF-8 (comma delimited)\""
                ),
            );
        }
    }

    /// An optional whole number of bytes.
    fn count(&mut self, column: &str) -> Option<u64> {
        match self.row.get(column) {
            "" => None,
            text => text
                .parse()
                .map_err(|_| {
                    self.problem(column, format!("'{text}' is not a whole number of bytes"))
                })
                .ok(),
        }
    }

    /// An optional SHA-256 digest: 64 hexadecimal digits, kept lower case.
    fn sha256(&mut self, column: &str) -> Option<String> {
        let value = self.row.get(column);
        if value.is_empty() {
            return None;
        }
        if value.len() != 64 || !value.bytes().all(|b| b.is_ascii_hexdigit()) {
            self.problem(
                column,
                format!("'{value}' is not a SHA-256 digest (64 hexadecimal digits)"),
            );
            return None;
        }
        Some(value.to_ascii_lowercase())
    }

    fn date(&mut self, column: &str) -> EdtfDate {
        EdtfDate::parse(self.row.get(column)).unwrap_or_else(|e| {
            self.problem(column, e);
            EdtfDate::default()
        })
    }

    fn countries(&mut self, column: &str) -> Vec<&'static Country> {
        let mut found = Vec::new();
        for code in self.list(column) {
            match countries::find(&code).filter(|_| code.len() == 2) {
                Some(country) => found.push(country),
                None => self.problem(
                    column,
                    format!("'{code}' is not an ISO 3166-1 alpha-2 code (e.g. DZ, RU, US)"),
                ),
            }
        }
        found
    }

    fn number(&mut self, column: &str, range: (f64, f64)) -> Option<f64> {
        let text = self.required(column);
        if text.is_empty() {
            return None;
        }
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() && v >= range.0 && v <= range.1 => Some(v),
            Ok(v) => {
                self.problem(
                    column,
                    format!("{v} is out of range, expected {} to {}", range.0, range.1),
                );
                None
            }
            Err(_) => {
                self.problem(
                    column,
                    format!("'{text}' is not a number (decimal degrees or metres, e.g. 30.889167)"),
                );
                None
            }
        }
    }

    /// The record when the row had no problem; otherwise the problems go to
    /// `all` and the row gives nothing.
    fn finish<T>(self, record: Option<T>, all: &mut Vec<Problem>) -> Option<T> {
        if self.problems.is_empty() {
            record
        } else {
            all.extend(self.problems);
            None
        }
    }
}

impl Source {
    /// Columns `sources.csv` must have.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "outlet",
        "title",
        "title_original",
        "published",
        "language",
        "url",
        "notes",
    ];

    /// Columns `sources.csv` may have: the article's fingerprint and its
    /// archived copy (what `add source --file` records).
    pub const OPTIONAL: &'static [&'static str] = &["sha256", "size", "archive_url", "archived"];

    /// Parses one row; `None` (and its problems added) when it has any.
    pub(crate) fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Option<Source> {
        let mut r = RowReader::new(row);
        let source = Source {
            id: r.slug("id"),
            outlet: r.text("outlet"),
            title: r.required("title"),
            title_original: r.text("title_original"),
            published: r.date("published"),
            language: r.text("language"),
            url: r.text("url"),
            notes: r.text("notes"),
            sha256: r.sha256("sha256"),
            size: r.count("size"),
            archive_url: r.text("archive_url"),
            archived: r.date("archived"),
            line: row.line,
        };
        r.finish(Some(source), problems)
    }
}

impl Site {
    /// Columns `sites.csv` must have.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "name_ar",
        "name_ru",
        "aliases",
        "kind",
        "country",
        "admin1",
        "lat",
        "lon",
        "precision_m",
        "coord_source",
        "notes",
    ];

    /// Columns `sites.csv` may have.
    pub const OPTIONAL: &'static [&'static str] = &["source_ids"];

    /// Parses one row; `None` (and its problems added) when it has any,
    /// including coordinates outside the stated country, as a swapped pair
    /// gives.
    pub(crate) fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Option<Site> {
        let mut r = RowReader::new(row);
        let id = r.slug("id");
        let name = r.required("name");
        let kind = r.parsed::<SiteKind>("kind");
        let country = match r.countries("country").as_slice() {
            [one] => Some(*one),
            [] => {
                if row.get("country").is_empty() {
                    r.problem("country", "is empty; an ISO alpha-2 code is required");
                }
                None
            }
            _ => {
                r.problem("country", "holds several countries; a site lies in one");
                None
            }
        };
        r.script("name_ar", "Arabic", |c| {
            ('\u{0600}'..='\u{06FF}').contains(&c)
        });
        r.script("name_ru", "Cyrillic", |c| {
            ('\u{0400}'..='\u{04FF}').contains(&c)
        });
        let lat = r.number("lat", (-90.0, 90.0));
        let lon = r.number("lon", (-180.0, 180.0));
        let precision_m = r.number("precision_m", (0.0, 20_000_000.0));
        let coord_source = r.required("coord_source");
        if let (Some(country), Some(lat), Some(lon), Some(precision)) =
            (country, lat, lon, precision_m)
        {
            check_in_country(&mut r, country, lat, lon, precision);
        }
        let site = match (kind, country, lat, lon, precision_m) {
            (Some(kind), Some(country), Some(lat), Some(lon), Some(precision_m)) => Some(Site {
                id,
                name,
                name_ar: r.text("name_ar"),
                name_ru: r.text("name_ru"),
                aliases: r.list("aliases"),
                kind,
                country,
                admin1: r.text("admin1"),
                location: Point::new(lon, lat),
                precision_m,
                coord_source,
                source_ids: r.list("source_ids"),
                notes: r.text("notes"),
                line: row.line,
            }),
            _ => None,
        };
        r.finish(site, problems)
    }

    /// Every name the site is known by: id, names in each script, aliases.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        [
            self.id.as_str(),
            self.name.as_str(),
            self.name_ar.as_str(),
            self.name_ru.as_str(),
        ]
        .into_iter()
        .chain(self.aliases.iter().map(String::as_str))
        .filter(|n| !n.is_empty())
    }
}

/// A site must lie within its country's land box (widened by a degree or
/// its own radius); a pair that fits only when swapped is named as such.
fn check_in_country(r: &mut RowReader, country: &Country, lat: f64, lon: f64, precision_m: f64) {
    let margin = 1.0f64.max(precision_m / 111_000.0);
    if country.contains(lat, lon, margin) {
        return;
    }
    let hint = if country.contains(lon, lat, margin) {
        "; latitude and longitude look swapped"
    } else {
        ""
    };
    r.problem(
        "lat",
        format!(
            "{lat}, {lon} lies outside {} ({}){hint}; expected decimal degrees, latitude first",
            country.name, country.alpha2
        ),
    );
}

impl Event {
    /// Columns `events.csv` must have.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "name",
        "name_original",
        "kind",
        "date",
        "site_ids",
        "participants",
        "personnel",
        "status",
        "source_ids",
        "conflicts",
        "notes",
    ];

    /// Parses one row; `None` (and its problems added) when it has any.
    pub(crate) fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Option<Event> {
        let mut r = RowReader::new(row);
        let personnel = match row.get("personnel") {
            "" => None,
            text => text.parse::<u32>().ok().or_else(|| {
                r.problem(
                    "personnel",
                    format!("'{text}' is not a whole number; leave empty when unknown"),
                );
                None
            }),
        };
        let source_ids = r.list("source_ids");
        if source_ids.is_empty() {
            r.problem("source_ids", "is empty; name at least one source");
        }
        let conflicts = r.list("conflicts");
        for field in &conflicts {
            if !Event::COLUMNS.contains(&field.as_str()) {
                r.problem(
                    "conflicts",
                    format!("'{field}' is not a column of events.csv"),
                );
            }
        }
        let id = r.slug("id");
        let name = r.required("name");
        let kind = r.parsed::<EventKind>("kind");
        let date = r.date("date");
        let participants = r.countries("participants");
        let status = r.parsed::<EventStatus>("status");
        let event = match (kind, status) {
            (Some(kind), Some(status)) => Some(Event {
                id,
                name,
                name_original: r.text("name_original"),
                kind,
                date,
                site_ids: r.list("site_ids"),
                participants,
                personnel,
                status,
                source_ids,
                conflicts,
                notes: r.text("notes"),
                line: row.line,
            }),
            _ => None,
        };
        r.finish(event, problems)
    }
}

impl Statement {
    /// Columns `statements.csv` must have.
    pub const COLUMNS: &'static [&'static str] = &[
        "subject",
        "field",
        "value",
        "source_id",
        "quote",
        "position",
        "notes",
    ];

    /// The longest quote accepted, in characters.
    const MAX_QUOTE: usize = 400;

    /// Parses one row; `None` (and its problems added) when it has any.
    pub(crate) fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Option<Statement> {
        let mut r = RowReader::new(row);
        let field = r.required("field");
        if !field.is_empty()
            && !Event::COLUMNS.contains(&field.as_str())
            && !Site::COLUMNS.contains(&field.as_str())
        {
            r.problem(
                "field",
                format!("'{field}' is not a column of events.csv or sites.csv"),
            );
        }
        let quote = r.required("quote");
        if quote.chars().count() > Self::MAX_QUOTE {
            r.problem(
                "quote",
                format!(
                    "is longer than {} characters; quote one sentence at most",
                    Self::MAX_QUOTE
                ),
            );
        } else if sentences(&quote) > 1 {
            r.problem(
                "quote",
                "holds more than one sentence; quote one sentence at most",
            );
        }
        let position = match row.get("position").parse::<usize>() {
            Ok(p) => p,
            Err(_) => {
                r.problem(
                    "position",
                    format!(
                        "'{}' is not a character offset (a whole number from 0)",
                        row.get("position")
                    ),
                );
                0
            }
        };
        let statement = Statement {
            subject: r.required("subject"),
            field,
            value: r.text("value"),
            source_id: r.required("source_id"),
            quote,
            position,
            notes: r.text("notes"),
            line: row.line,
        };
        r.finish(Some(statement), problems)
    }
}

/// How many sentences a quote holds: a full stop, question or exclamation
/// mark (Latin or Arabic) followed by more text starts a new one.
fn sentences(text: &str) -> usize {
    let ends = |c: char| matches!(c, '.' | '!' | '?' | '؟' | '。');
    let mut count = 1;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if ends(c) && chars.peek().is_some_and(|n| n.is_whitespace()) {
            let rest: String = chars.clone().collect();
            if rest.trim().chars().next().is_some_and(|n| !ends(n)) {
                count += 1;
            }
        }
    }
    count
}

impl Claim {
    /// Columns `claims.csv` must have.
    pub const COLUMNS: &'static [&'static str] = &[
        "id",
        "source_id",
        "subject",
        "kind",
        "target",
        "value",
        "unit",
        "notes",
    ];

    /// Columns `claims.csv` may have.
    pub const OPTIONAL: &'static [&'static str] = &["qualifier"];

    /// Parses one row into a typed [`ClaimSpec`]; `None` (and its problems
    /// added) when it has any.
    pub(crate) fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Option<Claim> {
        let mut r = RowReader::new(row);
        let id = r.slug("id");
        let source_id = r.required("source_id");
        let subject = r.required("subject");
        let kind = r.parsed::<ClaimKind>("kind");
        let target = r.required("target");
        let qualifier = r.optional::<Qualifier>("qualifier");
        let value = r.text("value");
        let spec = kind.and_then(|kind| {
            ClaimSpec::parse(kind, &target, &value, row.get("unit"), qualifier)
                .map_err(|(field, message)| r.problem(field, message))
                .ok()
        });
        let claim = spec.map(|spec| Claim {
            id,
            source_id,
            subject,
            spec,
            target,
            value,
            notes: r.text("notes"),
            line: row.line,
        });
        r.finish(claim, problems)
    }
}
