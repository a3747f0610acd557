//! Everything known about one event or site, each fact with only the
//! sources that state it and their words (`sandtable explain`).
//!
//! A fact's sources come from `statements.csv`: one row per source and
//! value, with the sentence that says it. A recorded value that no single
//! source gives (a date interval spanning the versions) is marked
//! `(derived)`; one with no statement at all `(not traced)`, so a gap in
//! the evidence shows instead of being papered over with the event's list
//! of sources.

use crate::base::error::{Error, Result};
use crate::load::dataset::Dataset;
use crate::load::model::Statement;
use crate::measure::findings::Findings;
use crate::render::report::FactRow;

/// The facts about an event or site, each with its sources.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let findings = sandtable::measure::Findings::compute(&data);
/// let facts = sandtable::render::explain(&data, &findings, "tarskoye-2021-or-2022").unwrap();
/// assert!(facts.iter().any(|f| f.value == "2021-10" && f.source == "trt-2022" && f.quote.contains("2021")));
/// ```
pub fn explain(data: &Dataset, findings: &Findings, id: &str) -> Result<Vec<FactRow>> {
    let mut facts = Facts {
        data,
        subject: id,
        rows: Vec::new(),
    };
    if let Some(e) = data.event(id) {
        let codes: Vec<&str> = e.participants.iter().map(|c| c.alpha2.as_str()).collect();
        let date = if e.date.is_unknown() {
            "unknown"
        } else {
            e.date.text()
        };
        facts.sourced("name (original)", "name_original", &e.name_original);
        facts.sourced("kind", "kind", e.kind.as_str());
        facts.sourced("date", "date", date);
        facts.sourced("site", "site_ids", &e.site_ids.join("|"));
        for site in e.site_ids.iter().filter_map(|s| data.site(s)) {
            let at = format!(
                "{} ({}, {})",
                site.name,
                site.location.y(),
                site.location.x()
            );
            facts.own("coordinates", &at, &site.coord_source);
        }
        facts.sourced("participants", "participants", &codes.join("|"));
        let personnel = e.personnel.map_or(String::new(), |p| p.to_string());
        facts.sourced("personnel", "personnel", &personnel);
        facts.sourced("status", "status", e.status.as_str());
        facts.own("notes", &e.notes, "(summary)");
    } else if let Some(s) = data.site(id) {
        facts.sourced("name (Arabic)", "name_ar", &s.name_ar);
        facts.own("name", &s.name, &s.coord_source);
        facts.own("name (Russian)", &s.name_ru, &s.coord_source);
        facts.own("aliases", &s.aliases.join("; "), "(spellings seen)");
        facts.own("kind", s.kind.as_str(), &s.coord_source);
        facts.own("country", &s.country.alpha2, &s.coord_source);
        let at = format!(
            "{}, {} (within {} m)",
            s.location.y(),
            s.location.x(),
            s.precision_m
        );
        facts.own("coordinates", &at, &s.coord_source);
        for e in data.events_at(&s.id) {
            facts.own("event", &format!("{} ({})", e.name, e.date), &e.id);
        }
        facts.own("notes", &s.notes, "(summary)");
    } else {
        return Err(Error::Input(format!(
            "'{id}' is not an event or site id; see `sandtable events` and `sandtable sites`"
        )));
    }
    for c in findings.checks_about(id) {
        let verdict = format!("{} → {}", c.claim.notes, c.verdict);
        facts.own(
            &format!("claim {}", c.claim.id),
            &verdict,
            &c.claim.source_id,
        );
    }
    Ok(facts.rows)
}

/// The rows being gathered for one subject.
struct Facts<'a> {
    data: &'a Dataset,
    subject: &'a str,
    rows: Vec<FactRow>,
}

impl Facts<'_> {
    /// A fact from the articles: one row per statement of `field`, then
    /// the recorded value if no source gives it as such.
    fn sourced(&mut self, fact: &str, field: &str, recorded: &str) {
        let statements: Vec<&Statement> = self
            .data
            .statements_for(self.subject)
            .filter(|s| s.field == field)
            .collect();
        for s in &statements {
            self.rows
                .push(self.row(fact, &s.value, &s.source_id, &s.quote));
        }
        if recorded.is_empty() || statements.iter().any(|s| s.value == recorded) {
            return;
        }
        let how = if statements.is_empty() {
            "(not traced)"
        } else {
            "(derived)"
        };
        self.rows.push(self.row(fact, recorded, how, ""));
    }

    /// A fact that comes from a gazetteer, the dataset's own summary or a
    /// computation, not from an article's sentence.
    fn own(&mut self, fact: &str, value: &str, source: &str) {
        if !value.is_empty() {
            let row = self.row(fact, value, source, "");
            self.rows.push(row);
        }
    }

    fn row(&self, fact: &str, value: &str, source: &str, quote: &str) -> FactRow {
        let article = self.data.source(source);
        FactRow {
            fact: fact.to_string(),
            value: value.to_string(),
            source: source.to_string(),
            outlet: article.map_or(String::new(), |a| a.outlet.clone()),
            published: article.map_or(String::new(), |a| a.published.to_string()),
            quote: quote.to_string(),
            link: article.map_or(String::new(), |a| {
                if a.archive_url.is_empty() {
                    a.url.clone()
                } else {
                    a.archive_url.clone()
                }
            }),
        }
    }
}
