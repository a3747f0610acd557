//! The GeoJSON layers: reproducible, committed, RFC 7946-clean, and read
//! as QGIS and the web map need them (GDAL reads them in `deliverables.rs`).

mod common;
use common::*;
use serde_json::Value;
use std::collections::HashSet;
use std::ffi::OsStr;
use std::path::Path;

fn build_into(dir: &Path) {
    run_ok([OsStr::new("build"), OsStr::new("--out"), dir.as_os_str()]);
}

#[test]
fn two_builds_are_byte_identical_and_match_the_committed_output() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_into(a.path());
    build_into(b.path());
    let fresh = tree(a.path());
    assert_eq!(fresh, tree(b.path()));
    let committed = tree(&repo().join("output"));
    let names =
        |t: &std::collections::BTreeMap<String, Vec<u8>>| t.keys().cloned().collect::<Vec<_>>();
    assert_eq!(names(&fresh), names(&committed));
    // 7 layers with styles, the project, the page with its script, styles
    // and data, Leaflet, the manifest, the KMZ and the GeoPackage.
    assert_eq!(
        fresh.len(),
        2 * LAYERS.len() + 1 + 4 + 5 + 1 + 2,
        "{:?}",
        names(&fresh)
    );
    for (name, bytes) in &fresh {
        assert!(
            committed[name] == *bytes,
            "output/{name} differs from what build produces: run `cargo run --release -- build`"
        );
    }
}

#[test]
fn bad_data_writes_nothing() {
    let data = dataset_with("sites.csv", |t| {
        replace(t, "30.889167,-3.045556", "95,-3.045556")
    });
    let out = tempfile::tempdir().unwrap();
    std::fs::write(out.path().join("sites.geojson"), "previous good layer").unwrap();
    let run = sandtable()
        .args(["build", "--data"])
        .arg(data.path())
        .arg("--out")
        .arg(out.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    let left = tree(out.path());
    assert_eq!(left.len(), 1, "{:?}", left.keys());
    assert_eq!(left["sites.geojson"], b"previous good layer".to_vec());
}

fn decimals(number: &str) -> usize {
    number.split_once('.').map_or(0, |(_, d)| {
        d.trim_end_matches(|c: char| !c.is_ascii_digit()).len()
    })
}

fn check_position(p: &Value, layer: &str) {
    let pos = p.as_array().unwrap();
    assert_eq!(pos.len(), 2, "{layer}: positions are [lon, lat]");
    let (lon, lat) = (pos[0].as_f64().unwrap(), pos[1].as_f64().unwrap());
    assert!(
        (-180.0..=180.0).contains(&lon) && (-90.0..=90.0).contains(&lat),
        "{layer}: {p}"
    );
    for n in pos {
        assert!(
            decimals(&n.to_string()) <= 7,
            "{layer}: more than 7 decimals: {n}"
        );
    }
}

fn ring_area(ring: &[Value]) -> f64 {
    ring.windows(2)
        .map(|w| {
            let (a, b) = (w[0].as_array().unwrap(), w[1].as_array().unwrap());
            a[0].as_f64().unwrap() * b[1].as_f64().unwrap()
                - b[0].as_f64().unwrap() * a[1].as_f64().unwrap()
        })
        .sum::<f64>()
        / 2.0
}

#[test]
fn layers_follow_rfc_7946() {
    for (name, geometry_type) in LAYERS {
        let text = std::fs::read_to_string(repo().join(format!("output/{name}.geojson"))).unwrap();
        let root: Value = serde_json::from_str(&text).unwrap();
        assert!(root.get("crs").is_none(), "{name}: no crs member");
        let mut ids = HashSet::new();
        for f in root["features"].as_array().unwrap() {
            assert!(
                ids.insert(f["id"].as_str().unwrap().to_string()),
                "{name}: duplicate id {}",
                f["id"]
            );
            assert_eq!(
                f["geometry"]["type"], *geometry_type,
                "{name}: one geometry type per file"
            );
            for (key, v) in f["properties"].as_object().unwrap() {
                assert!(
                    !v.is_object() && !v.is_array(),
                    "{name}: property {key} is not flat"
                );
            }
            let c = &f["geometry"]["coordinates"];
            match *geometry_type {
                "Point" => check_position(c, name),
                "LineString" => c
                    .as_array()
                    .unwrap()
                    .iter()
                    .for_each(|p| check_position(p, name)),
                "MultiLineString" => c
                    .as_array()
                    .unwrap()
                    .iter()
                    .flat_map(|l| l.as_array().unwrap())
                    .for_each(|p| check_position(p, name)),
                _ => {
                    for polygon in c.as_array().unwrap() {
                        for (i, ring) in polygon.as_array().unwrap().iter().enumerate() {
                            let ring = ring.as_array().unwrap();
                            ring.iter().for_each(|p| check_position(p, name));
                            assert_eq!(ring.first(), ring.last(), "{name}: rings are closed");
                            let area = ring_area(ring);
                            assert!(
                                if i == 0 { area > 0.0 } else { area < 0.0 },
                                "{name}: exterior rings counter-clockwise"
                            );
                        }
                    }
                }
            }
        }
    }
}

#[test]
fn events_without_a_known_date_have_null_start_and_end() {
    let text = std::fs::read_to_string(repo().join("output/events.geojson")).unwrap();
    let root: Value = serde_json::from_str(&text).unwrap();
    let port_call = root["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["properties"]["event_id"] == "kildin-port-call")
        .unwrap();
    assert!(port_call["properties"]["start"].is_null() && port_call["properties"]["end"].is_null());
    let shield = root["features"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["id"] == "desert-shield-2022@hammaguir")
        .unwrap();
    assert_eq!(shield["properties"]["start"], "2022-11-16");
    assert_eq!(shield["properties"]["end"], "2022-11-28");
    assert_eq!(shield["properties"]["end_exclusive"], "2022-11-29");
    assert_eq!(shield["properties"]["conflicting"], true);
}

#[test]
fn the_events_style_turns_on_the_time_slider_including_the_end_day() {
    let qml = std::fs::read_to_string(repo().join("output/events.qml")).unwrap();
    // Start and end from expressions that keep undated events on the map.
    assert!(qml.contains(r#"<temporal enabled="1" mode="4""#) && qml.contains(r#"limitMode="1""#));
    assert!(qml.contains("coalesce(&quot;start&quot;"));
    let borders = std::fs::read_to_string(repo().join("output/borders.qml")).unwrap();
    assert!(borders.contains(r#"value="disputed""#) && borders.contains(r#"value="dash""#));
}

#[test]
fn the_qgis_project_opens_every_layer_with_its_style_and_the_time_slider() {
    let qgs = std::fs::read_to_string(repo().join("output/sandtable.qgs")).unwrap();
    for (name, _) in LAYERS {
        assert!(
            qgs.contains(&format!("<datasource>./{name}.geojson</datasource>")),
            "{name}"
        );
        let qml = std::fs::read_to_string(repo().join(format!("output/{name}.qml"))).unwrap();
        let renderer = &qml[qml.find("<renderer-v2").unwrap()..qml.find("</renderer-v2>").unwrap()];
        assert!(
            qgs.contains(renderer),
            "{name}: the project carries the layer's style"
        );
    }
    assert!(qgs.contains(r#"<temporal enabled="1" mode="4""#));
    assert!(qgs.contains("<TemporalRange><start>2021-10-01T00:00:00Z</start>"));
    assert!(qgs.contains(r#"<Absolute type="bool">false</Absolute>"#));
}

/// Both countries' source polygons hold Crimea: the overlap is territory,
/// not border. No part of the Russia–Ukraine boundary runs along Crimea's
/// coast or inside it; where the area both claim ends (Perekop) is its own
/// line, disputed.
#[test]
fn crimea_is_not_bordered_by_the_russia_ukraine_boundary() {
    use sandtable::load::bundled_boundaries;
    let in_crimea =
        |lon: f64, lat: f64| (32.4..36.7).contains(&lon) && (44.3..46.25).contains(&lat);
    let boundaries = bundled_boundaries();
    let boundary = boundaries.iter().find(|b| b.id == "RUS-UKR").unwrap();
    let inside: Vec<_> = boundary
        .lines
        .0
        .iter()
        .flat_map(|l| l.0.iter())
        .filter(|c| in_crimea(c.x, c.y))
        .collect();
    assert!(
        inside.is_empty(),
        "{} vertices in Crimea: {:?}",
        inside.len(),
        &inside[..inside.len().min(3)]
    );
    let claim = boundaries.iter().find(|b| b.id == "RUS-UKR-claim").unwrap();
    assert!(claim.is_disputed());
    assert!(claim.label.contains("both claim"));
    let longest = claim.lines.0.iter().max_by_key(|l| l.0.len()).unwrap();
    assert!(longest
        .0
        .iter()
        .all(|c| (33.5..34.6).contains(&c.x) && (45.9..46.3).contains(&c.y)));
}
