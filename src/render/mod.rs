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
pub use layers::{build as write_output, write_folder, Layer, Output};

/// Renders every layer, the QGIS project, the web map and the exchange
/// files (KMZ, GeoPackage) from the dataset and what was measured of it
/// (nothing is written).
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let output = sandtable::render::render(&data, &sandtable::measure::Findings::compute(&data)).unwrap();
/// assert_eq!(output.layers.len(), 7);
/// assert!(output.layers[0].geojson.starts_with("{\"type\":\"FeatureCollection\""));
/// assert!(output.files.iter().any(|(name, _)| name == "sandtable.gpkg"));
/// ```
///
/// # Errors
/// [`crate::Error::Io`] when the GeoPackage cannot be made in the temporary folder.
pub fn render(
    data: &crate::load::Dataset,
    findings: &crate::measure::Findings,
) -> crate::Result<Output> {
    let mut output = layers::all(data, findings);
    output.files = exchange::files(&output.layers, data)?;
    Ok(output)
}
pub use report::{
    distance_sentence, format_distance, write_rows, ClaimRow, ConflictRow, DistanceJson, EventRow,
    FactRow, Format, GeocodeRow, MeasurementRow, MentionRow, RowStream, SiteRow, UnknownRow,
};
pub use scan::write_mentions;
