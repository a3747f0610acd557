//! `extract`'s findings as rows: one per finding, the same columns in every
//! format (empty where a column does not apply to its kind).

use crate::measure::extract::Finding;
use crate::render::report::round;
use serde::{Deserialize, Serialize};

/// One finding of `extract`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[allow(missing_docs)] // the columns are documented in docs/extract.md
pub struct ExtractRow {
    pub kind: String,
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub sentence: String,
    pub site_id: Option<String>,
    pub suggest_name: Option<String>,
    pub suggest_lat: Option<f64>,
    pub suggest_lon: Option<f64>,
    pub suggest_geonameid: Option<u32>,
    pub relation: Option<String>,
    pub value_low: Option<f64>,
    pub value_high: Option<f64>,
    pub unit: Option<String>,
    pub compass: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub event: Option<String>,
    pub computed: Option<f64>,
    pub verdict: Option<String>,
    pub note: Option<String>,
    pub edtf: Option<String>,
}

impl ExtractRow {
    /// The row for one finding.
    ///
    /// # Examples
    /// ```
    /// use sandtable::{load::Dataset, measure::{extract, ExtractOptions}, render::ExtractRow};
    /// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// let found = extract("Near Béchar.", &data, None, &ExtractOptions::default());
    /// let row = ExtractRow::of(&found[0]);
    /// assert_eq!((row.kind.as_str(), row.site_id.as_deref()), ("mention", Some("bechar")));
    /// ```
    pub fn of(f: &Finding) -> ExtractRow {
        let claim = f.claim.as_ref();
        let place = f.suggestion.as_ref();
        ExtractRow {
            kind: f.kind.as_str().to_string(),
            start: f.start,
            end: f.end,
            text: f.text.clone(),
            sentence: f.sentence.clone(),
            site_id: f.site_id.clone(),
            suggest_name: place.and_then(|p| p.names.first().cloned()),
            suggest_lat: place.map(|p| p.lat),
            suggest_lon: place.map(|p| p.lon),
            suggest_geonameid: place.and_then(|p| p.geonameid),
            relation: claim.map(|c| c.relation.as_str().to_string()),
            value_low: claim.and_then(|c| c.low).map(|v| round(v, 6)),
            value_high: claim.and_then(|c| c.high).map(|v| round(v, 6)),
            unit: claim.map(|c| c.unit.clone()).filter(|u| !u.is_empty()),
            compass: claim.and_then(|c| c.compass.clone()),
            from: claim.and_then(|c| c.from.as_ref()).map(|e| e.to_string()),
            to: claim.map(|c| c.to.to_string()),
            event: f.event.clone(),
            computed: f.verdict.as_ref().map(|v| round(v.computed, 2)),
            verdict: f.verdict.as_ref().map(|v| v.verdict.to_string()),
            note: f.verdict.as_ref().and_then(|v| v.note.clone()),
            edtf: f.edtf.clone(),
        }
    }

    /// The rows for every finding.
    pub fn all(found: &[Finding]) -> Vec<ExtractRow> {
        found.iter().map(ExtractRow::of).collect()
    }
}
