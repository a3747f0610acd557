//! Finding places in text: clitics, punctuation, several-word names, the
//! country/city ambiguity, Latin and Cyrillic forms, offsets, bad files.

mod common;
use common::*;
use sandtable::measure::Mention;

fn only(text: &str) -> Mention {
    let found = matcher().find(text);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap()
}

#[test]
fn every_clitic_form() {
    for (text, id, matched) in [
        ("سافر الوفد إلى موسكو أمس", "moscow", "موسكو"),
        ("وموسكو ترحب", "moscow", "وموسكو"),
        ("فموسكو ترحب", "moscow", "فموسكو"),
        ("وصل لموسكو", "moscow", "لموسكو"),
        ("لقاء بموسكو", "moscow", "بموسكو"),
        ("مدينة كموسكو", "moscow", "كموسكو"),
        ("ولموسكو موقف", "moscow", "ولموسكو"),
        ("وبموسكو اجتماع", "moscow", "وبموسكو"),
        ("رست بميناء الجزائر", "port-of-algiers", "بميناء الجزائر"),
        ("وبميناء الجزائر سفن", "port-of-algiers", "وبميناء الجزائر"),
    ] {
        let m = only(text);
        assert_eq!(
            (m.site_id.as_str(), m.matched.as_str()),
            (id, matched),
            "{text}"
        );
    }
}

#[test]
fn the_article_and_its_combinations() {
    // المياه الجزائرية starts with the article: بالمياه, وبالمياه, للمياه.
    for text in [
        "مناورات بالمياه الجزائرية",
        "وبالمياه الجزائرية",
        "تدريبات للمياه الجزائرية",
        "فالمياه الجزائرية",
        "كالمياه الجزائرية",
    ] {
        assert_eq!(ids(text), ["algerian-waters"], "{text}");
    }
    // And the city with context: بالجزائر العاصمة, للجزائر العاصمة.
    assert_eq!(ids("وصل بالجزائر العاصمة"), ["algiers"]);
    assert_eq!(ids("عاد للجزائر العاصمة"), ["algiers"]);
}

#[test]
fn punctuation_and_quotes_around_names() {
    assert_eq!(ids("في \"بشار\" اليوم"), ["bechar"]);
    assert_eq!(ids("و\"تندوف\"."), ["tindouf"]);
    assert_eq!(ids("بشار، تندوف"), ["bechar", "tindouf"]);
    assert_eq!(ids("«حماقير»"), ["hammaguir"]);
    assert_eq!(ids("(هماجير)"), ["hammaguir"]);
}

#[test]
fn never_inside_a_longer_word() {
    assert!(ids("بشارة خير").is_empty());
    assert!(ids("موسكوفي").is_empty());
    assert!(ids("Becharov").is_empty());
}

#[test]
fn several_word_names_across_spaces_and_punctuation() {
    assert_eq!(ids("ميناء   الجزائر"), ["port-of-algiers"]);
    assert_eq!(ids("في شمال القوقاز"), ["north-caucasus"]);
    assert_eq!(ids("المياه\nالجزائرية"), ["algerian-waters"]);
}

#[test]
fn the_country_is_not_the_city() {
    assert!(ids("زار وزير خارجية الجزائر موسكو")
        .iter()
        .all(|id| id != "algiers"));
    assert!(ids("تعاون بين روسيا والجزائر").is_empty());
    assert!(ids("Algeria and Russia; l'Algérie et la Russie").is_empty());
    assert!(ids("Россия и Алжир").is_empty());
    // With context it is the city, and the longest name wins.
    assert_eq!(ids("في مدينة الجزائر"), ["algiers"]);
    assert_eq!(ids("الجزائر العاصمة"), ["algiers"]);
    assert_eq!(ids("ميناء الجزائر"), ["port-of-algiers"]);
    assert_eq!(
        ids("Le port d'Alger et Alger"),
        ["port-of-algiers", "algiers"]
    );
    assert_eq!(ids("in Algiers, Algeria"), ["algiers"]);
}

#[test]
fn latin_accents_and_case() {
    assert_eq!(
        ids("BÉCHAR, Bechar, béchar"),
        ["bechar", "bechar", "bechar"]
    );
    assert_eq!(
        ids("Hamaguir and HAMMAGUIR and Hammaguira"),
        ["hammaguir", "hammaguir", "hammaguir"]
    );
    assert_eq!(ids("près de Tindouf"), ["tindouf"]);
}

#[test]
fn russian_case_endings() {
    assert_eq!(ids("в Москве"), ["moscow"]);
    assert_eq!(ids("из Москвы в Москву"), ["moscow", "moscow"]);
    assert_eq!(ids("на полигоне Тарское"), ["tarskoye"]);
    assert_eq!(ids("у Тарского"), ["tarskoye"]);
    assert_eq!(ids("на Северном Кавказе"), ["north-caucasus"]);
}

#[test]
fn offsets_are_in_characters() {
    let text = "قال: وصلت السفينة بميناء الجزائر.";
    let m = only(text);
    let chars: Vec<char> = text.chars().collect();
    assert_eq!(
        chars[m.start..m.end].iter().collect::<String>(),
        "بميناء الجزائر"
    );
    assert_eq!((m.start, m.end), (18, 32));
    let m = only("Près de Béchar");
    assert_eq!((m.start, m.end, m.matched.as_str()), (8, 14, "Béchar"));
}

#[test]
fn the_command_scans_files_and_reports_bad_ones_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good.txt");
    std::fs::write(&good, "المناورات في حماقير").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    let bad = dir.path().join("bad.txt");
    std::fs::write(&bad, b"ok \xff no").unwrap();
    let missing = dir.path().join("missing.txt");
    let out = sandtable()
        .args(["mentions", "--format", "json"])
        .args([&good, &empty, &bad, &missing])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("bad.txt: invalid UTF-8 at byte offset 3"),
        "{stderr}"
    );
    assert!(stderr.contains("missing.txt: cannot read it"), "{stderr}");
    assert!(!stderr.contains("empty.txt"), "{stderr}");
    let rows: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 1);
    assert_eq!(rows[0]["site_id"], "hammaguir");
    assert_eq!(
        (rows[0]["start"].as_u64(), rows[0]["end"].as_u64()),
        (Some(13), Some(19))
    );
}

#[test]
fn standard_input() {
    let out = sandtable()
        .args(["mentions", "-", "--format", "csv"])
        .write_stdin("в Москве")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "file,site_id,matched,start,end,context\n-,moscow,Москве,2,8,в Москве\n"
    );
}

#[test]
fn names_of_people_and_other_places_are_not_sites() {
    assert!(ids("التقى بوتين بشار الأسد في موسكو")
        .iter()
        .all(|id| id != "bechar"));
    assert_eq!(ids("التقى بوتين بالرئيس بشار الأسد في موسكو"), ["moscow"]);
    assert!(ids("dans l'Adrar des Ifoghas, au Mali").is_empty());
    // The city itself still matches next to them.
    assert_eq!(ids("بشار الأسد لم يزر بشار"), ["bechar"]);
}

fn unknown(text: &str) -> Vec<(String, Option<String>)> {
    sandtable::measure::unknown_places(matcher(), text)
        .into_iter()
        .map(|t| (t.name, t.cue))
        .collect()
}

fn cued(name: &str, cue: &str) -> (String, Option<String>) {
    (name.to_string(), Some(cue.to_string()))
}

#[test]
fn unknown_places_after_cue_words_in_each_language() {
    assert_eq!(
        unknown("جرت المناورات في ولاية جانت وقرب مدينة تمنراست، ثم في منطقة عين صالح."),
        [
            cued("جانت", "ولاية"),
            cued("تمنراست", "مدينة"),
            cued("عين صالح", "منطقة")
        ]
    );
    assert_eq!(
        unknown("رست السفينة بميناء مرسى الكبير قبل أن تتجه إلى قاعدة حماقير."),
        [cued("مرسى الكبير", "بميناء")]
    );
    assert_eq!(
        unknown("Les unités ont rejoint la base de Mers el-Kébir, près de Tamanrasset, puis la wilaya de Djanet."),
        [cued("Mers el-Kébir", "base"), cued("Tamanrasset", "près de"), cued("Djanet", "wilaya")]
    );
    assert_eq!(
        unknown("The ships called at the port of Oran and drilled near In Amenas in the province of Illizi."),
        [cued("Oran", "port of"), cued("In Amenas", "near"), cued("Illizi", "province")]
    );
    assert_eq!(
        unknown("Учения прошли на полигоне Прудбой, затем в городе Оран и на базе Хмеймим."),
        [
            cued("Прудбой", "полигоне"),
            cued("Оран", "городе"),
            cued("Хмеймим", "базе")
        ]
    );
}

#[test]
fn a_definite_arabic_cue_is_followed_by_an_adjective_not_a_name() {
    assert!(unknown("في المنطقة العسكرية الجنوبية وللمنطقة بالذات").is_empty());
    assert_eq!(unknown("وبمنطقة تيميمون"), [cued("تيميمون", "وبمنطقة")]);
}

#[test]
fn unknown_capitalised_names_but_not_known_places_or_sentence_openers() {
    let found = unknown(
        "Drills near Béchar. Officials said Ouargla and In Guezzam took part; Russia agreed.",
    );
    assert_eq!(
        found,
        [
            ("Ouargla".to_string(), None),
            ("In Guezzam".to_string(), None)
        ]
    );
    // Counted once per place, variants together; context and offsets given.
    let found = sandtable::measure::unknown_places(matcher(), "near Djanet and then near Dzhanet");
    assert_eq!((found.len(), found[0].count, found[0].start), (1, 2, 5));
    assert!(found[0].context.contains("near Djanet"));
}

#[test]
fn the_unknown_command_lists_candidates_with_context() {
    let out = sandtable()
        .args(["mentions", "--unknown", "-", "--format", "csv"])
        .write_stdin("وصلت الوحدات إلى ولاية جانت.\nThe port of Oran; в городе Оран.")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "file,name,count,cue,start,context\n\
         -,جانت,1,ولاية,23,وصلت الوحدات إلى ولاية جانت. The port of Oran; в городе О\n\
         -,Oran,2,port of,41,ت إلى ولاية جانت. The port of Oran; в городе Оран.\n"
    );
}

#[test]
fn many_files_scanned_together_keep_their_order() {
    let dir = tempfile::tempdir().unwrap();
    let names = [
        "Béchar",
        "Tindouf",
        "حماقير",
        "Москва",
        "Stuttgart",
        "Adrar",
        "Tarskoïe",
    ];
    let mut args = Vec::new();
    for (i, name) in names.iter().enumerate() {
        let path = dir.path().join(format!("{i}.txt"));
        std::fs::write(&path, format!("near {name}.\n")).unwrap();
        args.push(path.display().to_string());
        if i == 3 {
            args.push(dir.path().join("missing.txt").display().to_string());
        }
    }
    let out = sandtable()
        .args(["mentions", "--format", "csv"])
        .args(&args)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("missing.txt: cannot read it"));
    let ids: Vec<String> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(1).unwrap().to_string())
        .collect();
    assert_eq!(
        ids,
        [
            "bechar",
            "tindouf",
            "hammaguir",
            "moscow",
            "stuttgart",
            "adrar",
            "tarskoye"
        ]
    );
}

#[test]
fn adjectives_case_forms_translations_and_other_towns() {
    // An adjective after its noun; a nominative after a case-governing noun.
    assert_eq!(
        ids("القوات المتمركزة بمنطقة الشمال القوقازي"),
        ["north-caucasus"]
    );
    assert_eq!(ids("Учения прошли на полигоне Тарский."), ["tarskoye"]);
    assert_eq!(ids("Корабль зашёл в порту Алжир."), ["port-of-algiers"]);
    // A name translated anew after a cue.
    assert_eq!(ids("Troops gathered in the state of Bashar."), ["bechar"]);
    assert_eq!(ids("Colomb Bashar was a French base."), ["bechar"]);
    assert!(ids("President Bashar spoke.").is_empty());
    // Another town whose name holds a site's; a common noun.
    assert!(ids("Les travaux à Bechar Djedid avancent.").is_empty());
    assert!(ids("ولاية بشار الجديدة").is_empty());
    assert!(ids("Le quartier d'Al-Béchar.").is_empty());
}

#[test]
fn unknown_places_keep_places_and_drop_people_outlets_and_acronyms() {
    let text = "Les unités sont allées à Oran puis à Ouargla. Le ministre Sergueï Choïgou était présent, selon l'agence TASS.\n\
                North Ossetia sent troops across the Sahara. President Vladimir Putin spoke.\n\
                Учения прошли в Северной Осетии. Об этом сообщил ЮВО.\n\
                وشارك جنود من أوسيتيا الشمالية في منطقة الساحل ووهران.";
    let found: Vec<String> = sandtable::measure::unknown_places(matcher(), text)
        .into_iter()
        .map(|t| t.name)
        .collect();
    for place in [
        "Oran",
        "Ouargla",
        "North Ossetia",
        "Sahara",
        "Северной Осетии",
        "أوسيتيا الشمالية",
        "الساحل",
        "وهران",
    ] {
        assert!(
            found.iter().any(|f| f == place),
            "{place} missing from {found:?}"
        );
    }
    for not_a_place in [
        "Sergueï Choïgou",
        "TASS",
        "Vladimir Putin",
        "ЮВО",
        "President Vladimir Putin",
    ] {
        assert!(
            !found.iter().any(|f| f == not_a_place),
            "{not_a_place} in {found:?}"
        );
    }
}
