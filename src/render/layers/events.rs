//! `events.geojson`: a point per event and site, with QGIS-ready dates.

use super::{event_colour, geometry, Collection, Props};
use crate::load::dataset::Dataset;
use crate::load::model::{Event, Site, Source};
use crate::measure::findings::Findings;

pub(super) fn layer(data: &Dataset, findings: &Findings) -> String {
    let mut rows: Vec<(&Event, &Site)> = data
        .events
        .iter()
        .flat_map(|e| {
            e.site_ids
                .iter()
                .filter_map(|id| data.site(id))
                .map(move |s| (e, s))
        })
        .collect();
    rows.sort_by(|a, b| (&a.0.id, &a.1.id).cmp(&(&b.0.id, &b.1.id)));
    let mut out = Collection::new("events");
    for (e, s) in rows {
        let sources: Vec<_> = e
            .source_ids
            .iter()
            .filter_map(|id| data.source(id))
            .collect();
        let join = |f: fn(&Source) -> &str| {
            sources
                .iter()
                .map(|s| f(s))
                .filter(|t| !t.is_empty())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let day = |d: Option<crate::base::dates::Day>| {
            d.map_or(serde_json::Value::Null, |d| d.to_string().into())
        };
        let props = Props::default()
            .text("event_id", &e.id)
            .text("name", &e.name)
            .text("name_original", &e.name_original)
            .text("kind", e.kind.as_str())
            .text("date", e.date.text())
            .value("start", day(e.date.earliest()))
            .value("end", day(e.date.latest()))
            .value("end_exclusive", day(e.date.latest().map(|d| d.next())))
            .value("date_uncertain", e.date.is_uncertain())
            .value("date_approximate", e.date.is_approximate())
            .text("site_id", &s.id)
            .text("site_name", &s.name)
            .text(
                "participants",
                &e.participants
                    .iter()
                    .map(|c| c.alpha2.as_str())
                    .collect::<Vec<_>>()
                    .join("; "),
            )
            .value(
                "personnel",
                e.personnel.map_or(serde_json::Value::Null, Into::into),
            )
            .text("status", e.status.as_str())
            .text("source_ids", &e.source_ids.join("; "))
            .text("source_outlets", &join(|s| s.outlet.as_str()))
            .text("source_titles", &join(|s| s.title.as_str()))
            .value("conflicting", !e.conflicts.is_empty())
            .text("claim_verdicts", &verdicts(findings, &e.id, &s.id))
            .text("conflicts", &e.conflicts.join("; "))
            .text(
                "title",
                &format!(
                    "{} ({})",
                    e.name,
                    if e.date.is_unknown() {
                        "date unknown"
                    } else {
                        e.date.text()
                    }
                ),
            )
            .text("marker-color", event_colour(e.kind))
            .text(
                "marker-symbol",
                if e.conflicts.is_empty() {
                    "star"
                } else {
                    "caution"
                },
            )
            .done();
        out.add(&format!("{}@{}", e.id, s.id), geometry(&s.location), props);
    }
    out.finish()
}

/// "claim: verdict" for every claim about the event or its site.
fn verdicts(findings: &Findings, event: &str, site: &str) -> String {
    let mut checks: Vec<_> = findings
        .checks_about(event)
        .chain(findings.checks_about(site))
        .collect();
    checks.sort_by_key(|c| c.claim.line);
    checks
        .iter()
        .map(|c| format!("{}: {}", c.claim.id, c.verdict))
        .collect::<Vec<_>>()
        .join("; ")
}
