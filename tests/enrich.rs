//! `sandtable enrich`: every input column kept, distances added in input
//! order, rows without coordinates kept and counted, exact results.

mod common;
use common::*;

fn points_csv(rows: &[(&str, &str)]) -> String {
    let mut text = String::from("event_id,Latitude,Longitude,notes\n");
    for (i, (lat, lon)) in rows.iter().enumerate() {
        text += &format!("e{i},{lat},{lon},\"note, with comma\"\n");
    }
    text
}

fn enrich(input: &str, args: &[&str]) -> std::process::Output {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("points.csv");
    std::fs::write(&path, input).unwrap();
    sandtable()
        .arg("enrich")
        .arg(&path)
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn columns_are_kept_and_results_added_in_order() {
    let input = points_csv(&[
        ("31.0", "-3.0"),
        ("", ""),
        ("abc", "1"),
        ("30.889167", "-3.045556"),
    ]);
    let out = enrich(
        &input,
        &["--to", "border:MA", "--to", "coast:DZ", "--nearest-site"],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("enriched 4 rows; 2 without usable coordinates (lines 3, 4)"),
        "{stderr}"
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["event_id", "Latitude", "Longitude", "notes"]);
    assert!(header.contains(&"border_ma_distance_km".to_string()));
    assert!(header.contains(&"coast_dz_target".to_string()));
    assert_eq!(header.last().unwrap(), "nearest_site_km");
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[0]).collect();
    assert_eq!(ids, ["e0", "e1", "e2", "e3"]);
    assert_eq!(&rows[0][3], "note, with comma");
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    assert_eq!(&rows[1][col("border_ma_distance_km")], "");
    let hammaguir: f64 = rows[3][col("border_ma_distance_km")].parse().unwrap();
    assert!((hammaguir - 47.8726).abs() < 0.001, "{hammaguir}");
    assert_eq!(&rows[3][col("border_ma_target")], "DZA-MAR");
    assert_eq!(&rows[3][col("border_ma_status")], "agreed");
    assert_eq!(&rows[3][col("nearest_site_id")], "hammaguir");
}

#[test]
fn strict_refuses_rows_without_coordinates_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    let input = points_csv(&[("31.0", "-3.0"), ("", "")]);
    let out = enrich(
        &input,
        &[
            "--to",
            "border:MA",
            "--strict",
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("lines 3"));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn named_columns_and_a_missing_column() {
    let input = "id,y,x\na,31,-3\n";
    let out = enrich(input, &["--to", "border:MA"]);
    assert!(out.status.success());
    let bad = enrich("id,a,b\nx,1,2\n", &["--to", "border:MA"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("--lat and --lon"));
    let named = enrich(
        "id,a,b\nx,31,-3\n",
        &["--to", "border:MA", "--lat", "a", "--lon", "b"],
    );
    assert!(named.status.success());
}

#[test]
fn a_short_row_is_padded_and_a_long_one_refused() {
    let out = enrich("id,lat,lon,note\na,31,-3\n", &["--to", "border:MA"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    let row = text.lines().nth(1).unwrap();
    assert!(row.starts_with("a,31,-3,,"), "{row}");
    assert_eq!(row.split(',').count(), 4 + 6, "{row}");

    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.csv");
    let long = "id,lat,lon\na,31,-3\nb,31,-3,extra\n";
    let out = enrich(long, &["--to", "border:MA", "-o", target.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 3: 4 fields, but the header has 3"),
        "{stderr}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// The pruned search in every row equals solving every edge of the line.
#[test]
fn matches_the_exhaustive_search_on_a_sample() {
    let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = |lo: f64, hi: f64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        lo + (hi - lo) * ((seed >> 11) as f64 / (1u64 << 53) as f64)
    };
    let points: Vec<(String, String)> = (0..400)
        .map(|_| {
            (
                format!("{:.6}", next(25.0, 37.0)),
                format!("{:.6}", next(-10.0, 3.0)),
            )
        })
        .collect();
    let refs: Vec<(&str, &str)> = points
        .iter()
        .map(|(a, b)| (a.as_str(), b.as_str()))
        .collect();
    let out = enrich(
        &points_csv(&refs),
        &["--to", "file:tests/data/border.geojson", "--unit", "m"],
    );
    assert!(out.status.success());
    let line = sandtable::load::boundary_from_file(
        repo().join("tests/data/border.geojson").to_str().unwrap(),
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    for (row, (lat, lon)) in reader.records().map(Result::unwrap).zip(&points) {
        let got: f64 = row[4].parse().unwrap();
        let p = sandtable::base::GeoPoint::new(lat.parse().unwrap(), lon.parse().unwrap());
        let exact = line.nearest_brute_force(p).unwrap().distance_m;
        assert!((got - exact).abs() < 1e-3, "{p:?}: {got} vs {exact}");
    }
}

#[test]
fn fields_in_other_encodings_pass_through_byte_for_byte() {
    // A Latin-1 "Béchar" (0xE9) in a notes column: not UTF-8, kept as is.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("latin1.csv");
    let mut input = b"id,lat,lon,notes\n1,31.6238,-2.2162,B".to_vec();
    input.extend_from_slice(&[0xE9]);
    input.extend_from_slice(b"char\n");
    std::fs::write(&path, &input).unwrap();
    let out = sandtable()
        .arg("enrich")
        .arg(&path)
        .args(["--to", "border:MA", "--format", "csv"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = out.stdout.split(|&b| b == b'\n').nth(1).unwrap();
    assert!(
        row.starts_with(b"1,31.6238,-2.2162,B\xE9char,"),
        "{}",
        String::from_utf8_lossy(row)
    );
}
