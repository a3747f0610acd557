//! Step 3, measure: every figure sandtable reports, computed here and only
//! here. Distances and bearings from a place to a place or a boundary,
//! claim verdicts, everything a dataset's layers need ([`Findings`]), the
//! gazetteer's places found in text, places the gazetteer lacks, and the
//! streaming `enrich` over a file of points.
//!
//! # Examples
//! ```
//! use sandtable::{load::Dataset, measure::{measure, Findings}, resolve::{Resolver, TargetArg}};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let resolver = Resolver::new(&data);
//! let from = resolver.place("Hammaguir").unwrap();
//! let border = TargetArg::load("border:MA").unwrap();
//! let m = measure(&from, &border.resolve(&from, Some(&resolver)).unwrap()).unwrap();
//! assert_eq!((m.distance_m / 100.0).round() / 10.0, 47.9);
//! // Every claim of the dataset gets a verdict.
//! let findings = Findings::compute(&data);
//! assert_eq!(findings.checks.len(), data.claims.len());
//! ```

pub(crate) mod claims;
pub(crate) mod columnar;
pub(crate) mod distances;
pub(crate) mod enrich;
pub(crate) mod enrich_file;
pub(crate) mod extract;
pub(crate) mod findings;
pub(crate) mod mentions;
pub(crate) mod points;
pub(crate) mod toponyms;

pub use claims::{check as check_claim, check_all as check_claims, position_along, ClaimCheck};
pub use distances::{distance, measure, site_boundaries, sites_to, BoundaryInfo, Measurement};
pub use enrich::{
    column_prefix, coordinate_pair, enrich, EnrichOptions, EnrichSummary, TableFormat,
};
pub use enrich_file::enrich_path;
pub use extract::{
    claims_value, extract, ClaimVerdict, End, ExtractInput, ExtractOptions, Finding, FindingKind,
    FoundClaim, Qualified, Relation,
};
pub use findings::Findings;
pub use mentions::{scan_files, Matcher, Mention, ScanError, ScanFile, CHUNK_BYTES, SMALL_FILE};
pub use points::{measure_points, point, Measured};
pub use toponyms::{unknown_places, unknown_places_in, Toponym, CUES};
