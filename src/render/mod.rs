//! Step 4, render: what was measured, written for people and programs.
//! Typed rows as text, CSV, JSON or Markdown ([`write_rows`]), every fact
//! of an event or site with its sources ([`explain`]), and the map: GeoJSON
//! layers with QGIS styles, the QGIS project and the web page
//! ([`render`], [`write_output`]).
//!
//! # Examples
//! ```
//! use sandtable::{load::Dataset, measure::Findings, render::{render, write_rows, Format, SiteRow}};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let rows: Vec<SiteRow> = data.sites.iter().take(1).map(SiteRow::of).collect();
//! let mut csv = Vec::new();
//! write_rows(&mut csv, &rows, Format::Csv).unwrap();
//! assert!(String::from_utf8(csv).unwrap().starts_with("id,name,"));
//! let output = render(&data, &Findings::compute(&data)).unwrap();
//! assert!(output.layers.iter().any(|layer| layer.name == "sites"));
//! ```

pub(crate) mod exchange;
pub(crate) mod explain;
pub(crate) mod export;
pub(crate) mod extract;
pub(crate) mod layers;
pub(crate) mod report;
pub(crate) mod scan;

pub use explain::explain;
pub use export::{export, ExportFormat, Exported};
pub use extract::ExtractRow;
pub use layers::{all as render, build as write_output, write_folder, Layer, Output};
pub use report::{
    distance_sentence, format_distance, write_rows, ClaimRow, ConflictRow, DistanceJson, EventRow,
    FactRow, Format, GeocodeRow, MeasurementRow, MentionRow, RowStream, SiteRow, UnknownRow,
};
pub use scan::write_mentions;
