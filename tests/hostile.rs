//! A careless and a hostile user, each case run through the real binary:
//! output folders that hold other files, the data folder as output, devices
//! and pipes as inputs and outputs, concurrent edits, endless lines,
//! escape sequences, links, killed runs, a full disk, and the exit-status
//! contract (0 success, 2 bad input or usage, 1 other failure; never 101).
//!
//! FIFOs stand in for devices, and a file-size limit for a full disk, so no
//! test touches the machine's `/dev` beyond reading `/dev/zero` and writing
//! a standard error to `/dev/full`.

mod common;
use common::*;
use std::ffi::OsStr;

use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::Duration;

fn binary() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sandtable"));
    cmd.current_dir(repo())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    cmd
}

fn run(cmd: &mut Command) -> Output {
    finish(cmd.spawn().unwrap(), Duration::from_secs(60)).0
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn is_fifo(path: &Path) -> bool {
    use std::os::unix::fs::FileTypeExt;
    std::fs::metadata(path).unwrap().file_type().is_fifo()
}

/// A copy of the repository's dataset in a temporary folder.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        std::fs::copy(repo().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

fn build_into(data: &Path, out: &OsStr) -> Output {
    run(binary()
        .args([OsStr::new("--data"), data.as_os_str()])
        .args([OsStr::new("build"), OsStr::new("--out"), out]))
}

#[test]
fn build_never_replaces_a_folder_holding_files_it_did_not_write() {
    let dir = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    std::fs::create_dir_all(docs.join("photos")).unwrap();
    std::fs::write(docs.join("thesis.tex"), "years of work").unwrap();
    std::fs::write(docs.join("photos/a.jpg"), "jpeg").unwrap();
    let out = build_into(&repo(), docs.as_os_str());
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("sandtable did not write"),
        "{}",
        stderr(&out)
    );
    assert!(stderr(&out).contains("photos"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(docs.join("thesis.tex")).unwrap(),
        b"years of work"
    );
    assert!(docs.join("photos/a.jpg").exists());
    // An empty folder, a previous build and an absent folder are fine.
    let fresh = dir.path().join("fresh");
    std::fs::create_dir(&fresh).unwrap();
    assert!(build_into(&repo(), fresh.as_os_str()).status.success());
    assert!(build_into(&repo(), fresh.as_os_str()).status.success());
    // A file added to a previous build's folder is foreign too.
    std::fs::write(fresh.join("report.docx"), "mine").unwrap();
    let again = build_into(&repo(), fresh.as_os_str());
    assert_eq!(again.status.code(), Some(2));
    assert!(stderr(&again).contains("report.docx"));
    assert_eq!(std::fs::read(fresh.join("report.docx")).unwrap(), b"mine");
}

#[test]
fn the_data_folder_is_never_an_output_folder() {
    let data = dataset();
    let before = tree(data.path());
    let out = build_into(data.path(), data.path().as_os_str());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("is the data folder"),
        "{}",
        stderr(&out)
    );
    assert_eq!(tree(data.path()), before);
    // The default output/ in a folder whose output/ holds a user's file,
    // and --out "$PWD".
    std::fs::create_dir(data.path().join("output")).unwrap();
    std::fs::write(data.path().join("output/report.docx"), "mine").unwrap();
    let default = run(binary().current_dir(data.path()).arg("build"));
    assert_eq!(default.status.code(), Some(2));
    assert_eq!(
        std::fs::read(data.path().join("output/report.docx")).unwrap(),
        b"mine"
    );
    let here = run(binary().current_dir(data.path()).args([
        OsStr::new("build"),
        OsStr::new("--out"),
        data.path().as_os_str(),
    ]));
    assert_eq!(here.status.code(), Some(2));
    assert!(data.path().join("sites.csv").exists());
}

#[test]
fn build_through_a_symbolic_link_writes_into_its_target() {
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    let link = dir.path().join("link");
    std::os::unix::fs::symlink("real", &link).unwrap();
    assert!(build_into(&repo(), link.as_os_str()).status.success());
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(real.join("sites.geojson").exists());
}

fn points_file(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join("points.csv");
    let mut text = String::from("id,lat,lon\n");
    for i in 0..rows {
        text.push_str(&format!("{i},{},{}\n", 30.0 + (i % 50) as f64 * 0.1, -3.0));
    }
    std::fs::write(&path, text).unwrap();
    path
}

#[test]
fn enrich_writes_into_a_fifo_and_leaves_it_a_fifo() {
    let dir = tempfile::tempdir().unwrap();
    let points = points_file(dir.path(), 100);
    let fifo = dir.path().join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    let out = run(binary()
        .args([OsStr::new("enrich"), points.as_os_str(), OsStr::new("--to")])
        .args([OsStr::new("border:MA"), OsStr::new("-o"), fifo.as_os_str()]));
    assert!(out.status.success(), "{}", stderr(&out));
    let text = reader.join().unwrap();
    assert_eq!(text.lines().count(), 101);
    assert!(is_fifo(&fifo), "the FIFO was replaced");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn a_full_disk_is_reported_and_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let points = points_file(dir.path(), 20_000);
    let target = dir.path().join("enriched.csv");
    let mut cmd = binary();
    cmd.args([OsStr::new("enrich"), points.as_os_str(), OsStr::new("--to")])
        .args([
            OsStr::new("border:MA"),
            OsStr::new("-o"),
            target.as_os_str(),
        ]);
    // SAFETY: only async-signal-safe calls between fork and exec.
    unsafe {
        cmd.pre_exec(|| {
            libc::signal(libc::SIGXFSZ, libc::SIG_IGN);
            let limit = libc::rlimit {
                rlim_cur: 100_000,
                rlim_max: 100_000,
            };
            libc::setrlimit(libc::RLIMIT_FSIZE, &limit);
            Ok(())
        });
    }
    let out = run(&mut cmd);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("enriched.csv"), "{}", stderr(&out));
    assert!(!target.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Standard output on a full device.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = run(binary()
        .args([OsStr::new("enrich"), points.as_os_str()])
        .args(["--to", "border:MA"])
        .stdout(full));
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("standard output"), "{}", stderr(&out));
}

#[test]
fn twenty_concurrent_add_site_keep_twenty_rows() {
    let data = dataset();
    let before = sandtable::load::Dataset::load(data.path())
        .unwrap()
        .sites
        .len();
    let children: Vec<Child> = (0..20)
        .map(|i| {
            binary()
                .args([OsStr::new("--data"), data.path().as_os_str()])
                .args(["add", "site", &format!("place-{i}"), "--kind", "city"])
                .args(["--name", &format!("Place {i}"), "--country", "DZ"])
                .args([
                    "--lat",
                    &format!("{}", 30.0 + i as f64 * 0.01),
                    "--lon",
                    "-2",
                ])
                .args(["--coord-source", "test", "--source", "trt-2022"])
                .spawn()
                .unwrap()
        })
        .collect();
    for child in children {
        let (out, _) = finish(child, Duration::from_secs(60));
        assert!(out.status.success(), "{}", stderr(&out));
    }
    let after = sandtable::load::Dataset::load(data.path()).unwrap();
    assert_eq!(after.sites.len(), before + 20);
}

#[test]
fn escape_sequences_never_reach_the_terminal() {
    let data = dataset();
    let sites = std::fs::read_to_string(data.path().join("sites.csv")).unwrap();
    let sites = sites.replacen("Hammaguir,", "Hamma\u{1b}]0;pwned\u{7}guir,", 1);
    std::fs::write(data.path().join("sites.csv"), sites).unwrap();
    let out = run(binary().args([
        OsStr::new("--data"),
        data.path().as_os_str(),
        OsStr::new("check"),
    ]));
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("control character U+001B"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text}"
    );
    // An article with escape sequences, listed as Markdown and text.
    let dir = tempfile::tempdir().unwrap();
    let article = dir.path().join("a.txt");
    std::fs::write(&article, "Near Béchar\u{1b}[2J\u{1b}]0;x\u{7} today.\n").unwrap();
    for format in ["md", "text"] {
        let out = run(binary()
            .args([OsStr::new("mentions"), article.as_os_str()])
            .args(["--format", format]));
        assert!(out.status.success());
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(text.contains("bechar"), "{text}");
        assert!(
            !text.contains('\u{1b}') && !text.contains('\u{7}'),
            "{text}"
        );
        assert!(text.contains("\\u{1b}"), "{text}");
    }
}

#[test]
fn enrich_says_what_it_wrote_when_a_row_is_bad() {
    let dir = tempfile::tempdir().unwrap();
    let points = points_file(dir.path(), 5_000);
    let mut text = std::fs::read_to_string(&points).unwrap();
    text.push_str("9,1,2,3\n"); // more fields than the header
    std::fs::write(&points, &text).unwrap();
    let args = |extra: &[&OsStr]| {
        let mut cmd = binary();
        cmd.args([OsStr::new("enrich"), points.as_os_str()])
            .args(["--to", "border:MA"])
            .args(extra);
        cmd
    };
    // To a file: nothing.
    let target = dir.path().join("out.csv");
    let out = run(&mut args(&[OsStr::new("-o"), target.as_os_str()]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 5002: 4 fields, but the header has 3"),
        "{}",
        stderr(&out)
    );
    assert!(!target.exists());
    // To standard output: the rows before the bad one, as documented.
    let out = run(&mut args(&[]));
    assert_eq!(out.status.code(), Some(2));
    assert!(!out.stdout.is_empty());
    // --strict on a file checks before writing: nothing on standard output.
    let mut text = std::fs::read_to_string(&points).unwrap();
    text = text.replace("9,1,2,3\n", "9,,\n");
    std::fs::write(&points, &text).unwrap();
    let out = run(&mut args(&[OsStr::new("--strict")]));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("no usable coordinates (lines 5002)"),
        "{}",
        stderr(&out)
    );
    assert!(
        out.stdout.is_empty(),
        "--strict wrote {} bytes",
        out.stdout.len()
    );
}

#[test]
fn enrich_refuses_a_bad_output_before_reading_anything() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing/x.csv");
    for (target, why) in [
        (dir.path(), "is a folder"),
        (missing.as_path(), "its folder does not exist"),
    ] {
        // Standard input is a pipe nobody writes to: reading it would hang.
        let mut child = binary()
            .args([OsStr::new("enrich"), OsStr::new("-"), OsStr::new("--to")])
            .args([
                OsStr::new("border:MA"),
                OsStr::new("-o"),
                target.as_os_str(),
            ])
            .stdin(Stdio::piped())
            .spawn()
            .unwrap();
        let _held_open = child.stdin.take();
        let (out, _) = finish(child, Duration::from_secs(20));
        assert_eq!(out.status.code(), Some(2));
        let text = stderr(&out);
        assert!(
            text.contains(&format!("{}: {why}", target.display())),
            "{text}"
        );
    }
}

#[test]
fn a_linked_sites_csv_stays_a_link_and_its_target_is_updated() {
    let data = dataset();
    let elsewhere = tempfile::tempdir().unwrap();
    let real = elsewhere.path().join("sites.csv");
    std::fs::rename(data.path().join("sites.csv"), &real).unwrap();
    std::os::unix::fs::symlink(&real, data.path().join("sites.csv")).unwrap();
    // A temporary file a killed run left (beside the file it was
    // replacing) is removed by the next run.
    let stale = elsewhere.path().join(".sites.csv.sandtable-999999999.tmp");
    std::fs::write(&stale, "half").unwrap();
    let out = run(binary()
        .args([OsStr::new("--data"), data.path().as_os_str()])
        .args([
            "add", "site", "djanet", "--kind", "city", "--lat", "24.55", "--lon", "9.48",
        ])
        .args(["--name", "Djanet", "--country", "DZ"])
        .args(["--coord-source", "test", "--source", "trt-2022"]));
    assert!(out.status.success(), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(data.path().join("sites.csv")).unwrap();
    assert!(link.file_type().is_symlink());
    assert!(std::fs::read_to_string(&real).unwrap().contains("djanet"));
    assert!(!stale.exists());
}

#[test]
fn the_exit_status_contract() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    // A standard error that cannot be written is no crash.
    let out = run(binary().arg("check").stderr(full()));
    assert_eq!(out.status.code(), Some(0));
    let out = run(binary()
        .args(["distance", "nowhere-at-all", "border:MA"])
        .stderr(full()));
    assert_eq!(out.status.code(), Some(2));
    // Bad input or usage, and lookups that find nothing: 2.
    let data = dataset();
    let header_only = tempfile::tempdir().unwrap();
    let points = header_only.path().join("p.csv");
    std::fs::write(&points, "lat,lon,lat,lon\n1,2,3,4\n").unwrap();
    let enriched = header_only.path().join("e.csv");
    std::fs::write(&enriched, "lat,lon,border_ma_distance_km\n1,2,3\n").unwrap();
    let data_arg = data.path().as_os_str();
    let cases: Vec<(Vec<&OsStr>, &str)> = vec![
        (
            vec![
                "add".as_ref(),
                "site".as_ref(),
                "x".as_ref(),
                "--kind".as_ref(),
                "city".as_ref(),
                "--lat".as_ref(),
                "1".as_ref(),
                "--lon".as_ref(),
                "2".as_ref(),
                "--coord-source".as_ref(),
                "t".as_ref(),
                "--source".as_ref(),
                "s".as_ref(),
                "--data".as_ref(),
                "/nonexistent".as_ref(),
            ],
            "no such folder",
        ),
        (
            vec!["geocode".as_ref(), "Qqqqxxzzq".as_ref()],
            "no place in the offline gazetteer",
        ),
        (
            vec!["sites".as_ref(), "Qqqqxxzzq".as_ref()],
            "no site matches",
        ),
        (vec!["explain".as_ref(), "qqqq".as_ref()], "qqqq"),
        (
            vec!["distance".as_ref(), "qqqq".as_ref(), "border:MA".as_ref()],
            "qqqq",
        ),
        (
            vec!["events".as_ref(), "--kind".as_ref(), "picnic".as_ref()],
            "picnic",
        ),
        (
            vec!["report".as_ref(), "--to".as_ref(), "border:QQ".as_ref()],
            "QQ",
        ),
        (
            vec![
                "claims".as_ref(),
                "--data".as_ref(),
                "/nonexistent".as_ref(),
            ],
            "nonexistent",
        ),
        (
            vec![
                "build".as_ref(),
                "--data".as_ref(),
                data_arg,
                "--out".as_ref(),
                data_arg,
            ],
            "data folder",
        ),
        (
            vec!["mentions".as_ref(), "/nonexistent.txt".as_ref()],
            "cannot read it",
        ),
        (
            vec!["check".as_ref(), "--data".as_ref(), "/nonexistent".as_ref()],
            "nonexistent",
        ),
        (
            vec![
                "enrich".as_ref(),
                points.as_os_str(),
                "--to".as_ref(),
                "border:MA".as_ref(),
            ],
            "column 'lat' twice (columns 1 and 3)",
        ),
        (
            vec![
                "enrich".as_ref(),
                enriched.as_os_str(),
                "--to".as_ref(),
                "border:MA".as_ref(),
            ],
            "looks enriched already",
        ),
        (vec!["frobnicate".as_ref()], "unrecognized subcommand"),
    ];
    for (args, message) in cases {
        let out = run(binary().args(&args));
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", stderr(&out));
        let text = stderr(&out);
        assert!(text.contains(message), "{args:?}: {text}");
        assert!(out.stdout.is_empty(), "{args:?} wrote to standard output");
    }
}
