//! Files as a careful tool meets them: read only what is a regular file and
//! not too large, never hang on a pipe or a device, bound every line, and
//! write only where the user pointed, whole or not at all.
//!
//! The limits (documented in `docs/commands.md`):
//!
//! - [`MAX_LINE_BYTES`]: no line (or CSV record) longer than 16 MiB is read,
//!   so memory stays bounded on a file with no line breaks;
//! - [`MAX_FILE_BYTES`]: data CSVs and boundary GeoJSON files are read whole,
//!   up to 2 GiB; [`MAX_ARTICLE_BYTES`]: articles up to 64 MiB;
//! - a named input that is not a regular file (a FIFO, `/dev/zero`, a
//!   folder) is refused at once instead of being read forever.
//!
//! Output: [`OutputFile`] follows a symbolic link to its target and
//! replaces the target atomically (a temporary file beside it, then a
//! rename); a FIFO or device is written to directly and never replaced; a
//! folder or a missing parent folder is refused before any work. Temporary
//! files are removed on failure, and ones left by a killed process are
//! removed by the next run. [`DatasetLock`] serialises commands that change
//! a dataset.
//!
//! Written here rather than with the `tempfile` crate because its
//! `persist` replaces a symbolic link instead of its target and knows
//! nothing of devices; `std` gives every piece this needs.

use crate::base::error::{Error, Result};
use std::fs::{File, OpenOptions};
use std::io::{self, Read, Write};
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

/// The longest line (or CSV record) sandtable reads: 16 MiB.
pub const MAX_LINE_BYTES: usize = 16 << 20;
/// The largest data or boundary file read whole: 2 GiB.
pub const MAX_FILE_BYTES: u64 = 2 << 30;
/// The largest article read: 64 MiB.
pub const MAX_ARTICLE_BYTES: u64 = 64 << 20;

/// A size in the units people read: `16 MiB`.
fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1 << 30 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 => format!("{} MiB", b >> 20),
        b => format!("{b} bytes"),
    }
}

/// What kind of thing a path names, for messages.
fn kind(file_type: std::fs::FileType) -> &'static str {
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_fifo() {
        "a named pipe (FIFO)"
    } else if file_type.is_char_device() || file_type.is_block_device() {
        "a device"
    } else if file_type.is_socket() {
        "a socket"
    } else {
        "not a regular file"
    }
}

/// Opens a regular file for reading, refusing anything else without
/// blocking (a FIFO is opened non-blocking, then refused).
///
/// # Errors
/// [`Error::Input`] naming `path` when it is missing, unreadable or not a
/// regular file.
///
/// # Examples
/// ```
/// use sandtable::base::open_regular;
/// assert!(open_regular(std::path::Path::new("Cargo.toml")).is_ok());
/// let err = open_regular(std::path::Path::new("/dev/zero")).unwrap_err();
/// assert_eq!(err.to_string(), "/dev/zero: is a device, not a regular file; sandtable reads only regular files");
/// ```
pub fn open_regular(path: &Path) -> Result<File> {
    let refuse = |why: String| Error::Input(format!("{}: {why}", path.display()));
    let file = OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
        .map_err(|e| refuse(format!("cannot read it: {e}")))?;
    let meta = file
        .metadata()
        .map_err(|e| refuse(format!("cannot read it: {e}")))?;
    if !meta.is_file() {
        let what = kind(meta.file_type());
        return Err(refuse(format!(
            "is {what}, not a regular file; sandtable reads only regular files"
        )));
    }
    Ok(file)
}

/// Reads a whole regular file of at most `limit` bytes.
///
/// # Errors
/// As [`open_regular`], and [`Error::Input`] when the file is larger than
/// `limit`.
///
/// # Examples
/// ```
/// use sandtable::base::read_regular;
/// let toml = read_regular(std::path::Path::new("Cargo.toml"), 1 << 20).unwrap();
/// assert!(toml.starts_with(b"[package]"));
/// assert!(read_regular(std::path::Path::new("Cargo.toml"), 10).is_err());
/// ```
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>> {
    let file = open_regular(path)?;
    let too_large = || {
        Error::Input(format!(
            "{}: larger than {}, the most sandtable reads from such a file",
            path.display(),
            size(limit)
        ))
    };
    if file.metadata().map_or(0, |m| m.len()) > limit {
        return Err(too_large());
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::Input(format!("{}: cannot read it: {e}", path.display())))?;
    if bytes.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(bytes)
}

/// The SHA-256 digest of `bytes`, as 64 lower-case hexadecimal digits.
///
/// # Examples
/// ```
/// assert_eq!(
///     sandtable::base::sha256_hex(b"abc"),
///     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
/// );
/// ```
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The first line longer than [`MAX_LINE_BYTES`] in `bytes`, 1-based.
///
/// # Examples
/// ```
/// assert_eq!(sandtable::base::overlong_line(b"a\nb\n"), None);
/// ```
pub fn overlong_line(bytes: &[u8]) -> Option<u64> {
    let mut start = 0;
    for (line, end) in memchr::memchr_iter(b'\n', bytes)
        .chain(std::iter::once(bytes.len()))
        .enumerate()
    {
        if end - start > MAX_LINE_BYTES {
            return Some(line as u64 + 1);
        }
        start = end + 1;
    }
    None
}

/// The message for a line over the limit.
pub(crate) fn line_too_long(name: &str, line: u64) -> String {
    format!(
        "{name}: line {line} is longer than {}, the longest line sandtable reads",
        size(MAX_LINE_BYTES as u64)
    )
}

/// A reader that fails (with [`io::ErrorKind::InvalidData`]) as soon as a
/// line grows past [`MAX_LINE_BYTES`], so a file with no line breaks
/// cannot fill memory. For CSV, line breaks inside quotes do not end a
/// record, so a record is bounded too.
///
/// # Examples
/// ```
/// use std::io::Read;
/// let mut text = String::new();
/// sandtable::base::LineLimit::new(&b"a,b\n1,2\n"[..], "x.csv", true).read_to_string(&mut text).unwrap();
/// assert_eq!(text, "a,b\n1,2\n");
/// ```
pub struct LineLimit<R> {
    inner: R,
    name: String,
    csv: bool,
    quoted: bool,
    run: usize,
    line: u64,
    record_line: u64,
    last: u8,
}

impl<R> LineLimit<R> {
    /// Wraps `inner`, named `name` in messages; `csv` makes quoted line
    /// breaks part of a record.
    pub fn new(inner: R, name: &str, csv: bool) -> Self {
        LineLimit {
            inner,
            name: name.to_string(),
            csv,
            quoted: false,
            run: 0,
            line: 1,
            record_line: 1,
            last: b'\n',
        }
    }
}

impl<R: Read> Read for LineLimit<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let too_long =
            |line| io::Error::new(io::ErrorKind::InvalidData, line_too_long(&self.name, line));
        let mut at = 0;
        loop {
            let rest = &buf[at..n];
            let next = if self.csv {
                memchr::memchr2(b'\n', b'"', rest)
            } else {
                memchr::memchr(b'\n', rest)
            };
            let Some(i) = next else { break };
            self.run += i + 1;
            at += i + 1;
            if self.run > MAX_LINE_BYTES + 1 {
                return Err(too_long(self.record_line));
            }
            let before = if at >= 2 { buf[at - 2] } else { self.last };
            if buf[at - 1] == b'"' {
                // A quote opens a field only at its start (or continues one
                // after an escaped `""`); elsewhere it is a plain character.
                if self.quoted || matches!(before, b',' | b'\n' | b'\r' | b'"') {
                    self.quoted = !self.quoted;
                }
                continue;
            }
            self.line += 1;
            if !self.quoted {
                self.run = 0;
                self.record_line = self.line;
            }
        }
        self.run += n - at;
        if n > 0 {
            self.last = buf[n - 1];
        }
        if self.run > MAX_LINE_BYTES {
            return Err(too_long(self.record_line));
        }
        Ok(n)
    }
}

/// Follows symbolic links from `path` to what they finally name (which
/// need not exist yet), up to 40 links.
pub(crate) fn resolve_links(path: &Path) -> Result<PathBuf> {
    let mut path = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path).map_err(|source| Error::Io {
                    path: path.display().to_string(),
                    source,
                })?;
                path = match path.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(path),
        }
    }
    Err(Error::Input(format!(
        "{}: too many levels of symbolic links",
        path.display()
    )))
}

/// The folder holding `path` (`.` for a bare name).
fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Whether a process with this id is running.
fn alive(pid: u32) -> bool {
    // SAFETY: signal 0 only asks whether the process exists.
    let r = unsafe { libc::kill(pid as libc::pid_t, 0) };
    r == 0 || io::Error::last_os_error().raw_os_error() == Some(libc::EPERM)
}

/// The temporary name sandtable gives a file it is writing in place of
/// `name`: `.NAME.sandtable-PID.tmp`.
fn temp_name(name: &str, pid: u32) -> String {
    format!(".{name}.sandtable-{pid}.tmp")
}

/// Removes temporary files (or folders) for `name` in `dir` whose writing
/// process is gone: what a killed run left.
pub(crate) fn remove_stale_temps(dir: &Path, name: &str) {
    let prefix = format!(".{name}.sandtable-");
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let file = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = file
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .and_then(|pid| pid.split('-').next())
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        if !alive(pid) {
            let path = entry.path();
            let _ = std::fs::remove_file(&path).or_else(|_| std::fs::remove_dir_all(&path));
        }
    }
}

/// A file the user named for output, checked before any work is done.
///
/// # Examples
/// ```
/// use std::io::Write;
/// let dir = tempfile::tempdir().unwrap();
/// let path = dir.path().join("out.csv");
/// let output = sandtable::base::OutputFile::new(&path).unwrap();
/// let mut writer = output.create().unwrap();
/// writer.write_all(b"a,b\n").unwrap();
/// writer.commit().unwrap();
/// assert_eq!(std::fs::read(&path).unwrap(), b"a,b\n");
/// assert!(sandtable::base::OutputFile::new(dir.path()).is_err()); // a folder
/// ```
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// As the user named it, for messages.
    named: PathBuf,
    /// What it names once links are followed.
    target: PathBuf,
    /// A FIFO, device or socket: written to directly.
    direct: bool,
}

impl OutputFile {
    /// Checks that `path` can be written: a folder, or a path whose folder
    /// does not exist, is refused naming `path` as given.
    ///
    /// # Errors
    /// [`Error::Input`] as above.
    pub fn new(path: &Path) -> Result<OutputFile> {
        let refuse = |why: &str| Error::Input(format!("{}: {why}", path.display()));
        let target = resolve_links(path)?;
        let direct = match std::fs::metadata(&target) {
            Ok(meta) if meta.is_dir() => {
                return Err(refuse("is a folder; name a file to write to"))
            }
            Ok(meta) => !meta.is_file(),
            Err(_) => false,
        };
        if !direct && target.file_name().is_none() {
            return Err(refuse("names no file"));
        }
        if !parent_of(&target).is_dir() {
            return Err(refuse("its folder does not exist"));
        }
        Ok(OutputFile {
            named: path.to_path_buf(),
            target,
            direct,
        })
    }

    /// The path as the user gave it.
    pub fn path(&self) -> &Path {
        &self.named
    }

    /// Starts writing: into a temporary file beside the target (the
    /// target's permissions kept), or straight into a FIFO or device.
    ///
    /// # Errors
    /// [`Error::Io`] naming the path as given when it cannot be created.
    pub fn create(&self) -> Result<OutputWriter> {
        let io = |source| Error::Io {
            path: self.named.display().to_string(),
            source,
        };
        if self.direct {
            let file = OpenOptions::new()
                .write(true)
                .open(&self.target)
                .map_err(io)?;
            return Ok(OutputWriter {
                file,
                temp: None,
                output: self.clone(),
            });
        }
        let dir = parent_of(&self.target);
        let name = self.target.file_name().expect("checked in new");
        let name = name.to_string_lossy();
        remove_stale_temps(&dir, &name);
        let temp = dir.join(temp_name(&name, std::process::id()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
            .map_err(io)?;
        if let Ok(meta) = std::fs::metadata(&self.target) {
            let _ = file.set_permissions(meta.permissions());
        }
        Ok(OutputWriter {
            file,
            temp: Some(temp),
            output: self.clone(),
        })
    }

    /// Writes `bytes` as the whole new content, atomically.
    ///
    /// # Errors
    /// As [`OutputFile::create`] and [`OutputWriter::commit`].
    pub fn write_all(&self, bytes: &[u8]) -> Result<()> {
        let mut writer = self.create()?;
        writer.write_all(bytes).map_err(|source| Error::Io {
            path: self.named.display().to_string(),
            source,
        })?;
        writer.commit()
    }
}

/// Output being written; nothing replaces the target until
/// [`OutputWriter::commit`], and dropping it uncommitted removes the
/// temporary file.
#[derive(Debug)]
pub struct OutputWriter {
    file: File,
    temp: Option<PathBuf>,
    output: OutputFile,
}

impl OutputWriter {
    /// Makes the output whole: flushed to disk and renamed over the target
    /// (or, for a FIFO or device, flushed).
    ///
    /// # Errors
    /// [`Error::Io`] naming the path as given (a full disk among them).
    pub fn commit(mut self) -> Result<()> {
        let named = self.output.named.display().to_string();
        let io = |source| Error::Io {
            path: named.clone(),
            source,
        };
        self.file.flush().map_err(io)?;
        if let Some(temp) = self.temp.take() {
            let done = self
                .file
                .sync_all()
                .and_then(|()| std::fs::rename(&temp, &self.output.target));
            if let Err(e) = done {
                let _ = std::fs::remove_file(&temp);
                return Err(io(e));
            }
        }
        Ok(())
    }
}

impl Write for OutputWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

impl Drop for OutputWriter {
    fn drop(&mut self) {
        if let Some(temp) = &self.temp {
            let _ = std::fs::remove_file(temp);
        }
    }
}

/// A lock on a dataset folder, held while a command changes it: a second
/// command that changes the same dataset waits until the first is done.
/// The lock is the file `.sandtable.lock` in the folder.
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let lock = sandtable::base::DatasetLock::acquire(dir.path()).unwrap();
/// drop(lock);
/// ```
#[derive(Debug)]
pub struct DatasetLock {
    _file: File,
}

impl DatasetLock {
    /// Waits for, then takes, the lock on the dataset in `dir`.
    ///
    /// # Errors
    /// [`Error::Input`] when `dir` is not a folder; [`Error::Io`] when the
    /// lock file cannot be made.
    pub fn acquire(dir: &Path) -> Result<DatasetLock> {
        if !dir.is_dir() {
            return Err(Error::Input(format!(
                "--data {}: no such folder",
                dir.display()
            )));
        }
        let path = dir.join(".sandtable.lock");
        let io = |source| Error::Io {
            path: path.display().to_string(),
            source,
        };
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .custom_flags(libc::O_NOFOLLOW)
            .open(&path)
            .map_err(io)?;
        file.lock().map_err(io)?;
        Ok(DatasetLock { _file: file })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_over_the_limit_is_refused_with_its_number() {
        let mut text = b"header\n".to_vec();
        text.extend(std::iter::repeat_n(b'x', MAX_LINE_BYTES + 10));
        let mut sink = Vec::new();
        let err = LineLimit::new(&text[..], "big.csv", true)
            .read_to_end(&mut sink)
            .unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::InvalidData);
        assert!(
            err.to_string()
                .starts_with("big.csv: line 2 is longer than 16 MiB"),
            "{err}"
        );
        assert!(sink.len() < MAX_LINE_BYTES + 100_000);
        assert_eq!(overlong_line(&text), Some(2));
    }

    #[test]
    fn quoted_line_breaks_do_not_end_a_csv_record() {
        let mut text = b"a\n\"".to_vec();
        for _ in 0..(MAX_LINE_BYTES / 1000 + 10) {
            text.extend(std::iter::repeat_n(b'y', 999));
            text.push(b'\n');
        }
        text.extend(b"\"\n");
        let mut sink = Vec::new();
        let err = LineLimit::new(&text[..], "q.csv", true).read_to_end(&mut sink);
        assert!(err.unwrap_err().to_string().contains("line 2 is longer"));
        let mut sink = Vec::new();
        assert!(LineLimit::new(&text[..], "q.txt", false)
            .read_to_end(&mut sink)
            .is_ok());
    }

    #[test]
    fn a_symbolic_link_is_followed_and_its_target_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.csv");
        std::fs::write(&target, "old").unwrap();
        let link = dir.path().join("link.csv");
        std::os::unix::fs::symlink("real.csv", &link).unwrap();
        OutputFile::new(&link).unwrap().write_all(b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn stale_temporary_files_are_removed_and_live_ones_kept() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(temp_name("sites.csv", 999_999_999));
        let live = dir.path().join(temp_name("sites.csv", std::process::id()));
        std::fs::write(&dead, "x").unwrap();
        std::fs::write(&live, "x").unwrap();
        remove_stale_temps(dir.path(), "sites.csv");
        assert!(!dead.exists() && live.exists());
    }
}
