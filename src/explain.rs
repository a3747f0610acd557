//! Everything known about one event or site, each fact with the source that
//! states it (`sandtable explain`).

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::findings::Findings;
use crate::report::FactRow;

/// The facts about an event or site, each with its sources.
///
/// ```
/// # let data = sandtable::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let findings = sandtable::Findings::compute(&data);
/// let facts = sandtable::explain(&data, &findings, "tarskoye-2021-or-2022").unwrap();
/// assert!(facts.iter().any(|f| f.value.starts_with("2021-10") && f.source == "trt-2022"));
/// ```
pub fn explain(data: &Dataset, findings: &Findings, id: &str) -> Result<Vec<FactRow>> {
    let mut r = Vec::new();
    let mut add = |fact: &str, value: &str, source: &str| {
        if !value.is_empty() {
            r.push(FactRow {
                fact: fact.to_string(),
                value: value.to_string(),
                source: source.to_string(),
            });
        }
    };
    if let Some(e) = data.event(id) {
        let sources = e.source_ids.join("; ");
        add("name", &e.name, &sources);
        add("name (original)", &e.name_original, &sources);
        add("kind", e.kind.as_str(), &sources);
        add(
            "date",
            if e.date.is_unknown() {
                "unknown"
            } else {
                e.date.text()
            },
            &sources,
        );
        for site in e.site_ids.iter().filter_map(|s| data.site(s)) {
            add(
                "site",
                &format!(
                    "{} ({}, {})",
                    site.name,
                    site.location.y(),
                    site.location.x()
                ),
                &site.coord_source,
            );
        }
        let codes: Vec<&str> = e.participants.iter().map(|c| c.alpha2.as_str()).collect();
        add("participants", &codes.join("; "), &sources);
        add(
            "personnel",
            &e.personnel.map_or(String::new(), |p| p.to_string()),
            &sources,
        );
        add("status", e.status.as_str(), &sources);
        for s in data.statements_for(&e.id) {
            let disputed = if e.conflicts.contains(&s.field) {
                " (sources disagree)"
            } else {
                ""
            };
            add(
                &format!("{}{disputed}", s.field),
                &format!("{} — {}", s.value, s.notes),
                &s.source_id,
            );
        }
        add("notes", &e.notes, &sources);
    } else if let Some(s) = data.site(id) {
        let sources = s.source_ids.join("; ");
        add("name", &s.name, &s.coord_source);
        add("name (Arabic)", &s.name_ar, &sources);
        add("name (Russian)", &s.name_ru, &s.coord_source);
        add("aliases", &s.aliases.join("; "), &sources);
        add("kind", s.kind.as_str(), &sources);
        add("country", &s.country.alpha2, &s.coord_source);
        add(
            "coordinates",
            &format!(
                "{}, {} (within {} m)",
                s.location.y(),
                s.location.x(),
                s.precision_m
            ),
            &s.coord_source,
        );
        for e in data.events_at(&s.id) {
            add(
                "event",
                &format!("{} ({})", e.name, e.date),
                &e.source_ids.join("; "),
            );
        }
        add("notes", &s.notes, &sources);
    } else {
        return Err(Error::Input(format!(
            "'{id}' is not an event or site id; see `sandtable events` and `sandtable sites`"
        )));
    }
    for c in findings.checks_about(id) {
        add(
            &format!("claim {}", c.claim.id),
            &format!("{} → {}", c.claim.notes, c.verdict.as_str()),
            &c.claim.source_id,
        );
    }
    Ok(r)
}
