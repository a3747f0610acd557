//! `sandtable import acled|ucdp FILE`: event rows from ACLED or UCDP GED
//! added as events, each at a site (an existing one when the row names it,
//! or lies within its precision; otherwise a new one), every row's
//! precision kept: dates as EDTF of the precision the row gives, places
//! with the radius its code stands for. The row's own id becomes the
//! event's (`acled-<event_id_cnty>`, `ucdp-<id>`), so a second import of
//! the same rows updates them instead of adding them twice. All or none,
//! through the checks of `add`, under the dataset's lock.
//!
//! The radii, in metres, for each code:
//!
//! | code | radius | why |
//! | --- | --- | --- |
//! | ACLED `geo_precision` 1 | 5,000 | the town itself: a town's extent |
//! | ACLED `geo_precision` 2 | 25,000 | "near" a town, or a part of a district |
//! | ACLED `geo_precision` 3 | 100,000 | only the province is known: a province's reach |
//! | UCDP `where_prec` 1 | 1,000 | the exact place |
//! | UCDP `where_prec` 2 | 25,000 | within 25 km of a known point (UCDP's definition) |
//! | UCDP `where_prec` 3 | 50,000 | a second-order division (a district) |
//! | UCDP `where_prec` 4 | 150,000 | a first-order division (a province) |
//! | UCDP `where_prec` 5 | 100,000 | along a road or river between two places |
//! | UCDP `where_prec` 6 | 500,000 | only the country |
//! | UCDP `where_prec` 7 | 500,000 | international waters or airspace |

use crate::base::countries;
use crate::base::dates::{Day, EdtfDate};
use crate::base::error::{Error, Result};
use crate::base::files::{read_regular, DatasetLock, OutputFile, MAX_FILE_BYTES};
use crate::base::geodesy::{inverse, GeoPoint};
use crate::base::vocab::SiteKind;
use crate::edit::add::{append_row, append_site, NewSite, Position};
use crate::load::dataset::{Dataset, FILES};
use crate::render::exchange::acled::radius_of_geo_precision;
use crate::resolve::names::{Lookup, NameIndex};
use std::collections::HashMap;
use std::path::Path;

/// The formats `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFormat {
    /// ACLED's export (event_id_cnty, event_date, time_precision, latitude, longitude, geo_precision, …).
    Acled,
    /// UCDP's Georeferenced Event Dataset (id, date_start, date_end, where_prec, latitude, longitude, …).
    Ucdp,
}

/// The radius in metres a UCDP `where_prec` stands for.
pub fn radius_of_where_prec(code: u8) -> Option<f64> {
    match code {
        1 => Some(1_000.0),
        2 => Some(25_000.0),
        3 => Some(50_000.0),
        4 => Some(150_000.0),
        5 => Some(100_000.0),
        6 | 7 => Some(500_000.0),
        _ => None,
    }
}

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Imported {
    /// Events added.
    pub added: usize,
    /// Events updated (imported before).
    pub updated: usize,
    /// Sites made for places the gazetteer lacked.
    pub sites: usize,
}

impl std::fmt::Display for Imported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "imported {} events ({} new, {} updated) and added {} sites",
            self.added + self.updated,
            self.added,
            self.updated,
            self.sites
        )
    }
}

/// One row, read.
struct Row {
    line: u64,
    event_id: String,
    name: String,
    kind: String,
    date: EdtfDate,
    point: Option<GeoPoint>,
    radius_m: f64,
    location: String,
    country: String,
    admin1: String,
    site_id: Option<String>,
    participants: Vec<String>,
    status: String,
    notes: String,
}

/// Imports every row of `file` into the dataset in `dir`.
///
/// # Errors
/// [`Error::Input`] naming the file, line and column of a row that cannot
/// be read, or the checks' problems; nothing is written then.
///
/// # Examples
/// ```
/// use sandtable::edit::{import, init, ImportFormat};
/// let dir = tempfile::tempdir().unwrap();
/// init(dir.path()).unwrap();
/// let file = dir.path().join("acled.csv");
/// std::fs::write(&file, "event_id_cnty,event_date,time_precision,sub_event_type,actor1,country,admin1,location,latitude,longitude,geo_precision,notes\nDZA1,2022-11-16,1,Other,Military Forces of Algeria,Algeria,Bechar,Hammaguir,30.889,-3.046,1,Joint exercise\n").unwrap();
/// let done = import(dir.path(), &file, ImportFormat::Acled).unwrap();
/// assert_eq!((done.added, done.sites), (1, 1));
/// let data = sandtable::load::Dataset::load(dir.path()).unwrap();
/// assert_eq!(data.event("acled-dza1").unwrap().date.to_string(), "2022-11-16");
/// ```
pub fn import(dir: &Path, file: &Path, format: ImportFormat) -> Result<Imported> {
    let bytes = read_regular(file, MAX_FILE_BYTES)?;
    let name = file.display().to_string();
    let rows = read_rows(&bytes, &name, format)?;
    let _lock = DatasetLock::acquire(dir)?;
    let before: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|f| Ok((f.to_string(), read_regular(&dir.join(f), MAX_FILE_BYTES)?)))
        .collect::<Result<_>>()?;
    let result = apply_rows(dir, &rows, format);
    if result.is_err() {
        for (file, bytes) in &before {
            OutputFile::new(&dir.join(file))?.write_all(bytes)?;
        }
    }
    result
}

fn apply_rows(dir: &Path, rows: &[Row], format: ImportFormat) -> Result<Imported> {
    let source = match format {
        ImportFormat::Acled => "acled",
        ImportFormat::Ucdp => "ucdp",
    };
    let mut data = Dataset::load(dir)?;
    if data.source(source).is_none() {
        let title = match format {
            ImportFormat::Acled => "Armed Conflict Location & Event Data (ACLED) rows",
            ImportFormat::Ucdp => "UCDP Georeferenced Event Dataset (GED) rows",
        };
        append_row(dir, "sources.csv", &|column| match column {
            "id" => source.to_string(),
            "outlet" => source.to_uppercase(),
            "title" => title.to_string(),
            "language" => "en".to_string(),
            "notes" => "Rows imported with sandtable import; each event's notes keep the row's own"
                .to_string(),
            _ => String::new(),
        })?;
        data = Dataset::load(dir)?;
    }
    let mut done = Imported::default();
    let mut made: HashMap<String, String> = HashMap::new();
    let mut events: Vec<(String, Vec<String>)> = Vec::new();
    for row in rows {
        let site = match site_for(row, &data, &made) {
            Some(id) => Some(id),
            None => match (row.point, row.location.is_empty()) {
                (Some(point), false) => {
                    let id = new_site(dir, row, point, &data, source)?;
                    made.insert(row.location.clone(), id.clone());
                    data = Dataset::load(dir)?;
                    done.sites += 1;
                    Some(id)
                }
                _ => None,
            },
        };
        if data.event(&row.event_id).is_some() {
            done.updated += 1;
        } else {
            done.added += 1;
        }
        events.push((
            row.event_id.clone(),
            event_values(row, site.as_deref(), source),
        ));
    }
    write_events(dir, &events, &data)?;
    Ok(done)
}

/// An existing site for a row: named by id, by name, or lying within the
/// row's radius and its own.
fn site_for(row: &Row, data: &Dataset, made: &HashMap<String, String>) -> Option<String> {
    if let Some(id) = row.site_id.as_ref().filter(|id| data.site(id).is_some()) {
        return Some(id.clone());
    }
    if let Some(id) = made.get(&row.location) {
        return Some(id.clone());
    }
    if !row.location.is_empty() {
        if let Lookup::Found(i) = NameIndex::new(&data.sites).lookup(&row.location) {
            return Some(data.sites[i].id.clone());
        }
    }
    let point = row.point?;
    data.sites
        .iter()
        .map(|s| (inverse(point, s.location.into()).distance_m, s))
        .filter(|(d, s)| *d <= row.radius_m.max(s.precision_m))
        .min_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, s)| s.id.clone())
}

fn slug(text: &str) -> String {
    let folded: String = crate::resolve::names::normalise(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    folded
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

fn new_site(
    dir: &Path,
    row: &Row,
    point: GeoPoint,
    data: &Dataset,
    source: &str,
) -> Result<String> {
    let base = match slug(&row.location) {
        s if s.is_empty() => format!("{source}-place"),
        s => s,
    };
    let mut id = base.clone();
    let mut n = 2;
    while data.site(&id).is_some() {
        id = format!("{base}-{n}");
        n += 1;
    }
    let country = countries::all()
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case(&row.country) || c.alpha2 == row.country)
        .or_else(|| {
            countries::all()
                .iter()
                .find(|c| c.contains(point.lat, point.lon, 0.0))
        })
        .map(|c| c.alpha2.clone())
        .unwrap_or_default();
    let site = NewSite {
        id: id.clone(),
        name: row.location.clone(),
        name_ar: String::new(),
        name_ru: String::new(),
        aliases: Vec::new(),
        kind: if row.radius_m > 25_000.0 {
            SiteKind::Region
        } else {
            SiteKind::City
        },
        country,
        admin1: row.admin1.clone(),
        position: Position::Given {
            lat: point.lat,
            lon: point.lon,
            source: format!(
                "{} row (line {}), precision kept as a radius",
                source.to_uppercase(),
                row.line
            ),
        },
        precision_m: row.radius_m,
        source_ids: vec![source.to_string()],
        notes: String::new(),
    };
    append_site(dir, &site)?;
    Ok(id)
}

fn event_values(row: &Row, site: Option<&str>, source: &str) -> Vec<String> {
    vec![
        row.event_id.clone(),
        row.name.clone(),
        row.kind.clone(),
        row.date.to_string(),
        site.unwrap_or_default().to_string(),
        row.participants.join("|"),
        row.status.clone(),
        source.to_string(),
        row.notes.clone(),
    ]
}

/// events.csv with rows imported before replaced and new ones added, in the
/// file's own column order and line ends, checked, then written whole.
fn write_events(dir: &Path, events: &[(String, Vec<String>)], data: &Dataset) -> Result<()> {
    let path = dir.join("events.csv");
    let old = read_regular(&path, MAX_FILE_BYTES)?;
    let crlf = old.windows(2).any(|w| w == b"\r\n");
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&old[..]);
    let mut record = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut record) {
        Ok(true) => record
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect(),
        _ => return Err(Error::Input("events.csv has no header row".into())),
    };
    let value = |values: &[String], column: &str| -> String {
        let names = [
            "id",
            "name",
            "kind",
            "date",
            "site_ids",
            "participants",
            "status",
            "source_ids",
            "notes",
        ];
        names
            .iter()
            .position(|n| *n == column)
            .map(|i| values[i].clone())
            .unwrap_or_default()
    };
    let row_bytes = |values: &[String]| -> Result<Vec<u8>> {
        let mut w = csv::WriterBuilder::new()
            .terminator(if crlf {
                csv::Terminator::CRLF
            } else {
                csv::Terminator::Any(b'\n')
            })
            .from_writer(Vec::new());
        w.write_record(header.iter().map(|c| value(values, c)))
            .map_err(|e| Error::Input(e.to_string()))?;
        w.into_inner().map_err(|e| Error::Input(e.to_string()))
    };
    let by_id: HashMap<&str, &Vec<String>> =
        events.iter().map(|(id, v)| (id.as_str(), v)).collect();
    let mut new = Vec::with_capacity(old.len());
    let mut last = 0;
    let id_column = header.iter().position(|h| h == "id").unwrap_or(0);
    loop {
        let start = reader.position().byte() as usize;
        match reader.read_byte_record(&mut record) {
            Ok(true) => {}
            _ => break,
        }
        let end = reader.position().byte() as usize;
        let id = String::from_utf8_lossy(record.get(id_column).unwrap_or_default())
            .trim()
            .to_string();
        if let Some(values) = by_id.get(id.as_str()) {
            new.extend_from_slice(&old[last..start]);
            new.extend_from_slice(&row_bytes(values)?);
            last = end;
        }
    }
    new.extend_from_slice(&old[last..]);
    if !new.is_empty() && !new.ends_with(b"\n") {
        new.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    for (id, values) in events {
        if data.event(id).is_none() {
            new.extend_from_slice(&row_bytes(values)?);
        }
    }
    Dataset::load_with(dir, Some(("events.csv", &new)))?;
    OutputFile::new(&path)?.write_all(&new)
}

/// The rows of an ACLED or UCDP file, read and converted; a row that
/// cannot be read is an error naming its line and column.
fn read_rows(bytes: &[u8], file: &str, format: ImportFormat) -> Result<Vec<Row>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = reader
        .headers()
        .map_err(|e| Error::Input(format!("{file}: cannot read the header row: {e}")))?
        .clone();
    let column = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let required: &[&str] = match format {
        ImportFormat::Acled => &["event_id_cnty", "event_date", "latitude", "longitude"],
        ImportFormat::Ucdp => &["id", "date_start", "latitude", "longitude"],
    };
    if let Some(missing) = required.iter().find(|c| column(c).is_none()) {
        return Err(Error::Input(format!(
            "{file}: line 1: the header has no '{missing}' column"
        )));
    }
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Input(format!("{file}: malformed CSV: {e}")))?;
        let line = record.position().map_or(0, |p| p.line());
        let get = |name: &str| {
            column(name)
                .and_then(|i| record.get(i))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let bad =
            |field: &str, why: String| Error::Input(format!("{file}: line {line}: {field}: {why}"));
        rows.push(match format {
            ImportFormat::Acled => acled_row(&get, line, &bad)?,
            ImportFormat::Ucdp => ucdp_row(&get, line, &bad)?,
        });
    }
    Ok(rows)
}

type Bad<'a> = dyn Fn(&str, String) -> Error + 'a;

fn point(get: &dyn Fn(&str) -> String, bad: &Bad) -> Result<Option<GeoPoint>> {
    let (lat, lon) = (get("latitude"), get("longitude"));
    if lat.is_empty() && lon.is_empty() {
        return Ok(None);
    }
    let number = |field: &str, text: &str, limit: f64| {
        text.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && v.abs() <= limit)
            .ok_or_else(|| bad(field, format!("'{text}' is not a coordinate")))
    };
    Ok(Some(GeoPoint::new(
        number("latitude", &lat, 90.0)?,
        number("longitude", &lon, 180.0)?,
    )))
}

/// A date as ACLED writes it: `2022-11-16` or `16 November 2022`.
fn acled_day(text: &str) -> Option<Day> {
    Day::parse_iso(text).or_else(|| {
        let mut parts = text.split_whitespace();
        let day: u8 = parts.next()?.parse().ok()?;
        let month = parts.next()?.to_lowercase();
        let year: i32 = parts.next()?.parse().ok()?;
        let months = [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december",
        ];
        let month = months
            .iter()
            .position(|m| m.starts_with(&month[..3.min(month.len())]))?
            + 1;
        Day::parse_iso(&format!("{year}-{month:02}-{day:02}"))
    })
}

fn kind_from_words(words: &str) -> &'static str {
    let words = words.to_lowercase();
    let has = |list: &[&str]| list.iter().any(|w| words.contains(w));
    if has(&["naval exercise", "naval drill"]) {
        "naval_exercise"
    } else if has(&["exercise", "drill", "manoeuvre", "maneuver"]) {
        "exercise"
    } else if has(&["port call", "docked", "port visit"]) {
        "port_call"
    } else if has(&["agreement", "signed", "accord"]) {
        "agreement"
    } else if has(&["visit"]) {
        "visit"
    } else if has(&["ceremony"]) {
        "ceremony"
    } else if has(&["meeting", "talks"]) {
        "meeting"
    } else {
        "other"
    }
}

/// The countries named in actor or side names ("Military Forces of
/// Algeria (2019-)", "Government of Mali"), by their English names.
fn participants(names: &[String]) -> Vec<String> {
    use crate::measure::extract::lexicon::COUNTRIES;
    let mut found: Vec<String> = Vec::new();
    for name in names.iter().filter(|n| !n.is_empty()) {
        let words: Vec<String> = name
            .to_lowercase()
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect();
        let named = |country: &str| {
            let parts: Vec<String> = country
                .to_lowercase()
                .split(' ')
                .map(str::to_string)
                .collect();
            words.windows(parts.len()).any(|w| w == parts.as_slice())
        };
        let code = COUNTRIES
            .iter()
            .find(|(_, names)| names.iter().any(|n| n.is_ascii() && named(n)))
            .map(|(code, _)| code.to_string())
            .or_else(|| {
                countries::all()
                    .iter()
                    .find(|c| named(&c.name))
                    .map(|c| c.alpha2.clone())
            });
        if let Some(code) = code.filter(|c| !found.contains(c)) {
            found.push(code);
        }
    }
    found
}

fn acled_row(get: &dyn Fn(&str) -> String, line: u64, bad: &Bad) -> Result<Row> {
    let id = get("event_id_cnty");
    if id.is_empty() {
        return Err(bad(
            "event_id_cnty",
            "is empty; every ACLED row has one".into(),
        ));
    }
    let date_text = get("event_date");
    let date = match get("edtf") {
        // sandtable's own column, written by `export acled`: the date whole.
        edtf if !edtf.is_empty() => EdtfDate::parse(&edtf).map_err(|e| bad("edtf", e))?,
        _ if date_text.is_empty() => EdtfDate::default(),
        _ => {
            let day = acled_day(&date_text).ok_or_else(|| {
                bad(
                    "event_date",
                    format!("'{date_text}' is not a date (2022-11-16 or 16 November 2022)"),
                )
            })?;
            let text = match get("time_precision").as_str() {
                "" | "1" => day.to_string(),
                "2" => format!("{}/{}", day.add_days(-3), day.add_days(3)),
                "3" => format!("{}-{:02}", day.year, day.month),
                other => return Err(bad("time_precision", format!("'{other}' is not 1, 2 or 3"))),
            };
            EdtfDate::parse(&text).map_err(|e| bad("event_date", e))?
        }
    };
    let radius = match get("precision_m").parse::<f64>() {
        Ok(r) => r,
        Err(_) => match get("geo_precision").as_str() {
            "" => 5_000.0,
            code => code
                .parse()
                .ok()
                .and_then(radius_of_geo_precision)
                .ok_or_else(|| bad("geo_precision", format!("'{code}' is not 1, 2 or 3")))?,
        },
    };
    let notes = get("notes");
    let kind = match get("kind") {
        k if !k.is_empty() => k,
        _ => kind_from_words(&format!("{} {}", get("sub_event_type"), notes)).to_string(),
    };
    let event_id = match get("sandtable_event_id") {
        e if !e.is_empty() => e,
        _ => slug(&format!("acled-{id}")),
    };
    let name = notes
        .split(". ")
        .next()
        .filter(|n| !n.is_empty())
        .map(|n| n.chars().take(100).collect::<String>())
        .unwrap_or_else(|| format!("{} in {}", get("sub_event_type"), get("location")));
    Ok(Row {
        line,
        event_id,
        name,
        kind,
        date,
        point: point(get, bad)?,
        radius_m: radius,
        location: get("location"),
        country: get("country"),
        admin1: get("admin1"),
        site_id: Some(get("sandtable_site_id")).filter(|s| !s.is_empty()),
        participants: participants(&[
            get("actor1"),
            get("actor2"),
            get("assoc_actor_1"),
            get("assoc_actor_2"),
        ]),
        status: Some(get("status"))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| "reported".into()),
        notes: format!("ACLED {id}: {notes}"),
    })
}

fn ucdp_row(get: &dyn Fn(&str) -> String, line: u64, bad: &Bad) -> Result<Row> {
    let id = get("id");
    let day = |field: &str| -> Result<Option<Day>> {
        let text = get(field);
        let text = text
            .split([' ', 'T'])
            .next()
            .unwrap_or_default()
            .to_string();
        if text.is_empty() {
            return Ok(None);
        }
        Day::parse_iso(&text)
            .map(Some)
            .ok_or_else(|| bad(field, format!("'{text}' is not a date (YYYY-MM-DD)")))
    };
    let date = match (day("date_start")?, day("date_end")?) {
        (Some(a), Some(b)) if a != b => {
            EdtfDate::parse(&format!("{a}/{b}")).map_err(|e| bad("date_end", e))?
        }
        (Some(a), _) => EdtfDate::parse(&a.to_string()).map_err(|e| bad("date_start", e))?,
        (None, _) => EdtfDate::default(),
    };
    let code = get("where_prec");
    let radius = match code.as_str() {
        "" => 25_000.0,
        c => c
            .parse()
            .ok()
            .and_then(radius_of_where_prec)
            .ok_or_else(|| bad("where_prec", format!("'{c}' is not 1 to 7")))?,
    };
    let location = match get("where_coordinates") {
        w if !w.is_empty() => w.split(',').next().unwrap_or_default().trim().to_string(),
        _ => get("adm_1"),
    };
    let name = match get("dyad_name") {
        d if !d.is_empty() => d,
        _ => get("conflict_name"),
    };
    Ok(Row {
        line,
        event_id: slug(&format!("ucdp-{id}")),
        name: if name.is_empty() {
            format!("UCDP event {id}")
        } else {
            name
        },
        kind: "other".into(),
        date,
        point: point(get, bad)?,
        radius_m: radius,
        location,
        country: get("country"),
        admin1: get("adm_1"),
        site_id: None,
        participants: participants(&[get("side_a"), get("side_b")]),
        status: "reported".into(),
        notes: format!("UCDP GED {id}: {}", get("where_description")),
    })
}
