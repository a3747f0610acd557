//! Which `enrich` a file gets: CSV to CSV, or Parquet and Arrow to Parquet
//! and Arrow, by the formats given or the files' extensions.

use crate::base::error::{Error, Result};
use crate::load::dataset::Dataset;
use crate::measure::columnar::enrich_columnar;
use crate::measure::enrich::{enrich_csv_path, EnrichOptions, EnrichSummary, TableFormat};
use std::io::Write;
use std::path::Path;

/// [`crate::measure::enrich`] from the file named `file` (`-`: standard input) to the file
/// `output` (written whole or not at all) or, without one, to `stdout`.
///
/// `-o` is checked before anything is read: a folder or a missing folder
/// is refused, a symbolic link is followed, a FIFO or device is written to
/// directly. With `--strict`, a file (not standard input) is read twice:
/// first to check every row's coordinates, so nothing is written when one
/// lacks them.
///
/// # Errors
/// As [`enrich`], and [`Error::Input`] when `file` cannot be opened, is not
/// a regular file, or has a line over [`crate::base::MAX_LINE_BYTES`].
///
/// # Examples
/// ```
/// use sandtable::{base::Unit, measure::{enrich_path, EnrichOptions}, resolve::TargetArg};
/// let dir = tempfile::tempdir().unwrap();
/// let points = dir.path().join("points.csv");
/// std::fs::write(&points, "lat,lon\n30.889167,-3.045556\n").unwrap();
/// let options = EnrichOptions {
///     lat: None, lon: None, nearest_site: false, strict: false, unit: Unit::Kilometre,
///     input_format: None, output_format: None,
///     targets: vec![("border_ma".into(), TargetArg::load("border:MA").unwrap())],
/// };
/// let mut out = Vec::new();
/// let file = points.display().to_string();
/// let summary = enrich_path(&file, None, &mut out, &options, None, &|_| {}).unwrap();
/// assert_eq!(summary.rows, 1);
/// assert!(String::from_utf8(out).unwrap().contains(",47.872616,"));
/// ```
pub fn enrich_path(
    file: &str,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    options: &EnrichOptions,
    data: Option<&Dataset>,
    progress: &dyn Fn(u64),
) -> Result<EnrichSummary> {
    let input_format = options
        .input_format
        .unwrap_or_else(|| TableFormat::of_path(file));
    let output_format = options
        .output_format
        .or_else(|| output.map(TableFormat::of_path))
        .unwrap_or(TableFormat::Csv);
    match (input_format, output_format, output) {
        (TableFormat::Csv, TableFormat::Csv, _) => {
            enrich_csv_path(file, output, stdout, options, data, progress)
        }
        (TableFormat::Csv, _, _) => Err(Error::Input(
            "a CSV input is enriched to CSV; for Parquet or Arrow output, give a Parquet or Arrow input".into(),
        )),
        (_, TableFormat::Csv, _) | (_, _, None) => Err(Error::Input(
            "a Parquet or Arrow input is enriched to Parquet or Arrow: give -o OUT.parquet or -o OUT.arrow".into(),
        )),
        (input, out, Some(path)) => {
            enrich_columnar(file, input, path, out, options, data, progress)
        }
    }
}
