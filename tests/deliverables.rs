//! The deliverables opened in the programs their users open them with: the
//! QGIS project in real QGIS (PyQGIS, headless), the web map as a file in
//! real Chromium (headless, through playwright-core). Both need what
//! `.ci/run` installs: Debian's `qgis python3-qgis chromium`, and
//! `npm ci --prefix tools/web`.

mod common;
use common::*;
use std::ffi::OsStr;
use std::process::Command as Process;

/// A fresh build of the committed data into a temporary folder.
fn built() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("output");
    run_ok([OsStr::new("build"), OsStr::new("--out"), out.as_os_str()]);
    dir
}

fn run_tool(program: &str, args: &[&std::ffi::OsStr], install: &str) -> String {
    let out = Process::new(program)
        .args(args)
        .current_dir(repo())
        .env("QT_QPA_PLATFORM", "offscreen")
        .output()
        .unwrap_or_else(|e| panic!("{program} could not be run ({e}); {install}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{program} {args:?} failed:\n{text}");
    text
}

#[test]
fn qgis_opens_the_project_whole_with_every_site_labelled() {
    let dir = built();
    let output = dir.path().join("output");
    let png = dir.path().join("qgis.png");
    let text = run_tool(
        "/usr/bin/python3",
        &[
            "tools/qgis_check.py".as_ref(),
            output.as_os_str(),
            png.as_os_str(),
        ],
        "install Debian's qgis and python3-qgis (.ci/run does)",
    );
    assert!(text.contains("all checks passed"), "{text}");
    assert!(text.contains("site labels placed: 11 of 11"), "{text}");
    assert!(std::fs::metadata(&png).unwrap().len() > 50_000);
}

#[test]
fn chromium_draws_the_web_map_opened_as_a_file() {
    assert!(
        repo()
            .join("tools/web/node_modules/playwright-core")
            .is_dir(),
        "playwright-core is missing: run `npm ci --prefix tools/web` (.ci/run does)"
    );
    let dir = built();
    let output = dir.path().join("output");
    let png = dir.path().join("web.png");
    let text = run_tool(
        "node",
        &[
            "tools/web/check.mjs".as_ref(),
            output.as_os_str(),
            png.as_os_str(),
        ],
        "install Node.js and Debian's chromium (.ci/run does)",
    );
    assert!(text.contains("all checks passed"), "{text}");
    assert!(text.contains("timeline: 15 rows for 15 events"), "{text}");
}
