//! Rendering: typed report rows as text tables, CSV, JSON or Markdown, and
//! the sentence a distance reads as.
//!
//! Every row type derives `Serialize`; its fields are its columns, in
//! order, for every format: CSV through `csv::Writer::serialize`, JSON
//! through `serde_json`, text through `comfy-table`, and Markdown.

use crate::base::error::{csv_io as into_io, escape_controls};
use crate::base::geodesy::{compass_point, GeoPoint};
use crate::base::units::Unit;
use crate::base::vocab::{
    vocabulary, BoundaryStatus, ClaimKind, EventKind, EventStatus, SiteKind, Verdict,
};
use crate::load::dataset::Dataset;
use crate::load::model::{Event, Site};
use crate::measure::claims::ClaimCheck;
use crate::measure::distances::Measurement;
use crate::measure::mentions::Mention;
use crate::measure::toponyms::Toponym;
use crate::resolve::geocode::Suggestion;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::io::{self, Write};

vocabulary! {
    /// Output formats.
    ///
    /// ```
    /// assert_eq!("md".parse::<sandtable::render::Format>().unwrap(), sandtable::render::Format::Md);
    /// ```
    Format, "format" {
        /// A readable table (or sentence).
        Text = "text",
        /// CSV with a header row.
        Csv = "csv",
        /// JSON.
        Json = "json",
        /// A Markdown table.
        Md = "md",
    }
}

/// Writes rows in a format: a table for text and Markdown, CSV with a
/// header (also when there are no rows), a JSON array of objects.
///
/// ```
/// use sandtable::{render::write_rows, render::FactRow, render::Format};
/// let rows = vec![FactRow { fact: "kind".into(), value: "exercise".into(), source: "trt-2022".into(),
///     outlet: "TRT".into(), published: "2022".into(), quote: String::new(), link: String::new() }];
/// let mut out = Vec::new();
/// write_rows(&mut out, &rows, Format::Csv).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(), "fact,value,source,outlet,published,quote,link\nkind,exercise,trt-2022,TRT,2022,,\n");
/// ```
pub fn write_rows<T>(out: &mut dyn Write, rows: &[T], format: Format) -> io::Result<()>
where
    T: Serialize + for<'de> Deserialize<'de>,
{
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, rows)?;
            writeln!(out)
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(out);
            if rows.is_empty() {
                w.write_record(columns::<T>()).map_err(into_io)?;
            }
            for row in rows {
                w.serialize(row).map_err(into_io)?;
            }
            w.flush()
        }
        Format::Md => {
            let columns = columns::<T>();
            writeln!(out, "| {} |", columns.join(" | "))?;
            writeln!(out, "|{}", " --- |".repeat(columns.len()))?;
            for row in rows {
                let cells: Vec<String> = cells(row).map(|c| c.replace('|', "\\|")).collect();
                writeln!(out, "| {} |", cells.join(" | "))?;
            }
            Ok(())
        }
        Format::Text => {
            let mut table = comfy_table::Table::new();
            table
                .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
                .set_header(columns::<T>());
            // Wrap to the terminal's width, or to $COLUMNS when it is set;
            // piped without it, rows stay whole for tools like grep.
            let columns = std::env::var("COLUMNS").ok().and_then(|c| c.parse().ok());
            if let Some(width) = columns {
                table.set_width(width);
            }
            if table.width().is_some() {
                table.set_content_arrangement(comfy_table::ContentArrangement::Dynamic);
            }
            for row in rows {
                table.add_row(cells(row));
            }
            writeln!(out, "{table}")
        }
    }
}

/// Rows in one text table at most: a longer listing is drawn as several
/// tables, so memory stays bounded whatever the number of rows.
const TEXT_PAGE_ROWS: usize = 10_000;

/// Rows written as they come, for output of any length: CSV and Markdown
/// get their header once, JSON is one array; a text table needs its rows
/// for its widths, so it is drawn in pages of [`TEXT_PAGE_ROWS`].
pub struct RowStream<'w, T> {
    out: &'w mut dyn Write,
    format: Format,
    count: usize,
    held: Vec<T>,
}

impl<'w, T: Serialize + for<'de> Deserialize<'de>> RowStream<'w, T> {
    /// A stream of rows in `format` to `out`.
    pub fn new(out: &'w mut dyn Write, format: Format) -> Self {
        RowStream {
            out,
            format,
            count: 0,
            held: Vec::new(),
        }
    }

    /// Writes some rows.
    pub fn write(&mut self, rows: Vec<T>) -> io::Result<()> {
        for row in rows {
            match self.format {
                Format::Text => {
                    self.held.push(row);
                    // A text table needs its rows for its widths; past a
                    // page of them, draw it and start the next.
                    if self.held.len() == TEXT_PAGE_ROWS {
                        write_rows(self.out, &self.held, Format::Text)?;
                        self.held.clear();
                    }
                }
                Format::Json => {
                    let lead = if self.count == 0 { "[\n" } else { ",\n" };
                    write!(self.out, "{lead}{}", serde_json::to_string(&row)?)?;
                }
                Format::Csv | Format::Md => {
                    if self.count == 0 {
                        write_rows(self.out, &[] as &[T], self.format)?;
                    }
                    match self.format {
                        Format::Csv => {
                            let mut w = csv::WriterBuilder::new()
                                .has_headers(false)
                                .from_writer(&mut *self.out);
                            w.serialize(&row).map_err(into_io)?;
                            w.flush()?;
                        }
                        _ => {
                            let cells: Vec<String> =
                                cells(&row).map(|c| c.replace('|', "\\|")).collect();
                            writeln!(self.out, "| {} |", cells.join(" | "))?;
                        }
                    }
                }
            }
            self.count += 1;
        }
        Ok(())
    }

    /// Ends the output (the closing bracket, or the whole text table).
    pub fn finish(self) -> io::Result<()> {
        match self.format {
            Format::Text if self.count > 0 && self.held.is_empty() => Ok(()),
            Format::Text => write_rows(self.out, &self.held, Format::Text),
            Format::Json if self.count == 0 => writeln!(self.out, "[]"),
            Format::Json => writeln!(self.out, "\n]"),
            Format::Csv | Format::Md if self.count == 0 => {
                write_rows(self.out, &[] as &[T], self.format)
            }
            _ => Ok(()),
        }
    }
}

/// A row's values as table cells: text bare (control characters escaped,
/// so that data cannot act on a terminal), null empty.
fn cells<T: Serialize>(row: &T) -> impl Iterator<Item = String> {
    let Ok(Value::Object(map)) = serde_json::to_value(row) else {
        unreachable!("report rows are structs")
    };
    map.into_iter().map(|(_, v)| match v {
        Value::Null => String::new(),
        Value::String(s) => escape_controls(&s),
        other => other.to_string(),
    })
}

/// A row type's column names: its fields, as serde sees them.
fn columns<T: for<'de> Deserialize<'de>>() -> Vec<&'static str> {
    struct Fields(Vec<&'static str>);
    impl<'de> serde::Deserializer<'de> for &mut Fields {
        type Error = serde::de::value::Error;
        fn deserialize_any<V: serde::de::Visitor<'de>>(
            self,
            _: V,
        ) -> Result<V::Value, Self::Error> {
            Err(serde::de::Error::custom("fields only"))
        }
        fn deserialize_struct<V: serde::de::Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            self.0 = fields.to_vec();
            Err(serde::de::Error::custom("fields only"))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
            bytes byte_buf option unit unit_struct newtype_struct seq tuple
            tuple_struct map enum identifier ignored_any
        }
    }
    let mut fields = Fields(Vec::new());
    let _ = T::deserialize(&mut fields);
    fields.0
}

/// Rounds to `decimals` places for output (JSON numbers stay numbers).
pub(crate) fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f + 0.0
}

fn text(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_string())
}

fn joined<T: AsRef<str>>(items: &[T]) -> String {
    items
        .iter()
        .map(AsRef::as_ref)
        .collect::<Vec<_>>()
        .join("; ")
}

/// One site, as `sandtable sites` lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)] // the columns are the data dictionary's (docs/data.md)
pub struct SiteRow {
    pub id: String,
    pub name: String,
    pub name_ar: Option<String>,
    pub name_ru: Option<String>,
    pub aliases: String,
    pub kind: SiteKind,
    pub country: String,
    pub admin1: Option<String>,
    pub lat: f64,
    pub lon: f64,
    pub precision_m: f64,
    pub coord_source: String,
}

impl SiteRow {
    /// The row for a site.
    pub fn of(s: &Site) -> SiteRow {
        SiteRow {
            id: s.id.clone(),
            name: s.name.clone(),
            name_ar: text(&s.name_ar),
            name_ru: text(&s.name_ru),
            aliases: joined(&s.aliases),
            kind: s.kind,
            country: s.country.alpha2.clone(),
            admin1: text(&s.admin1),
            lat: s.location.y(),
            lon: s.location.x(),
            precision_m: s.precision_m,
            coord_source: s.coord_source.clone(),
        }
    }
}

/// One event, with its day bounds, as `sandtable events` lists it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct EventRow {
    pub id: String,
    pub name: String,
    pub kind: EventKind,
    pub date: Option<String>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub site_ids: String,
    pub participants: String,
    pub personnel: Option<u32>,
    pub status: EventStatus,
    pub source_ids: String,
    pub conflicts: String,
}

impl EventRow {
    /// The row for an event.
    pub fn of(e: &Event) -> EventRow {
        let codes: Vec<&str> = e.participants.iter().map(|c| c.alpha2.as_str()).collect();
        EventRow {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            date: text(e.date.text()),
            start: e.date.earliest().map(|d| d.to_string()),
            end: e.date.latest().map(|d| d.to_string()),
            site_ids: joined(&e.site_ids),
            participants: joined(&codes),
            personnel: e.personnel,
            status: e.status,
            source_ids: joined(&e.source_ids),
            conflicts: joined(&e.conflicts),
        }
    }
}

/// One version of a disputed field, with its source.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct ConflictRow {
    pub event_id: String,
    pub event: String,
    pub field: String,
    pub value: String,
    pub source_id: String,
    pub outlet: Option<String>,
    pub quote: String,
    pub notes: Option<String>,
}

impl ConflictRow {
    /// Every version of every disputed field of these events.
    pub fn all(data: &Dataset, events: &[&Event]) -> Vec<ConflictRow> {
        let mut rows = Vec::new();
        for e in events {
            for field in &e.conflicts {
                for s in data.statements_for(&e.id).filter(|s| &s.field == field) {
                    rows.push(ConflictRow {
                        event_id: e.id.clone(),
                        event: e.name.clone(),
                        field: field.clone(),
                        value: s.value.clone(),
                        source_id: s.source_id.clone(),
                        outlet: data.source(&s.source_id).and_then(|src| text(&src.outlet)),
                        quote: s.quote.clone(),
                        notes: text(&s.notes),
                    });
                }
            }
        }
        rows
    }
}

/// One measurement (a row of `report`, or `distance` as CSV).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct MeasurementRow {
    pub from: String,
    pub from_id: Option<String>,
    pub to: String,
    pub status: Option<BoundaryStatus>,
    pub distance: f64,
    pub unit: Unit,
    pub bearing_deg: f64,
    pub compass: String,
    pub nearest_lat: f64,
    pub nearest_lon: f64,
    pub source: Option<String>,
}

impl MeasurementRow {
    /// The row for a measurement, its distance in `unit`.
    pub fn of(m: &Measurement, unit: Unit) -> MeasurementRow {
        MeasurementRow {
            from: m.from.label.clone(),
            from_id: m.from.site_id.clone(),
            to: m
                .boundary
                .as_ref()
                .map_or(m.to_label.clone(), |b| b.id.clone()),
            status: m.boundary.as_ref().and_then(|b| b.status),
            distance: round(unit.from_metres(m.distance_m), 3),
            unit,
            bearing_deg: round(m.initial_bearing_deg, 1),
            compass: compass_point(m.initial_bearing_deg).to_string(),
            nearest_lat: round(m.to_point.lat, 5),
            nearest_lon: round(m.to_point.lon, 5),
            source: m.boundary.as_ref().map(|b| b.source.clone()),
        }
    }
}

/// One claim with its computed figure and verdict.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct ClaimRow {
    pub id: String,
    pub source_id: String,
    pub kind: ClaimKind,
    pub subject: String,
    pub target: String,
    pub claimed: Option<Claimed>,
    pub unit: String,
    pub computed: Option<f64>,
    pub difference: Option<f64>,
    pub accepted_low: Option<f64>,
    pub accepted_high: Option<f64>,
    pub verdict: Verdict,
    pub detail: String,
}

impl ClaimRow {
    /// The row for a checked claim.
    pub fn of(c: &ClaimCheck) -> ClaimRow {
        let num = |v: Option<f64>| v.map(|v| round(v, 2));
        ClaimRow {
            id: c.claim.id.clone(),
            source_id: c.claim.source_id.clone(),
            kind: c.claim.spec.kind(),
            subject: c.claim.subject.clone(),
            target: c.claim.target.clone(),
            claimed: text(&c.claim.value).map(|v| match v.parse() {
                Ok(number) => Claimed::Number(number),
                Err(_) => Claimed::Text(v),
            }),
            unit: c.claim.spec.figure_unit().to_string(),
            computed: num(c.computed),
            difference: num(c.difference),
            accepted_low: num(c.accepted.map(|a| a.0)),
            accepted_high: num(c.accepted.map(|a| a.1)),
            verdict: c.verdict,
            detail: c.detail.clone(),
        }
    }
}

/// A claimed value: a number when it is one (`80`), else text (`2..9`, `SW`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Claimed {
    /// A number.
    Number(f64),
    /// A range or compass point.
    Text(String),
}

/// One mention of a site in a text, with a context snippet.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct MentionRow {
    pub file: String,
    pub site_id: String,
    pub matched: String,
    pub start: usize,
    pub end: usize,
    pub context: String,
}

impl MentionRow {
    /// One file's mentions, each with 30 characters of context each side
    /// (line breaks as spaces).
    pub fn all(file: &str, text: &str, found: &[Mention]) -> Vec<MentionRow> {
        let chars: Vec<char> = text.chars().collect();
        found
            .iter()
            .map(|m| {
                let from = m.start.saturating_sub(30);
                let to = (m.end + 30).min(chars.len());
                let context: String = chars[from..to]
                    .iter()
                    .map(|&c| if c.is_whitespace() { ' ' } else { c })
                    .collect();
                MentionRow {
                    file: file.to_string(),
                    site_id: m.site_id.clone(),
                    matched: m.matched.clone(),
                    start: m.start,
                    end: m.end,
                    context: context.trim().to_string(),
                }
            })
            .collect()
    }
}

/// One fact of `explain`, with the sources that state it.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct FactRow {
    pub fact: String,
    pub value: String,
    pub source: String,
    pub outlet: String,
    pub published: String,
    pub quote: String,
    /// Where the article is, archived when it was (else as published).
    pub link: String,
}

/// A point as `distance --format json` gives it.
#[derive(Debug, Clone, Serialize)]
struct PointJson {
    label: String,
    lon: f64,
    lat: f64,
    #[serde(skip_serializing_if = "Option::is_none")]
    id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    boundary: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<BoundaryStatus>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
struct LonLat {
    lon: f64,
    lat: f64,
}

/// One measurement as the JSON object `distance --format json` prints.
#[derive(Debug, Clone, Serialize)]
pub struct DistanceJson {
    from: PointJson,
    to: PointJson,
    distance_m: f64,
    distance: f64,
    unit: Unit,
    initial_bearing_deg: f64,
    compass: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    nearest: Option<LonLat>,
}

impl DistanceJson {
    /// The object for a measurement; for a boundary, `to` is the nearest
    /// point with the boundary named, and `nearest` repeats it.
    pub fn of(m: &Measurement, unit: Unit) -> DistanceJson {
        let point = |label: &str, id: Option<&String>, p: GeoPoint| PointJson {
            label: label.to_string(),
            lon: round(p.lon, 7),
            lat: round(p.lat, 7),
            id: id.cloned(),
            boundary: None,
            status: None,
            source: None,
        };
        let mut to = point(&m.to_label, m.to_site_id.as_ref(), m.to_point);
        if let Some(b) = &m.boundary {
            to.label = b.label.clone();
            to.boundary = Some(b.id.clone());
            to.status = b.status;
            to.source = Some(b.source.clone());
        }
        DistanceJson {
            from: point(&m.from.label, m.from.site_id.as_ref(), m.from.point),
            nearest: m.boundary.as_ref().map(|_| LonLat {
                lon: to.lon,
                lat: to.lat,
            }),
            to,
            distance_m: round(m.distance_m, 6),
            distance: round(unit.from_metres(m.distance_m), 6),
            unit,
            initial_bearing_deg: round(m.initial_bearing_deg, 6),
            compass: compass_point(m.initial_bearing_deg),
        }
    }
}

/// A distance with rounding that suits its size, e.g. `47.9 km`.
///
/// ```
/// use sandtable::{render::format_distance, base::Unit};
/// assert_eq!(format_distance(47_912.3, Unit::Kilometre), "47.9 km");
/// assert_eq!(format_distance(1_234_567.0, Unit::Kilometre), "1235 km");
/// ```
pub fn format_distance(metres: f64, unit: Unit) -> String {
    let v = unit.from_metres(metres);
    format!("{:.*} {unit}", unit.decimals(v), v)
}

/// The sentence for one measurement, ready to paste into an article.
pub fn distance_sentence(m: &Measurement, unit: Unit) -> String {
    let bearing = format!(
        "bearing {:.0}° ({})",
        m.initial_bearing_deg,
        compass_point(m.initial_bearing_deg)
    );
    let distance = format_distance(m.distance_m, unit);
    match &m.boundary {
        Some(b) => {
            let disputed = if b.status == Some(BoundaryStatus::Disputed) {
                " (disputed)"
            } else {
                ""
            };
            format!(
                "{} is {distance} from the {}{disputed}, {bearing}; nearest boundary point {:.5}, {:.5}. Geodesic on WGS84; boundary: {}.\n",
                escape_controls(&m.from.label), escape_controls(&b.label), m.to_point.lat, m.to_point.lon, escape_controls(&b.source)
            )
        }
        None if m.distance_m == 0.0 => {
            format!(
                "{} and {} are the same point.\n",
                escape_controls(&m.from.label),
                escape_controls(&m.to_label)
            )
        }
        None => format!(
            "{} is {distance} from {}, {bearing}. Geodesic on WGS84.\n",
            escape_controls(&m.from.label),
            escape_controls(&m.to_label)
        ),
    }
}

/// One place suggested by `geocode`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct GeocodeRow {
    pub rank: usize,
    pub name: String,
    pub other_names: String,
    pub country: String,
    pub admin1: String,
    pub feature: String,
    pub population: Option<u64>,
    pub lat: f64,
    pub lon: f64,
    pub geonameid: Option<u32>,
    #[serde(rename = "match")]
    pub how: String,
}

impl GeocodeRow {
    /// The rows for a list of suggestions, ranked from 1.
    ///
    /// ```
    /// let g = sandtable::resolve::Gazetteer::bundled().unwrap();
    /// let rows = sandtable::render::GeocodeRow::all(&g.find("Djanet", None, 3));
    /// assert_eq!((rows[0].rank, rows[0].country.as_str()), (1, "DZ"));
    /// ```
    pub fn all(found: &[Suggestion]) -> Vec<GeocodeRow> {
        found
            .iter()
            .enumerate()
            .map(|(i, s)| GeocodeRow {
                rank: i + 1,
                name: s.name.to_string(),
                other_names: s
                    .place
                    .names
                    .iter()
                    .filter(|n| *n != s.name)
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("|"),
                country: s.place.country.clone(),
                admin1: s.place.admin1.clone(),
                feature: s.place.feature.clone().unwrap_or_default(),
                population: s.place.population,
                lat: s.place.lat,
                lon: s.place.lon,
                geonameid: s.place.geonameid,
                how: s.how.as_str().to_string(),
            })
            .collect()
    }
}

/// One place an article names that the gazetteer lacks (`mentions --unknown`).
#[derive(Debug, Clone, Serialize, Deserialize)]
#[allow(missing_docs)]
pub struct UnknownRow {
    pub file: String,
    pub name: String,
    pub count: usize,
    pub cue: String,
    pub start: usize,
    pub context: String,
}

impl UnknownRow {
    /// The rows for one file's candidates.
    ///
    /// ```
    /// let t = sandtable::measure::Toponym { name: "Djanet".into(), count: 2, cue: Some("wilaya".into()), start: 7, context: "wilaya Djanet".into() };
    /// assert_eq!(sandtable::render::UnknownRow::all("a.txt", &[t])[0].cue, "wilaya");
    /// ```
    pub fn all(file: &str, found: &[Toponym]) -> Vec<UnknownRow> {
        found
            .iter()
            .map(|t| UnknownRow {
                file: file.to_string(),
                name: t.name.clone(),
                count: t.count,
                cue: t.cue.clone().unwrap_or_default(),
                start: t.start,
                context: t.context.clone(),
            })
            .collect()
    }
}
