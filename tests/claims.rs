//! Claim checking: every kind, every verdict, and the tolerance edges.

mod common;
use common::*;
use sandtable::load::Dataset;
use sandtable::{base::inverse, base::GeoPoint};
use sandtable::{base::ClaimKind, load::Claim};
use sandtable::{
    base::Verdict, load::ClaimSpec, measure::check_claim as check,
    measure::check_claims as check_all,
};

fn data() -> Dataset {
    Dataset::load(&repo()).unwrap()
}

fn claim(
    kind: ClaimKind,
    subject: &str,
    target: &str,
    value: &str,
    unit: &str,
    qualifier: &str,
) -> Claim {
    let qualifier = (!qualifier.is_empty()).then(|| qualifier.parse().unwrap());
    Claim {
        id: "test".into(),
        source_id: "gazetteers".into(),
        subject: subject.into(),
        spec: ClaimSpec::parse(kind, target, value, unit, qualifier).unwrap(),
        target: target.into(),
        value: value.into(),
        notes: String::new(),
        line: 0,
    }
}

fn verdict(c: Claim) -> Verdict {
    check(&c, &data()).verdict
}

#[test]
fn the_committed_claims_get_the_expected_verdicts() {
    let checks = check_all(&data());
    let get = |id: &str| checks.iter().find(|c| c.claim.id == id).unwrap();
    let eighty = get("hammaguir-80km-from-morocco");
    assert_eq!(eighty.verdict, Verdict::Overstated);
    let computed = eighty.computed.unwrap();
    assert!(computed < 50.0 && computed > 45.0, "{computed}");
    assert_eq!(
        get("hammaguir-few-km-from-morocco").verdict,
        Verdict::Understated
    );
    assert_eq!(
        get("hammaguir-between-bechar-tindouf").verdict,
        Verdict::Consistent
    );
    assert_eq!(get("bechar-hammaguir-120km").verdict, Verdict::Consistent);
    assert_eq!(
        get("bechar-hammaguir-southwest").verdict,
        Verdict::Consistent
    );
}

/// Béchar–Hammaguir in km, from GeographicLib via the library.
fn bechar_hammaguir_km() -> f64 {
    inverse(
        GeoPoint::new(31.6238, -2.2162),
        GeoPoint::new(30.889167, -3.045556),
    )
    .distance_m
        / 1000.0
}

#[test]
fn distance_tolerance_edges() {
    // An exact claim with six decimals allows ±0.0000005 km, widened by both
    // places' radii: 5 km (Béchar) + 15 km (Hammaguir) = 20 km.
    let d = bechar_hammaguir_km();
    let with = |v: f64| {
        verdict(claim(
            ClaimKind::DistanceBetween,
            "bechar",
            "hammaguir",
            &format!("{v:.6}"),
            "km",
            "exact",
        ))
    };
    assert_eq!(with(d + 20.0 - 1e-5), Verdict::Consistent);
    assert_eq!(with(d + 20.0 + 1e-5), Verdict::Overstated);
    assert_eq!(with(d - 20.0 + 1e-5), Verdict::Consistent);
    assert_eq!(with(d - 20.0 - 1e-5), Verdict::Understated);
}

#[test]
fn about_allows_ten_percent() {
    // "about 150 km": 135–165, widened by 20 km, so 115 km is the floor.
    let d = bechar_hammaguir_km();
    assert!(d < 115.0, "{d}");
    assert_eq!(
        verdict(claim(
            ClaimKind::DistanceBetween,
            "bechar",
            "hammaguir",
            "150",
            "km",
            "about"
        )),
        Verdict::Overstated
    );
    assert_eq!(
        verdict(claim(
            ClaimKind::DistanceBetween,
            "bechar",
            "hammaguir",
            "140",
            "km",
            "about"
        )),
        Verdict::Consistent
    );
}

#[test]
fn units_are_converted() {
    // 113.46 km is 61.26 nautical miles.
    let nmi = bechar_hammaguir_km() / 1.852;
    let c = check(
        &claim(
            ClaimKind::DistanceBetween,
            "bechar",
            "hammaguir",
            "61",
            "nmi",
            "about",
        ),
        &data(),
    );
    assert_eq!(c.verdict, Verdict::Consistent);
    assert!((c.computed.unwrap() - nmi).abs() < 1e-9);
}

#[test]
fn distance_to_border_through_an_event() {
    let c = check(
        &claim(
            ClaimKind::DistanceToBorder,
            "desert-shield-2022",
            "border:MA",
            "48",
            "km",
            "about",
        ),
        &data(),
    );
    assert_eq!(c.verdict, Verdict::Consistent);
    assert_eq!(c.measurement.unwrap().boundary.unwrap().id, "DZA-MAR");
}

#[test]
fn bearing_sectors_and_their_edges() {
    // Béchar → Hammaguir is about 224.3° (SW). The SW sector is ±22.5°, SSW
    // ±11.25° (202.5° ± 11.25°), both widened by atan(20 km / 113.5 km) ≈ 10°:
    // SW holds, SSW misses by about half a degree.
    let b = |v: &str| {
        verdict(claim(
            ClaimKind::Bearing,
            "bechar",
            "hammaguir",
            v,
            "compass",
            "",
        ))
    };
    assert_eq!(b("SW"), Verdict::Consistent);
    assert_eq!(b("SSW"), Verdict::Inconsistent);
    assert_eq!(b("S"), Verdict::Inconsistent);
    // In degrees: ±5°, plus the same widening.
    let line = inverse(
        GeoPoint::new(31.6238, -2.2162),
        GeoPoint::new(30.889167, -3.045556),
    );
    let allowed = 5.0 + (20.0 / (line.distance_m / 1000.0)).atan().to_degrees();
    let bearing = line.initial_bearing_deg.rem_euclid(360.0);
    let deg = |v: f64| {
        verdict(claim(
            ClaimKind::Bearing,
            "bechar",
            "hammaguir",
            &format!("{v:.4}"),
            "deg",
            "",
        ))
    };
    assert_eq!(deg(bearing + allowed - 0.01), Verdict::Consistent);
    assert_eq!(deg(bearing + allowed + 0.01), Verdict::Inconsistent);
    assert_eq!(deg(bearing - allowed + 0.01), Verdict::Consistent);
}

#[test]
fn between_holds_and_fails() {
    let between = |subject: &str, target: &str| {
        verdict(claim(ClaimKind::Between, subject, target, "", "", ""))
    };
    assert_eq!(between("hammaguir", "bechar|tindouf"), Verdict::Consistent);
    // Algiers and Moscow lie beyond Béchar, off the end of the line.
    assert_eq!(between("algiers", "bechar|tindouf"), Verdict::Inconsistent);
    assert_eq!(between("moscow", "bechar|tindouf"), Verdict::Inconsistent);
    let c = check(
        &claim(
            ClaimKind::Between,
            "hammaguir",
            "bechar|tindouf",
            "",
            "",
            "",
        ),
        &data(),
    );
    let percent = c.computed.unwrap();
    assert!(percent > 5.0 && percent < 30.0, "{percent}");
}

#[test]
fn a_subject_without_a_position_is_unverifiable() {
    assert_eq!(
        verdict(claim(
            ClaimKind::DistanceToBorder,
            "vostok-2022",
            "border:MA",
            "80",
            "km",
            "about"
        )),
        Verdict::Unverifiable
    );
}

#[test]
fn claims_json_has_the_documented_fields() {
    let rows = json_of(&["claims", "--format", "json"]);
    for row in rows.as_array().unwrap() {
        for key in [
            "id",
            "source_id",
            "kind",
            "subject",
            "target",
            "claimed",
            "unit",
            "computed",
            "difference",
            "verdict",
        ] {
            assert!(row.get(key).is_some(), "{key} missing in {row}");
        }
    }
    assert_eq!(rows[0]["claimed"], 80.0);
    assert_eq!(rows[0]["verdict"], "overstated");
}

#[test]
fn explain_credits_each_fact_only_to_the_sources_that_state_it() {
    let facts = json_of(&["explain", "desert-shield-2022", "--format", "json"]);
    let facts = facts.as_array().unwrap();
    let sources_of = |fact: &str, value: &str| -> Vec<&str> {
        facts
            .iter()
            .filter(|f| f["fact"] == fact && f["value"] == value)
            .map(|f| f["source"].as_str().unwrap())
            .collect()
    };
    assert_eq!(sources_of("date", "2022-11"), ["trt-2022"]);
    assert_eq!(
        sources_of("date", "2022-11-16/2022-11-28"),
        ["exercise-near-morocco"]
    );
    assert_eq!(sources_of("date", "2022-23"), ["madar21-lavrov"]);
    assert_eq!(sources_of("status", "denied"), ["madar21-lavrov"]);
    assert_eq!(sources_of("site", "adrar"), ["exercise-near-morocco"]);
    assert_eq!(sources_of("personnel", "160"), ["trt-2022"]);
    for f in facts {
        let source = f["source"].as_str().unwrap();
        assert!(!source.contains(';'), "a fact credited to a list: {f}");
        let from_article =
            !f["outlet"].as_str().unwrap().is_empty() || source == "exercise-near-morocco";
        if from_article && !f["fact"].as_str().unwrap().starts_with("claim") {
            assert!(!f["quote"].as_str().unwrap().is_empty(), "no quote: {f}");
        }
    }
    assert!(facts
        .iter()
        .any(|f| f["fact"] == "claim hammaguir-80km-from-morocco"
            && f["value"].as_str().unwrap().ends_with("overstated")));
    let bad = sandtable().args(["explain", "nothing"]).output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Every quote must stand verbatim in its article. The articles are not in
/// the repository (they are third-party text): CI has them beside it in
/// `../shared/articles`; elsewhere set `SANDTABLE_ARTICLES`.
#[test]
fn every_quote_is_verbatim_in_its_article() {
    let dir = std::env::var_os("SANDTABLE_ARTICLES")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| repo().join("../shared/articles"));
    if !dir.is_dir() {
        eprintln!(
            "skipped: no articles at {} (set SANDTABLE_ARTICLES)",
            dir.display()
        );
        return;
    }
    let out = sandtable()
        .args(["check", "--articles"])
        .arg(&dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("quotes found verbatim"), "{stderr}");
}

#[test]
fn a_changed_quote_is_caught() {
    let articles = tempfile::tempdir().unwrap();
    let data = Dataset::load(&fixture()).unwrap();
    // Articles made of the quotes themselves, at their positions.
    let mut texts: std::collections::HashMap<&str, Vec<char>> = Default::default();
    for s in &data.statements {
        let text = texts.entry(s.source_id.as_str()).or_default();
        let end = s.position + s.quote.chars().count();
        if text.len() < end {
            text.resize(end, ' ');
        }
        for (i, c) in s.quote.chars().enumerate() {
            text[s.position + i] = c;
        }
    }
    for (id, text) in &texts {
        let text: String = text.iter().collect();
        std::fs::write(articles.path().join(format!("{id}.txt")), text).unwrap();
    }
    assert_eq!(data.verify_articles(articles.path(), true).problems, vec![]);
    let trt = articles.path().join("trt-2022.txt");
    let text = std::fs::read_to_string(&trt).unwrap();
    std::fs::write(&trt, format!(" {}", text.replacen("هماجير", "حماقير", 1))).unwrap();
    let problems: Vec<String> = data
        .verify_articles(articles.path(), true)
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("does not appear verbatim in trt-2022.txt")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains(": position: the quote is in trt-2022.txt at character")),
        "{problems:?}"
    );
}
