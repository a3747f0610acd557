//! A fuzz harness over the real inputs, mutated at random (seeded): the
//! fixture CSVs and a boundary GeoJSON through the loaders, the
//! measurements and every layer; a CSV of points through `enrich`; article
//! text through `mentions` and `--unknown`; names through `geocode`; a new
//! site's fields through `add site`.
//!
//! Invariants: no panic, no hang (10 s a case), every data error
//! positioned as `file:line: field: message`, no NaN or infinity in any
//! layer, every layer valid JSON; `enrich` keeps every row or refuses the
//! file as bad input; every mention's offsets hold the text it matched; a
//! refused `add site` leaves `sites.csv` as it was, an accepted one leaves
//! a dataset that loads.
//!
//! `cargo test` runs 200 cases; a long run:
//! `SANDTABLE_FUZZ_CASES=20000 SANDTABLE_FUZZ_SEED=7 cargo test --release --test fuzz`.

mod common;
use common::*;
use std::sync::mpsc;
use std::time::Duration;

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const NASTY: &[&str] = &[
    "",
    "NaN",
    "inf",
    "-inf",
    "1e306",
    "-1e306",
    "1e-320",
    "-0",
    "0",
    "999999999999",
    "\"",
    "\"\"",
    ",",
    "|",
    "||",
    "\r",
    "\n",
    "\u{feff}",
    "\u{202e}",
    "\u{0}",
    "?????",
    "\u{fffd}",
    "2022-13-45",
    "2022-02-30",
    "9999-99",
    "../x",
    "border:",
    "border:XX",
    "file:",
    "a..b",
    "5..2",
    "SW",
    "NNNE",
    "-30N 3W",
    "٣٠",
    "ⅷ",
    "LONG",
];

fn mutate(text: &str, rng: &mut Rng) -> String {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    for _ in 0..1 + rng.below(3) {
        if lines.is_empty() {
            break;
        }
        let i = rng.below(lines.len());
        match rng.below(7) {
            0..=2 => {
                let mut fields: Vec<String> = lines[i].split(',').map(String::from).collect();
                let f = rng.below(fields.len());
                fields[f] = match NASTY[rng.below(NASTY.len())] {
                    "LONG" => "x".repeat(3000),
                    nasty => nasty.to_string(),
                };
                lines[i] = fields.join(",");
            }
            3 => {
                lines.remove(i);
            }
            4 => {
                let copy = lines[i].clone();
                lines.insert(i, copy);
            }
            5 => {
                let mut chars: Vec<char> = lines[i].chars().collect();
                if !chars.is_empty() {
                    let at = rng.below(chars.len());
                    chars.truncate(at);
                }
                lines[i] = chars.into_iter().collect();
            }
            _ => {
                let mut chars: Vec<char> = lines[i].chars().collect();
                let at = rng.below(chars.len() + 1);
                let c = ['"', ',', '\r', '|', '\u{202e}', 'é', '٣'][rng.below(7)];
                chars.insert(at, c);
                lines[i] = chars.into_iter().collect();
            }
        }
    }
    lines.join("\n") + "\n"
}

fn all_numbers(v: &serde_json::Value) -> bool {
    match v {
        serde_json::Value::Array(items) => !items.is_empty() && items.iter().all(all_numbers),
        serde_json::Value::Number(n) => n.as_f64().is_some_and(f64::is_finite),
        _ => false,
    }
}

fn positioned(line: &str) -> bool {
    let mut parts = line.splitn(4, ':');
    let (Some(file), Some(number), Some(field), Some(message)) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    !file.is_empty()
        && number.parse::<u64>().is_ok()
        && !field.trim().is_empty()
        && !message.trim().is_empty()
}

/// One case: a dataset with one file mutated, through load, measure and
/// render. Returns a description of a broken invariant, if any.
fn dataset_case(seed: u64) -> Option<String> {
    let mut rng = Rng(seed);
    let file = sandtable::load::FILES[rng.below(sandtable::load::FILES.len())];
    let dir = dataset_with(file, |t| mutate(&t, &mut rng));
    match sandtable::load::Dataset::load(dir.path()) {
        Err(sandtable::Error::Data(problems)) => problems
            .iter()
            .map(|p| p.to_string())
            .find(|p| !positioned(p))
            .map(|p| format!("unpositioned problem in {file}: {p}")),
        Err(other) => Some(format!("{file}: not a data error: {other}")),
        Ok(data) => {
            let findings = sandtable::measure::Findings::compute(&data);
            for layer in sandtable::render::render(&data, &findings).unwrap().layers {
                // serde_json writes a non-finite number as null: so every
                // coordinate must be a number, and no bare NaN may appear.
                let Ok(json) = serde_json::from_str::<serde_json::Value>(&layer.geojson) else {
                    return Some(format!("{file}: invalid JSON in {}", layer.name));
                };
                for feature in json["features"].as_array().unwrap() {
                    if !all_numbers(&feature["geometry"]["coordinates"]) {
                        return Some(format!("{file}: a non-finite coordinate in {}", layer.name));
                    }
                }
            }
            None
        }
    }
}

/// One case: the boundary file mutated, read as a `file:` target, and
/// measured to from a few points.
fn geojson_case(seed: u64) -> Option<String> {
    let mut rng = Rng(seed);
    let text = std::fs::read_to_string(repo().join("tests/data/border.geojson")).unwrap();
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..1 + rng.below(4) {
        let at = rng.below(chars.len());
        match rng.below(3) {
            0 => {
                chars.remove(at);
            }
            1 => chars.insert(at, ['9', '-', '.', 'e', ']', '[', ',', '"'][rng.below(8)]),
            _ => chars[at] = ['0', '1', '5', '-', 'e'][rng.below(5)],
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("border.geojson");
    std::fs::write(&path, chars.into_iter().collect::<String>()).unwrap();
    match sandtable::load::boundary_from_file(path.to_str().unwrap()) {
        Err(e) if !e.to_string().starts_with("file:") => {
            Some(format!("error without the file: {e}"))
        }
        Err(_) => None,
        Ok(boundary) => [(31.0, -3.0), (0.0, 0.0), (-60.0, 170.0)]
            .into_iter()
            .filter_map(|(lat, lon)| boundary.nearest(sandtable::base::GeoPoint::new(lat, lon)))
            .find(|n| !n.distance_m.is_finite())
            .map(|n| format!("non-finite distance {n:?}")),
    }
}

fn nasty(rng: &mut Rng) -> String {
    match NASTY[rng.below(NASTY.len())] {
        "LONG" => "x".repeat(3000),
        nasty => nasty.to_string(),
    }
}

/// One case: a CSV of points, mutated, through `enrich`.
fn enrich_case(seed: u64) -> Option<String> {
    let mut rng = Rng(seed);
    let clean =
        "id,latitude,longitude,notes\n1,30.88,-3.04,a\n2,31.6,-2.2,\"b, c\"\n3,36.7,3.0,d\n";
    let text = mutate(clean, &mut rng);
    let options = sandtable::measure::EnrichOptions {
        lat: None,
        lon: None,
        targets: vec![(
            "border_ma".into(),
            sandtable::resolve::TargetArg::load("border:MA").unwrap(),
        )],
        nearest_site: false,
        strict: rng.below(2) == 0,
        unit: sandtable::base::Unit::Kilometre,
        input_format: None,
        output_format: None,
    };
    let mut out = Vec::new();
    match sandtable::measure::enrich(text.as_bytes(), &mut out, &options, None, &|_| {}) {
        Err(e) if !e.is_bad_input() => Some(format!("enrich: not a bad-input error: {e}")),
        Err(e) if e.to_string().trim().is_empty() => Some("enrich: an empty message".into()),
        Err(_) => None,
        Ok(summary) => {
            let mut reader = csv::ReaderBuilder::new()
                .flexible(true)
                .from_reader(&out[..]);
            let rows = reader.records().count() as u64;
            (rows != summary.rows)
                .then(|| format!("enrich: {rows} rows out, {} read", summary.rows))
        }
    }
}

/// One case: article text with nasty pieces, through both kinds of scan.
fn mentions_case(seed: u64) -> Option<String> {
    let mut rng = Rng(seed);
    let pieces = [
        "قاعدة حماقير",
        "ولاية بشار",
        "Béchar",
        "в порту Алжир",
        "на полигоне Тарское",
        "Hammaguir",
        "près de Tindouf",
        " ",
        "\n",
        "،",
        ".",
        "ال",
        "и",
        "\u{1b}[2J",
        "\u{200f}",
    ];
    let mut text = String::new();
    for _ in 0..rng.below(40) {
        if rng.below(4) == 0 {
            text.push_str(&nasty(&mut rng));
        } else {
            text.push_str(pieces[rng.below(pieces.len())]);
        }
    }
    let chars: Vec<char> = text.chars().collect();
    for m in matcher().find(&text) {
        let Some(span) = chars.get(m.start..m.end) else {
            return Some(format!("mention {m:?} outside the text"));
        };
        if span.iter().collect::<String>() != m.matched {
            return Some(format!("mention {m:?} does not hold its text"));
        }
    }
    match sandtable::measure::unknown_places_in(matcher(), text.as_bytes()) {
        Ok(_) => None,
        Err(e) => Some(format!("unknown places: {e:?}")),
    }
}

/// One case: a nasty name through the offline gazetteer.
fn geocode_case(seed: u64) -> Option<String> {
    static GAZETTEER: std::sync::OnceLock<sandtable::resolve::Gazetteer> =
        std::sync::OnceLock::new();
    let gazetteer = GAZETTEER.get_or_init(|| sandtable::resolve::Gazetteer::bundled().unwrap());
    let mut rng = Rng(seed);
    let mut name =
        ["Djanet", "مرسى الكبير", "Тамангассет", "Mers el Kébir", ""][rng.below(5)].to_string();
    name.insert_str(rng.below(2) * name.len(), &nasty(&mut rng));
    let limit = rng.below(8);
    let found = gazetteer.find(&name, None, limit);
    (found.len() > limit)
        .then(|| format!("geocode {name:?}: {} over the limit {limit}", found.len()))
}

/// One case: a new site with a nasty field through `add site`.
fn add_site_case(seed: u64) -> Option<String> {
    use sandtable::edit::{add_site, NewSite, Position};
    let mut rng = Rng(seed);
    let dir = dataset_with("sites.csv", |t| t);
    let before = std::fs::read(dir.path().join("sites.csv")).unwrap();
    let mut fields: Vec<String> = vec![
        "new-site".into(),
        "New site".into(),
        "موقع".into(),
        "Место".into(),
        "alias".into(),
        "DZ".into(),
        "Béchar".into(),
        "30.5".into(),
        "-2.5".into(),
        "test".into(),
        "trt-2022".into(),
    ];
    let at = rng.below(fields.len());
    fields[at] = nasty(&mut rng);
    let number = |text: &str| text.parse::<f64>().unwrap_or(f64::NAN);
    let site = NewSite {
        id: fields[0].clone(),
        name: fields[1].clone(),
        name_ar: fields[2].clone(),
        name_ru: fields[3].clone(),
        aliases: vec![fields[4].clone()],
        kind: sandtable::base::SiteKind::City,
        country: fields[5].clone(),
        admin1: fields[6].clone(),
        position: Position::Given {
            lat: number(&fields[7]),
            lon: number(&fields[8]),
            source: fields[9].clone(),
        },
        precision_m: 5000.0,
        source_ids: vec![fields[10].clone()],
        notes: String::new(),
    };
    match add_site(dir.path(), &site) {
        Err(e) => {
            let after = std::fs::read(dir.path().join("sites.csv")).unwrap();
            if after != before {
                Some(format!("add site: refused ({e}) but sites.csv changed"))
            } else if !e.is_bad_input() {
                Some(format!("add site: not a bad-input error: {e}"))
            } else {
                None
            }
        }
        Ok(_) => sandtable::load::Dataset::load(dir.path())
            .err()
            .map(|e| format!("add site: accepted {site:?}, then the dataset fails: {e}")),
    }
}

/// Runs a case on its own thread: a panic or a hang is a finding too.
fn run(case: fn(u64) -> Option<String>, seed: u64) -> Option<String> {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let result = std::panic::catch_unwind(|| case(seed));
        let _ = tx.send(result);
    });
    match rx.recv_timeout(Duration::from_secs(10)) {
        Ok(Ok(finding)) => finding,
        Ok(Err(_)) => Some(format!("panic (seed {seed})")),
        Err(_) => Some(format!("hang over 10 s (seed {seed})")),
    }
}

#[test]
fn mutated_inputs_never_panic_hang_or_leak_non_finite_numbers() {
    let cases: u64 = std::env::var("SANDTABLE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let seed: u64 = std::env::var("SANDTABLE_FUZZ_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1);
    let mut findings = Vec::new();
    for i in 0..cases {
        let s = seed
            .wrapping_mul(0x9E37_79B9_7F4A_7C15)
            .wrapping_add(i * 2 + 1)
            | 1;
        let case: fn(u64) -> Option<String> = match i % 8 {
            3 => geojson_case,
            5 => enrich_case,
            6 => mentions_case,
            7 if i % 16 == 7 => geocode_case,
            7 => add_site_case,
            _ => dataset_case,
        };
        if let Some(f) = run(case, s) {
            findings.push(format!("case {i} (seed {s}): {f}"));
        }
    }
    assert!(
        findings.is_empty(),
        "{} findings:\n{}",
        findings.len(),
        findings.join("\n")
    );
}
