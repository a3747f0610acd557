//! Accuracy against GeographicLib itself: reference values made by
//! `tools/reference.py` with the geographiclib Python package, and a
//! brute-force nearest-point search independent of sandtable's method.

mod common;
use common::*;
use sandtable::{base::inverse, base::GeoPoint};

const ONE_MM: f64 = 1e-3;

fn reference(name: &str) -> Vec<csv::StringRecord> {
    let path = repo().join("tests/data").join(name);
    csv::Reader::from_path(path)
        .unwrap()
        .records()
        .map(Result::unwrap)
        .collect()
}

fn num(r: &csv::StringRecord, i: usize) -> f64 {
    r[i].parse().unwrap()
}

#[test]
fn site_to_site_matches_geographiclib() {
    let data = sandtable::load::Dataset::load(&repo()).unwrap();
    let rows = reference("reference_sites.csv");
    assert_eq!(rows.len(), data.sites.len() * (data.sites.len() - 1) / 2);
    for r in rows {
        let at = |id: &str| {
            let s = data.site(id).unwrap();
            GeoPoint::from(s.location)
        };
        let got = inverse(at(&r[0]), at(&r[1]));
        assert!(
            (got.distance_m - num(&r, 2)).abs() < ONE_MM,
            "{r:?}: {got:?}"
        );
        assert!((got.initial_bearing_deg - num(&r, 3)).abs() < 1e-7, "{r:?}");
        assert!((got.final_bearing_deg - num(&r, 4)).abs() < 1e-7, "{r:?}");
    }
}

#[test]
fn point_to_boundary_matches_brute_force_geographiclib_to_a_millimetre() {
    let border = sandtable::load::boundary_from_file(
        repo().join("tests/data/border.geojson").to_str().unwrap(),
    )
    .unwrap();
    let rows = reference("reference_border.csv");
    assert!(rows.len() >= 300);
    let mut worst = 0.0f64;
    for r in &rows {
        let p = GeoPoint::new(num(r, 1), num(r, 2));
        let got = border.nearest(p).unwrap().distance_m;
        let error = (got - num(r, 3)).abs();
        worst = worst.max(error);
        assert!(
            error < ONE_MM,
            "{} point {p:?}: got {got}, reference {}",
            &r[0],
            &r[3]
        );
    }
    eprintln!("worst error over {} points: {worst:.2e} m", rows.len());
}

#[test]
fn the_cli_agrees_with_the_reference() {
    let rows = reference("reference_border.csv");
    // Every held-out point, through the command line and its JSON output.
    for r in &rows {
        let point = format!("{},{}", &r[1], &r[2]);
        let v = json_of(&[
            "distance",
            &point,
            "file:tests/data/border.geojson",
            "--format",
            "json",
        ]);
        let got = v["distance_m"].as_f64().unwrap();
        assert!((got - num(r, 3)).abs() < ONE_MM, "{r:?}: {got}");
        assert!(v["nearest"]["lat"].is_f64() && v["nearest"]["lon"].is_f64());
    }
}

#[test]
fn coast_distances_match_brute_force_geographiclib_to_a_millimetre() {
    let bundled = sandtable::load::bundled_coast("DZ").unwrap();
    let file = sandtable::load::boundary_from_file(
        repo().join("tests/data/coast.geojson").to_str().unwrap(),
    )
    .unwrap();
    let rows = reference("reference_coast.csv");
    assert!(rows.len() >= 50);
    for r in &rows {
        let p = GeoPoint::new(num(r, 1), num(r, 2));
        for got in [bundled.nearest(p), file.nearest(p)] {
            let got = got.unwrap().distance_m;
            assert!((got - num(r, 3)).abs() < ONE_MM, "{r:?}: got {got}");
        }
    }
    let v = json_of(&["distance", "37.5,3.2", "coast:DZ", "--format", "json"]);
    assert!((v["distance_m"].as_f64().unwrap() - num(&rows[0], 3)).abs() < ONE_MM);
    assert_eq!(v["to"]["boundary"], "DZA-coast");
}
