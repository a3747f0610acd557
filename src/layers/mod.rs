//! GeoJSON layers for QGIS and web maps (`sandtable build`).
//!
//! RFC 7946 throughout: `[lon, lat]` on WGS84, no `crs` member, at most 7
//! decimals, polygons counter-clockwise, one geometry type per file, flat
//! properties (lists joined with `; `), a stable `id` on every feature, and
//! simplestyle-spec properties so that previews on GitHub or geojson.io look
//! meaningful. Each layer has a QGIS style beside it (`sites.qml` for
//! `sites.geojson`), which QGIS applies when it opens the layer.
//!
//! The JSON is written here rather than through the `geojson` crate because
//! the files must be byte-for-byte reproducible with a fixed number format
//! (7 decimals, trailing zeros trimmed) and one feature per line for
//! readable diffs.
//!
//! Every layer is computed in memory first, then each file is written to a
//! temporary name and renamed into place, so a failed build never leaves a
//! half-written layer.

mod claims;
mod events;
mod lines;
mod sites;
mod styles;

use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::geodesy::GeoPoint;
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// One layer ready to write: its file stem, GeoJSON text and QGIS style.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// File stem, e.g. `sites`.
    pub name: &'static str,
    /// The GeoJSON text.
    pub geojson: String,
    /// The QGIS style (QML).
    pub qml: String,
}

/// Computes every layer from the dataset (nothing is written).
///
/// ```
/// # let data = sandtable::dataset::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let layers = sandtable::layers::all(&data);
/// assert_eq!(layers.len(), 5);
/// assert!(layers[0].geojson.starts_with("{\"type\":\"FeatureCollection\""));
/// ```
pub fn all(data: &Dataset) -> Vec<Layer> {
    let links = crate::measure::site_boundaries(data);
    let checks = crate::claims::check_all(data);
    vec![
        Layer {
            name: "sites",
            geojson: sites::layer(data, &links),
            qml: styles::sites(),
        },
        Layer {
            name: "events",
            geojson: events::layer(data, &checks),
            qml: styles::events(),
        },
        Layer {
            name: "borders",
            geojson: lines::borders(),
            qml: styles::borders(),
        },
        Layer {
            name: "border-links",
            geojson: lines::links(&links),
            qml: styles::links(),
        },
        Layer {
            name: "claims",
            geojson: claims::layer(data, &checks),
            qml: styles::claims(),
        },
    ]
}

/// Computes every layer and writes it (and its style) into `out`, with a
/// QGIS project `sandtable.qgs` that opens them all, atomically file by
/// file. Returns the paths written.
pub fn build(data: &Dataset, out: &Path) -> Result<Vec<PathBuf>> {
    let layers = all(data);
    std::fs::create_dir_all(out).map_err(|source| Error::Io {
        path: out.display().to_string(),
        source,
    })?;
    let mut written = Vec::new();
    for layer in &layers {
        for (ext, text) in [("geojson", &layer.geojson), ("qml", &layer.qml)] {
            let path = out.join(format!("{}.{ext}", layer.name));
            write_atomically(&path, text)?;
            written.push(path);
        }
    }
    let project = out.join("sandtable.qgs");
    write_atomically(&project, &styles::project(&layers))?;
    written.push(project);
    Ok(written)
}

fn write_atomically(path: &Path, text: &str) -> Result<()> {
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let tmp = path.with_extension(format!(
        "{}.tmp",
        path.extension().and_then(|e| e.to_str()).unwrap_or("")
    ));
    std::fs::write(&tmp, text).map_err(io)?;
    std::fs::rename(&tmp, path).map_err(io)
}

/// A coordinate with at most 7 decimals and no trailing zeros.
///
/// ```
/// assert_eq!(sandtable::layers::coord(-3.0455560), "-3.045556");
/// assert_eq!(sandtable::layers::coord(2.0), "2");
/// assert_eq!(sandtable::layers::coord(-0.00000001), "0");
/// ```
pub fn coord(v: f64) -> String {
    let s = format!("{v:.7}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn position(p: GeoPoint) -> String {
    format!("[{},{}]", coord(p.lon), coord(p.lat))
}

fn positions(points: &[GeoPoint]) -> String {
    let inner: Vec<String> = points.iter().map(|p| position(*p)).collect();
    format!("[{}]", inner.join(","))
}

/// Geometry JSON text for the layer writers.
enum Geometry<'a> {
    Point(GeoPoint),
    LineString(&'a [GeoPoint]),
    MultiLineString(&'a [Vec<GeoPoint>]),
    MultiPolygon(&'a [Vec<GeoPoint>]),
}

impl Geometry<'_> {
    fn json(&self) -> String {
        match self {
            Geometry::Point(p) => {
                format!("{{\"type\":\"Point\",\"coordinates\":{}}}", position(*p))
            }
            Geometry::LineString(l) => {
                format!(
                    "{{\"type\":\"LineString\",\"coordinates\":{}}}",
                    positions(l)
                )
            }
            Geometry::MultiLineString(ls) => {
                let inner: Vec<String> = ls.iter().map(|l| positions(l)).collect();
                format!(
                    "{{\"type\":\"MultiLineString\",\"coordinates\":[{}]}}",
                    inner.join(",")
                )
            }
            Geometry::MultiPolygon(rings) => {
                let inner: Vec<String> = rings
                    .iter()
                    .map(|r| format!("[{}]", positions(r)))
                    .collect();
                format!(
                    "{{\"type\":\"MultiPolygon\",\"coordinates\":[{}]}}",
                    inner.join(",")
                )
            }
        }
    }
}

/// Builds a FeatureCollection, one feature per line, in the order given.
struct Collection {
    name: &'static str,
    features: Vec<String>,
}

impl Collection {
    fn new(name: &'static str) -> Collection {
        Collection {
            name,
            features: Vec::new(),
        }
    }

    fn add(&mut self, id: &str, geometry: Geometry, properties: Map<String, Value>) {
        let props = Value::Object(properties).to_string();
        self.features.push(format!(
            "{{\"type\":\"Feature\",\"id\":{},\"geometry\":{},\"properties\":{props}}}",
            Value::from(id),
            geometry.json()
        ));
    }

    fn finish(self) -> String {
        format!(
            "{{\"type\":\"FeatureCollection\",\"name\":\"{}\",\"features\":[\n{}\n]}}\n",
            self.name,
            self.features.join(",\n")
        )
    }
}

/// Properties map builder: keeps insertion order, turns empty text into null.
#[derive(Default)]
struct Props(Map<String, Value>);

impl Props {
    fn text(mut self, key: &str, v: &str) -> Props {
        self.0.insert(
            key.into(),
            if v.is_empty() {
                Value::Null
            } else {
                Value::from(v)
            },
        );
        self
    }
    fn value(mut self, key: &str, v: impl Into<Value>) -> Props {
        self.0.insert(key.into(), v.into());
        self
    }
    fn number(self, key: &str, v: Option<f64>, decimals: i32) -> Props {
        let v = v.map_or(Value::Null, |v| {
            Value::from(crate::report::round(v, decimals))
        });
        self.value(key, v)
    }
    fn done(self) -> Map<String, Value> {
        self.0
    }
}

/// Colours shared by the simplestyle properties and the QGIS styles.
fn kind_colour(kind: &str) -> &'static str {
    match kind {
        "training_ground" | "exercise" => "#d7301f",
        "base" | "naval_exercise" => "#984ea3",
        "port" | "port_call" => "#2171b5",
        "city" | "visit" => "#525252",
        "capital" | "meeting" => "#000000",
        "sea_area" | "agreement" => "#41b6c4",
        "region" | "ceremony" => "#fd8d3c",
        _ => "#737373",
    }
}

fn verdict_colour(verdict: &str) -> &'static str {
    match verdict {
        "consistent" => "#1a9850",
        "overstated" | "understated" | "inconsistent" => "#d73027",
        _ => "#969696",
    }
}
