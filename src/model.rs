//! The dataset's records: sources, sites, events, statements and claims,
//! each parsed from one CSV row with its line kept for later messages.

use crate::countries;
use crate::dates::EdtfDate;
use crate::error::Problem;
use crate::table::Row;

/// Site kinds the gazetteer uses.
pub const SITE_KINDS: &[&str] = &[
    "training_ground",
    "base",
    "city",
    "capital",
    "port",
    "sea_area",
    "region",
    "airfield",
];

/// Event kinds.
pub const EVENT_KINDS: &[&str] = &[
    "exercise",
    "naval_exercise",
    "port_call",
    "visit",
    "meeting",
    "agreement",
    "ceremony",
];

/// Event statuses: `reported` (a source states it), `announced` (planned,
/// not yet confirmed), `disputed` (one party asserts it, another denies it).
pub const EVENT_STATUSES: &[&str] = &["reported", "announced", "disputed"];

/// An article or gazetteer that states facts.
///
/// ```
/// use sandtable::model::Source;
/// use sandtable::table::Table;
/// let t = Table::from_bytes("sources.csv", "id,outlet,title,title_original,published,language,url,notes\n\
///     a,Outlet,Title,,2022-11,ar,,\n".as_bytes(), Source::COLUMNS).unwrap();
/// let s = Source::from_row(&t.rows().next().unwrap(), &mut vec![]);
/// assert_eq!(s.published.text(), "2022-11");
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
    /// Line in `sources.csv`.
    pub line: u64,
}

/// A place in the gazetteer.
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
    /// One of [`SITE_KINDS`].
    pub kind: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    /// Province or region.
    pub admin1: String,
    /// Latitude, WGS84 degrees.
    pub lat: f64,
    /// Longitude, WGS84 degrees.
    pub lon: f64,
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
    /// One of [`EVENT_KINDS`].
    pub kind: String,
    /// When (EDTF; unknown when empty).
    pub date: EdtfDate,
    /// Where (may be empty).
    pub site_ids: Vec<String>,
    /// ISO 3166-1 alpha-2 codes.
    pub participants: Vec<String>,
    /// Total number of people, when stated.
    pub personnel: Option<u32>,
    /// One of [`EVENT_STATUSES`].
    pub status: String,
    /// Sources that report it (at least one).
    pub source_ids: Vec<String>,
    /// Fields on which the sources disagree; each version is in `statements.csv`.
    pub conflicts: Vec<String>,
    /// Free text.
    pub notes: String,
    /// Line in `events.csv`.
    pub line: u64,
}

/// What one source says about one field of an event.
#[derive(Debug, Clone)]
pub struct Statement {
    /// The event.
    pub event_id: String,
    /// The `events.csv` column the statement is about.
    pub field: String,
    /// The value this source gives.
    pub value: String,
    /// The source.
    pub source_id: String,
    /// The source's words, summarised.
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
    /// What is claimed.
    pub kind: ClaimKind,
    /// `border:XX`, a site id, or `a|b` for `between`.
    pub target: String,
    /// A number, a range `a..b`, or a compass point.
    pub value: String,
    /// `km`, `m`, `mi`, `nmi`; `compass` or `deg` for bearings.
    pub unit: String,
    /// `about`, `exact`, `range`, or empty.
    pub qualifier: String,
    /// The claim in words.
    pub notes: String,
    /// Line in `claims.csv`.
    pub line: u64,
}

/// The kinds of claim the tool can check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClaimKind {
    /// Subject (site or event) to a country's land boundary.
    DistanceToBorder,
    /// Subject to another site.
    DistanceBetween,
    /// Direction from the subject to another site.
    Bearing,
    /// The subject lies between two sites.
    Between,
}

impl ClaimKind {
    /// The name used in `claims.csv`.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::DistanceToBorder => "distance_to_border",
            ClaimKind::DistanceBetween => "distance_between",
            ClaimKind::Bearing => "bearing",
            ClaimKind::Between => "between",
        }
    }
    fn parse(text: &str) -> Option<ClaimKind> {
        [
            ClaimKind::DistanceToBorder,
            ClaimKind::DistanceBetween,
            ClaimKind::Bearing,
            ClaimKind::Between,
        ]
        .into_iter()
        .find(|k| k.as_str() == text)
    }
}

fn required<'a>(row: &Row<'a>, column: &str, problems: &mut Vec<Problem>) -> &'a str {
    let value = row.get(column);
    if value.is_empty() {
        problems.push(row.problem(column, "is empty; a value is required"));
    }
    value
}

fn slug<'a>(row: &Row<'a>, column: &str, problems: &mut Vec<Problem>) -> &'a str {
    let id = required(row, column, problems);
    let ok = id
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !id.is_empty() && !ok {
        problems.push(row.problem(
            column,
            format!("'{id}' is not a slug; use lowercase a-z, 0-9, '-' and '_'"),
        ));
    }
    id
}

fn one_of(row: &Row, column: &str, allowed: &[&str], problems: &mut Vec<Problem>) -> String {
    let value = required(row, column, problems);
    if !value.is_empty() && !allowed.contains(&value) {
        problems.push(row.problem(
            column,
            format!(
                "'{value}' is not known; expected one of {}",
                allowed.join(", ")
            ),
        ));
    }
    value.to_string()
}

fn date(row: &Row, column: &str, problems: &mut Vec<Problem>) -> EdtfDate {
    EdtfDate::parse(row.get(column)).unwrap_or_else(|e| {
        problems.push(row.problem(column, e));
        EdtfDate::parse("").expect("empty is unknown")
    })
}

fn country_codes(row: &Row, column: &str, problems: &mut Vec<Problem>) -> Vec<String> {
    let codes = row.list(column);
    for code in &codes {
        if code.len() != 2 || countries::find(code).is_none() {
            problems.push(row.problem(
                column,
                format!("'{code}' is not an ISO 3166-1 alpha-2 code (e.g. DZ, RU, US)"),
            ));
        }
    }
    codes
}

fn number(row: &Row, column: &str, range: (f64, f64), problems: &mut Vec<Problem>) -> f64 {
    let text = required(row, column, problems);
    if text.is_empty() {
        return f64::NAN;
    }
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() && v >= range.0 && v <= range.1 => v,
        Ok(v) => {
            problems.push(row.problem(
                column,
                format!("{v} is out of range, expected {} to {}", range.0, range.1),
            ));
            f64::NAN
        }
        Err(_) => {
            problems.push(row.problem(
                column,
                format!("'{text}' is not a number (decimal degrees or metres, e.g. 30.889167)"),
            ));
            f64::NAN
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

    /// Parses one row, adding any problems found.
    pub fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Source {
        Source {
            id: slug(row, "id", problems).to_string(),
            outlet: row.get("outlet").to_string(),
            title: required(row, "title", problems).to_string(),
            title_original: row.get("title_original").to_string(),
            published: date(row, "published", problems),
            language: row.get("language").to_string(),
            url: row.get("url").to_string(),
            notes: row.get("notes").to_string(),
            line: row.line,
        }
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

    /// Parses one row, adding any problems found (including coordinates
    /// that fall outside the stated country, as a swapped pair does).
    pub fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Site {
        let country = row.get("country").to_string();
        let site = Site {
            id: slug(row, "id", problems).to_string(),
            name: required(row, "name", problems).to_string(),
            name_ar: row.get("name_ar").to_string(),
            name_ru: row.get("name_ru").to_string(),
            aliases: row.list("aliases"),
            kind: one_of(row, "kind", SITE_KINDS, problems),
            country: country_codes(row, "country", problems)
                .first()
                .cloned()
                .unwrap_or_default(),
            admin1: row.get("admin1").to_string(),
            lat: number(row, "lat", (-90.0, 90.0), problems),
            lon: number(row, "lon", (-180.0, 180.0), problems),
            precision_m: number(row, "precision_m", (0.0, 20_000_000.0), problems),
            coord_source: required(row, "coord_source", problems).to_string(),
            source_ids: row.list("source_ids"),
            notes: row.get("notes").to_string(),
            line: row.line,
        };
        if country.is_empty() {
            problems.push(row.problem("country", "is empty; an ISO alpha-2 code is required"));
        }
        site.check_in_country(row, problems);
        site
    }

    fn check_in_country(&self, row: &Row, problems: &mut Vec<Problem>) {
        let Some(country) = countries::find(&self.country) else {
            return;
        };
        if self.lat.is_nan() || self.lon.is_nan() {
            return;
        }
        // Allow a degree, or the site's own radius, beyond the land box.
        let margin = 1.0f64.max(self.precision_m / 111_000.0);
        if country.contains(self.lat, self.lon, margin) {
            return;
        }
        let hint = if country.contains(self.lon, self.lat, margin) {
            "; latitude and longitude look swapped".to_string()
        } else {
            String::new()
        };
        problems.push(row.problem(
            "lat",
            format!(
                "{}, {} lies outside {} ({}){hint}; expected decimal degrees, latitude first",
                self.lat, self.lon, country.name, country.alpha2
            ),
        ));
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

    /// Parses one row, adding any problems found.
    pub fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Event {
        let personnel = match row.get("personnel") {
            "" => None,
            text => text.parse::<u32>().ok().or_else(|| {
                problems.push(row.problem(
                    "personnel",
                    format!("'{text}' is not a whole number; leave empty when unknown"),
                ));
                None
            }),
        };
        let source_ids = row.list("source_ids");
        if source_ids.is_empty() {
            problems.push(row.problem("source_ids", "is empty; name at least one source"));
        }
        Event {
            id: slug(row, "id", problems).to_string(),
            name: required(row, "name", problems).to_string(),
            name_original: row.get("name_original").to_string(),
            kind: one_of(row, "kind", EVENT_KINDS, problems),
            date: date(row, "date", problems),
            site_ids: row.list("site_ids"),
            participants: country_codes(row, "participants", problems),
            personnel,
            status: one_of(row, "status", EVENT_STATUSES, problems),
            source_ids,
            conflicts: row.list("conflicts"),
            notes: row.get("notes").to_string(),
            line: row.line,
        }
    }
}

impl Statement {
    /// Columns `statements.csv` must have.
    pub const COLUMNS: &'static [&'static str] =
        &["event_id", "field", "value", "source_id", "notes"];

    /// Parses one row, adding any problems found.
    pub fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Statement {
        Statement {
            event_id: required(row, "event_id", problems).to_string(),
            field: one_of(row, "field", Event::COLUMNS, problems),
            value: row.get("value").to_string(),
            source_id: required(row, "source_id", problems).to_string(),
            notes: row.get("notes").to_string(),
            line: row.line,
        }
    }
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

    /// Parses one row, adding any problems found. Values are checked
    /// against the kind: a number or range `a..b` with a length unit for
    /// distances, a compass point or degrees for bearings.
    pub fn from_row(row: &Row, problems: &mut Vec<Problem>) -> Claim {
        let kind_text = required(row, "kind", problems);
        let kind = ClaimKind::parse(kind_text).unwrap_or_else(|| {
            if !kind_text.is_empty() {
                problems.push(row.problem(
                    "kind",
                    format!("'{kind_text}' is not known; expected distance_to_border, distance_between, bearing or between"),
                ));
            }
            ClaimKind::Between
        });
        let claim = Claim {
            id: slug(row, "id", problems).to_string(),
            source_id: required(row, "source_id", problems).to_string(),
            subject: required(row, "subject", problems).to_string(),
            kind,
            target: required(row, "target", problems).to_string(),
            value: row.get("value").to_string(),
            unit: row.get("unit").to_string(),
            qualifier: row.get("qualifier").to_string(),
            notes: row.get("notes").to_string(),
            line: row.line,
        };
        if let Err(message) = crate::claims::ClaimedValue::parse(&claim) {
            problems.push(row.problem("value", message));
        }
        claim
    }
}
