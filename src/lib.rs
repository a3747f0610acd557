//! sandtable: a multilingual gazetteer of military exercise sites, exact
//! geodesic distances on WGS84 (to places and to land borders), claim
//! checking, and GeoJSON layers.
//!
//! The flow is one way: [`dataset`] loads and checks the CSV files (with
//! [`table`], [`dates`], [`names`] and [`countries`]), [`place`] resolves what
//! a user types, [`geodesy`] and [`borders`] measure, [`claims`] judges, and
//! [`report`] and [`layers`] render.

#![warn(missing_docs)]

pub mod borders;
pub mod claims;
pub mod countries;
pub mod dataset;
pub mod dates;
pub mod error;
pub mod explain;
pub mod geodesy;
pub mod layers;
pub mod measure;
pub mod mentions;
pub mod model;
pub mod names;
pub mod place;
pub mod report;
pub mod table;
pub mod units;
