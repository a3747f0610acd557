//! The deliverables opened in the programs their users open them with: the
//! layers read by GDAL's `ogrinfo`, the QGIS project in real QGIS (PyQGIS,
//! headless), the web map as a file in real Chromium (headless, through
//! playwright-core).
//!
//! Each test needs its program. On a machine without it, the test says so
//! once on standard error, with the command that installs it, and passes
//! without opening anything; with `SANDTABLE_REQUIRE_PROGRAMS=1` (as
//! `.ci/run` sets) a missing program fails the test instead.

mod common;
use common::*;
use std::ffi::OsStr;
use std::io::Write;
use std::path::Path;
use std::process::{Command as Process, Stdio};

/// The one command that installs every program these tests open.
const INSTALL: &str = "sudo tools/install-test-programs";

/// Whether `program` can run here; when it cannot, says which test is
/// skipped and how to install it (or fails, when CI requires it).
fn available(program: &str, test: &str, runs: bool) -> bool {
    if runs {
        return true;
    }
    if std::env::var_os("SANDTABLE_REQUIRE_PROGRAMS").is_some_and(|v| v != "0") {
        panic!("{program} is required (SANDTABLE_REQUIRE_PROGRAMS is set) but cannot run; install it with `{INSTALL}`");
    }
    // Written past the test harness's capture, so that `cargo test` shows it.
    let _ = writeln!(
        std::io::stderr(),
        "SKIPPED {test}: {program} is not installed here; `{INSTALL}` installs it"
    );
    false
}

fn runs(program: &str, args: &[&str]) -> bool {
    Process::new(program)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn gdal(test: &str) -> bool {
    available("GDAL (ogrinfo)", test, runs("ogrinfo", &["--version"]))
}

fn qgis(test: &str) -> bool {
    let present = runs("/usr/bin/python3", &["-c", "import qgis.core"]);
    available("QGIS (python3-qgis)", test, present)
}

fn chromium(test: &str) -> bool {
    let present = runs("/usr/bin/chromium", &["--version"])
        && runs("node", &["--version"])
        && repo()
            .join("tools/web/node_modules/playwright-core")
            .is_dir();
    available("Chromium with Node.js and playwright-core", test, present)
}

/// A fresh build of the committed data into a temporary folder.
fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    run_ok([OsStr::new("build"), OsStr::new("--out"), out.as_os_str()]);
    dir
}

fn run_tool(program: &str, args: &[&OsStr]) -> String {
    let out = Process::new(program)
        .args(args)
        .current_dir(repo())
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be run ({e}); `{INSTALL}`"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

fn ogrinfo(path: &Path) -> String {
    run_tool(
        "ogrinfo",
        &[
            "-ro".as_ref(),
            "-al".as_ref(),
            "-so".as_ref(),
            path.as_os_str(),
        ],
    )
}

fn bundled_features(path: &str) -> usize {
    let text = std::fs::read_to_string(repo().join(path)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["features"].as_array().unwrap().len()
}

#[test]
fn gdal_reads_every_layer_with_the_right_counts_and_types() {
    if !gdal("gdal_reads_every_layer_with_the_right_counts_and_types") {
        return;
    }
    let data = sandtable::load::Dataset::load(&repo()).unwrap();
    let event_points: usize = data.events.iter().map(|e| e.site_ids.len()).sum();
    let expected_counts = [
        ("sites", data.sites.len()),
        ("events", event_points),
        ("borders", sandtable::load::bundled_boundaries().len()),
        (
            "border-links",
            sandtable::measure::site_boundaries(&data).len(),
        ),
        ("claims", 4),
        ("land", bundled_features("data/context/land.geojson")),
        ("coast", 1),
    ];
    for ((name, count), (_, geometry)) in expected_counts.iter().zip(LAYERS) {
        let info = ogrinfo(&repo().join(format!("output/{name}.geojson")));
        assert!(
            info.contains(&format!("Feature Count: {count}")),
            "{name}:\n{info}"
        );
        let gdal_geometry = match *geometry {
            "Point" => "Geometry: Point",
            "LineString" => "Geometry: Line String",
            "MultiLineString" => "Geometry: Multi Line String",
            _ => "Geometry: Multi Polygon",
        };
        assert!(info.contains(gdal_geometry), "{name}:\n{info}");
    }
    let events = ogrinfo(&repo().join("output/events.geojson"));
    for field in ["start: Date", "end: Date", "end_exclusive: Date"] {
        assert!(events.contains(field), "events: {field} missing:\n{events}");
    }
}

#[test]
fn qgis_opens_the_project_whole_with_every_site_labelled() {
    if !qgis("qgis_opens_the_project_whole_with_every_site_labelled") {
        return;
    }
    let dir = built();
    let output = dir.path().join("output");
    let png = dir.path().join("qgis.png");
    let text = run_tool(
        "/usr/bin/python3",
        &[
            "tools/qgis_check.py".as_ref(),
            output.as_os_str(),
            png.as_os_str(),
        ],
    );
    assert!(text.contains("all checks passed"), "{text}");
    assert!(text.contains("site labels placed: 11 of 11"), "{text}");
    assert!(text.contains("geographic: False, units: meters"), "{text}");
    assert!(text.contains("print layouts: Map (A4)"), "{text}");
    assert!(std::fs::metadata(&png).unwrap().len() > 50_000);
    let layout = dir.path().join("qgis-layout.png");
    assert!(std::fs::metadata(&layout).unwrap().len() > 50_000);
}

#[test]
fn chromium_draws_the_web_map_opened_as_a_file() {
    if !chromium("chromium_draws_the_web_map_opened_as_a_file") {
        return;
    }
    let dir = built();
    let output = dir.path().join("output");
    let png = dir.path().join("web.png");
    let text = run_tool(
        "node",
        &[
            "tools/web/check.mjs".as_ref(),
            output.as_os_str(),
            png.as_os_str(),
        ],
    );
    assert!(text.contains("all checks passed"), "{text}");
    assert!(text.contains("timeline: 15 rows for 15 events"), "{text}");
}

#[test]
fn chromium_draws_a_page_for_an_empty_dataset() {
    if !chromium("chromium_draws_a_page_for_an_empty_dataset") {
        return;
    }
    let data = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        let text = std::fs::read_to_string(repo().join(name)).unwrap();
        let header = text.lines().next().unwrap();
        std::fs::write(data.path().join(name), format!("{header}\n")).unwrap();
    }
    let output = data.path().join("output");
    run_ok([
        OsStr::new("--data"),
        data.path().as_os_str(),
        OsStr::new("build"),
        OsStr::new("--out"),
        output.as_os_str(),
    ]);
    let png = data.path().join("web.png");
    let text = run_tool(
        "node",
        &[
            "tools/web/check.mjs".as_ref(),
            output.as_os_str(),
            png.as_os_str(),
        ],
    );
    assert!(
        text.contains("empty dataset: \"No sites to show yet"),
        "{text}"
    );
    assert!(text.contains("all checks passed"), "{text}");
}

/// The simplestyle properties, which KML and GeoPackage carry as styles.
const STYLE_KEYS: &[&str] = &[
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

/// The layer's features in a file GDAL reads: (count, field names).
fn gdal_layer(path: &Path, layer: &str) -> (usize, Vec<String>) {
    let info = run_tool(
        "ogrinfo",
        &[
            "-ro".as_ref(),
            "-so".as_ref(),
            path.as_os_str(),
            layer.as_ref(),
        ],
    );
    let count = info
        .lines()
        .find_map(|l| l.strip_prefix("Feature Count: "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or(0);
    let fields = info
        .lines()
        .skip_while(|l| !l.starts_with("Geometry Column") && !l.starts_with("Data axis"))
        .skip(1)
        .filter_map(|l| l.split_once(':').map(|(name, _)| name.trim().to_string()))
        .collect();
    (count, fields)
}

#[test]
fn gdal_reads_every_layer_of_the_kmz_and_the_geopackage() {
    if !gdal("gdal_reads_every_layer_of_the_kmz_and_the_geopackage") {
        return;
    }
    let output = repo().join("output");
    for (name, _) in LAYERS {
        let text = std::fs::read_to_string(output.join(format!("{name}.geojson"))).unwrap();
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        let features = json["features"].as_array().unwrap();
        let properties: Vec<String> = features
            .iter()
            .flat_map(|f| f["properties"].as_object().unwrap().keys().cloned())
            .filter(|k| !STYLE_KEYS.contains(&k.as_str()))
            .collect();
        let (count, fields) = gdal_layer(&output.join("sandtable.gpkg"), &name.replace('-', "_"));
        assert_eq!(count, features.len(), "gpkg {name}");
        for p in &properties {
            assert!(
                fields.contains(p),
                "gpkg {name}: no field {p} in {fields:?}"
            );
        }
        let (count, fields) = gdal_layer(&output.join("sandtable.kmz"), name);
        assert_eq!(count, features.len(), "kmz {name}");
        for p in properties
            .iter()
            .filter(|p| !["name", "description"].contains(&p.as_str()))
        {
            assert!(fields.contains(p), "kmz {name}: no field {p} in {fields:?}");
        }
    }
    // Events carry their time span for Google Earth's slider.
    let info = run_tool(
        "ogrinfo",
        &[
            "-ro".as_ref(),
            output.join("sandtable.kmz").as_os_str(),
            "events".as_ref(),
            "-where".as_ref(),
            "event_id = 'desert-shield-2022'".as_ref(),
        ],
    );
    assert!(info.contains("begin (DateTime) = 2022/11/16"), "{info}");
    assert!(info.contains("end (DateTime) = 2022/11/28"), "{info}");
    // ogr2ogr round-trips the GeoPackage.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.gpkg");
    run_tool(
        "ogr2ogr",
        &[
            "-f".as_ref(),
            "GPKG".as_ref(),
            copy.as_os_str(),
            output.join("sandtable.gpkg").as_os_str(),
        ],
    );
    for (name, _) in LAYERS {
        let table = name.replace('-', "_");
        assert_eq!(
            gdal_layer(&copy, &table),
            gdal_layer(&output.join("sandtable.gpkg"), &table),
            "{name}"
        );
    }
}

#[test]
fn qgis_opens_every_geopackage_layer_styled() {
    if !qgis("qgis_opens_every_geopackage_layer_styled") {
        return;
    }
    let text = run_tool(
        "/usr/bin/python3",
        &[
            "tools/qgis_gpkg_check.py".as_ref(),
            repo().join("output").as_os_str(),
        ],
    );
    assert!(text.contains("all checks passed"), "{text}");
    assert!(
        text.contains("sites: 11 features, categorizedSymbol"),
        "{text}"
    );
}
