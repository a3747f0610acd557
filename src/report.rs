//! Rendering: records as text tables, CSV, JSON or Markdown, and the
//! sentence a distance reads as.

use crate::claims::ClaimCheck;
use crate::dataset::Dataset;
use crate::geodesy::compass_point;
use crate::measure::Measurement;
use crate::model::{Event, Site};
use crate::units::Unit;
use serde_json::{json, Map, Value};
use std::str::FromStr;

/// Output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Format {
    /// A readable table (or sentence).
    #[default]
    Text,
    /// CSV with a header row.
    Csv,
    /// JSON.
    Json,
    /// A Markdown table.
    Md,
}

impl FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Format, String> {
        match s {
            "text" => Ok(Format::Text),
            "csv" => Ok(Format::Csv),
            "json" => Ok(Format::Json),
            "md" => Ok(Format::Md),
            _ => Err(format!(
                "'{s}' is not a format; expected text, csv, json or md"
            )),
        }
    }
}

/// Flat records with named columns, ready for any format.
///
/// ```
/// use sandtable::report::{Format, Records};
/// use serde_json::json;
/// let mut r = Records::new(&["id", "km"]);
/// r.push(vec![json!("a"), json!(1.5)]);
/// assert_eq!(r.render(Format::Csv), "id,km\na,1.5\n");
/// ```
#[derive(Debug, Clone, Default)]
pub struct Records {
    columns: Vec<String>,
    rows: Vec<Vec<Value>>,
}

impl Records {
    /// Empty records with these columns.
    pub fn new(columns: &[&str]) -> Records {
        Records {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (one value per column).
    pub fn push(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len());
        self.rows.push(row);
    }

    /// The rows as JSON objects.
    pub fn to_json(&self) -> Value {
        Value::Array(
            self.rows
                .iter()
                .map(|row| {
                    let map: Map<String, Value> = self
                        .columns
                        .iter()
                        .cloned()
                        .zip(row.iter().cloned())
                        .collect();
                    Value::Object(map)
                })
                .collect(),
        )
    }

    /// Renders in a format; text and Markdown are tables, CSV has a header.
    pub fn render(&self, format: Format) -> String {
        match format {
            Format::Json => format!(
                "{}\n",
                serde_json::to_string_pretty(&self.to_json()).expect("json")
            ),
            Format::Csv => {
                let mut w = csv::Writer::from_writer(Vec::new());
                w.write_record(&self.columns).expect("in memory");
                for row in &self.rows {
                    w.write_record(row.iter().map(cell)).expect("in memory");
                }
                String::from_utf8(w.into_inner().expect("in memory")).expect("utf-8")
            }
            Format::Md => {
                let mut out = format!("| {} |\n", self.columns.join(" | "));
                out += &format!("|{}\n", " --- |".repeat(self.columns.len()));
                for row in &self.rows {
                    let cells: Vec<String> =
                        row.iter().map(|v| cell(v).replace('|', "\\|")).collect();
                    out += &format!("| {} |\n", cells.join(" | "));
                }
                out
            }
            Format::Text => {
                let mut table = comfy_table::Table::new();
                table
                    .load_preset(comfy_table::presets::UTF8_BORDERS_ONLY)
                    .set_header(&self.columns);
                for row in &self.rows {
                    table.add_row(row.iter().map(cell));
                }
                format!("{table}\n")
            }
        }
    }
}

/// A JSON value as a table cell: strings bare, null empty.
fn cell(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// Rounds to `decimals` places for output (JSON numbers stay numbers).
pub fn round(v: f64, decimals: i32) -> f64 {
    let f = 10f64.powi(decimals);
    (v * f).round() / f
}

fn text_or_null(s: &str) -> Value {
    if s.is_empty() {
        Value::Null
    } else {
        json!(s)
    }
}

/// The sites as records: every column of `sites.csv` up to `coord_source`.
pub fn sites(list: &[&Site]) -> Records {
    let mut r = Records::new(&Site::COLUMNS[..12]);
    for s in list {
        r.push(vec![
            json!(s.id),
            json!(s.name),
            text_or_null(&s.name_ar),
            text_or_null(&s.name_ru),
            json!(s.aliases.join("; ")),
            json!(s.kind),
            json!(s.country),
            text_or_null(&s.admin1),
            json!(s.lat),
            json!(s.lon),
            json!(s.precision_m),
            json!(s.coord_source),
        ]);
    }
    r
}

/// The events as records, with day bounds and conflicts.
pub fn events(list: &[&Event]) -> Records {
    let mut r = Records::new(&[
        "id",
        "name",
        "kind",
        "date",
        "start",
        "end",
        "site_ids",
        "participants",
        "personnel",
        "status",
        "source_ids",
        "conflicts",
    ]);
    for e in list {
        r.push(vec![
            json!(e.id),
            json!(e.name),
            json!(e.kind),
            text_or_null(e.date.text()),
            e.date
                .earliest()
                .map_or(Value::Null, |d| json!(d.to_string())),
            e.date
                .latest()
                .map_or(Value::Null, |d| json!(d.to_string())),
            json!(e.site_ids.join("; ")),
            json!(e.participants.join("; ")),
            e.personnel.map_or(Value::Null, |p| json!(p)),
            json!(e.status),
            json!(e.source_ids.join("; ")),
            json!(e.conflicts.join("; ")),
        ]);
    }
    r
}

/// Each version of each disputed field, with its source.
pub fn conflicts(data: &Dataset, list: &[&Event]) -> Records {
    let mut r = Records::new(&[
        "event_id",
        "event",
        "field",
        "value",
        "source_id",
        "outlet",
        "notes",
    ]);
    for e in list {
        for field in &e.conflicts {
            for s in data.statements_for(&e.id).filter(|s| &s.field == field) {
                let outlet = data
                    .source(&s.source_id)
                    .map_or("", |src| src.outlet.as_str());
                r.push(vec![
                    json!(e.id),
                    json!(e.name),
                    json!(field),
                    json!(s.value),
                    json!(s.source_id),
                    text_or_null(outlet),
                    text_or_null(&s.notes),
                ]);
            }
        }
    }
    r
}

/// One measurement as the JSON object `distance --format json` prints.
pub fn distance_json(m: &Measurement, unit: Unit) -> Value {
    let mut out = json!({
        "from": place_json(&m.from.label, m.from.site_id.as_deref(), m.from.point),
        "to": place_json(&m.to_label, m.to_site_id.as_deref(), m.to_point),
        "distance_m": round(m.distance_m, 6),
        "distance": round(unit.from_metres(m.distance_m), 6),
        "unit": unit.symbol(),
        "initial_bearing_deg": round(m.initial_bearing_deg, 6),
        "compass": compass_point(m.initial_bearing_deg),
    });
    if let Some(b) = &m.boundary {
        // `to` keeps the nearest point's lon/lat, with the boundary named.
        out["to"]["label"] = json!(b.label);
        out["to"]["boundary"] = json!(b.id);
        out["to"]["status"] = text_or_null(&b.status);
        out["to"]["source"] = json!(b.source);
        out["nearest"] =
            json!({ "lon": round(m.to_point.lon, 7), "lat": round(m.to_point.lat, 7) });
    }
    out
}

fn place_json(label: &str, id: Option<&str>, p: crate::geodesy::GeoPoint) -> Value {
    let mut v = json!({ "label": label, "lon": round(p.lon, 7), "lat": round(p.lat, 7) });
    if let Some(id) = id {
        v["id"] = json!(id);
    }
    v
}

/// A distance with rounding that suits its size, e.g. `47.9 km`.
///
/// ```
/// use sandtable::{report::format_distance, units::Unit};
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
            let disputed = if b.status == "disputed" {
                " (disputed)"
            } else {
                ""
            };
            format!(
                "{} is {distance} from the {}{disputed}, {bearing}; nearest boundary point {:.5}, {:.5}. Geodesic on WGS84; boundary: {}.\n",
                m.from.label, b.label, m.to_point.lat, m.to_point.lon, b.source
            )
        }
        None if m.distance_m == 0.0 => {
            format!("{} and {} are the same point.\n", m.from.label, m.to_label)
        }
        None => format!(
            "{} is {distance} from {}, {bearing}. Geodesic on WGS84.\n",
            m.from.label, m.to_label
        ),
    }
}

/// Measurements as records (one per row of `report`, or `distance` in CSV).
pub fn measurements(list: &[Measurement], unit: Unit) -> Records {
    let distance_col = format!("distance_{}", unit.symbol());
    let mut r = Records::new(&[
        "from",
        "from_id",
        "to",
        "status",
        &distance_col,
        "bearing_deg",
        "compass",
        "nearest_lat",
        "nearest_lon",
        "source",
    ]);
    for m in list {
        let (status, source) = m.boundary.as_ref().map_or((Value::Null, Value::Null), |b| {
            (text_or_null(&b.status), json!(b.source))
        });
        let v = unit.from_metres(m.distance_m);
        r.push(vec![
            json!(m.from.label),
            m.from.site_id.as_ref().map_or(Value::Null, |id| json!(id)),
            json!(m
                .boundary
                .as_ref()
                .map_or(m.to_label.clone(), |b| b.id.clone())),
            status,
            json!(round(v, 3)),
            json!(round(m.initial_bearing_deg, 1)),
            json!(compass_point(m.initial_bearing_deg)),
            json!(round(m.to_point.lat, 5)),
            json!(round(m.to_point.lon, 5)),
            source,
        ]);
    }
    r
}

/// Claim checks as records.
pub fn claims(list: &[ClaimCheck]) -> Records {
    let mut r = Records::new(&[
        "id",
        "source_id",
        "kind",
        "subject",
        "target",
        "claimed",
        "unit",
        "computed",
        "difference",
        "accepted_low",
        "accepted_high",
        "verdict",
        "detail",
    ]);
    for c in list {
        let claimed = c
            .claim
            .value
            .parse::<f64>()
            .map_or_else(|_| text_or_null(&c.claim.value), |v| json!(v));
        let unit = match c.claim.kind {
            crate::model::ClaimKind::Between => "%",
            crate::model::ClaimKind::Bearing => "deg",
            _ => c.claim.unit.as_str(),
        };
        let num = |v: Option<f64>| v.map_or(Value::Null, |v| json!(round(v, 2)));
        r.push(vec![
            json!(c.claim.id),
            json!(c.claim.source_id),
            json!(c.claim.kind.as_str()),
            json!(c.claim.subject),
            json!(c.claim.target),
            claimed,
            json!(unit),
            num(c.computed),
            num(c.difference),
            num(c.accepted.map(|a| a.0)),
            num(c.accepted.map(|a| a.1)),
            json!(c.verdict.as_str()),
            json!(c.detail),
        ]);
    }
    r
}

/// Empty records for `mentions`.
pub fn mentions_records() -> Records {
    Records::new(&["file", "site_id", "matched", "start", "end", "context"])
}

/// Adds one file's mentions, each with a context snippet (30 characters
/// each side, line breaks as spaces).
pub fn add_mentions(r: &mut Records, file: &str, text: &str, found: &[crate::mentions::Mention]) {
    let chars: Vec<char> = text.chars().collect();
    for m in found {
        let from = m.start.saturating_sub(30);
        let to = (m.end + 30).min(chars.len());
        let context: String = chars[from..to]
            .iter()
            .map(|&c| if c.is_whitespace() { ' ' } else { c })
            .collect();
        r.push(vec![
            json!(file),
            json!(m.site_id),
            json!(m.matched),
            json!(m.start),
            json!(m.end),
            json!(context.trim()),
        ]);
    }
}
