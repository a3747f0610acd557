//! `land.geojson` and `coast.geojson`: the countries around the dataset,
//! named in English, Arabic and Russian, and the coastline, to place the
//! other layers on (bundled in `data/context/`, made by
//! `tools/extract_context.py`).

use super::{geometry, Collection};
use geo::orient::{Direction, Orient};

pub(super) fn land() -> String {
    copy(
        "land",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/context/land.geojson"
        )),
    )
}

pub(super) fn coast() -> String {
    copy(
        "coast",
        include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/context/coast.geojson"
        )),
    )
}

/// Re-writes a bundled collection feature by feature, so the context
/// layers are written like every other layer.
fn copy(name: &'static str, text: &str) -> String {
    let collection: geojson::FeatureCollection =
        text.parse().expect("bundled context layers are GeoJSON");
    let mut out = Collection::new(name);
    for feature in collection.features {
        let id = match &feature.id {
            Some(geojson::feature::Id::String(id)) => id.clone(),
            _ => String::new(),
        };
        let shape = geo::Geometry::<f64>::try_from(
            feature.geometry.expect("bundled features have geometry"),
        )
        .expect("bundled geometries convert");
        // RFC 7946: exterior rings counter-clockwise, holes clockwise.
        let shape = match shape {
            geo::Geometry::MultiPolygon(m) => {
                geo::Geometry::MultiPolygon(m.orient(Direction::Default))
            }
            geo::Geometry::Polygon(p) => geo::Geometry::Polygon(p.orient(Direction::Default)),
            other => other,
        };
        out.add(
            &id,
            geometry(&shape),
            feature.properties.unwrap_or_default(),
        );
    }
    out.finish()
}
