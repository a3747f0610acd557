//! From `extract` to the dataset: the findings written as a CSV an analyst
//! edits (`keep` yes or no, a place or id fixed), and `apply`, which adds
//! the kept rows through the same checks as `add`, all or none.
//!
//! What a kept row adds: an `unknown` place, a site (at the GeoNames
//! suggestion, or at the `lat`/`lon` the analyst wrote); a `claim`, a row
//! of `claims.csv`; a `date`, a statement that the `subject` event
//! happened then, quoting the sentence. A `mention` adds nothing (the site
//! is known): its rows are there to be read.

use crate::base::error::{Error, Result};
use crate::base::files::{read_regular, DatasetLock, OutputFile, MAX_FILE_BYTES};
use crate::base::vocab::SiteKind;
use crate::edit::add::{append_site, NewSite, Position};
use crate::edit::records::{append_claim, append_statement, NewClaim, NewStatement};
use crate::load::dataset::FILES;
use crate::measure::extract::{claims_value, End, Finding, FindingKind, Relation};
use crate::resolve::names::normalise;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// One finding as a row to review: `keep`, what it would add, and the
/// finding itself.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[allow(missing_docs)] // the columns are documented in docs/extract.md
pub struct ReviewRow {
    pub keep: String,
    pub kind: String,
    pub id: String,
    pub subject: String,
    pub source_id: String,
    pub text: String,
    pub start: usize,
    pub end: usize,
    pub sentence: String,
    pub site_id: String,
    pub name: String,
    pub site_kind: String,
    pub country: String,
    pub lat: String,
    pub lon: String,
    pub geonameid: String,
    pub claim_kind: String,
    pub target: String,
    pub value: String,
    pub unit: String,
    pub qualifier: String,
    pub verdict: String,
    pub edtf: String,
}

impl ReviewRow {
    /// The rows for `found`, read from `source`: claims whose ends are both
    /// known and dates with an event to attach to are kept by default.
    ///
    /// # Examples
    /// ```
    /// use sandtable::{edit::ReviewRow, load::Dataset, measure::{extract, ExtractOptions}};
    /// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// let found = extract("Hammaguir lies about 50 km from the Moroccan border.", &data, None, &ExtractOptions::default());
    /// let rows = ReviewRow::all(&found, Some("le-monde-1"));
    /// let claim = rows.iter().find(|r| r.kind == "claim").unwrap();
    /// assert_eq!((claim.keep.as_str(), claim.claim_kind.as_str(), claim.target.as_str()), ("yes", "distance_to_border", "border:MA"));
    /// ```
    pub fn all(found: &[Finding], source: Option<&str>) -> Vec<ReviewRow> {
        let source = source.unwrap_or_default();
        let mut rows: Vec<ReviewRow> = found.iter().map(|f| row(f, source)).collect();
        let mut used = std::collections::HashSet::new();
        for (i, row) in rows.iter_mut().enumerate() {
            if !row.id.is_empty() && !used.insert(row.id.clone()) {
                row.id = format!("{}-{}", row.id, i + 1);
            }
        }
        rows
    }
}

fn row(f: &Finding, source: &str) -> ReviewRow {
    let mut row = ReviewRow {
        keep: "no".into(),
        kind: f.kind.as_str().into(),
        id: String::new(),
        subject: String::new(),
        source_id: source.into(),
        text: f.text.clone(),
        start: f.start,
        end: f.end,
        sentence: f.sentence.clone(),
        site_id: f.site_id.clone().unwrap_or_default(),
        name: String::new(),
        site_kind: String::new(),
        country: String::new(),
        lat: String::new(),
        lon: String::new(),
        geonameid: String::new(),
        claim_kind: String::new(),
        target: String::new(),
        value: String::new(),
        unit: String::new(),
        qualifier: String::new(),
        verdict: f
            .verdict
            .as_ref()
            .map(|v| v.verdict.to_string())
            .unwrap_or_default(),
        edtf: f.edtf.clone().unwrap_or_default(),
    };
    match f.kind {
        FindingKind::Mention => {}
        FindingKind::Unknown => {
            let place = f.suggestion.as_ref();
            row.name = place
                .and_then(|p| p.names.first().cloned())
                .unwrap_or_else(|| f.text.clone());
            row.id = slug(&row.name);
            row.site_kind = place
                .map_or("city", |p| site_kind(p.feature.as_deref()))
                .into();
            row.country = place.map(|p| p.country.clone()).unwrap_or_default();
            row.lat = place.map(|p| p.lat.to_string()).unwrap_or_default();
            row.lon = place.map(|p| p.lon.to_string()).unwrap_or_default();
            row.geonameid = place
                .and_then(|p| p.geonameid)
                .map(|g| g.to_string())
                .unwrap_or_default();
        }
        FindingKind::Claim => {
            let claim = f.claim.as_ref().expect("a claim finding has its claim");
            let (value, unit, qualifier) = claims_value(claim);
            row.subject = claim
                .from
                .as_ref()
                .map(|e| e.to_string())
                .unwrap_or_default();
            row.claim_kind = match (claim.relation, &claim.to) {
                (Relation::Distance, End::Border(_)) => "distance_to_border",
                (Relation::Distance, _) => "distance_between",
                (Relation::Bearing, _) => "bearing",
                (Relation::Between, _) => "between",
            }
            .into();
            row.target = claim.to.to_string();
            row.value = value;
            row.unit = unit;
            row.qualifier = qualifier.map(|q| q.to_string()).unwrap_or_default();
            row.id = slug(&format!("{}-{}-{}", source, row.subject, row.claim_kind));
            if f.verdict.is_some() {
                row.keep = "yes".into();
            }
        }
        FindingKind::Date => {
            row.subject = f.event.clone().unwrap_or_default();
            if !row.subject.is_empty() {
                row.keep = "yes".into();
            }
        }
    }
    row
}

/// A GeoNames feature code as a site kind.
fn site_kind(feature: Option<&str>) -> &'static str {
    match feature.unwrap_or("") {
        "PPLC" => "capital",
        "AIRB" | "AIRF" | "AIRP" => "airfield",
        "PRT" | "HBR" => "port",
        "ADM1" | "ADM2" | "RGN" => "region",
        "MILB" | "INSM" => "base",
        _ => "city",
    }
}

/// A name as an id: folded, spaces and punctuation as `-`.
fn slug(text: &str) -> String {
    let folded: String = normalise(text)
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    folded
        .split('-')
        .filter(|p| !p.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// Writes the review file (whole or not at all).
///
/// # Errors
/// [`Error::Io`] or [`Error::Input`] as [`OutputFile`] gives them.
pub fn write_review(path: &Path, rows: &[ReviewRow]) -> Result<()> {
    let output = OutputFile::new(path)?;
    let mut csv = csv::Writer::from_writer(Vec::new());
    if rows.is_empty() {
        csv.serialize(None::<ReviewRow>).ok();
    }
    for row in rows {
        csv.serialize(row)
            .map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
    }
    let bytes = csv
        .into_inner()
        .map_err(|e| Error::Input(format!("{}: {e}", path.display())))?;
    output.write_all(&bytes)
}

/// What `apply` added.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Applied {
    /// Sites added.
    pub sites: usize,
    /// Claims added.
    pub claims: usize,
    /// Statements added.
    pub statements: usize,
    /// Kept rows that add nothing (mentions).
    pub skipped: usize,
}

impl std::fmt::Display for Applied {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "added {} sites, {} claims and {} statements ({} kept rows add nothing)",
            self.sites, self.claims, self.statements, self.skipped
        )
    }
}

/// Adds every row of `file` whose `keep` is `yes` to the dataset in `dir`,
/// each through the checks of `add`, under the dataset's lock. All or
/// none: if one row is refused, the data files are put back as they were
/// and the error names the row's line.
///
/// # Errors
/// [`Error::Input`] for an unreadable file or a row that is refused.
pub fn apply(dir: &Path, file: &Path) -> Result<Applied> {
    let bytes = read_regular(file, MAX_FILE_BYTES)?;
    let mut reader = csv::Reader::from_reader(&bytes[..]);
    let mut rows = Vec::new();
    for (i, row) in reader.deserialize::<ReviewRow>().enumerate() {
        let line = i + 2;
        rows.push((
            line,
            row.map_err(|e| Error::Input(format!("{}: line {line}: {e}", file.display())))?,
        ));
    }
    let _lock = DatasetLock::acquire(dir)?;
    let before: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|f| Ok((f.to_string(), read_regular(&dir.join(f), MAX_FILE_BYTES)?)))
        .collect::<Result<_>>()?;
    let mut applied = Applied::default();
    for (line, row) in rows
        .iter()
        .filter(|(_, r)| r.keep.trim().eq_ignore_ascii_case("yes"))
    {
        if let Err(e) = apply_row(dir, row, &mut applied) {
            for (name, bytes) in &before {
                OutputFile::new(&dir.join(name))?.write_all(bytes)?;
            }
            return Err(Error::Input(format!(
                "{}: line {line} ({} '{}'): {e}; nothing was added",
                file.display(),
                row.kind,
                row.text
            )));
        }
    }
    Ok(applied)
}

fn apply_row(dir: &Path, row: &ReviewRow, applied: &mut Applied) -> Result<()> {
    match row.kind.as_str() {
        "unknown" => {
            let number = |what: &str, text: &str| {
                text.trim().parse::<f64>().map_err(|_| {
                    Error::Input(format!(
                        "{what} '{text}' is not a number; write the place's coordinates"
                    ))
                })
            };
            let kind: SiteKind = row.site_kind.parse().map_err(Error::Input)?;
            let script = |c: char| ('\u{0600}'..='\u{06FF}').contains(&c);
            let cyrillic = |c: char| ('\u{0400}'..='\u{04FF}').contains(&c);
            let site = NewSite {
                id: row.id.clone(),
                name: row.name.clone(),
                name_ar: if row.text.chars().any(script) {
                    row.text.clone()
                } else {
                    String::new()
                },
                name_ru: if row.text.chars().any(cyrillic) {
                    row.text.clone()
                } else {
                    String::new()
                },
                aliases: Vec::new(),
                kind,
                country: row.country.clone(),
                admin1: String::new(),
                position: Position::Given {
                    lat: number("lat", &row.lat)?,
                    lon: number("lon", &row.lon)?,
                    source: if row.geonameid.is_empty() {
                        "given in review".into()
                    } else {
                        format!("GeoNames {} (CC BY 4.0), offline gazetteer", row.geonameid)
                    },
                },
                precision_m: 5000.0,
                source_ids: vec![row.source_id.clone()],
                notes: String::new(),
            };
            append_site(dir, &site)?;
            applied.sites += 1;
        }
        "claim" => {
            let claim = NewClaim {
                id: row.id.clone(),
                source_id: row.source_id.clone(),
                subject: row.subject.clone(),
                kind: row.claim_kind.clone(),
                target: row.target.clone(),
                value: row.value.clone(),
                unit: row.unit.clone(),
                qualifier: row.qualifier.clone(),
                notes: row.sentence.clone(),
            };
            append_claim(dir, &claim)?;
            applied.claims += 1;
        }
        "date" => {
            let statement = NewStatement {
                subject: row.subject.clone(),
                field: "date".into(),
                value: row.edtf.clone(),
                source_id: row.source_id.clone(),
                quote: quote(row),
                notes: String::new(),
            };
            append_statement(dir, &statement)?;
            applied.statements += 1;
        }
        _ => applied.skipped += 1,
    }
    Ok(())
}

/// The words a date statement quotes: the sentence when it is short
/// enough to be a quote, else the date's own words.
fn quote(row: &ReviewRow) -> String {
    if row.sentence.chars().count() <= 400 {
        row.sentence.clone()
    } else {
        row.text.clone()
    }
}
