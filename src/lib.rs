//! sandtable: a multilingual gazetteer of military exercise sites, exact
//! geodesic distances on WGS84 (to places and to land borders), claim
//! checking, and map layers.
//!
//! The flow is one way, a module per step, none importing a later one:
//!
//! 0. [`base`]: errors, vocabularies, units, dates, countries and the WGS84
//!    ellipsoid, which every step speaks;
//! 1. [`load`]: the CSV files into typed, cross-checked records; boundary
//!    files into indexed lines;
//! 2. [`resolve`]: what a user types (names in any script, coordinates,
//!    `border:XX`) into places and targets; the offline gazetteer;
//! 3. [`measure`]: distances, claim verdicts, places found in text, and
//!    `enrich` over files of points;
//! 4. [`render`]: reports, explanations, GeoJSON layers, the QGIS project
//!    and the web map;
//! 5. [`edit`]: checked changes written back to the dataset.
//!
//! # Examples
//! ```
//! use sandtable::{load::Dataset, measure::measure, resolve::{Resolver, TargetArg}};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let resolver = Resolver::new(&data);
//! let from = resolver.place("Hammaguir").unwrap();
//! let border = TargetArg::load("border:MA").unwrap();
//! let m = measure(&from, &border.resolve(&from, Some(&resolver)).unwrap()).unwrap();
//! assert_eq!((m.distance_m / 100.0).round() / 10.0, 47.9);
//! ```

#![warn(missing_docs)]

pub mod base;
pub mod edit;
pub mod load;
pub mod measure;
pub mod render;
pub mod resolve;

pub use base::{Error, Result};
