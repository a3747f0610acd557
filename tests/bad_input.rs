//! Every bad-input case of DESIGN.md: exit status 2 and a message that names
//! the file, the line and the field.

mod common;
use common::*;

fn assert_problem(file: &str, edit: impl FnOnce(String) -> String, expected: &[&str]) {
    let dir = dataset_with(file, edit);
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2, "stderr: {stderr}");
    for part in expected {
        assert!(stderr.contains(part), "expected {part:?} in:\n{stderr}");
    }
}

#[test]
fn the_committed_dataset_is_clean() {
    for dir in [repo(), fixture()] {
        let (code, stderr) = check(&dir);
        assert_eq!(code, 0, "{}: {stderr}", dir.display());
    }
}

#[test]
fn latitude_out_of_range() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "30.889167,-3.045556", "95.5,-3.045556"),
        &["sites.csv:2: lat: 95.5 is out of range, expected -90 to 90"],
    );
}

#[test]
fn longitude_out_of_range() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "30.889167,-3.045556", "30.889167,-183"),
        &["sites.csv:2: lon: -183 is out of range"],
    );
}

#[test]
fn coordinate_that_is_not_a_number() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "30.889167,-3.045556", "30°53′N,-3.045556"),
        &["sites.csv:2: lat: '30°53′N' is not a number"],
    );
}

#[test]
fn swapped_latitude_and_longitude() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "31.6238,-2.2162", "-2.2162,31.6238"),
        &["sites.csv:3: lat:", "outside Algeria (DZ)", "look swapped"],
    );
}

#[test]
fn event_naming_an_unknown_site_gets_a_suggestion() {
    assert_problem(
        "events.csv",
        |t| replace(t, ",hammaguir,DZ|RU,160", ",hamaguirr,DZ|RU,160"),
        &["events.csv:2: site_ids: unknown site 'hamaguirr'; did you mean 'hammaguir'?"],
    );
}

#[test]
fn duplicate_id() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "\nbechar,", "\nhammaguir,"),
        &["sites.csv:3: id: duplicate id 'hammaguir', first used on line 2"],
    );
}

#[test]
fn unparsable_date() {
    assert_problem(
        "events.csv",
        |t| replace(t, "2022-11-16/2022-11-28", "2022-13-16/2022-11-28"),
        &["events.csv:2: date:", "month 13"],
    );
}

#[test]
fn interval_ending_before_it_starts() {
    assert_problem(
        "events.csv",
        |t| replace(t, "2022-11-16/2022-11-28", "2022-11-28/2022-11-16"),
        &[
            "events.csv:2: date:",
            "ends (2022-11-16) before it starts (2022-11-28)",
        ],
    );
}

#[test]
fn missing_column() {
    assert_problem(
        "sites.csv",
        |t| replace(t, "precision_m", "x_precision"),
        &["sites.csv:1: precision_m: missing column"],
    );
}

#[test]
fn wrong_number_of_fields() {
    assert_problem(
        "sources.csv",
        |t| replace(t, "\ngazetteers,", "\ngazetteers,extra,"),
        &["sources.csv:7: -: 9 fields, expected 8"],
    );
}

#[test]
fn unknown_vocabulary_and_country() {
    assert_problem(
        "events.csv",
        |t| {
            replace(
                replace(t, ",exercise,2022-09,", ",drill,2022-09,"),
                "RU|DZ,,reported,exercise-near-morocco,,Algeria took",
                "RU|XX,,reported,exercise-near-morocco,,Algeria took",
            )
        },
        &[
            "events.csv:6: kind: 'drill' is not a known event kind; expected one of exercise",
            "events.csv:6: participants: 'XX' is not an ISO 3166-1 alpha-2 code",
        ],
    );
}

#[test]
fn conflict_without_statements() {
    assert_problem(
        "statements.csv",
        |t| {
            t.lines()
                .filter(|l| !l.starts_with("tarskoye"))
                .map(|l| format!("{l}\n"))
                .collect()
        },
        &["events.csv:3: conflicts: 'date' is marked as conflicting"],
    );
}

#[test]
fn every_problem_is_listed_at_once() {
    let dir = dataset_with("sites.csv", |t| {
        replace(
            replace(t, "30.889167,-3.045556", "95,-3.045556"),
            "31.6238,-2.2162",
            "31.6238,-200",
        )
    });
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2);
    assert!(
        stderr.contains("sites.csv:2: lat") && stderr.contains("sites.csv:3: lon"),
        "{stderr}"
    );
    assert!(stderr.contains("2 problems found"), "{stderr}");
}

#[test]
fn byte_order_mark_and_crlf_are_accepted() {
    let dir = dataset_with("sites.csv", |t| {
        format!("\u{feff}{}", t.replace('\n', "\r\n"))
    });
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn invalid_utf8_is_reported_with_its_byte_offset() {
    let dir = dataset_with("sites.csv", |t| t);
    let path = dir.path().join("sites.csv");
    let mut bytes = std::fs::read(&path).unwrap();
    let at = bytes.iter().position(|&b| b == b'\n').unwrap() + 5;
    bytes[at] = 0xFF;
    std::fs::write(&path, bytes).unwrap();
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2);
    assert!(
        stderr.contains(&format!(
            "sites.csv:2: -: not UTF-8: invalid byte at byte offset {at}"
        )),
        "{stderr}"
    );
}

#[test]
fn malformed_quoting() {
    assert_problem(
        "claims.csv",
        |t| t + "broken,gazetteers,bechar,bearing,hammaguir,\"SW,compass,,\n",
        &["claims.csv:"],
    );
}

#[test]
fn missing_file() {
    let dir = dataset_with("sites.csv", |t| t);
    std::fs::remove_file(dir.path().join("claims.csv")).unwrap();
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("claims.csv:0: -: "), "{stderr}");
    assert!(stderr.contains("claims.csv: cannot read it"), "{stderr}");
}

#[test]
fn an_unreadable_file_does_not_flood_the_report_with_references() {
    let dir = dataset_with("sites.csv", |t| replace(t, "precision_m", "precision"));
    let (code, stderr) = check(dir.path());
    assert_eq!(code, 2);
    assert!(stderr.contains("1 problem found"), "{stderr}");
}
