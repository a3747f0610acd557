//! The web map, `index.html`: a self-contained page that works opened as a
//! file, offline. Leaflet is vendored (`vendor/leaflet/`, BSD 2-Clause) and
//! copied beside the page; the layers and the events are written into
//! `data.js` (a page opened from disk may not fetch files, but may load a
//! script beside it).

use super::Layer;
use crate::load::dataset::Dataset;
use crate::load::model::Event;
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
        .map(|l| format!("{:?}: {}", l.name, l.geojson.trim_end()))
        .collect();
    script += &parts.join(",\n");
    script += "\n},\n\"events\": ";
    script += &serde_json::to_string(&events).expect("events serialise");
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
