//! Memory and time stay bounded on any input: an endless line, a pipe, a
//! device, a huge file. Each command runs as a process whose peak memory
//! is measured; standard output goes to a file, so that this test process
//! stays small (the kernel counts a child's peak from its parent's).

mod common;
use common::*;
use std::ffi::OsStr;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::Duration;

fn binary(out: &Path) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sandtable"));
    cmd.current_dir(repo())
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(out).unwrap())
        .stderr(Stdio::piped());
    cmd
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// A copy of the repository's dataset in a temporary folder.
fn dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for name in sandtable::load::FILES {
        std::fs::copy(repo().join(name), dir.path().join(name)).unwrap();
    }
    dir
}

/// A file of `mb` megabytes of text with no line break.
fn one_line(dir: &Path, name: &str, mb: usize, unit: &str) -> PathBuf {
    let path = dir.join(name);
    let mut file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let block = unit.repeat(1 << 20 >> unit.len().ilog2().max(1));
    let mut written = 0;
    while written < mb << 20 {
        file.write_all(block.as_bytes()).unwrap();
        written += block.len();
    }
    file.flush().unwrap();
    path
}

#[test]
fn a_200_mb_line_is_refused_in_seconds_and_little_memory() {
    let dir = tempfile::tempdir().unwrap();
    let text = one_line(dir.path(), "line.txt", 200, "Hammaguir near Béchar, ");
    let child = binary(&dir.path().join("stdout"))
        .args([OsStr::new("mentions"), text.as_os_str()])
        .spawn()
        .unwrap();
    let (out, kb) = finish(child, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("line 1 is longer than 16 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(kb < 100_000, "mentions used {kb} kB");
    let csv = one_line(dir.path(), "line.csv", 200, "1.5,");
    let child = binary(&dir.path().join("stdout"))
        .args([OsStr::new("enrich"), csv.as_os_str(), OsStr::new("--to")])
        .args(["border:MA", "--lat", "a", "--lon", "b"])
        .spawn()
        .unwrap();
    let (out, kb) = finish(child, Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("line 1 is longer than 16 MiB"),
        "{}",
        stderr(&out)
    );
    assert!(kb < 100_000, "enrich used {kb} kB");
}

#[test]
fn pipes_devices_and_huge_files_are_refused_not_read_forever() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    mkfifo(&fifo);
    let limit = Duration::from_secs(20);
    // mentions on /dev/zero and on a FIFO.
    for input in [Path::new("/dev/zero"), &fifo] {
        let child = binary(&dir.path().join("stdout"))
            .args([OsStr::new("mentions"), input.as_os_str()])
            .spawn()
            .unwrap();
        let (out, kb) = finish(child, limit);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
        assert!(kb < 100_000, "{kb} kB");
    }
    // A boundary file that is a FIFO or /dev/zero.
    for input in [Path::new("/dev/zero"), &fifo] {
        let target = format!("file:{}", input.display());
        let child = binary(&dir.path().join("stdout"))
            .args(["distance", "30,-3", &target])
            .spawn()
            .unwrap();
        let (out, _) = finish(child, limit);
        assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
        assert!(
            stderr(&out).contains("not a regular file"),
            "{}",
            stderr(&out)
        );
    }
    // Articles that are a FIFO, a device, and a sparse file of 2 GB.
    let data = dataset();
    let articles = dir.path().join("articles");
    std::fs::create_dir(&articles).unwrap();
    mkfifo(&articles.join("trt-2022.txt"));
    std::os::unix::fs::symlink("/dev/zero", articles.join("madar21-lavrov.txt")).unwrap();
    let sparse = std::fs::File::create(articles.join("alaraby-2025.txt")).unwrap();
    sparse.set_len(2 << 30).unwrap();
    let child = binary(&dir.path().join("stdout"))
        .args([
            OsStr::new("--data"),
            data.path().as_os_str(),
            OsStr::new("check"),
        ])
        .args([OsStr::new("--articles"), articles.as_os_str()])
        .spawn()
        .unwrap();
    let (out, kb) = finish(child, limit);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("trt-2022.txt: is a named pipe"), "{text}");
    assert!(text.contains("madar21-lavrov.txt: is a device"), "{text}");
    assert!(
        text.contains("alaraby-2025.txt: larger than 64 MiB"),
        "{text}"
    );
    assert!(kb < 100_000);
    // A data file that is a FIFO.
    std::fs::remove_file(data.path().join("claims.csv")).unwrap();
    mkfifo(&data.path().join("claims.csv"));
    let child = binary(&dir.path().join("stdout"))
        .args([
            OsStr::new("--data"),
            data.path().as_os_str(),
            OsStr::new("check"),
        ])
        .spawn()
        .unwrap();
    let (out, _) = finish(child, limit);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("claims.csv: is a named pipe"),
        "{}",
        stderr(&out)
    );
}
