//! `sandtable mentions`: article files scanned for places, the rows written
//! as they are found.

use crate::load::dataset::Dataset;
use crate::measure::mentions::{scan_files, Matcher, ScanError, ScanFile};
use crate::measure::toponyms::unknown_places_in;
use crate::render::report::{Format, MentionRow, RowStream, UnknownRow};
use std::io::Write;

/// Scans every file (or `-`, standard input) for the dataset's sites, or
/// with `unknown` for the places it lacks, writing rows to `out` in
/// `format` as they are found. A file that cannot be read or scanned is
/// passed to `failed` with why, and the others are still scanned; returns
/// how many failed.
///
/// # Errors
/// Writing to `out` failed (a closed pipe stops the scan).
///
/// # Examples
/// ```
/// use sandtable::{load::Dataset, render::{write_mentions, Format}};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let dir = tempfile::tempdir().unwrap();
/// let article = dir.path().join("a.txt");
/// std::fs::write(&article, "Exercises near Hammaguir, south of Béchar.").unwrap();
/// let mut out = Vec::new();
/// let files = [article.display().to_string()];
/// let failed = write_mentions(&data, &files, false, Format::Csv, &mut out, |_, _| {}).unwrap();
/// assert_eq!(failed, 0);
/// assert_eq!(String::from_utf8(out).unwrap().lines().count(), 3); // header + 2
/// ```
pub fn write_mentions(
    data: &Dataset,
    files: &[String],
    unknown: bool,
    format: Format,
    out: &mut dyn Write,
    failed: impl FnMut(&str, String),
) -> std::io::Result<usize> {
    let matcher = Matcher::new(&data.sites);
    if unknown {
        return write_scans(files, out, format, failed, &|file, input, sink| {
            let found = unknown_places_in(&matcher, input)?;
            sink(UnknownRow::all(file, &found)).map_err(ScanError::Output)
        });
    }
    write_scans(files, out, format, failed, &|file, input, sink| {
        matcher.scan(input, |text, before, found| {
            let mut rows = MentionRow::all(file, text, found);
            for row in &mut rows {
                row.start += before;
                row.end += before;
            }
            sink(rows)
        })
    })
}

fn write_scans<T: serde::Serialize + for<'de> serde::Deserialize<'de> + Send>(
    files: &[String],
    out: &mut dyn Write,
    format: Format,
    mut failed: impl FnMut(&str, String),
    scan: &ScanFile<'_, T>,
) -> std::io::Result<usize> {
    let mut rows = RowStream::new(out, format);
    let mut count = 0;
    scan_files(
        files,
        scan,
        |found| rows.write(found),
        |file, why| {
            failed(file, why);
            count += 1;
        },
    )?;
    // When no file could be read there is no result to show, not an empty one.
    if count < files.len() {
        rows.finish()?;
    }
    Ok(count)
}
