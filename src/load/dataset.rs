//! Loading and checking the whole dataset: the load and validate steps.
//!
//! [`Dataset::load`] reads the five CSV files, parses every row, then checks
//! what single rows cannot: unique ids, references between files (with the
//! closest id suggested), conflicts backed by statements. It reports every
//! problem at once, sorted by file and line. Ids are looked up in hash
//! maps, so loading and checking grow linearly with the data.

use crate::base::error::{Error, Problem, Result};
use crate::base::files::{read_regular, sha256_hex, MAX_ARTICLE_BYTES};
use crate::load::model::{Claim, Event, Site, Source, Statement};
use crate::load::story::{Story, STORY_FILE};
use crate::load::table::{Columns, Read, Row, Table};
use std::collections::{HashMap, HashSet};
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
///
/// ```
/// use sandtable::load::Dataset;
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// assert_eq!(data.site("hammaguir").unwrap().name, "Hammaguir");
/// assert_eq!(data.events_at("hammaguir").count(), 1);
/// ```
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
    /// `map.toml`: how the map presents the data (the default when absent).
    pub story: Story,
    /// Columns not known to sandtable, kept and ignored (see `docs/data.md`).
    pub warnings: Vec<Problem>,
    index: Index,
}

/// Positions by id, built once at load.
#[derive(Debug, Clone, Default)]
struct Index {
    sites: HashMap<String, usize>,
    events: HashMap<String, usize>,
    sources: HashMap<String, usize>,
    statements_by_subject: HashMap<String, Vec<usize>>,
    events_by_site: HashMap<String, Vec<usize>>,
}

impl Index {
    fn new(data: &Dataset) -> Index {
        let by_id = |ids: Vec<&str>| {
            ids.into_iter()
                .enumerate()
                .map(|(i, id)| (id.to_string(), i))
                .rev() // the first of duplicate ids wins
                .collect()
        };
        let mut index = Index {
            sites: by_id(data.sites.iter().map(|s| s.id.as_str()).collect()),
            events: by_id(data.events.iter().map(|e| e.id.as_str()).collect()),
            sources: by_id(data.sources.iter().map(|s| s.id.as_str()).collect()),
            ..Index::default()
        };
        for (i, s) in data.statements.iter().enumerate() {
            index
                .statements_by_subject
                .entry(s.subject.clone())
                .or_default()
                .push(i);
        }
        for (i, e) in data.events.iter().enumerate() {
            for site in &e.site_ids {
                index
                    .events_by_site
                    .entry(site.clone())
                    .or_default()
                    .push(i);
            }
        }
        index
    }
}

/// The ids of one file's rows (valid or not), for checking references.
type Ids = HashMap<String, u64>;

impl Dataset {
    /// Loads and checks the dataset in `dir`; on any problem returns
    /// [`Error::Data`] with all of them.
    pub fn load(dir: &Path) -> Result<Dataset> {
        Dataset::load_with(dir, None)
    }

    /// Loads and checks the dataset in `dir` as if `file` held `bytes`:
    /// the check a change gets before it is written.
    ///
    /// ```
    /// # let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    /// let sites = std::fs::read(dir.join("sites.csv")).unwrap();
    /// let mut bad = sites.clone();
    /// bad.extend_from_slice(b"x,X,,,,city,ZZ,,1,2,10,here,trt-2022,\n");
    /// let err = sandtable::load::Dataset::load_with(dir, Some(("sites.csv", &bad))).unwrap_err();
    /// assert!(err.to_string().contains("sites.csv:13: country"));
    /// ```
    pub fn load_with(dir: &Path, replaced: Option<(&str, &[u8])>) -> Result<Dataset> {
        if !FILES.iter().any(|f| dir.join(f).exists()) {
            return Err(Error::Input(format!(
                "no dataset in {} (none of {}); use --data DIR",
                dir.display(),
                FILES.join(", ")
            )));
        }
        let mut problems = Vec::new();
        let mut warnings = Vec::new();
        let mut ids = HashMap::new();
        let mut read_file =
            |file: &'static str, required, optional, problems: &mut Vec<Problem>| {
                let columns = Columns { required, optional };
                let table = match replaced {
                    Some((name, bytes)) if name == file => Table::from_bytes(file, bytes, columns),
                    _ => Table::read(dir, file, columns),
                };
                read(file, table, columns, problems, &mut warnings, &mut ids)
            };
        let sources = read_file(
            "sources.csv",
            Source::COLUMNS,
            Source::OPTIONAL,
            &mut problems,
        );
        let sites = read_file("sites.csv", Site::COLUMNS, Site::OPTIONAL, &mut problems);
        let events = read_file("events.csv", Event::COLUMNS, &[], &mut problems);
        let statements = read_file("statements.csv", Statement::COLUMNS, &[], &mut problems);
        let claims = read_file("claims.csv", Claim::COLUMNS, Claim::OPTIONAL, &mut problems);
        let unreadable = [&sources, &sites, &events, &statements, &claims]
            .iter()
            .any(|t| t.is_none());
        let story = Story::load(dir).unwrap_or_else(|e| {
            if let Error::Data(found) = e {
                problems.extend(found);
            } else {
                problems.push(Problem::new(STORY_FILE, 0, "-", e.to_string()));
            }
            Story::default()
        });
        let mut data = Dataset {
            sources: parse_rows(sources, Source::from_row, &mut problems),
            sites: parse_rows(sites, Site::from_row, &mut problems),
            events: parse_rows(events, Event::from_row, &mut problems),
            statements: parse_rows(statements, Statement::from_row, &mut problems),
            claims: parse_rows(claims, Claim::from_row, &mut problems),
            story,
            warnings,
            index: Index::default(),
        };
        // References are checked only when every file could be read: otherwise
        // each reference into a missing file would be reported too.
        if !unreadable {
            data.cross_check(&ids, &mut problems);
        }
        if problems.is_empty() {
            data.index = Index::new(&data);
            Ok(data)
        } else {
            problems.sort();
            problems.dedup();
            Err(Error::Data(problems))
        }
    }

    /// The site with this id.
    pub fn site(&self, id: &str) -> Option<&Site> {
        self.index.sites.get(id).map(|&i| &self.sites[i])
    }
    /// The event with this id.
    pub fn event(&self, id: &str) -> Option<&Event> {
        self.index.events.get(id).map(|&i| &self.events[i])
    }
    /// The source with this id.
    pub fn source(&self, id: &str) -> Option<&Source> {
        self.index.sources.get(id).map(|&i| &self.sources[i])
    }
    /// The statements about one event or site, in file order.
    pub fn statements_for<'a>(&'a self, subject: &str) -> impl Iterator<Item = &'a Statement> {
        self.index
            .statements_by_subject
            .get(subject)
            .into_iter()
            .flatten()
            .map(|&i| &self.statements[i])
    }
    /// The events at one site, in file order.
    pub fn events_at<'a>(&'a self, site_id: &str) -> impl Iterator<Item = &'a Event> {
        self.index
            .events_by_site
            .get(site_id)
            .into_iter()
            .flatten()
            .map(|&i| &self.events[i])
    }

    /// Checks the articles saved as `DIR/<source id>.txt`: each source's
    /// recorded SHA-256 and size (an article changed since it was collected
    /// is named), and every quote, which must appear verbatim starting at
    /// its `position` (in characters). Returns every problem found.
    ///
    /// With `every` false (the dataset's own `articles/`), an article that
    /// is simply not stored (one whose text may not be redistributed) is
    /// listed in `absent`, and its quotes are not checked; with `every`
    /// true (`check --articles DIR`) it is a problem.
    pub fn verify_articles(&self, articles: &Path, every: bool) -> ArticleCheck {
        let mut texts: HashMap<&str, std::result::Result<Vec<char>, String>> = HashMap::new();
        let mut problems = Vec::new();
        let mut absent: Vec<String> = Vec::new();
        let stored = |id: &str| {
            every
                || articles
                    .join(format!("{id}.txt"))
                    .symlink_metadata()
                    .is_ok()
        };
        for source in self
            .sources
            .iter()
            .filter(|s| s.sha256.is_some() || s.size.is_some())
        {
            let path = articles.join(format!("{}.txt", source.id));
            let problem = |field: &str, message: String| {
                Problem::new("sources.csv", source.line, field, message)
            };
            if !stored(&source.id) {
                absent.push(source.id.clone());
                continue;
            }
            let bytes = match read_regular(&path, MAX_ARTICLE_BYTES) {
                Ok(bytes) => bytes,
                Err(e) => {
                    problems.push(problem("sha256", format!("cannot check the article: {e}")));
                    continue;
                }
            };
            if let Some(recorded) = &source.sha256 {
                let actual = sha256_hex(&bytes);
                if &actual != recorded {
                    problems.push(problem(
                        "sha256",
                        format!(
                            "{}.txt has changed since it was collected: its SHA-256 is {actual}, the one recorded {recorded}",
                            source.id
                        ),
                    ));
                }
            }
            if let Some(size) = source.size.filter(|&n| n != bytes.len() as u64) {
                problems.push(problem(
                    "size",
                    format!(
                        "{}.txt is {} bytes, {size} recorded",
                        source.id,
                        bytes.len()
                    ),
                ));
            }
        }
        for s in self.statements.iter().filter(|s| stored(&s.source_id)) {
            let problem = |field: &str, message: String| {
                Problem::new("statements.csv", s.line, field, message)
            };
            let text = texts
                .entry(s.source_id.as_str())
                .or_insert_with(|| read_article(articles, &s.source_id));
            let text = match text {
                Ok(text) => text,
                Err(why) => {
                    problems.push(problem(
                        "source_id",
                        format!("no readable article for {}: {why}", s.source_id),
                    ));
                    continue;
                }
            };
            let quote: Vec<char> = s.quote.chars().collect();
            if text.get(s.position..s.position + quote.len()) == Some(&quote[..]) {
                continue;
            }
            let found = text
                .windows(quote.len().max(1))
                .position(|w| w == &quote[..]);
            problems.push(match found {
                Some(at) => problem(
                    "position",
                    format!(
                        "the quote is in {}.txt at character {at}, not {}",
                        s.source_id, s.position
                    ),
                ),
                None => problem(
                    "quote",
                    format!("the quote does not appear verbatim in {}.txt", s.source_id),
                ),
            });
        }
        ArticleCheck { problems, absent }
    }

    fn cross_check(&self, ids: &HashMap<&'static str, Ids>, problems: &mut Vec<Problem>) {
        let known = |file: &str| &ids[file];
        let mut refer = |file: &str, line: u64, field: &str, id: &str, to: &[&str], what: &str| {
            if !to.iter().any(|f| known(f).contains_key(id)) {
                let choices = to.iter().flat_map(|f| known(f).keys().map(String::as_str));
                problems.push(Problem::new(file, line, field, unknown(id, what, choices)));
            }
        };
        for site in &self.sites {
            for id in &site.source_ids {
                refer(
                    "sites.csv",
                    site.line,
                    "source_ids",
                    id,
                    &["sources.csv"],
                    "source",
                );
            }
        }
        for event in &self.events {
            for id in &event.site_ids {
                refer(
                    "events.csv",
                    event.line,
                    "site_ids",
                    id,
                    &["sites.csv"],
                    "site",
                );
            }
            for id in &event.source_ids {
                refer(
                    "events.csv",
                    event.line,
                    "source_ids",
                    id,
                    &["sources.csv"],
                    "source",
                );
            }
        }
        for s in &self.statements {
            let line = s.line;
            let places = ["events.csv", "sites.csv"];
            refer(
                "statements.csv",
                line,
                "subject",
                &s.subject,
                &places,
                "event or site",
            );
            refer(
                "statements.csv",
                line,
                "source_id",
                &s.source_id,
                &["sources.csv"],
                "source",
            );
        }
        for c in &self.claims {
            let line = c.line;
            refer(
                "claims.csv",
                line,
                "source_id",
                &c.source_id,
                &["sources.csv"],
                "source",
            );
            let places = ["sites.csv", "events.csv"];
            refer(
                "claims.csv",
                line,
                "subject",
                &c.subject,
                &places,
                "site or event",
            );
            for id in c.spec.sites() {
                refer("claims.csv", line, "target", id, &["sites.csv"], "site");
            }
        }
        for s in &self.statements {
            let (file, columns) = if known("events.csv").contains_key(&s.subject) {
                ("events.csv", Event::COLUMNS)
            } else if known("sites.csv").contains_key(&s.subject) {
                ("sites.csv", Site::COLUMNS)
            } else {
                continue;
            };
            if !columns.contains(&s.field.as_str()) {
                problems.push(Problem::new(
                    "statements.csv",
                    s.line,
                    "field",
                    format!(
                        "'{}' is not a column of {file}, where '{}' is",
                        s.field, s.subject
                    ),
                ));
            }
        }
        self.check_conflicts(problems);
    }

    /// A field listed in `conflicts` needs statements from sources that differ.
    fn check_conflicts(&self, problems: &mut Vec<Problem>) {
        let mut values: HashMap<(&str, &str), HashSet<&str>> = HashMap::new();
        for s in &self.statements {
            values
                .entry((s.subject.as_str(), s.field.as_str()))
                .or_default()
                .insert(s.value.as_str());
        }
        for event in &self.events {
            for field in &event.conflicts {
                let versions = values.get(&(event.id.as_str(), field.as_str()));
                if versions.map_or(0, HashSet::len) < 2 {
                    problems.push(Problem::new("events.csv", event.line, "conflicts", format!(
                        "'{field}' is marked as conflicting but statements.csv does not give two different values for it")));
                }
            }
        }
    }
}

/// Reads one file's table, recording the id of every row (duplicates are
/// problems) so that references can be checked even to rows that fail.
fn read(
    file: &'static str,
    mut read: Read,
    columns: Columns,
    problems: &mut Vec<Problem>,
    warnings: &mut Vec<Problem>,
    ids: &mut HashMap<&'static str, Ids>,
) -> Option<Table> {
    problems.append(&mut read.problems);
    warnings.append(&mut read.warnings);
    let Some(table) = read.table else {
        ids.insert(file, Ids::new());
        return None;
    };
    let mut seen = Ids::new();
    if columns.required.contains(&"id") {
        for row in table.rows() {
            let id = row.get("id");
            if id.is_empty() {
                continue;
            }
            if let Some(first) = seen.get(id) {
                problems.push(row.problem(
                    "id",
                    format!("duplicate id '{id}', first used on line {first}; ids must be unique"),
                ));
            } else {
                seen.insert(id.to_string(), row.line);
            }
        }
    }
    ids.insert(file, seen);
    Some(table)
}

fn parse_rows<T>(
    table: Option<Table>,
    parse: fn(&Row, &mut Vec<Problem>) -> Option<T>,
    problems: &mut Vec<Problem>,
) -> Vec<T> {
    table.map_or_else(Vec::new, |t| {
        t.rows().filter_map(|row| parse(&row, problems)).collect()
    })
}

/// "unknown site 'x'; did you mean 'y'?", or the first few known ids when
/// none is close.
fn unknown<'a>(id: &str, what: &str, known: impl Iterator<Item = &'a str>) -> String {
    const LISTED: usize = 8;
    let mut closest: Option<(usize, &str)> = None;
    let mut some: Vec<&str> = Vec::new();
    let mut count = 0;
    for k in known {
        count += 1;
        let d = strsim::levenshtein(id, k);
        if closest.is_none_or(|(best, b)| (d, k) < (best, b)) {
            closest = Some((d, k));
        }
        some.push(k);
    }
    match closest {
        Some((distance, k)) if distance <= id.len().max(3) / 2 + 1 => {
            format!("unknown {what} '{id}'; did you mean '{k}'?")
        }
        _ => {
            some.sort_unstable();
            some.truncate(LISTED);
            let more = if count > LISTED {
                format!(" and {} more", count - LISTED)
            } else {
                String::new()
            };
            format!("unknown {what} '{id}'; known: {}{more}", some.join(", "))
        }
    }
}

/// What checking the stored articles found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleCheck {
    /// Articles changed since collection, quotes not found verbatim, and
    /// articles that cannot be read.
    pub problems: Vec<Problem>,
    /// Sources recorded with a hash whose article is not stored.
    pub absent: Vec<String>,
}

/// The article `DIR/<id>.txt` as characters, or why it cannot be read.
pub(crate) fn read_article(articles: &Path, id: &str) -> std::result::Result<Vec<char>, String> {
    let path = articles.join(format!("{id}.txt"));
    let bytes = read_regular(&path, MAX_ARTICLE_BYTES).map_err(|e| e.to_string())?;
    let text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{}: not UTF-8 (byte {})",
            path.display(),
            e.utf8_error().valid_up_to()
        )
    })?;
    Ok(text.chars().collect())
}
