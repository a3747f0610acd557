//! Loading and checking the whole dataset: the load and validate/resolve steps.
//!
//! [`Dataset::load`] reads the five CSV files, parses every row, then checks
//! what single rows cannot: unique ids, references between files (with the
//! closest id suggested), conflicts backed by statements. It reports every
//! problem at once, sorted by file and line.

use crate::error::{Error, Problem, Result};
use crate::model::{Claim, ClaimKind, Event, Site, Source, Statement};
use crate::table::{Row, Table};
use std::collections::{BTreeMap, HashSet};
use std::path::Path;

/// The data files, in the order they are read.
pub const FILES: &[&str] = &[
    "sources.csv",
    "sites.csv",
    "events.csv",
    "statements.csv",
    "claims.csv",
];

/// Every record of the dataset, checked and cross-referenced.
#[derive(Debug, Clone)]
pub struct Dataset {
    /// `sources.csv`, in file order.
    pub sources: Vec<Source>,
    /// `sites.csv`, in file order.
    pub sites: Vec<Site>,
    /// `events.csv`, in file order.
    pub events: Vec<Event>,
    /// `statements.csv`, in file order.
    pub statements: Vec<Statement>,
    /// `claims.csv`, in file order.
    pub claims: Vec<Claim>,
}

impl Dataset {
    /// Loads and checks the dataset in `dir`; on any problem returns
    /// [`Error::Data`] with all of them.
    ///
    /// ```
    /// use sandtable::dataset::Dataset;
    /// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// assert!(data.site("hammaguir").is_some());
    /// ```
    pub fn load(dir: &Path) -> Result<Dataset> {
        let mut problems = Vec::new();
        let sources = read(
            dir,
            "sources.csv",
            Source::COLUMNS,
            Source::from_row,
            &mut problems,
        );
        let sites = read(
            dir,
            "sites.csv",
            Site::COLUMNS,
            Site::from_row,
            &mut problems,
        );
        let events = read(
            dir,
            "events.csv",
            Event::COLUMNS,
            Event::from_row,
            &mut problems,
        );
        let statements = read(
            dir,
            "statements.csv",
            Statement::COLUMNS,
            Statement::from_row,
            &mut problems,
        );
        let claims = read(
            dir,
            "claims.csv",
            Claim::COLUMNS,
            Claim::from_row,
            &mut problems,
        );
        let data = Dataset {
            sources,
            sites,
            events,
            statements,
            claims,
        };
        // References are checked only when every file could be read whole:
        // otherwise each reference into a missing file would be reported too.
        if problems.len() == row_problems_only(&problems) {
            data.cross_check(&mut problems);
        }
        if problems.is_empty() {
            Ok(data)
        } else {
            problems.sort();
            problems.dedup();
            Err(Error::Data(problems))
        }
    }

    /// The site with this id.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.sites.iter().find(|s| s.id == id)
    }
    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.sources.iter().find(|s| s.id == id)
    }
    /// The statements about one event, in file order.
    pub fn statements_for<'a>(&'a self, event_id: &'a str) -> impl Iterator<Item = &'a Statement> {
        self.statements
            .iter()
            .filter(move |s| s.event_id == event_id)
    }

    fn cross_check(&self, problems: &mut Vec<Problem>) {
        let source_ids = ids(
            self.sources.iter().map(|s| (s.id.as_str(), s.line)),
            "sources.csv",
            problems,
        );
        let site_ids = ids(
            self.sites.iter().map(|s| (s.id.as_str(), s.line)),
            "sites.csv",
            problems,
        );
        let event_ids = ids(
            self.events.iter().map(|e| (e.id.as_str(), e.line)),
            "events.csv",
            problems,
        );
        ids(
            self.claims.iter().map(|c| (c.id.as_str(), c.line)),
            "claims.csv",
            problems,
        );
        let check = |file: &str,
                     line: u64,
                     field: &str,
                     id: &str,
                     known: &[&str],
                     what: &str,
                     problems: &mut Vec<Problem>| {
            if !known.contains(&id) {
                problems.push(Problem::new(file, line, field, unknown(id, what, known)));
            }
        };
        for site in &self.sites {
            for id in &site.source_ids {
                check(
                    "sites.csv",
                    site.line,
                    "source_ids",
                    id,
                    &source_ids,
                    "source",
                    problems,
                );
            }
        }
        for event in &self.events {
            for id in &event.site_ids {
                check(
                    "events.csv",
                    event.line,
                    "site_ids",
                    id,
                    &site_ids,
                    "site",
                    problems,
                );
            }
            for id in &event.source_ids {
                check(
                    "events.csv",
                    event.line,
                    "source_ids",
                    id,
                    &source_ids,
                    "source",
                    problems,
                );
            }
            self.check_conflicts(event, problems);
        }
        for s in &self.statements {
            check(
                "statements.csv",
                s.line,
                "event_id",
                &s.event_id,
                &event_ids,
                "event",
                problems,
            );
            check(
                "statements.csv",
                s.line,
                "source_id",
                &s.source_id,
                &source_ids,
                "source",
                problems,
            );
        }
        let places: Vec<&str> = site_ids.iter().chain(&event_ids).copied().collect();
        for c in &self.claims {
            check(
                "claims.csv",
                c.line,
                "source_id",
                &c.source_id,
                &source_ids,
                "source",
                problems,
            );
            check(
                "claims.csv",
                c.line,
                "subject",
                &c.subject,
                &places,
                "site or event",
                problems,
            );
            match c.kind {
                ClaimKind::DistanceToBorder => {
                    let code = c.target.strip_prefix("border:").unwrap_or("");
                    if crate::countries::find(code).is_none() {
                        problems.push(Problem::new("claims.csv", c.line, "target", format!(
                            "'{}' is not a border; expected border:XX with an ISO country code, e.g. border:MA", c.target)));
                    }
                }
                ClaimKind::DistanceBetween | ClaimKind::Bearing => {
                    check(
                        "claims.csv",
                        c.line,
                        "target",
                        &c.target,
                        &site_ids,
                        "site",
                        problems,
                    );
                }
                ClaimKind::Between => {
                    let ends = crate::table::split_list(&c.target);
                    if ends.len() != 2 {
                        problems.push(Problem::new(
                            "claims.csv",
                            c.line,
                            "target",
                            "a between claim names two sites, e.g. bechar|tindouf",
                        ));
                    }
                    for id in &ends {
                        check(
                            "claims.csv",
                            c.line,
                            "target",
                            id,
                            &site_ids,
                            "site",
                            problems,
                        );
                    }
                }
            }
        }
    }

    /// A field listed in `conflicts` needs statements from sources that differ.
    fn check_conflicts(&self, event: &Event, problems: &mut Vec<Problem>) {
        for field in &event.conflicts {
            let values: HashSet<&str> = self
                .statements_for(&event.id)
                .filter(|s| &s.field == field)
                .map(|s| s.value.as_str())
                .collect();
            if values.len() < 2 {
                problems.push(Problem::new("events.csv", event.line, "conflicts", format!(
                    "'{field}' is marked as conflicting but statements.csv does not give two different values for it")));
            }
        }
    }
}

/// How many problems are about single fields of rows that were read (as
/// opposed to a file, a header or a malformed row that could not be read).
fn row_problems_only(problems: &[Problem]) -> usize {
    problems
        .iter()
        .filter(|p| p.line > 1 && p.field != "-")
        .count()
}

fn read<T>(
    dir: &Path,
    file: &str,
    columns: &[&str],
    parse: fn(&Row, &mut Vec<Problem>) -> T,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    match Table::read(dir, file, columns) {
        Ok(table) => table.rows().map(|row| parse(&row, problems)).collect(),
        Err(mut found) => {
            problems.append(&mut found);
            Vec::new()
        }
    }
}

/// Collects ids, reporting duplicates with the line of the first.
fn ids<'a>(
    items: impl Iterator<Item = (&'a str, u64)>,
    file: &str,
    problems: &mut Vec<Problem>,
) -> Vec<&'a str> {
    let mut seen: BTreeMap<&str, u64> = BTreeMap::new();
    for (id, line) in items {
        if id.is_empty() {
            continue;
        }
        if let Some(first) = seen.get(id) {
            problems.push(Problem::new(
                file,
                line,
                "id",
                format!("duplicate id '{id}', first used on line {first}; ids must be unique"),
            ));
        } else {
            seen.insert(id, line);
        }
    }
    seen.into_keys().collect()
}

/// "unknown site 'x'; did you mean 'y'?"
fn unknown(id: &str, what: &str, known: &[&str]) -> String {
    let closest = known.iter().map(|k| (strsim::levenshtein(id, k), *k)).min();
    match closest {
        Some((distance, k)) if distance <= id.len().max(3) / 2 + 1 => {
            format!("unknown {what} '{id}'; did you mean '{k}'?")
        }
        _ => format!("unknown {what} '{id}'; known: {}", known.join(", ")),
    }
}
