//! The formats analysts exchange, written from the same layers `build`
//! writes as GeoJSON: KMZ for Google Earth, a styled GeoPackage for QGIS,
//! CSV with a WKT column, GeoJSON text sequences, Linked Places for the
//! gazetteer, and ACLED's columns for the events.
//!
//! The crates made for each encoding do the encoding: `quick-xml` the KML,
//! `zip` the KMZ, `rusqlite` (SQLite, bundled) the GeoPackage, `wkb` its
//! geometries, `wkt` the WKT, `csv` and `serde_json` the rest.

pub(crate) mod acled;
pub(crate) mod gpkg;
pub(crate) mod kml;
pub(crate) mod lpf;
pub(crate) mod tables;

use crate::base::error::{Error, Result};
use crate::load::dataset::Dataset;
use crate::render::layers::Layer;
use geojson::{Feature, GeoJson, JsonObject};

/// One feature of a layer: its id, geometry and flat properties.
pub(crate) struct Item {
    pub id: String,
    pub geometry: Option<geo::Geometry<f64>>,
    pub properties: JsonObject,
}

/// A layer's features, read back from its GeoJSON.
pub(crate) fn items(layer: &Layer) -> Vec<Item> {
    let Ok(GeoJson::FeatureCollection(collection)) = layer.geojson.parse::<GeoJson>() else {
        return Vec::new();
    };
    collection.features.into_iter().map(item).collect()
}

fn item(feature: Feature) -> Item {
    let id = match &feature.id {
        Some(geojson::feature::Id::String(s)) => s.clone(),
        Some(geojson::feature::Id::Number(n)) => n.to_string(),
        None => String::new(),
    };
    let geometry = feature
        .geometry
        .as_ref()
        .and_then(|g| geo::Geometry::<f64>::try_from(g.value.clone()).ok());
    Item {
        id,
        geometry,
        properties: feature.properties.unwrap_or_default(),
    }
}

/// The properties that style a feature for GitHub and geojson.io
/// (simplestyle); formats with styles of their own leave them out of the
/// data.
pub(crate) const STYLE_KEYS: &[&str] = &[
    "title",
    "marker-color",
    "marker-symbol",
    "marker-size",
    "stroke",
    "stroke-width",
    "stroke-opacity",
    "fill",
    "fill-opacity",
];

/// A property as text: strings bare, numbers and booleans as JSON, null empty.
pub(crate) fn text(value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// The layers for Google Earth and GeoPackage readers: `sandtable.kmz` and
/// `sandtable.gpkg`.
///
/// # Errors
/// [`Error::Io`] when the GeoPackage cannot be made in the temporary folder.
pub(crate) fn files(layers: &[Layer], data: &Dataset) -> Result<Vec<(String, Vec<u8>)>> {
    let io = |what: &str, e: String| Error::Io {
        path: what.to_string(),
        source: std::io::Error::other(e),
    };
    let kmz = kml::kmz(layers, data).map_err(|e| io("sandtable.kmz", e.to_string()))?;
    let gpkg = gpkg::geopackage(layers).map_err(|e| io("sandtable.gpkg", e.to_string()))?;
    Ok(vec![
        ("sandtable.kmz".into(), kmz),
        ("sandtable.gpkg".into(), gpkg),
    ])
}
