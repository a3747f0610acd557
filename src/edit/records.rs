//! `add event`, `add statement` and `add claim`: one checked row each,
//! appended under the dataset's lock (see [`crate::edit::add_site`]).

use crate::base::error::Result;
use crate::base::files::DatasetLock;
use crate::edit::add::append_row;
use crate::edit::quotes::locate_quote;
use std::path::Path;

/// An event to add to `events.csv`; lists hold ids or codes.
#[derive(Debug, Clone, Default)]
pub struct NewEvent {
    /// Its id (lower case, unique).
    pub id: String,
    /// Its English name.
    pub name: String,
    /// Its name in the source's language.
    pub name_original: String,
    /// Its kind (`exercise`, `port_call`, …).
    pub kind: String,
    /// When, as EDTF (empty: unknown).
    pub date: String,
    /// Where: site ids.
    pub site_ids: Vec<String>,
    /// Who took part: ISO alpha-2 codes.
    pub participants: Vec<String>,
    /// How many people, when stated.
    pub personnel: Option<u32>,
    /// `reported`, `announced` or `disputed`.
    pub status: String,
    /// The sources that report it.
    pub source_ids: Vec<String>,
    /// Fields on which sources disagree.
    pub conflicts: Vec<String>,
    /// Free notes.
    pub notes: String,
}

/// Appends `event` to `dir/events.csv` once the dataset with it passes the
/// checks; returns its line.
///
/// # Errors
/// [`Error::Data`] with `check`'s messages; [`Error::Input`] for a missing
/// folder.
///
/// # Examples
/// ```
/// use sandtable::edit::{add_event, NewEvent};
/// let dir = tempfile::tempdir().unwrap();
/// let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
/// for f in sandtable::load::FILES {
///     std::fs::copy(repo.join(f), dir.path().join(f)).unwrap();
/// }
/// let event = NewEvent {
///     id: "drill-2023".into(), name: "A drill".into(), kind: "exercise".into(),
///     date: "2023-05".into(), status: "reported".into(),
///     source_ids: vec!["trt-2022".into()], ..NewEvent::default()
/// };
/// add_event(dir.path(), &event).unwrap();
/// assert!(sandtable::load::Dataset::load(dir.path()).unwrap().event("drill-2023").is_some());
/// ```
pub fn add_event(dir: &Path, event: &NewEvent) -> Result<u64> {
    let _lock = DatasetLock::acquire(dir)?;
    append_event(dir, event)
}

/// [`add_event`], the caller holding the lock.
pub(crate) fn append_event(dir: &Path, event: &NewEvent) -> Result<u64> {
    append_row(dir, "events.csv", &|column| match column {
        "id" => event.id.clone(),
        "name" => event.name.clone(),
        "name_original" => event.name_original.clone(),
        "kind" => event.kind.clone(),
        "date" => event.date.clone(),
        "site_ids" => event.site_ids.join("|"),
        "participants" => event.participants.join("|"),
        "personnel" => event.personnel.map_or(String::new(), |n| n.to_string()),
        "status" => event.status.clone(),
        "source_ids" => event.source_ids.join("|"),
        "conflicts" => event.conflicts.join("|"),
        "notes" => event.notes.clone(),
        _ => String::new(),
    })
}

/// A statement to add: what a source says about one field of an event or
/// site, with its words.
#[derive(Debug, Clone, Default)]
pub struct NewStatement {
    /// The event or site id.
    pub subject: String,
    /// The column it is about (`date`, `site_ids`, `name_ar`, …).
    pub field: String,
    /// The value the source gives.
    pub value: String,
    /// The source.
    pub source_id: String,
    /// The source's words, verbatim, one sentence at most.
    pub quote: String,
    /// Free notes.
    pub notes: String,
}

/// Appends `statement` to `dir/statements.csv`, its quote's position found
/// in `dir/articles/<source>.txt`; returns its line and the position.
///
/// # Errors
/// [`Error::Input`] when the article is not stored (`add source --file`)
/// or the quote is not in it verbatim (the nearest passage is shown);
/// [`Error::Data`] with `check`'s messages.
pub fn add_statement(dir: &Path, statement: &NewStatement) -> Result<(u64, usize)> {
    let _lock = DatasetLock::acquire(dir)?;
    append_statement(dir, statement)
}

/// [`add_statement`], the caller holding the lock.
pub(crate) fn append_statement(dir: &Path, statement: &NewStatement) -> Result<(u64, usize)> {
    let position = locate_quote(dir, &statement.source_id, &statement.quote)?;
    let line = append_row(dir, "statements.csv", &|column| match column {
        "subject" => statement.subject.clone(),
        "field" => statement.field.clone(),
        "value" => statement.value.clone(),
        "source_id" => statement.source_id.clone(),
        "quote" => statement.quote.clone(),
        "position" => position.to_string(),
        "notes" => statement.notes.clone(),
        _ => String::new(),
    })?;
    Ok((line, position))
}

/// A claim to add to `claims.csv`, its columns as written there.
#[derive(Debug, Clone, Default)]
pub struct NewClaim {
    /// Its id (lower case, unique).
    pub id: String,
    /// Who claims it.
    pub source_id: String,
    /// A site or event id.
    pub subject: String,
    /// `distance_to_border`, `distance_between`, `bearing` or `between`.
    pub kind: String,
    /// `border:XX`, a site id, or `a|b` for `between`.
    pub target: String,
    /// A number, a range `a..b`, or a compass point.
    pub value: String,
    /// `km`, `m`, `mi`, `nmi`, `compass` or `deg`.
    pub unit: String,
    /// `about`, `exact`, `range` or empty.
    pub qualifier: String,
    /// The claim in words.
    pub notes: String,
}

/// Appends `claim` to `dir/claims.csv` once the dataset with it passes the
/// checks; returns its line.
///
/// # Errors
/// [`Error::Data`] with `check`'s messages.
pub fn add_claim(dir: &Path, claim: &NewClaim) -> Result<u64> {
    let _lock = DatasetLock::acquire(dir)?;
    append_claim(dir, claim)
}

/// [`add_claim`], the caller holding the lock.
pub(crate) fn append_claim(dir: &Path, claim: &NewClaim) -> Result<u64> {
    append_row(dir, "claims.csv", &|column| match column {
        "id" => claim.id.clone(),
        "source_id" => claim.source_id.clone(),
        "subject" => claim.subject.clone(),
        "kind" => claim.kind.clone(),
        "target" => claim.target.clone(),
        "value" => claim.value.clone(),
        "unit" => claim.unit.clone(),
        "qualifier" => claim.qualifier.clone(),
        "notes" => claim.notes.clone(),
        _ => String::new(),
    })
}
