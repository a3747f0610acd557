//! Everything known about one event or site, each fact with the source that
//! states it (`sandtable explain`).

use crate::claims::check_all;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::report::Records;
use serde_json::json;

/// The facts about an event or site, as `fact, value, source` records.
///
/// ```
/// # let data = sandtable::dataset::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let facts = sandtable::explain::explain(&data, "tarskoye-2021-or-2022").unwrap().to_json();
/// assert!(facts.as_array().unwrap().iter().any(|f| f["value"].as_str().unwrap().starts_with("2021-10") && f["source"] == "trt-2022"));
/// ```
pub fn explain(data: &Dataset, id: &str) -> Result<Records> {
    let mut r = Records::new(&["fact", "value", "source"]);
    let mut add = |fact: &str, value: &str, source: &str| {
        if !value.is_empty() {
            r.push(vec![json!(fact), json!(value), json!(source)]);
        }
    };
    if let Some(e) = data.event(id) {
        let sources = e.source_ids.join("; ");
        add("name", &e.name, &sources);
        add("name (original)", &e.name_original, &sources);
        add("kind", &e.kind, &sources);
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
                &format!("{} ({}, {})", site.name, site.lat, site.lon),
                &site.coord_source,
            );
        }
        add("participants", &e.participants.join("; "), &sources);
        add(
            "personnel",
            &e.personnel.map_or(String::new(), |p| p.to_string()),
            &sources,
        );
        add("status", &e.status, &sources);
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
        add("kind", &s.kind, &sources);
        add("country", &s.country, &s.coord_source);
        add(
            "coordinates",
            &format!("{}, {} (within {} m)", s.lat, s.lon, s.precision_m),
            &s.coord_source,
        );
        for e in data.events.iter().filter(|e| e.site_ids.contains(&s.id)) {
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
    for c in check_all(data).iter().filter(|c| c.claim.subject == id) {
        add(
            &format!("claim {}", c.claim.id),
            &format!("{} → {}", c.claim.notes, c.verdict.as_str()),
            &c.claim.source_id,
        );
    }
    Ok(r)
}
