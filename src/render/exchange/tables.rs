//! Each layer as CSV with a `wkt` geometry column (what kepler.gl, uMap and
//! Google My Maps exchange), and every feature as a GeoJSON text sequence
//! (RFC 8142: a record separator, the feature, a line feed).

use super::{items, text, STYLE_KEYS};
use crate::render::layers::Layer;
use std::io::{self, Write};
use wkt::ToWkt;

/// A layer as CSV: `id`, `wkt`, then its properties (style keys left out).
pub(crate) fn csv_wkt(layer: &Layer) -> io::Result<Vec<u8>> {
    let items = items(layer);
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        for key in item.properties.keys() {
            if !STYLE_KEYS.contains(&key.as_str()) && !columns.contains(key) {
                columns.push(key.clone());
            }
        }
    }
    let mut csv = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["id".to_string(), "wkt".to_string()];
    header.extend(columns.iter().cloned());
    csv.write_record(&header).map_err(io::Error::other)?;
    for item in &items {
        let mut row = vec![
            item.id.clone(),
            item.geometry
                .as_ref()
                .map(|g| g.wkt_string())
                .unwrap_or_default(),
        ];
        row.extend(
            columns
                .iter()
                .map(|c| item.properties.get(c).map(text).unwrap_or_default()),
        );
        csv.write_record(&row).map_err(io::Error::other)?;
    }
    csv.into_inner()
        .map_err(|e| io::Error::other(e.to_string()))
}

/// Every feature of `layers` as RFC 8142 records, each with a `layer`
/// property naming its layer.
pub(crate) fn geojson_seq(layers: &[&Layer], out: &mut dyn Write) -> io::Result<()> {
    for layer in layers {
        let Ok(geojson::GeoJson::FeatureCollection(collection)) = layer.geojson.parse() else {
            continue;
        };
        for mut feature in collection.features {
            feature.set_property("layer", layer.name);
            out.write_all(b"\x1e")?;
            serde_json::to_writer(&mut *out, &feature)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(())
}
