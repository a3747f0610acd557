//! `build` replaces the output set whole: killed at any moment, raced by a
//! second build, or handed a folder with planted links, it leaves either
//! the old complete set or the new one, and writes nothing elsewhere.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::{Command as Process, Stdio};
use std::time::Instant;

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    tree(dir)
}

fn build(data: &Path, out: &Path) -> std::process::Output {
    sandtable()
        .args(["build", "--data"])
        .arg(data)
        .arg("--out")
        .arg(out)
        .output()
        .unwrap()
}

/// The fixture dataset with `n` generated sites spread over Algeria, so
/// that a build takes long enough to be interrupted at many moments.
fn large_dataset(n: usize) -> tempfile::TempDir {
    dataset_with("sites.csv", |mut text| {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed >> 11) as f64 / (1u64 << 53) as f64
        };
        for i in 0..n {
            let lat = 22.0 + 13.0 * next();
            let lon = -6.0 + 14.0 * next();
            text += &format!(
                "gen-{i},Generated {i},موقع {i},Место {i},,city,DZ,,{lat:.5},{lon:.5},1000,generated,,\n"
            );
        }
        text
    })
}

#[test]
fn out_that_is_a_file_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("layers");
    std::fs::write(&file, "keep").unwrap();
    let out = build(&fixture(), &file);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("is not a folder"), "{stderr}");
    assert_eq!(stderr.matches("error").count(), 1, "{stderr}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep");
}

#[test]
fn a_second_build_while_one_runs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("layers");
    let lock = std::fs::File::create(dir.path().join(".layers.lock")).unwrap();
    lock.lock().unwrap();
    let second = build(&fixture(), &out);
    assert_eq!(second.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert!(stderr.contains("another build is writing"), "{stderr}");
    assert!(!out.exists());
    drop(lock);
    assert!(build(&fixture(), &out).status.success());
}

#[test]
fn planted_links_are_never_written_through() {
    let dir = tempfile::tempdir().unwrap();
    let outside = dir.path().join("precious.txt");
    std::fs::write(&outside, "precious").unwrap();
    let out = dir.path().join("layers");
    assert!(build(&fixture(), &out).status.success());
    for name in ["sites.geojson", "sandtable.qgs"] {
        let link = out.join(name);
        let _ = std::fs::remove_file(&link);
        std::os::unix::fs::symlink(&outside, &link).unwrap();
    }
    assert!(build(&fixture(), &out).status.success());
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
    assert!(!out.join("sites.geojson").is_symlink());
    // A link the build would not write is a foreign file: refused.
    std::os::unix::fs::symlink(&outside, out.join("sites.geojson.tmp")).unwrap();
    assert_eq!(build(&fixture(), &out).status.code(), Some(2));
    assert!(out.join("sites.geojson.tmp").is_symlink());
    std::fs::remove_file(out.join("sites.geojson.tmp")).unwrap();
    // A planted lock file link is refused, not followed.
    let _ = std::fs::remove_file(dir.path().join(".layers.lock"));
    std::os::unix::fs::symlink(&outside, dir.path().join(".layers.lock")).unwrap();
    let refused = build(&fixture(), &out);
    assert_ne!(refused.status.code(), Some(0));
    assert_eq!(std::fs::read_to_string(&outside).unwrap(), "precious");
}

#[test]
fn a_failed_build_writes_nothing() {
    let bad = dataset_with("sites.csv", |t| {
        replace(t, "30.889167,-3.045556", "95,-3.045556")
    });
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("layers");
    assert_eq!(build(bad.path(), &out).status.code(), Some(2));
    assert!(!out.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// SIGKILL at random moments of a long build: the folder always holds one
/// whole set, the old or the new, and no staging folder is left behind
/// once a later build has run.
#[test]
fn killed_at_any_moment_the_set_is_whole() {
    let old_data = fixture();
    let new_data = large_dataset(10_000);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("layers");
    let reference = dir.path().join("reference");
    assert!(build(&old_data, &out).status.success());
    let old_set = snapshot(&out);
    let started = Instant::now();
    assert!(build(new_data.path(), &reference).status.success());
    let full = started.elapsed();
    let new_set = snapshot(&reference);
    assert_ne!(old_set, new_set);
    let trials = 20;
    let (mut old_seen, mut new_seen) = (0, 0);
    for trial in 0..trials {
        // Spread the kills from a third of the run (the layers are being
        // computed) through the writing and past its end.
        let wait = full.mul_f64(0.3 + 1.3 * trial as f64 / trials as f64);
        let mut child = Process::new(env!("CARGO_BIN_EXE_sandtable"))
            .args(["build", "--data"])
            .arg(new_data.path())
            .arg("--out")
            .arg(&out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(wait);
        let _ = child.kill();
        child.wait().unwrap();
        let now = snapshot(&out);
        if now == old_set {
            old_seen += 1;
        } else if now == new_set {
            new_seen += 1;
            assert!(build(&old_data, &out).status.success());
        } else {
            panic!("trial {trial} after {wait:?}: a mixed or partial set");
        }
    }
    eprintln!("{trials} kills: old set {old_seen} times, new set {new_seen} times");
    assert!(build(&old_data, &out).status.success());
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains(".build-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}
