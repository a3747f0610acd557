//! `check` catches what a spreadsheet does to a file, and says so; the
//! command line is lenient where people are and strict where it matters.

mod common;
use common::*;

fn problems_of(file: &str, edit: impl FnOnce(String) -> String) -> String {
    let dir = dataset_with(file, edit);
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2, "{stderr}");
    stderr
}

fn write_bytes(file: &str, bytes: Vec<u8>) -> String {
    let dir = dataset_with(file, |t| t);
    std::fs::write(dir.path().join(file), bytes).unwrap();
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2, "{stderr}");
    stderr
}

#[test]
fn a_misspelt_optional_column_is_an_error_with_a_suggestion() {
    let stderr = problems_of("claims.csv", |t| replace(t, ",qualifier,", ",qualifer,"));
    assert!(
        stderr.contains(
            "claims.csv:1: qualifer: unknown column 'qualifer'; did you mean 'qualifier'?"
        ),
        "{stderr}"
    );
}

#[test]
fn a_misspelt_required_column_is_one_problem() {
    let stderr = problems_of("sites.csv", |t| replace(t, "precision_m", "precison_m"));
    assert!(stderr.contains("did you mean 'precision_m'?"), "{stderr}");
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn a_column_of_ones_own_is_a_warning_or_nothing() {
    let dir = dataset_with("sites.csv", |t| {
        t.lines()
            .enumerate()
            .map(|(i, l)| match i {
                0 => format!("{l},checked_by,x_team"),
                _ if l.is_empty() => String::new(),
                _ => format!("{l},ana,blue"),
            })
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: sites.csv:1: checked_by: unknown column 'checked_by' is ignored"),
        "{stderr}"
    );
    assert!(!stderr.contains("x_team"), "{stderr}");
}

#[test]
fn arabic_lost_to_windows_1252_is_named() {
    let stderr = problems_of("sites.csv", |t| replace(t, ",حماقير,", ",??????,"));
    assert!(stderr.contains("sites.csv:2: name_ar:"), "{stderr}");
    assert!(stderr.contains("CSV UTF-8"), "{stderr}");
}

#[test]
fn a_name_without_its_script_is_an_error() {
    let stderr = problems_of("sites.csv", |t| replace(t, ",Хаммагир,", ",Hammagir,"));
    assert!(
        stderr.contains("sites.csv:2: name_ru: \"Hammagir\" holds no Cyrillic letter"),
        "{stderr}"
    );
}

#[test]
fn replacement_characters_are_an_encoding_problem() {
    let stderr = problems_of("sites.csv", |t| {
        replace(t, "Béchar,31.6238", "B\u{FFFD}char,31.6238")
    });
    assert!(stderr.contains("sites.csv:3: admin1:"), "{stderr}");
    assert!(stderr.contains("U+FFFD"), "{stderr}");
}

#[test]
fn utf16_is_recognised() {
    let text = std::fs::read_to_string(fixture().join("sites.csv")).unwrap();
    let mut bytes = vec![0xFF, 0xFE];
    for unit in text.encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    let stderr = write_bytes("sites.csv", bytes);
    assert!(stderr.contains("sites.csv:0: -: is UTF-16"), "{stderr}");
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn a_semicolon_separated_file_gets_one_message() {
    let stderr = problems_of("sources.csv", |t| {
        t.lines()
            .map(|l| l.replace(',', ";"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        stderr.contains("is separated by semicolons, not commas"),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn a_tab_separated_file_gets_one_message() {
    let stderr = problems_of("claims.csv", |t| {
        t.lines()
            .map(|l| l.replace(',', "\t"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    assert!(
        stderr.contains("is separated by tabs, not commas"),
        "{stderr}"
    );
}

#[test]
fn a_decimal_comma_is_named() {
    let stderr = problems_of("sites.csv", |t| {
        replace(t, "31.6238,-2.2162", "31,6238,-2.2162")
    });
    assert!(
        stderr.contains("sites.csv:3: -: 15 fields, expected 14")
            && stderr.contains("'31,6238' looks like a number with a decimal comma: write 31.6238"),
        "{stderr}"
    );
}

#[test]
fn an_empty_file_gets_one_message() {
    let stderr = problems_of("events.csv", |_| String::new());
    assert!(
        stderr.contains("events.csv:0: -: is empty; it needs a header row: id,name"),
        "{stderr}"
    );
    assert!(stderr.contains("1 problem found"), "{stderr}");
}

#[test]
fn one_bad_row_does_not_hide_the_others() {
    let stderr = problems_of("sites.csv", |t| {
        let t = replace(t, "31.6238,-2.2162", "31.6238,-2.2162,extra");
        replace(t, "30.889167,-3.045556", "95,-3.045556")
    });
    assert!(stderr.contains("sites.csv:3: -: 15 fields"), "{stderr}");
    assert!(
        stderr.contains("sites.csv:2: lat: 95 is out of range"),
        "{stderr}"
    );
}

#[test]
fn control_and_bidi_characters_are_escaped() {
    let stderr = problems_of("events.csv", |t| {
        replace(
            t,
            ",exercise,2022-11-16",
            ",\"exer\rsites.csv:1: fine\u{202E}\",2022-11-16",
        )
    });
    assert!(
        !stderr.contains('\r') && !stderr.contains('\u{202E}'),
        "{stderr:?}"
    );
    assert!(
        stderr.contains("exer\\u{d}sites.csv:1: fine\\u{202e}"),
        "{stderr}"
    );
}

#[test]
fn a_distance_beyond_the_earth_is_refused() {
    let stderr = problems_of("claims.csv", |t| {
        replace(t, "border:MA,80,km", "border:MA,1e306,km")
    });
    assert!(
        stderr.contains("claims.csv:2: value: 1e306 km is not a distance on the Earth"),
        "{stderr}"
    );
}

#[test]
fn a_sign_with_a_hemisphere_or_a_letter_inside_a_number_is_an_error() {
    for (text, part) in [
        ("-30N 3W", "a sign '-' and a hemisphere letter"),
        ("5e5n", "the letter 'e' sits inside a number"),
    ] {
        let out = sandtable()
            .args(["distance", "--", text, "0,0"])
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{text}: {stderr}");
        assert!(stderr.contains(part), "{text}: {stderr}");
    }
}

#[test]
fn event_filters_take_edtf_vocabularies_and_alpha3() {
    let ids = |args: &[&str]| -> Vec<String> {
        let mut all = vec!["events", "--format", "json"];
        all.extend_from_slice(args);
        json_of(&all)
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let autumn = ids(&["--from", "2022-23", "--to", "2022-23"]);
    assert!(
        autumn.contains(&"desert-shield-2022".to_string()),
        "{autumn:?}"
    );
    assert!(autumn.contains(&"vostok-2022".to_string()), "{autumn:?}");
    assert!(
        !autumn.contains(&"lamamra-moscow-2022".to_string()),
        "{autumn:?}"
    );
    let september = ids(&["--from", "2022-09", "--to", "2022-09"]);
    assert!(
        september.contains(&"vostok-2022".to_string()),
        "{september:?}"
    );
    let us = ids(&["--participant", "USA"]);
    assert_eq!(us, ids(&["--participant", "us"]));
    assert!(us.contains(&"tudor-visit-2025".to_string()), "{us:?}");
    let port_calls = ids(&["--kind", "port_call"]);
    assert_eq!(port_calls, ["kildin-port-call"]);
}

#[test]
fn unknown_filter_values_exit_2_with_the_vocabulary() {
    let out = sandtable()
        .args(["events", "--kind", "port-call"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr.contains("port_call") && stderr.contains("naval_exercise"),
        "{stderr}"
    );
    let out = sandtable()
        .args(["events", "--participant", "XYZ"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn events_come_sorted_by_date() {
    let rows = json_of(&["events", "--format", "json"]);
    let starts: Vec<Option<&str>> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["start"].as_str())
        .collect();
    let dated: Vec<&str> = starts.iter().flatten().copied().collect();
    assert!(dated.len() >= 10);
    assert!(dated.windows(2).all(|w| w[0] <= w[1]), "{dated:?}");
    let first_unknown = starts.iter().position(Option::is_none).unwrap();
    assert!(
        starts[first_unknown..].iter().all(Option::is_none),
        "{starts:?}"
    );
}
