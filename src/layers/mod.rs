//! GeoJSON layers for QGIS and web maps (`sandtable build`).
//!
//! RFC 7946 throughout: `[lon, lat]` on WGS84, no `crs` member, at most 7
//! decimals, polygons counter-clockwise, one geometry type per file, flat
//! properties (lists joined with `; `), a stable `id` on every feature, and
//! simplestyle-spec properties so that previews on GitHub or geojson.io look
//! meaningful. Each layer has a QGIS style beside it (`sites.qml` for
//! `sites.geojson`), which QGIS applies when it opens the layer.
//!
//! Features are `geojson::Feature`s with `geo` geometries converted by the
//! `geojson` crate. Two things are this module's own, because the files must
//! be byte-for-byte reproducible and diff well: coordinates are rounded to 7
//! decimals before conversion, and the collection is written one feature per
//! line.
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
use crate::findings::Findings;
use crate::report::round;
use crate::vocab::{EventKind, SiteKind, Verdict};
use geo::MapCoords;
use geojson::{Feature, JsonObject, JsonValue};
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

/// Renders every layer from the dataset and what was measured of it
/// (nothing is written).
///
/// ```
/// # let data = sandtable::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let layers = sandtable::layers(&data, &sandtable::Findings::compute(&data));
/// assert_eq!(layers.len(), 5);
/// assert!(layers[0].geojson.starts_with("{\"type\":\"FeatureCollection\""));
/// ```
pub fn all(data: &Dataset, findings: &Findings) -> Vec<Layer> {
    vec![
        Layer {
            name: "sites",
            geojson: sites::layer(data, findings),
            qml: styles::sites(),
        },
        Layer {
            name: "events",
            geojson: events::layer(data, findings),
            qml: styles::events(),
        },
        Layer {
            name: "borders",
            geojson: lines::borders(),
            qml: styles::borders(),
        },
        Layer {
            name: "border-links",
            geojson: lines::links(&findings.links),
            qml: styles::links(),
        },
        Layer {
            name: "claims",
            geojson: claims::layer(data, &findings.checks),
            qml: styles::claims(),
        },
    ]
}

/// Writes the layers (and their styles) into `out`, with a QGIS project
/// `sandtable.qgs` that opens them all, atomically file by file. Returns
/// the paths written.
pub fn build(layers: &[Layer], out: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(out).map_err(|source| Error::Io {
        path: out.display().to_string(),
        source,
    })?;
    let mut written = Vec::new();
    for layer in layers {
        for (ext, text) in [("geojson", &layer.geojson), ("qml", &layer.qml)] {
            let path = out.join(format!("{}.{ext}", layer.name));
            write_atomically(&path, text)?;
            written.push(path);
        }
    }
    let project = out.join("sandtable.qgs");
    write_atomically(&project, &styles::project(layers))?;
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

/// A `geo` geometry as GeoJSON, its coordinates rounded to 7 decimals
/// (about 1 cm), negative zero written as zero.
fn geometry<G>(g: &G) -> geojson::Geometry
where
    G: MapCoords<f64, f64>,
    for<'a> geojson::GeometryValue: From<&'a G::Output>,
{
    let rounded = g.map_coords(|c| geo::coord! { x: round(c.x, 7), y: round(c.y, 7) });
    geojson::Geometry::new(geojson::GeometryValue::from(&rounded))
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

    fn add(&mut self, id: &str, geometry: geojson::Geometry, properties: JsonObject) {
        let feature = Feature {
            bbox: None,
            geometry: Some(geometry),
            id: Some(geojson::feature::Id::String(id.to_string())),
            properties: Some(properties),
            foreign_members: None,
        };
        self.features
            .push(serde_json::to_string(&feature).expect("a feature serialises"));
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
struct Props(JsonObject);

impl Props {
    fn text(mut self, key: &str, v: &str) -> Props {
        self.0.insert(
            key.into(),
            if v.is_empty() {
                JsonValue::Null
            } else {
                JsonValue::from(v)
            },
        );
        self
    }
    fn value(mut self, key: &str, v: impl Into<JsonValue>) -> Props {
        self.0.insert(key.into(), v.into());
        self
    }
    fn number(self, key: &str, v: Option<f64>, decimals: i32) -> Props {
        let v = v
            .filter(|v| v.is_finite())
            .map_or(JsonValue::Null, |v| JsonValue::from(round(v, decimals)));
        self.value(key, v)
    }
    fn done(self) -> JsonObject {
        self.0
    }
}

/// Colours shared by the simplestyle properties and the QGIS styles.
fn site_colour(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::TrainingGround => "#d7301f",
        SiteKind::Base => "#984ea3",
        SiteKind::Port => "#2171b5",
        SiteKind::City => "#525252",
        SiteKind::Capital => "#000000",
        SiteKind::SeaArea => "#41b6c4",
        SiteKind::Region => "#fd8d3c",
        SiteKind::Airfield => "#737373",
    }
}

fn event_colour(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Exercise => "#d7301f",
        EventKind::NavalExercise => "#984ea3",
        EventKind::PortCall => "#2171b5",
        EventKind::Visit => "#525252",
        EventKind::Meeting => "#000000",
        EventKind::Agreement => "#41b6c4",
        EventKind::Ceremony => "#fd8d3c",
    }
}

fn verdict_colour(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Consistent => "#1a9850",
        Verdict::Overstated | Verdict::Understated | Verdict::Inconsistent => "#d73027",
        Verdict::Unverifiable => "#969696",
    }
}
