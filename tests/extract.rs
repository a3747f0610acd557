//! `extract` read on text written for these tests, a sentence per pattern
//! in each language, and on the seed articles: every claim of `claims.csv`
//! and every dated statement found again in the article it comes from.

mod common;
use common::*;
use sandtable::base::EdtfDate;
use sandtable::measure::{extract, ExtractOptions, Finding, FindingKind};

fn read(text: &str, published: Option<&str>) -> Vec<Finding> {
    let options = ExtractOptions {
        published: published.map(|p| EdtfDate::parse(p).unwrap()),
    };
    extract(text, repo_data(), None, &options)
}

/// A claim found: (relation, low, high, unit, compass, from, to).
type Seen = (
    String,
    Option<f64>,
    Option<f64>,
    String,
    String,
    String,
    String,
);

/// The claims found.
fn claims(text: &str) -> Vec<Seen> {
    read(text, None)
        .iter()
        .filter(|f| f.kind == FindingKind::Claim)
        .map(|f| {
            let c = f.claim.as_ref().unwrap();
            let round = |v: Option<f64>| v.map(|v| (v * 1000.0).round() / 1000.0);
            (
                c.relation.as_str().to_string(),
                round(c.low),
                round(c.high),
                c.unit.clone(),
                c.compass.clone().unwrap_or_default(),
                c.from.as_ref().map(|e| e.to_string()).unwrap_or_default(),
                c.to.to_string(),
            )
        })
        .collect()
}

fn one_claim(
    text: &str,
) -> (
    String,
    Option<f64>,
    Option<f64>,
    String,
    String,
    String,
    String,
) {
    let found = claims(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

fn distance(text: &str, low: f64, high: f64, unit: &str, from: &str, to: &str) {
    let (relation, l, h, u, _, f, t) = one_claim(text);
    assert_eq!(
        (relation.as_str(), l, h, u.as_str(), f.as_str(), t.as_str()),
        ("distance", Some(low), Some(high), unit, from, to),
        "{text}"
    );
}

#[test]
fn distances_in_arabic() {
    distance(
        "تقع قاعدة حماقير على بعد 80 كلم من الحدود المغربية.",
        79.5,
        80.5,
        "km",
        "hammaguir",
        "border:MA",
    );
    distance(
        "وتقع حماقير على بعد حوالي ٥٠ كيلومترا من الحدود مع المغرب.",
        45.0,
        55.0,
        "km",
        "hammaguir",
        "border:MA",
    );
    distance(
        "تبعد مدينة بشار نحو خمسين كيلومترا عن الحدود الجزائرية المغربية.",
        45.0,
        55.0,
        "km",
        "bechar",
        "border:MA",
    );
    distance(
        "جرت المناورات في منطقة بشار على بعد كيلومترات من الحدود المغربية.",
        2.0,
        9.0,
        "km",
        "bechar",
        "border:MA",
    );
    distance(
        "تقع تندوف على بعد 30 إلى 40 كم من الحدود المغربية.",
        30.0,
        40.0,
        "km",
        "tindouf",
        "border:MA",
    );
    distance(
        "رست السفينة في ميناء الجزائر على بعد 12 ميلا بحريا من الساحل الجزائري.",
        11.5,
        12.5,
        "nmi",
        "port-of-algiers",
        "coast:DZ",
    );
}

#[test]
fn distances_in_french() {
    distance(
        "Le camp de Hammaguir se trouve à environ 80 km de la frontière marocaine.",
        72.0,
        88.0,
        "km",
        "hammaguir",
        "border:MA",
    );
    distance(
        "Béchar est à une centaine de kilomètres de la frontière avec le Maroc.",
        90.0,
        110.0,
        "km",
        "bechar",
        "border:MA",
    );
    distance("Les manœuvres ont eu lieu près de Tindouf, à quelques kilomètres de la frontière marocaine.", 2.0, 9.0, "km", "tindouf", "border:MA");
    distance(
        "Hammaguir est situé à 113 kilomètres de Béchar.",
        112.5,
        113.5,
        "km",
        "hammaguir",
        "bechar",
    );
}

#[test]
fn distances_in_russian() {
    distance(
        "Полигон Хаммагир расположен примерно в 50 км от марокканской границы.",
        45.0,
        55.0,
        "km",
        "hammaguir",
        "border:MA",
    );
    distance(
        "Бешар находится в пятидесяти километрах от границы с Марокко.",
        49.5,
        50.5,
        "km",
        "bechar",
        "border:MA",
    );
    distance(
        "Корабль стоял в порту Алжира, в 3 милях от берега Алжира.",
        2.5,
        3.5,
        "mi",
        "port-of-algiers",
        "coast:DZ",
    );
}

#[test]
fn distances_in_english() {
    distance(
        "Hammaguir lies some 50 km from the Moroccan border.",
        45.0,
        55.0,
        "km",
        "hammaguir",
        "border:MA",
    );
    distance("The drills at Tindouf, just a few kilometres from the border with Morocco, began on Monday.", 2.0, 9.0, "km", "tindouf", "border:MA");
    distance(
        "Bechar is 70 miles from the Moroccan border.",
        69.5,
        70.5,
        "mi",
        "bechar",
        "border:MA",
    );
    distance(
        "Tindouf, a town less than 60 km from the Moroccan border, hosted the drills.",
        0.0,
        60.0,
        "km",
        "tindouf",
        "border:MA",
    );
}

#[test]
fn a_pronoun_or_an_exercise_takes_the_place_or_event_before() {
    let found = claims("The base is at Hammaguir. It lies about 50 km from the Moroccan border.");
    assert_eq!(found[0].5, "hammaguir", "{found:?}");
    // The exercise of the article, named once, is what "the manoeuvres" are.
    let text = "Les manœuvres Desert Shield 2022 ont commencé. Moscou l'a annoncé. Les manœuvres se tiennent à 80 km de la frontière marocaine.";
    let found = claims(text);
    assert_eq!(found[0].5, "desert-shield-2022", "{found:?}");
}

#[test]
fn directions_in_four_languages() {
    for text in [
        "تقع حماقير جنوب غرب بشار.",
        "Hammaguir se trouve au sud-ouest de Béchar.",
        "Хаммагир находится к юго-западу от Бешара.",
        "Hammaguir lies south-west of Bechar.",
    ] {
        let (relation, _, _, _, compass, from, to) = one_claim(text);
        assert_eq!(
            (
                relation.as_str(),
                compass.as_str(),
                from.as_str(),
                to.as_str()
            ),
            ("bearing", "SW", "bechar", "hammaguir"),
            "{text}"
        );
    }
    // A distance with a direction.
    let (relation, low, _, _, compass, from, to) =
        one_claim("Hammaguir lies 110 km south-west of Bechar.");
    assert_eq!(
        (
            relation.as_str(),
            low,
            compass.as_str(),
            from.as_str(),
            to.as_str()
        ),
        ("distance", Some(109.5), "SW", "hammaguir", "bechar")
    );
    // Regions and countries are not bearings.
    assert!(claims("جرت المناورات في منطقة بشار، جنوبي الجزائر.").is_empty());
    assert!(claims("Les unités venaient du nord du pays.").is_empty());
}

#[test]
fn between_in_four_languages() {
    for text in [
        "وتقع قاعدة حماقير بين ولايتي بشار وتندوف.",
        "La base de Hammaguir se trouve entre Béchar et Tindouf.",
        "Полигон Хаммагир находится между Бешаром и Тиндуфом.",
        "Hammaguir lies between Bechar and Tindouf.",
    ] {
        let (relation, _, _, _, _, from, to) = one_claim(text);
        assert_eq!(
            (relation.as_str(), from.as_str(), to.as_str()),
            ("between", "hammaguir", "bechar|tindouf"),
            "{text}"
        );
    }
    assert!(claims("Les relations entre l'Algérie et la Russie.").is_empty());
}

#[test]
fn a_claimed_road_distance_is_noted() {
    let found = read("Béchar est à 852 km de Tindouf par la route.", None);
    let claim = found.iter().find(|f| f.kind == FindingKind::Claim).unwrap();
    let verdict = claim.verdict.as_ref().unwrap();
    assert_eq!(verdict.verdict.to_string(), "overstated");
    assert!(
        verdict.note.as_ref().unwrap().contains("road distance"),
        "{verdict:?}"
    );
}

fn dates(text: &str, published: Option<&str>) -> Vec<String> {
    read(text, published)
        .into_iter()
        .filter(|f| f.kind == FindingKind::Date)
        .filter_map(|f| f.edtf)
        .collect()
}

#[test]
fn dates_in_four_languages() {
    let on = Some("2022-11-17");
    assert_eq!(
        dates("بدأت المناورات يوم 16 نونبر الجاري.", on),
        ["2022-11-16"]
    );
    assert_eq!(dates("Учения прошли в октябре.", on), ["2022-10"]);
    assert_eq!(
        dates("Les exercices ont eu lieu à l'automne 2022.", None),
        ["2022-23"]
    );
    assert_eq!(
        dates("The drill took place in October 2021.", None),
        ["2021-10"]
    );
    assert_eq!(dates("وصل الوفد أمس.", on), ["2022-11-16"]);
    assert_eq!(
        dates("Le ministre est venu en avril dernier.", on),
        ["2022-04"]
    );
    assert_eq!(
        dates("Визит запланирован на май следующего года.", on),
        ["2023-05"]
    );
    assert_eq!(dates("The visit is planned for next May.", on), ["2023-05"]);
    assert_eq!(
        dates("Учения пройдут с 16 по 28 ноября 2022 года.", None),
        ["2022-11-16/2022-11-28"]
    );
    assert_eq!(
        dates("Les manœuvres dureront du 16 au 28 novembre 2022.", None),
        ["2022-11-16/2022-11-28"]
    );
    assert_eq!(
        dates("The drills ran from November 16, 2022.", None),
        ["2022-11-16"]
    );
    // A month with no year and no publication date is left out.
    assert!(dates("Учения прошли в октябре.", None).is_empty());
    // A weekday before publication, and an uncertain publication.
    assert_eq!(
        dates("استقبل الوفد الثلاثاء.", Some("2025-09-23")),
        ["2025-09-23"]
    );
    assert_eq!(dates("في أكتوبر الماضي", Some("2023?")), ["2022-10?"]);
}

#[test]
fn the_seed_articles_yield_their_claims_and_dates() {
    let articles = repo().join("../shared/articles");
    if !articles.is_dir() {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "SKIPPED the_seed_articles_yield_their_claims_and_dates: the articles are not beside the repository (../shared/articles)"
        );
        return;
    }
    let data = repo_data();
    let mut missing = Vec::new();
    for source in &data.sources {
        let path = articles.join(format!("{}.txt", source.id));
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let options = ExtractOptions {
            published: Some(source.published.clone()),
        };
        let found = extract(&text, data, None, &options);
        for claim in data.claims.iter().filter(|c| c.source_id == source.id) {
            let band = claim.spec.band().map(|b| (b.low, b.high));
            let hit = found
                .iter()
                .filter_map(|f| Some((f, f.claim.as_ref()?)))
                .any(|(f, c)| {
                    let subject_site = data
                        .event(&claim.subject)
                        .and_then(|e| e.site_ids.first().cloned());
                    let from = c.from.as_ref().map(|e| e.to_string()).unwrap_or_default();
                    let about = from == claim.subject
                        || f.event.as_deref() == Some(claim.subject.as_str())
                        || subject_site.as_deref() == Some(from.as_str())
                        || f.event
                            .as_ref()
                            .and_then(|e| data.event(e))
                            .is_some_and(|e| e.site_ids.contains(&claim.subject));
                    let same_band = band.is_none_or(|(low, high)| {
                        c.low.is_some_and(|l| (l - low).abs() < 1e-6)
                            && c.high.is_some_and(|h| (h - high).abs() < 1e-6)
                    });
                    about && same_band && c.to.to_string() == claim.target
                });
            if !hit {
                missing.push(format!("claim {} from {}", claim.id, source.id));
            }
        }
        for statement in data
            .statements
            .iter()
            .filter(|s| s.source_id == source.id && s.field == "date")
        {
            let Ok(date) = EdtfDate::parse(&statement.value) else {
                continue; // "October, year not stated" is no EDTF date
            };
            let wanted = date.to_string().replace('?', "");
            let hit = found
                .iter()
                .filter_map(|f| f.edtf.as_ref())
                .any(|e| e.replace('?', "") == wanted);
            if !hit {
                missing.push(format!(
                    "date {} of {} from {}",
                    statement.value, statement.subject, source.id
                ));
            }
        }
    }
    assert!(missing.is_empty(), "not found:\n{}", missing.join("\n"));
}
