//! The web map, `index.html`: a self-contained page that works opened as a
//! file, offline. Leaflet is vendored (`vendor/leaflet/`, BSD 2-Clause) and
//! copied beside the page; the layers and the events are written into
//! `data.js` (a page opened from disk may not fetch files, but may load a
//! script beside it).

use super::Layer;
use crate::base::dates::EdtfDate;
use crate::load::dataset::Dataset;
use crate::load::model::Event;
use crate::load::story::{MapLanguage, Story, StoryText, StoryView};
use crate::measure::findings::Findings;
use crate::resolve::filter::by_date;
use serde::Serialize;

/// What the timeline and the popups need about each event, sited or not.
#[derive(Serialize)]
struct EventInfo<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    date: &'a str,
    start: Option<String>,
    end: Option<String>,
    status: &'a str,
    sites: &'a [String],
    conflicts: &'a [String],
    sources: Vec<SourceInfo<'a>>,
    verdicts: Vec<String>,
    /// What each source says of the event, in its own words.
    quotes: Vec<QuoteInfo<'a>>,
    /// When the sources disagree on the date: each one's version, drawn as
    /// its own mark on the timeline.
    versions: Vec<DateVersion<'a>>,
}

#[derive(Serialize)]
struct DateVersion<'a> {
    source: &'a str,
    date: &'a str,
    start: String,
    end: String,
}

/// How far (degrees) the page's copy of a boundary or measurement line may
/// stray from the layer's: about 300 m, a pixel at the web map's closest
/// zoom. The GeoJSON layers keep every vertex, and measuring uses the
/// boundaries whole.
const WEB_SIMPLIFY_DEG: f64 = 0.003;

/// How the page simplifies each layer (degrees; 0 rounds only), if at all.
fn page_tolerance(layer: &str) -> Option<f64> {
    match layer {
        "borders" | "border-links" => Some(WEB_SIMPLIFY_DEG),
        "land" | "coast" => Some(0.0),
        _ => None,
    }
}

/// A layer as the page draws it: lines simplified by
/// `tolerance_deg` (Ramer–Douglas–Peucker, ends kept; rings too small to
/// simplify kept as they are) and coordinates to 3 decimals (about 100 m,
/// finer than the 2 km the context is simplified to), so the land, coast
/// and boundaries of a story fit in well under a megabyte, and a thousand
/// sites' measurement lines in a few hundred kilobytes.
fn for_display(geojson: &str, tolerance_deg: f64) -> String {
    let Ok(mut layer) = serde_json::from_str::<serde_json::Value>(geojson) else {
        return geojson.trim_end().to_string();
    };
    for feature in layer["features"].as_array_mut().into_iter().flatten() {
        lighten(&mut feature["geometry"]["coordinates"], tolerance_deg);
    }
    layer.to_string()
}

/// Simplifies and rounds every line or ring nested in `coordinates`.
fn lighten(coordinates: &mut serde_json::Value, tolerance_deg: f64) {
    let Some(items) = coordinates.as_array_mut() else {
        return;
    };
    let is_line = items.first().is_some_and(|p| p[0].is_number());
    if !is_line {
        items.iter_mut().for_each(|c| lighten(c, tolerance_deg));
        return;
    }
    let line: geo::LineString<f64> = items
        .iter()
        .filter_map(|p| Some((p[0].as_f64()?, p[1].as_f64()?)))
        .collect();
    let closed = line.is_closed();
    let simple = geo::Simplify::simplify(&line, tolerance_deg);
    let kept = if closed && simple.0.len() < 4 {
        line
    } else {
        simple
    };
    let round = |x: f64| (x * 1e3).round() / 1e3;
    let mut points: Vec<(f64, f64)> = kept.0.iter().map(|c| (round(c.x), round(c.y))).collect();
    points.dedup();
    if points.len() < if closed { 4 } else { 2 } {
        return; // rounding collapsed it: keep it as it was
    }
    *items = points
        .into_iter()
        .map(|(x, y)| serde_json::json!([x, y]))
        .collect();
}

/// `map.toml` as the page needs it: the words in every language offered.
#[derive(Serialize)]
struct StoryInfo<'a> {
    texts: std::collections::BTreeMap<MapLanguage, StoryText>,
    source: &'a str,
    credit: &'a str,
    languages: &'a [MapLanguage],
    view: &'a StoryView,
}

impl<'a> StoryInfo<'a> {
    fn of(story: &'a Story) -> StoryInfo<'a> {
        StoryInfo {
            texts: MapLanguage::ALL
                .iter()
                .map(|&l| (l, story.text(l)))
                .collect(),
            source: &story.source,
            credit: &story.credit,
            languages: &story.languages,
            view: &story.view,
        }
    }
}

/// Each source's own date for `event`, when the sources disagree on it
/// (values that are not dates, such as "October, year not stated", have
/// no place on a timeline and are left to the popup).
fn date_versions<'a>(data: &'a Dataset, event: &'a Event) -> Vec<DateVersion<'a>> {
    if !event.conflicts.iter().any(|c| c == "date") {
        return Vec::new();
    }
    data.statements_for(&event.id)
        .filter(|st| st.field == "date")
        .filter_map(|st| {
            let date = EdtfDate::parse(&st.value).ok()?;
            Some(DateVersion {
                source: &st.source_id,
                date: &st.value,
                start: date.earliest()?.to_string(),
                end: date.latest()?.to_string(),
            })
        })
        .collect()
}

#[derive(Serialize)]
struct QuoteInfo<'a> {
    source: &'a str,
    field: &'a str,
    value: &'a str,
    quote: &'a str,
    lang: &'a str,
}

#[derive(Serialize)]
struct SourceInfo<'a> {
    id: &'a str,
    outlet: &'a str,
    title: &'a str,
    published: String,
    url: &'a str,
    archive_url: &'a str,
    lang: &'a str,
}

pub(super) fn files(
    data: &Dataset,
    findings: &Findings,
    layers: &[Layer],
) -> Vec<(String, Vec<u8>)> {
    let mut sorted: Vec<&Event> = data.events.iter().collect();
    by_date(&mut sorted);
    let events: Vec<EventInfo> = sorted
        .into_iter()
        .map(|e| EventInfo {
            id: &e.id,
            name: &e.name,
            kind: e.kind.as_str(),
            date: e.date.text(),
            start: e.date.earliest().map(|d| d.to_string()),
            end: e.date.latest().map(|d| d.to_string()),
            status: e.status.as_str(),
            sites: &e.site_ids,
            conflicts: &e.conflicts,
            sources: e
                .source_ids
                .iter()
                .filter_map(|id| data.source(id))
                .map(|s| SourceInfo {
                    id: &s.id,
                    outlet: &s.outlet,
                    title: &s.title,
                    published: s.published.to_string(),
                    url: &s.url,
                    archive_url: &s.archive_url,
                    lang: &s.language,
                })
                .collect(),
            quotes: data
                .statements_for(&e.id)
                .filter(|st| !st.quote.is_empty())
                .map(|st| QuoteInfo {
                    source: &st.source_id,
                    field: &st.field,
                    value: &st.value,
                    quote: &st.quote,
                    lang: data
                        .source(&st.source_id)
                        .map_or("", |s| s.language.as_str()),
                })
                .collect(),
            versions: date_versions(data, e),
            verdicts: e
                .site_ids
                .iter()
                .flat_map(|s| findings.checks_about(s))
                .chain(findings.checks_about(&e.id))
                .map(|c| format!("{}: {}", c.claim.notes, c.verdict))
                .collect(),
        })
        .collect();
    let mut script = String::from("// Written by `sandtable build`: the layers and events of the web map.\nwindow.SANDTABLE = {\"layers\": {\n");
    let parts: Vec<String> = layers
        .iter()
        .map(|l| match page_tolerance(l.name) {
            Some(tolerance) => format!("{:?}: {}", l.name, for_display(&l.geojson, tolerance)),
            None => format!("{:?}: {}", l.name, l.geojson.trim_end()),
        })
        .collect();
    script += &parts.join(",\n");
    script += "\n},\n\"events\": ";
    script += &serde_json::to_string(&events).expect("events serialise");
    script += ",\n\"story\": ";
    script += &serde_json::to_string(&StoryInfo::of(&data.story)).expect("story serialises");
    script += "\n};\n";
    vec![
        (
            "index.html".into(),
            include_bytes!("web/index.html").to_vec(),
        ),
        (
            "sandtable.js".into(),
            include_bytes!("web/sandtable.js").to_vec(),
        ),
        (
            "sandtable.css".into(),
            include_bytes!("web/sandtable.css").to_vec(),
        ),
        ("data.js".into(), script.into_bytes()),
        (
            "vendor/leaflet/leaflet.js".into(),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/vendor/leaflet/leaflet.js"
            ))
            .to_vec(),
        ),
        (
            "vendor/leaflet/leaflet.css".into(),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/vendor/leaflet/leaflet.css"
            ))
            .to_vec(),
        ),
        (
            "vendor/leaflet/LICENSE".into(),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/vendor/leaflet/LICENSE"
            ))
            .to_vec(),
        ),
        (
            "vendor/leaflet/images/layers.png".into(),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/vendor/leaflet/images/layers.png"
            ))
            .to_vec(),
        ),
        (
            "vendor/leaflet/images/layers-2x.png".into(),
            include_bytes!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/vendor/leaflet/images/layers-2x.png"
            ))
            .to_vec(),
        ),
    ]
}
