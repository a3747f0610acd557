//! The analyst's loop from the command line: start a dataset, keep an
//! article as hashed evidence, add every kind of record, check, build.

mod common;
use common::*;
use std::ffi::OsStr;
use std::path::Path;
use std::process::Output;

fn in_dir(dir: &Path, args: &[&str]) -> Output {
    sandtable()
        .current_dir(dir)
        .args(args)
        .output()
        .expect("run")
}

fn ok(dir: &Path, args: &[&str]) -> String {
    let out = in_dir(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{args:?}: {stderr}");
    stderr
}

fn refused(dir: &Path, args: &[&str], message: &str) {
    let out = in_dir(dir, args);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
    assert!(stderr.contains(message), "{args:?}: {stderr}");
}

const ARTICLE: &str = "Exercices près de Béchar\nLes manœuvres conjointes ont commencé mercredi 16 novembre à Hammaguir. Le camp se trouve à environ 80 km de la frontière marocaine.\n";

/// A new dataset in `dir/story` with one stored article.
fn story(dir: &Path) -> std::path::PathBuf {
    let story = dir.join("story");
    ok(dir, &["init", "story"]);
    std::fs::write(dir.join("article.txt"), ARTICLE).unwrap();
    let stored = ok(
        &story,
        &[
            "add",
            "source",
            "le-monde-1",
            "--file",
            "../article.txt",
            "--url",
            "https://example.org/a",
            "--outlet",
            "Le Monde",
            "--published",
            "2022-11-17",
            "--lang",
            "fr",
            "--archive-url",
            "https://web.archive.org/web/2022/a",
        ],
    );
    assert!(stored.contains("SHA-256"), "{stored}");
    story
}

#[test]
fn from_an_empty_dataset_to_a_map() {
    let dir = tempfile::tempdir().unwrap();
    let story = story(dir.path());
    assert_eq!(
        std::fs::read(story.join("articles/le-monde-1.txt")).unwrap(),
        ARTICLE.as_bytes()
    );
    ok(
        &story,
        &[
            "add",
            "site",
            "hammaguir",
            "--name",
            "Hammaguir",
            "--kind",
            "training_ground",
            "--country",
            "DZ",
            "--lat",
            "30.889167",
            "--lon",
            "-3.045556",
            "--coord-source",
            "GeoNames",
            "--precision-m",
            "15000",
            "--source",
            "le-monde-1",
        ],
    );
    ok(
        &story,
        &[
            "add",
            "event",
            "drill",
            "--name",
            "Joint drill",
            "--kind",
            "exercise",
            "--date",
            "2022-11-16",
            "--site",
            "hammaguir",
            "--participant",
            "DZ",
            "--participant",
            "RU",
            "--source",
            "le-monde-1",
        ],
    );
    let added = ok(
        &story,
        &[
            "add",
            "statement",
            "drill",
            "date",
            "2022-11-16",
            "--source",
            "le-monde-1",
            "--quote",
            "Les manœuvres conjointes ont commencé mercredi 16 novembre à Hammaguir.",
        ],
    );
    assert!(added.contains("at character 25"), "{added}");
    ok(
        &story,
        &[
            "add",
            "claim",
            "drill-80km",
            "--source",
            "le-monde-1",
            "--subject",
            "drill",
            "--kind",
            "distance_to_border",
            "--target",
            "border:MA",
            "--value",
            "80",
            "--qualifier",
            "about",
        ],
    );
    let check = ok(&story, &["check"]);
    assert!(
        check.contains("1 articles unchanged (SHA-256) and 1 quotes found verbatim"),
        "{check}"
    );
    let claims = String::from_utf8(in_dir(&story, &["claims", "--format", "csv"]).stdout).unwrap();
    assert!(
        claims.contains("drill-80km") && claims.contains("overstated"),
        "{claims}"
    );
    let explained =
        String::from_utf8(in_dir(&story, &["explain", "drill", "--format", "csv"]).stdout).unwrap();
    assert!(
        explained.contains("https://web.archive.org/web/2022/a"),
        "{explained}"
    );
    ok(&story, &["build"]);
    assert!(story.join("output/index.html").exists());
}

#[test]
fn a_one_byte_edit_to_a_stored_article_fails_check_naming_its_source() {
    let dir = tempfile::tempdir().unwrap();
    let story = story(dir.path());
    ok(&story, &["check"]);
    let path = story.join("articles/le-monde-1.txt");
    let mut bytes = std::fs::read(&path).unwrap();
    bytes[10] = b'X';
    std::fs::write(&path, bytes).unwrap();
    refused(
        &story,
        &["check"],
        "sources.csv:2: sha256: le-monde-1.txt has changed since it was collected",
    );
}

#[test]
fn the_same_article_or_url_twice_is_refused_and_a_quote_must_be_verbatim() {
    let dir = tempfile::tempdir().unwrap();
    let story = story(dir.path());
    refused(
        &story,
        &["add", "source", "copy", "--file", "../article.txt"],
        "already stored as source 'le-monde-1'",
    );
    std::fs::write(dir.path().join("other.txt"), "Autre texte.\n").unwrap();
    refused(
        &story,
        &[
            "add",
            "source",
            "other",
            "--file",
            "../other.txt",
            "--url",
            "https://example.org/a",
        ],
        "https://example.org/a is already source 'le-monde-1'",
    );
    assert!(!story.join("articles/other.txt").exists());
    refused(
        &story,
        &[
            "add",
            "statement",
            "x",
            "date",
            "2022",
            "--source",
            "le-monde-1",
            "--quote",
            "a environ 80 km de la frontiere",
        ],
        "the nearest passage, at character 115, is: «à environ 80 km de la frontière»",
    );
    // A row that fails the checks leaves the article out too.
    std::fs::write(dir.path().join("third.txt"), "Troisième texte.\n").unwrap();
    refused(
        &story,
        &["add", "source", "Bad Id", "--file", "../third.txt"],
        "not a slug",
    );
    let left: Vec<_> = std::fs::read_dir(story.join("articles")).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn init_never_starts_over_a_dataset() {
    let dir = tempfile::tempdir().unwrap();
    refused(
        &repo(),
        &["init", repo().to_str().unwrap()],
        "already holds",
    );
    ok(dir.path(), &["init", "."]);
    let empty = sandtable::load::Dataset::load(dir.path()).unwrap();
    assert!(empty.sources.is_empty());
    let out = sandtable()
        .args([
            OsStr::new("--data"),
            dir.path().as_os_str(),
            OsStr::new("build"),
            OsStr::new("--out"),
        ])
        .arg(dir.path().join("output"))
        .output()
        .unwrap();
    assert!(out.status.success());
}

#[test]
fn extract_for_review_then_apply_the_kept_rows() {
    let data = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        std::fs::copy(repo().join(name), data.path().join(name)).unwrap();
    }
    let dir = data.path();
    let article = "Les manœuvres Desert Shield 2022 ont commencé hier près de Hammaguir, à environ 70 km de la frontière marocaine.\nLes unités se sont ensuite rendues à Djanet, au sud-est de Tindouf.\n";
    std::fs::write(dir.join("lm.txt"), article).unwrap();
    ok(
        dir,
        &[
            "add",
            "source",
            "lm",
            "--file",
            "lm.txt",
            "--published",
            "2022-11-17",
            "--lang",
            "fr",
        ],
    );
    let listed = in_dir(
        dir,
        &[
            "extract",
            "articles/lm.txt",
            "--source",
            "lm",
            "--format",
            "csv",
        ],
    );
    let listed = String::from_utf8(listed.stdout).unwrap();
    assert!(
        listed.starts_with("kind,start,end,text,sentence,site_id,"),
        "{listed}"
    );
    assert!(listed.contains("claim,"), "{listed}");
    assert!(listed.contains(",2022-11-16"), "{listed}");
    ok(
        dir,
        &[
            "extract",
            "articles/lm.txt",
            "--source",
            "lm",
            "--review",
            "review.csv",
        ],
    );
    let review = std::fs::read_to_string(dir.join("review.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(review.as_bytes());
    let headers = rows.headers().unwrap().clone();
    let mut records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    let column = |name: &str| headers.iter().position(|h| h == name).unwrap();
    // Keep Djanet too, with its coordinates as the gazetteer gives them.
    for record in &mut records {
        if &record[column("kind")] == "unknown" && &record[column("text")] == "Djanet" {
            let mut fields: Vec<String> = record.iter().map(String::from).collect();
            fields[column("keep")] = "yes".into();
            *record = csv::StringRecord::from(fields);
        }
    }
    let kept: Vec<(String, String)> = records
        .iter()
        .filter(|r| &r[column("keep")] == "yes")
        .map(|r| (r[column("kind")].to_string(), r[column("text")].to_string()))
        .collect();
    assert!(kept.iter().any(|(k, _)| k == "claim"), "{kept:?}");
    assert!(kept.iter().any(|(k, _)| k == "date"), "{kept:?}");
    let mut writer = csv::Writer::from_path(dir.join("review.csv")).unwrap();
    writer.write_record(&headers).unwrap();
    for record in &records {
        writer.write_record(record).unwrap();
    }
    writer.flush().unwrap();
    let applied = ok(dir, &["apply", "review.csv"]);
    assert!(applied.contains("added 1 sites, 1 claims and"), "{applied}");
    let data = sandtable::load::Dataset::load(dir).unwrap();
    assert!(data.site("djanet").is_some());
    assert!(data.claims.iter().any(|c| c.source_id == "lm"));
    let quotes = data.verify_articles(&dir.join("articles"), false).problems;
    // The applied date statement quotes its sentence verbatim (the other
    // sources' articles are not stored in this copy).
    assert!(
        !quotes.iter().any(|p| p.to_string().contains(" lm")),
        "{quotes:?}"
    );
    // A refused row leaves everything as it was.
    let before = tree(dir);
    let again = in_dir(dir, &["apply", "review.csv"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("nothing was added"));
    assert_eq!(tree(dir), before);
}

#[test]
fn the_story_file_is_written_by_init_and_checked_by_line_and_key() {
    let dir = tempfile::tempdir().unwrap();
    ok(dir.path(), &["init", "."]);
    let story = dir.path().join("map.toml");
    let template = std::fs::read_to_string(&story).unwrap();
    assert!(template.contains("max_zoom = 9"), "{template}");
    // A title of its own reaches the page and the QGIS project.
    let titled = template.replace(
        "title = \"Exercises, sites and borders\"",
        "title = \"Drills & ports\"",
    );
    std::fs::write(&story, titled).unwrap();
    ok(dir.path(), &["build"]);
    let data = std::fs::read_to_string(dir.path().join("output/data.js")).unwrap();
    assert!(data.contains("\"title\":\"Drills & ports\""));
    let project = std::fs::read_to_string(dir.path().join("output/sandtable.qgs")).unwrap();
    assert!(project.contains("<title>Drills &amp; ports</title>"));
    // A misspelt key and a bad zoom: exit 2, file, line and key named,
    // nothing written.
    std::fs::write(&story, "title = \"x\"\ntitel = \"y\"\n").unwrap();
    refused(dir.path(), &["check"], "map.toml:2: titel: unknown field");
    std::fs::write(&story, "[view]\nmin_zoom = 3\nmax_zoom = 30\n").unwrap();
    let before = std::fs::read(dir.path().join("output/data.js")).unwrap();
    refused(
        dir.path(),
        &["build"],
        "map.toml:3: view.max_zoom: 30 is out of range",
    );
    assert_eq!(
        std::fs::read(dir.path().join("output/data.js")).unwrap(),
        before
    );
}
