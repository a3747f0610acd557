//! The command line as a person uses it: lookup in three scripts, events,
//! distances, reports, and bad input on the command line.

mod common;
use common::*;

fn fails_with(args: &[&str], expected: &[&str]) {
    let out = sandtable().args(args).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout on error");
    for part in expected {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn sites_are_found_in_every_script_and_spelling() {
    let cases = [
        ("حماقير", "hammaguir"),
        ("هماجير", "hammaguir"),
        ("Hammaguir", "hammaguir"),
        ("HAMAGUIR", "hammaguir"),
        ("Béchar", "bechar"),
        ("bechar", "bechar"),
        ("بشار", "bechar"),
        ("تندوف", "tindouf"),
        ("Тарское", "tarskoye"),
        ("تارسكوي", "tarskoye"),
        ("ميناء الجزائر", "port-of-algiers"),
        ("أدرار", "adrar"),
        ("ادرار", "adrar"),
        ("МОСКВА", "moscow"),
    ];
    for (query, id) in cases {
        let found = json_of(&["sites", query, "--format", "json"]);
        let found = found.as_array().unwrap();
        assert_eq!(found.len(), 1, "{query}: {found:?}");
        assert_eq!(found[0]["id"], id, "{query}");
        assert!(found[0]["lat"].is_f64() && found[0]["lon"].is_f64());
    }
}

#[test]
fn an_ambiguous_query_lists_every_candidate() {
    let found = json_of(&["sites", "training ground", "--format", "json"]);
    let ids: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["hammaguir", "tarskoye"]);
    fails_with(
        &["distance", "training ground", "moscow"],
        &[
            "matches several sites",
            "hammaguir (Hammaguir)",
            "tarskoye (Tarskoye training ground)",
        ],
    );
}

#[test]
fn events_overlapping_a_window() {
    let found = json_of(&[
        "events",
        "--from",
        "2022-11-20",
        "--to",
        "2022-11-21",
        "--format",
        "json",
    ]);
    let ids: Vec<&str> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert!(ids.contains(&"desert-shield-2022"), "{ids:?}");
    assert!(!ids.contains(&"tarskoye-2021-or-2022"), "{ids:?}");
}

#[test]
fn events_by_site_kind_and_participant() {
    let at = json_of(&["events", "--site", "حماقير", "--format", "json"]);
    assert_eq!(at.as_array().unwrap().len(), 1);
    let us = json_of(&[
        "events",
        "--participant",
        "us",
        "--kind",
        "visit",
        "--format",
        "json",
    ]);
    assert_eq!(us[0]["id"], "tudor-visit-2025");
}

#[test]
fn conflicting_sources_are_listed_with_each_version() {
    let rows = json_of(&["events", "--conflicts", "--format", "json"]);
    let rows = rows.as_array().unwrap();
    let tarskoye: Vec<(&str, &str)> = rows
        .iter()
        .filter(|r| r["event_id"] == "tarskoye-2021-or-2022")
        .map(|r| {
            (
                r["value"].as_str().unwrap(),
                r["source_id"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tarskoye,
        [
            ("2021-10", "trt-2022"),
            ("2022-10", "exercise-near-morocco")
        ]
    );
    assert!(rows
        .iter()
        .any(|r| r["event_id"] == "desert-shield-2022" && r["value"] == "denied"));
}

#[test]
fn distance_to_the_moroccan_border_as_json() {
    let v = json_of(&["distance", "hammaguir", "border:MA", "--format", "json"]);
    let d = v["distance_m"].as_f64().unwrap();
    assert!((47_800.0..48_000.0).contains(&d), "{d}");
    assert_eq!(v["from"]["id"], "hammaguir");
    assert!(v["from"]["lat"].is_f64() && v["to"]["boundary"] == "DZA-MAR");
    assert_eq!(
        (&v["to"]["lon"], &v["to"]["lat"]),
        (&v["nearest"]["lon"], &v["nearest"]["lat"])
    );
    assert!(v["nearest"]["lon"].as_f64().unwrap() < -3.0);
    assert!((0.0..360.0).contains(&v["initial_bearing_deg"].as_f64().unwrap()));
}

#[test]
fn distance_text_is_a_sentence() {
    let out = sandtable()
        .args(["distance", "hammaguir", "border:MA"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.starts_with(
            "Hammaguir is 47.9 km from the Algeria–Morocco boundary, bearing 279° (W)"
        ),
        "{text}"
    );
    assert!(text.contains("OpenStreetMap"));
}

#[test]
fn coordinates_in_decimal_negative_and_dms() {
    let dms = json_of(&[
        "distance",
        "30°53′21″N 3°02′44″W",
        "border:MA",
        "--format",
        "json",
    ]);
    let dec = json_of(&[
        "distance",
        "30.889167,-3.045556",
        "border:MA",
        "--format",
        "json",
    ]);
    let a = dms["distance_m"].as_f64().unwrap();
    let b = dec["distance_m"].as_f64().unwrap();
    assert!((a - b).abs() < 20.0, "{a} {b}");
    let south = json_of(&[
        "distance",
        "-33.9,18.4",
        "bechar",
        "--format",
        "json",
        "--unit",
        "nmi",
    ]);
    assert_eq!(south["from"]["lat"], -33.9);
    assert_eq!(south["unit"], "nmi");
}

#[test]
fn tindouf_reports_both_the_moroccan_and_the_disputed_boundary() {
    let rows = json_of(&["report", "--format", "json"]);
    let tindouf: Vec<(&str, &str)> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| r["from_id"] == "tindouf")
        .map(|r| (r["to"].as_str().unwrap(), r["status"].as_str().unwrap()))
        .collect();
    assert!(tindouf.contains(&("DZA-MAR", "agreed")), "{tindouf:?}");
    assert!(tindouf.contains(&("DZA-ESH", "disputed")), "{tindouf:?}");
}

#[test]
fn report_to_one_target_is_sorted() {
    let rows = json_of(&["report", "--to", "border:MA", "--format", "json"]);
    let d: Vec<f64> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["distance"].as_f64())
        .collect();
    assert!(d.len() >= 10, "{rows}");
    assert!(d.windows(2).all(|w| w[0] <= w[1]), "{d:?}");
}

#[test]
fn every_format_renders() {
    for format in ["text", "csv", "json", "md"] {
        let out = sandtable()
            .args(["sites", "--format", format])
            .output()
            .unwrap();
        assert!(out.status.success());
        assert!(String::from_utf8(out.stdout).unwrap().contains("hammaguir"));
    }
    let csv = sandtable()
        .args(["distance", "bechar", "tindouf", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8(csv.stdout)
        .unwrap()
        .starts_with("from,from_id,to,"));
}

#[test]
fn unknown_place_gets_suggestions() {
    fails_with(
        &["distance", "hamaguirr", "border:MA"],
        &["no site called 'hamaguirr'", "did you mean", "hamaguir"],
    );
}

#[test]
fn bad_coordinates_say_which_part_is_wrong() {
    fails_with(
        &["distance", "95,10", "bechar"],
        &["latitude 95 is out of range", "accepted forms"],
    );
    fails_with(
        &["distance", "30,200", "bechar"],
        &["longitude 200 is out of range"],
    );
    fails_with(&["distance", "30°61′N 3°W", "bechar"], &["minutes (< 60)"]);
}

#[test]
fn unknown_country_lists_the_boundaries() {
    fails_with(
        &["distance", "algiers", "border:QQ"],
        &[
            "'QQ' in 'border:QQ' is not an ISO 3166-1 country code",
            "DZA-MAR",
        ],
    );
    fails_with(
        &["distance", "algiers", "border:BR"],
        &["no bundled land boundary of BR (Brazil)", "DZA-MAR"],
    );
}

#[test]
fn bad_geojson_files() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.geojson");
    fails_with(
        &["distance", "bechar", &format!("file:{}", missing.display())],
        &["cannot read it"],
    );
    let broken = dir.path().join("broken.geojson");
    std::fs::write(
        &broken,
        "{\n \"type\": \"FeatureCollection\",\n \"features\": [,]\n}",
    )
    .unwrap();
    fails_with(
        &["distance", "bechar", &format!("file:{}", broken.display())],
        &["not GeoJSON", "line 3"],
    );
    let points = dir.path().join("points.geojson");
    std::fs::write(
        &points,
        r#"{"type":"Feature","geometry":{"type":"Point","coordinates":[1,2]}}"#,
    )
    .unwrap();
    fails_with(
        &["distance", "bechar", &format!("file:{}", points.display())],
        &["holds no LineString"],
    );
}

#[test]
fn bad_options_exit_2() {
    fails_with(&["sites", "--format", "xml"], &["xml"]);
    fails_with(
        &["distance", "bechar", "tindouf", "--unit", "furlong"],
        &["furlong"],
    );
    fails_with(
        &["events", "--from", "November"],
        &["--from: 'November' is not a date"],
    );
}

#[test]
fn a_closed_pipe_ends_quietly() {
    use std::io::{BufRead, BufReader};
    use std::process::{Command as Process, Stdio};
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("big.txt");
    std::fs::write(&article, "Drills near Béchar. ".repeat(50_000)).unwrap();
    let mut child = Process::new(env!("CARGO_BIN_EXE_sandtable"))
        .current_dir(repo())
        .args(["mentions", "--format", "csv"])
        .arg(&article)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    assert!(first.starts_with("file,site_id"), "{first}");
    // stdout is dropped here, as `| head -1` closes it.
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn coordinates_and_borders_need_no_dataset() {
    let dir = tempfile::tempdir().unwrap();
    let out = sandtable()
        .current_dir(dir.path())
        .args(["distance", "30.9,-3.0", "border:MA"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events = sandtable()
        .current_dir(dir.path())
        .arg("events")
        .output()
        .unwrap();
    assert_eq!(events.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&events.stderr);
    assert!(
        stderr.contains("no dataset in .") && stderr.contains("use --data"),
        "{stderr}"
    );
}

#[test]
fn a_file_target_reads_as_a_sentence() {
    let out = sandtable()
        .args(["distance", "30,0", "file:tests/data/border.geojson"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("from the lines in border.geojson,"), "{text}");
}
