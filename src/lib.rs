//! sandtable: a multilingual gazetteer of military exercise sites, exact
//! geodesic distances on WGS84 (to places and to land borders), claim
//! checking, and GeoJSON layers.
//!
//! The flow is one way, each step in its own modules, none importing a
//! later one:
//!
//! 1. **load**: `table` (CSV with positions), `model` (typed records),
//!    `dataset` (the five files, cross-checked), with `vocab`, `spec`,
//!    `dates`, `countries` and `units` parsing values once;
//! 2. **resolve**: `names` (folding, alias index), `variants`
//!    (transliteration-aware keys), `place` (what a user types → a place or
//!    target), `filter` (which events), `geocode` (a name → GeoNames
//!    coordinates);
//! 3. **measure**: `geodesy` and `borders` (the exact kernel), `measure`,
//!    `claims`, `findings` (everything measured, once), `mentions`,
//!    `toponyms` (places the gazetteer lacks), `enrich` (distances for
//!    every row of a CSV of points);
//! 4. **render**: `report`, `explain`, `layers`, and `edit` (a checked
//!    row appended to the dataset).
//!
//! # Examples
//! ```
//! use sandtable::{measure, Dataset, Resolver, TargetArg};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let resolver = Resolver::new(&data);
//! let from = resolver.place("Hammaguir").unwrap();
//! let border = TargetArg::load("border:MA").unwrap();
//! let m = measure(&from, &border.resolve(&from, Some(&resolver)).unwrap()).unwrap();
//! assert_eq!((m.distance_m / 100.0).round() / 10.0, 47.9);
//! ```

#![warn(missing_docs)]

mod borders;
mod claims;
mod countries;
mod dataset;
mod dates;
mod edit;
mod enrich;
mod error;
mod explain;
mod filter;
mod findings;
mod geocode;
mod geodesy;
mod layers;
mod measure;
mod mentions;
mod model;
mod names;
mod place;
mod report;
mod spec;
mod table;
mod toponyms;
mod units;
mod variants;
mod vocab;

pub use borders::{
    between as bundled_boundary, bundled as bundled_boundaries, coast as bundled_coast,
    coasts as bundled_coasts, from_file as boundary_from_file, Boundary,
};
pub use claims::{check as check_claim, check_all as check_claims, position_along, ClaimCheck};
pub use countries::{find as find_country, Country};
pub use dataset::{Dataset, FILES};
pub use dates::{Day, EdtfDate};
pub use edit::{add_site, NewSite, Position};
pub use enrich::{column_prefix, enrich, enrich_to_file, EnrichOptions, EnrichSummary};
pub use error::{Error, Problem, Result};
pub use explain::explain;
pub use filter::EventFilter;
pub use findings::Findings;
pub use geocode::{Gazetteer, GeoPlace, MatchKind, Suggestion};
pub use geodesy::{
    compass_point, compass_sector, destination, inverse, GeoPoint, Inverse, Nearest,
};
pub use layers::{all as render, build as write_output, Layer, Output};
pub use measure::{measure, site_boundaries, sites_to, BoundaryInfo, Measurement};
pub use mentions::{scan_files, Matcher, Mention, ScanError, ScanFile, CHUNK_BYTES, SMALL_FILE};
pub use model::{Claim, Event, Site, Source, Statement};
pub use names::{normalise, Lookup, NameIndex};
pub use place::{parse_coordinates, Place, Resolver, Target, TargetArg};
pub use report::{
    distance_sentence, format_distance, write_rows, ClaimRow, ConflictRow, DistanceJson, EventRow,
    FactRow, Format, GeocodeRow, MeasurementRow, MentionRow, RowStream, SiteRow, UnknownRow,
};
pub use spec::{ClaimSpec, DistanceBand, Sector, TargetSpec};
pub use toponyms::{unknown_places, unknown_places_in, Toponym, CUES};
pub use units::Unit;
pub use variants::{is_common_word, skeleton, variant_key, QUALIFIERS};
pub use vocab::{BoundaryStatus, ClaimKind, EventKind, EventStatus, Qualifier, SiteKind, Verdict};
