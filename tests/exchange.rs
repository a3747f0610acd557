//! The exchange formats as the programs that read them see them (GDAL and
//! QGIS in `deliverables.rs`): Linked Places against its schema, an ACLED
//! round trip that keeps every date's and place's precision, UCDP rows,
//! CSV with WKT and GeoJSON sequences.

mod common;
use common::*;
use std::ffi::OsStr;

fn export(format: &str) -> Vec<u8> {
    run_ok(["export", format])
}

#[test]
fn linked_places_validate_against_the_schema() {
    let schema: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("tests/data/lpf-feature.schema.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let lpf: serde_json::Value = serde_json::from_slice(&export("lpf")).unwrap();
    let features = lpf["features"].as_array().unwrap();
    assert_eq!(features.len(), repo_data().sites.len());
    for feature in features {
        let errors: Vec<String> = validator
            .iter_errors(feature)
            .map(|e| e.to_string())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:?}", feature["@id"]);
    }
    let hammaguir = features
        .iter()
        .find(|f| f["@id"] == "urn:sandtable:place:hammaguir")
        .unwrap();
    let langs: Vec<&str> = hammaguir["names"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|n| n["lang"].as_str())
        .collect();
    assert!(langs.contains(&"ar") && langs.contains(&"ru") && langs.contains(&"en"));
    assert_eq!(
        hammaguir["geometry"]["geometries"][0]["certainty"],
        "less-certain"
    );
    // The schema catches a broken feature.
    let mut broken = hammaguir.clone();
    broken["names"][0]
        .as_object_mut()
        .unwrap()
        .remove("toponym");
    assert!(!validator.is_valid(&broken));
}

#[test]
fn an_acled_round_trip_keeps_every_date_and_place() {
    let exported = export("acled");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("acled.csv");
    std::fs::write(&file, &exported).unwrap();
    // Into a copy of the dataset: every row finds its event and site.
    let data = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        std::fs::copy(repo().join(name), data.path().join(name)).unwrap();
    }
    let args = |d: &std::path::Path| {
        vec![
            OsStr::new("--data").to_os_string(),
            d.as_os_str().to_os_string(),
            "import".into(),
            "acled".into(),
            file.as_os_str().to_os_string(),
        ]
    };
    let out = sandtable().args(args(data.path())).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let before = repo_data();
    let after = sandtable::load::Dataset::load(data.path()).unwrap();
    for event in before.events.iter().filter(|e| !e.site_ids.is_empty()) {
        let again = after
            .event(&event.id)
            .unwrap_or_else(|| panic!("{} lost", event.id));
        assert_eq!(
            again.date.to_string(),
            event.date.to_string(),
            "{}",
            event.id
        );
        assert_eq!(again.site_ids, event.site_ids, "{}", event.id);
    }
    assert_eq!(after.sites.len(), before.sites.len(), "no site made twice");
    // Importing again updates; nothing is added.
    let again = sandtable().args(args(data.path())).output().unwrap();
    assert!(
        String::from_utf8_lossy(&again.stderr).contains("0 new"),
        "{}",
        String::from_utf8_lossy(&again.stderr)
    );
}

#[test]
fn acled_codes_alone_keep_their_precision() {
    let dir = tempfile::tempdir().unwrap();
    sandtable::edit::init(dir.path()).unwrap();
    let file = dir.path().join("acled.csv");
    std::fs::write(
        &file,
        "event_id_cnty,event_date,time_precision,sub_event_type,actor1,actor2,country,admin1,location,latitude,longitude,geo_precision,notes\n\
         DZA1,16 November 2022,1,Other,Military Forces of Algeria (2019-),Military Forces of Russia (2000-),Algeria,Bechar,Hammaguir,30.889,-3.046,1,Joint exercise begins\n\
         DZA2,2022-11-20,2,Other,,,Algeria,Bechar,Abadla,31.016,-2.733,2,Drill near Abadla\n\
         DZA3,2022-11-15,3,Agreement,,,Algeria,Tindouf,Tindouf,27.674,-8.147,3,Agreement signed\n",
    )
    .unwrap();
    let done =
        sandtable::edit::import(dir.path(), &file, sandtable::edit::ImportFormat::Acled).unwrap();
    assert_eq!((done.added, done.sites), (3, 3));
    let data = sandtable::load::Dataset::load(dir.path()).unwrap();
    let date = |id: &str| data.event(id).unwrap().date.to_string();
    assert_eq!(date("acled-dza1"), "2022-11-16");
    assert_eq!(date("acled-dza2"), "2022-11-17/2022-11-23");
    assert_eq!(date("acled-dza3"), "2022-11");
    let radius = |id: &str| data.site(id).unwrap().precision_m;
    assert_eq!(
        (radius("hammaguir"), radius("abadla"), radius("tindouf")),
        (5_000.0, 25_000.0, 100_000.0)
    );
    assert_eq!(
        data.event("acled-dza1").unwrap().kind.to_string(),
        "exercise"
    );
    let participants: Vec<&str> = data
        .event("acled-dza1")
        .unwrap()
        .participants
        .iter()
        .map(|c| c.alpha2.as_str())
        .collect();
    assert_eq!(participants, ["DZ", "RU"]);
    // A bad row names its line and column; nothing is written.
    std::fs::write(
        &file,
        "event_id_cnty,event_date,time_precision,latitude,longitude\nX1,2022-11-16,9,30,-3\n",
    )
    .unwrap();
    let before = tree(dir.path());
    let err = sandtable::edit::import(dir.path(), &file, sandtable::edit::ImportFormat::Acled)
        .unwrap_err();
    assert!(
        err.to_string()
            .contains("line 2: time_precision: '9' is not 1, 2 or 3"),
        "{err}"
    );
    assert_eq!(tree(dir.path()), before);
}

#[test]
fn ucdp_rows_keep_their_spans_and_radii() {
    let dir = tempfile::tempdir().unwrap();
    sandtable::edit::init(dir.path()).unwrap();
    let file = dir.path().join("ged.csv");
    std::fs::write(
        &file,
        "id,dyad_name,side_a,side_b,where_prec,where_coordinates,adm_1,latitude,longitude,country,date_start,date_end\n\
         101,Government of Mali - JNIM,Government of Mali,JNIM,4,Kidal town,Kidal region,18.44,1.41,Mali,2022-01-03 00:00:00.000,2022-01-09 00:00:00.000\n",
    )
    .unwrap();
    sandtable::edit::import(dir.path(), &file, sandtable::edit::ImportFormat::Ucdp).unwrap();
    let data = sandtable::load::Dataset::load(dir.path()).unwrap();
    let event = data.event("ucdp-101").unwrap();
    assert_eq!(event.date.to_string(), "2022-01-03/2022-01-09");
    assert_eq!(
        data.site(&event.site_ids[0]).unwrap().precision_m,
        150_000.0
    );
}

#[test]
fn csv_with_wkt_and_geojson_sequences() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("csv");
    run_ok([
        OsStr::new("export"),
        OsStr::new("csv-wkt"),
        OsStr::new("--out"),
        out.as_os_str(),
    ]);
    let sites = std::fs::read_to_string(out.join("sites.csv")).unwrap();
    assert!(sites.starts_with("id,wkt,name,"), "{}", &sites[..80]);
    assert!(
        sites.contains("hammaguir,POINT(-3.045556 30.889167),Hammaguir,"),
        "{sites}"
    );
    let seq = run_ok(["export", "geojsonseq", "--layer", "sites"]);
    let records: Vec<&[u8]> = seq
        .split(|&b| b == 0x1e)
        .filter(|r| !r.is_empty())
        .collect();
    assert_eq!(records.len(), repo_data().sites.len());
    for record in records {
        assert!(record.ends_with(b"\n"));
        let feature: serde_json::Value = serde_json::from_slice(record).unwrap();
        assert_eq!(feature["properties"]["layer"], "sites");
    }
}
