//! Helpers shared by the integration tests.
#![allow(dead_code)]

use assert_cmd::Command;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};

/// The repository root (where the dataset lives).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `sandtable` binary, run from the repository root.
pub fn sandtable() -> Command {
    let mut cmd = Command::cargo_bin("sandtable").expect("binary");
    cmd.current_dir(repo());
    cmd
}

/// The frozen fixture dataset (`tests/fixtures/dataset`).
pub fn fixture() -> PathBuf {
    repo().join("tests/fixtures/dataset")
}

/// A temporary copy of the fixture dataset, with `file` rewritten by `edit`.
pub fn dataset_with(file: &str, edit: impl FnOnce(String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for name in sandtable::load::FILES {
        std::fs::copy(fixture().join(name), dir.path().join(name)).expect("copy");
    }
    let path = dir.path().join(file);
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, edit(text)).expect("write");
    dir
}

/// Replaces the first occurrence of `from` (which must be present).
pub fn replace(text: String, from: &str, to: &str) -> String {
    assert!(text.contains(from), "fixture text not found: {from}");
    text.replacen(from, to, 1)
}

/// Runs `sandtable check` on a folder, returning (exit code, stderr).
pub fn check(dir: &Path) -> (i32, String) {
    let out = sandtable()
        .args(["check", "--data"])
        .arg(dir)
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs `sandtable` with `args`, requires success, and returns stdout.
pub fn run_ok<I, S>(args: I) -> Vec<u8>
where
    I: IntoIterator<Item = S>,
    S: AsRef<OsStr>,
{
    let out = sandtable().args(args).output().expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Runs `sandtable` with `args` (which ask for JSON) and parses stdout.
pub fn json_of(args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run_ok(args)).expect("JSON on stdout")
}

/// Every file below a folder, by path relative to it, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut std::collections::BTreeMap<String, Vec<u8>>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let name = path
                    .strip_prefix(root)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                out.insert(name, std::fs::read(&path).unwrap());
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

/// The repository's dataset, loaded once per test binary.
pub fn repo_data() -> &'static sandtable::load::Dataset {
    static DATA: std::sync::OnceLock<sandtable::load::Dataset> = std::sync::OnceLock::new();
    DATA.get_or_init(|| sandtable::load::Dataset::load(&repo()).expect("dataset"))
}

/// The mention matcher over the repository's sites, built once.
pub fn matcher() -> &'static sandtable::measure::Matcher {
    static MATCHER: std::sync::OnceLock<sandtable::measure::Matcher> = std::sync::OnceLock::new();
    MATCHER.get_or_init(|| sandtable::measure::Matcher::new(&repo_data().sites))
}

/// The site ids mentioned in `text`, in order.
pub fn ids(text: &str) -> Vec<String> {
    matcher()
        .find(text)
        .into_iter()
        .map(|m| m.site_id)
        .collect()
}

/// The GeoJSON layers `build` writes, with their geometry types.
pub const LAYERS: &[(&str, &str)] = &[
    ("sites", "Point"),
    ("events", "Point"),
    ("borders", "MultiLineString"),
    ("border-links", "LineString"),
    ("claims", "MultiPolygon"),
    ("land", "MultiPolygon"),
    ("coast", "MultiLineString"),
];

/// The result of a child, with its peak memory (kB: as the kernel counts
/// it, which includes this test process's own peak, so keep it small); the
/// child is killed, and the test fails, if it runs longer than `limit`.
pub fn finish(
    mut child: std::process::Child,
    limit: std::time::Duration,
) -> (std::process::Output, u64) {
    let mut stdout = child.stdout.take();
    let mut stderr = child.stderr.take();
    let readers = std::thread::spawn(move || {
        let (mut out, mut err) = (Vec::new(), Vec::new());
        if let Some(s) = stdout.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut out);
        }
        if let Some(s) = stderr.as_mut() {
            let _ = std::io::Read::read_to_end(s, &mut err);
        }
        (out, err)
    });
    let pid = child.id() as libc::pid_t;
    let started = std::time::Instant::now();
    let (status, rusage) = loop {
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: wait4 on our own child, with valid out-pointers.
        let done = unsafe { libc::wait4(pid, &mut status, libc::WNOHANG, &mut usage) };
        if done == pid {
            break (status, usage);
        }
        if started.elapsed() > limit {
            let _ = child.kill();
            panic!("still running after {limit:?}: it hangs");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    let (stdout, stderr) = readers.join().unwrap();
    use std::os::unix::process::ExitStatusExt;
    let status = std::process::ExitStatus::from_raw(status);
    (
        std::process::Output {
            status,
            stdout,
            stderr,
        },
        rusage.ru_maxrss as u64,
    )
}

/// Makes a named pipe (FIFO) at `path`.
pub fn mkfifo(path: &Path) {
    let c = std::ffi::CString::new(path.as_os_str().as_encoded_bytes()).unwrap();
    // SAFETY: a valid path.
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
}
