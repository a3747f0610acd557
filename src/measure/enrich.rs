//! `sandtable enrich`: border, coast and place distances for every row of a
//! CSV of points (ACLED, GDELT or any export with coordinates), streamed.
//!
//! Rows are read in batches, measured on every core (rayon) and written in
//! input order, so memory stays the same whatever the file's length. Every
//! input column is written unchanged; each target adds six columns. Rows
//! without usable coordinates are kept, with empty results, and counted.

use crate::base::error::{csv_io, Error, Result};
use crate::base::files::{open_regular, LineLimit, OutputFile};
use crate::base::geodesy::{inverse, GeoPoint};
use crate::base::units::Unit;
use crate::load::dataset::Dataset;
use crate::measure::distances::{reach, Reached};
use crate::resolve::place::{Place, Resolver, Target, TargetArg};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::Path;

/// Rows measured together: large enough to keep both cores busy, small
/// enough that memory does not depend on the file.
const BATCH: usize = 16_384;

/// Coordinate column names recognised, latitude first, in order of
/// preference (compared without case).
const COLUMN_PAIRS: &[(&str, &str)] = &[
    ("latitude", "longitude"),
    ("lat", "lon"),
    ("lat", "lng"),
    ("lat", "long"),
    ("y", "x"),
];

/// What to add to each row.
///
/// The nearest site (`nearest_site`) is found exactly, by an inverse
/// problem to every site: linear in the gazetteer's size, which suits
/// gazetteers of hundreds of places.
#[derive(Debug)]
pub struct EnrichOptions {
    /// The latitude column (found by name when `None`).
    pub lat: Option<String>,
    /// The longitude column (found by name when `None`).
    pub lon: Option<String>,
    /// The targets, each with the name its columns start with.
    pub targets: Vec<(String, TargetArg)>,
    /// Also the nearest gazetteer site and its distance.
    pub nearest_site: bool,
    /// Refuse the file when a row has no usable coordinates.
    pub strict: bool,
    /// Unit of the distance columns.
    pub unit: Unit,
    /// The input's format (from its extension when `None`).
    pub input_format: Option<TableFormat>,
    /// The output's format (from its extension when `None`).
    pub output_format: Option<TableFormat>,
}

/// A table format `enrich` reads and writes.
///
/// ```
/// use sandtable::measure::TableFormat;
/// assert_eq!(TableFormat::of_path("acled.parquet"), TableFormat::Parquet);
/// assert_eq!("arrow".parse::<TableFormat>().unwrap(), TableFormat::Arrow);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableFormat {
    /// Comma-separated text with a header row.
    Csv,
    /// Apache Parquet (GeoParquet among them).
    Parquet,
    /// The Arrow IPC file format (`.arrow`, `.feather`).
    Arrow,
}

impl TableFormat {
    /// The format a file's extension names; CSV for any other.
    pub fn of_path(path: impl AsRef<Path>) -> TableFormat {
        let ext = path
            .as_ref()
            .extension()
            .map(|e| e.to_string_lossy().to_lowercase());
        match ext.as_deref() {
            Some("parquet" | "pq" | "geoparquet") => TableFormat::Parquet,
            Some("arrow" | "feather" | "ipc") => TableFormat::Arrow,
            _ => TableFormat::Csv,
        }
    }
}

impl std::str::FromStr for TableFormat {
    type Err = Error;
    fn from_str(s: &str) -> Result<Self> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Ok(TableFormat::Csv),
            "parquet" => Ok(TableFormat::Parquet),
            "arrow" | "feather" | "ipc" => Ok(TableFormat::Arrow),
            _ => Err(Error::Input(format!(
                "unknown table format '{s}' (csv, parquet, arrow)"
            ))),
        }
    }
}

/// What an enrichment did.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct EnrichSummary {
    /// Data rows read.
    pub rows: u64,
    /// Rows without usable coordinates (kept, results empty).
    pub unlocated: u64,
    /// The first few of their line numbers (row numbers, counted from 1,
    /// in a Parquet or Arrow file).
    pub unlocated_lines: Vec<u64>,
    /// Whether those are row numbers rather than line numbers.
    pub by_row: bool,
}

/// The column prefix for a target as typed: `border:MA` → `border_ma`.
///
/// ```
/// assert_eq!(sandtable::measure::column_prefix("border:MA"), "border_ma");
/// assert_eq!(sandtable::measure::column_prefix("file:data/x.geojson"), "file_x");
/// ```
pub fn column_prefix(target: &str) -> String {
    let text = match target.strip_prefix("file:") {
        Some(path) => {
            let stem = std::path::Path::new(path)
                .file_stem()
                .map_or(path.to_string(), |s| s.to_string_lossy().to_string());
            format!("file_{stem}")
        }
        None => target.to_string(),
    };
    let mut out: String = text
        .chars()
        .map(|c| {
            if c.is_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    while out.contains("__") {
        out = out.replace("__", "_");
    }
    out.trim_matches('_').to_string()
}

/// Streams `input` (CSV with a header) to `output` with the distances added.
/// `progress` is told how many rows are done after each batch.
///
/// While one batch is measured and written as CSV on every core, the next
/// is read, so reading, measuring and formatting overlap.
pub fn enrich(
    input: impl Read + Send,
    mut output: impl Write,
    options: &EnrichOptions,
    data: Option<&Dataset>,
    progress: &dyn Fn(u64),
) -> Result<EnrichSummary> {
    let bad = |m: String| Error::Input(m);
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader
        .headers()
        .map_err(|e| bad(format!("cannot read the header row: {e}")))?
        .clone();
    let (lat_col, lon_col) = coordinate_columns(&headers, options)?;
    let header = output_header(&headers, options);
    let names: Vec<&str> = headers.iter().collect();
    check_header(&names, &header[headers.len()..], options)?;
    let resolver = data.map(Resolver::new);
    let sites: Vec<Place> =
        data.map_or_else(Vec::new, |d| d.sites.iter().map(Place::of_site).collect());
    if options.nearest_site && sites.is_empty() {
        return Err(bad(
            "--nearest-site needs a dataset with sites (--data DIR)".into(),
        ));
    }
    // Every row is bare coordinates, so each target resolves the same way
    // for all of them: once, here.
    let anywhere = Place::at(GeoPoint::new(0.0, 0.0));
    let targets = options
        .targets
        .iter()
        .map(|(_, t)| t.resolve(&anywhere, resolver.as_ref()))
        .collect::<Result<Vec<_>>>()?;
    let rows = Rows {
        width: headers.len(),
        lat_col,
        lon_col,
        options,
        targets: &targets,
        sites: &sites,
    };
    let mut head = csv::Writer::from_writer(Vec::new());
    head.write_record(&header).map_err(io)?;
    output
        .write_all(&head.into_inner().map_err(|e| bad(e.to_string()))?)
        .map_err(write_error)?;
    let mut summary = EnrichSummary::default();
    // Two batches of records, reused: one is measured while the other is
    // read, and no row costs an allocation.
    let (mut batch, mut spare) = (Vec::new(), Vec::new());
    let mut filled = read_batch(&mut reader, &mut batch)?;
    while filled > 0 {
        let (next, encoded) = rayon::join(
            || read_batch(&mut reader, &mut spare),
            || {
                batch[..filled]
                    .par_chunks(ENCODED_ROWS)
                    .map(|chunk| rows.encode(chunk))
                    .collect::<Vec<_>>()
            },
        );
        for piece in encoded {
            let piece = piece?;
            output.write_all(&piece.bytes).map_err(write_error)?;
            summary.rows += piece.rows;
            summary.unlocated += piece.unlocated.len() as u64;
            let room = 20usize.saturating_sub(summary.unlocated_lines.len());
            summary
                .unlocated_lines
                .extend(piece.unlocated.into_iter().take(room));
        }
        progress(summary.rows);
        std::mem::swap(&mut batch, &mut spare);
        filled = next?;
    }
    output.flush().map_err(write_error)?;
    if options.strict && summary.unlocated > 0 {
        return Err(unlocated_error(&summary));
    }
    Ok(summary)
}

/// The `--strict` refusal: how many rows lack coordinates, and where.
pub(crate) fn unlocated_error(summary: &EnrichSummary) -> Error {
    let lines: Vec<String> = summary.unlocated_lines.iter().map(u64::to_string).collect();
    Error::Input(format!(
        "{} rows have no usable coordinates ({} {}{}); without --strict they are kept with empty results",
        summary.unlocated,
        if summary.by_row { "rows" } else { "lines" },
        lines.join(", "),
        if summary.unlocated as usize > lines.len() { ", …" } else { "" }
    ))
}

/// Refuses a header that names a column twice, or that already has the
/// columns this enrichment would add (a file enriched before).
pub(crate) fn check_header(
    headers: &[&str],
    added: &[String],
    options: &EnrichOptions,
) -> Result<()> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for (i, name) in headers.iter().enumerate() {
        if let Some(first) = seen.insert(name.trim(), i) {
            return Err(Error::Input(format!(
                "the header names column '{}' twice (columns {} and {}); rename one, so that every column keeps its meaning",
                name.trim(),
                first + 1,
                i + 1
            )));
        }
    }
    if let Some(added) = added.iter().find(|c| seen.contains_key(c.as_str())) {
        let by = options
            .targets
            .iter()
            .find(|(prefix, _)| added.starts_with(prefix.as_str()))
            .map_or(String::new(), |(prefix, _)| format!(" for {prefix}"));
        return Err(Error::Input(format!(
            "the input already has the column '{added}': it looks enriched already{by}; enrich the original file, or remove those columns first"
        )));
    }
    Ok(())
}

/// Rows formatted on one core at a time.
const ENCODED_ROWS: usize = 1024;

/// Reads up to [`BATCH`] records into `batch`, reusing its records; returns
/// how many were read. Fields stay bytes: they are written back unchanged,
/// and only the coordinates are parsed.
fn read_batch<R: Read>(
    reader: &mut csv::Reader<R>,
    batch: &mut Vec<csv::ByteRecord>,
) -> Result<usize> {
    batch.resize_with(BATCH, csv::ByteRecord::new);
    for (filled, record) in batch.iter_mut().enumerate() {
        let more = reader.read_byte_record(record).map_err(read_error)?;
        if !more {
            return Ok(filled);
        }
    }
    Ok(BATCH)
}

/// A reading error: a line over the limit says so itself (with its file
/// and line); anything else is malformed CSV.
fn read_error(e: csv::Error) -> Error {
    match e.kind() {
        csv::ErrorKind::Io(io) if io.kind() == std::io::ErrorKind::InvalidData => {
            Error::Input(io.to_string())
        }
        _ => Error::Input(format!("malformed CSV: {e}")),
    }
}

/// The input's columns, then the added ones.
fn output_header(headers: &csv::StringRecord, options: &EnrichOptions) -> Vec<String> {
    let mut header: Vec<String> = headers.iter().map(String::from).collect();
    header.extend(added_columns(options));
    header
}

/// Six columns per target, then the nearest site's two.
pub(crate) fn added_columns(options: &EnrichOptions) -> Vec<String> {
    let unit = options.unit.symbol();
    let mut added = Vec::new();
    for (prefix, _) in &options.targets {
        for column in [
            "distance",
            "target",
            "status",
            "nearest_lat",
            "nearest_lon",
            "bearing_deg",
        ] {
            added.push(if column == "distance" {
                format!("{prefix}_distance_{unit}")
            } else {
                format!("{prefix}_{column}")
            });
        }
    }
    if options.nearest_site {
        added.push("nearest_site_id".into());
        added.push(format!("nearest_site_{unit}"));
    }
    added
}

/// How to turn input records into output rows.
struct Rows<'a> {
    /// Columns in the input header.
    width: usize,
    lat_col: usize,
    lon_col: usize,
    options: &'a EnrichOptions,
    targets: &'a [Target<'a>],
    sites: &'a [Place],
}

/// Some rows as CSV bytes, with the lines that had no usable coordinates.
struct Encoded {
    bytes: Vec<u8>,
    rows: u64,
    unlocated: Vec<u64>,
}

impl Rows<'_> {
    /// The rows as CSV. Cells are written straight into the output buffer
    /// (no string per cell): at millions of rows, allocation and the
    /// general float formatter cost as much as the measuring.
    fn encode(&self, records: &[csv::ByteRecord]) -> Result<Encoded> {
        let mut out = csv::Writer::from_writer(Vec::with_capacity(records.len() * 160));
        let mut unlocated = Vec::new();
        for record in records {
            let line = record.position().map_or(0, |p| p.line());
            if record.len() > self.width {
                return Err(too_many_fields(line, record.len(), self.width));
            }
            for field in record.iter() {
                out.write_field(field).map_err(io)?;
            }
            for _ in record.len()..self.width {
                out.write_field("").map_err(io)?;
            }
            let point = record
                .get(self.lat_col)
                .zip(record.get(self.lon_col))
                .and_then(|(lat, lon)| coordinates(lat, lon));
            match point {
                Some(point) => self.measure_row(point, &mut out)?,
                None => {
                    unlocated.push(line);
                    let empty =
                        self.targets.len() * 6 + if self.options.nearest_site { 2 } else { 0 };
                    for _ in 0..empty {
                        out.write_field("").map_err(io)?;
                    }
                }
            }
            out.write_record(None::<&[u8]>).map_err(io)?;
        }
        Ok(Encoded {
            bytes: out.into_inner().map_err(|e| Error::Input(e.to_string()))?,
            rows: records.len() as u64,
            unlocated,
        })
    }

    /// Six cells per target, then the nearest site's two.
    fn measure_row(&self, point: GeoPoint, out: &mut csv::Writer<Vec<u8>>) -> Result<()> {
        let unit = self.options.unit;
        let mut number = Fixed::default();
        let mut cell = |text: &[u8]| out.write_field(text).map_err(io);
        for target in self.targets {
            let Some(r) = reach(point, target) else {
                for _ in 0..6 {
                    cell(b"")?;
                }
                continue;
            };
            let (id, status) = match r.to {
                Reached::Place(place) => (place.site_id.as_ref().unwrap_or(&place.label), ""),
                Reached::Boundary(b) => (&b.id, b.status.map_or("", |s| s.as_str())),
            };
            cell(number.format(unit.from_metres(r.distance_m), 6))?;
            cell(id.as_bytes())?;
            cell(status.as_bytes())?;
            cell(number.format(r.point.lat, 7))?;
            cell(number.format(r.point.lon, 7))?;
            cell(number.format(r.bearing_deg, 2))?;
        }
        if self.options.nearest_site {
            let nearest = self
                .sites
                .iter()
                .map(|s| (inverse(point, s.point).distance_m, s))
                .min_by(|a, b| a.0.total_cmp(&b.0));
            if let Some((d, s)) = nearest {
                cell(s.site_id.as_deref().unwrap_or_default().as_bytes())?;
                cell(number.format(unit.from_metres(d), 6))?;
            }
        }
        Ok(())
    }
}

/// `format!("{:.N}", x)`, byte for byte, without the general formatter.
///
/// `x · 10ᴺ` is split into its rounded product `p` and the exact rounding
/// error (one fused multiply-add), so ties are recognised exactly and
/// broken to even, as the standard formatter does. Values too large for
/// that (|x · 10ᴺ| ≥ 2⁵²) and non-finite ones go through `format!`.
///
/// ```text
/// assert_eq!(Fixed::default().format(2.675, 2), b"2.67"); // 2.67499999…
/// assert_eq!(Fixed::default().format(0.125, 2), b"0.12"); // a tie: even
/// ```
#[derive(Default)]
struct Fixed {
    buf: Vec<u8>,
}

impl Fixed {
    fn format(&mut self, x: f64, decimals: usize) -> &[u8] {
        const POW10: [f64; 8] = [1.0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7];
        const LIMIT: f64 = 4_503_599_627_370_496.0; // 2^52
        self.buf.clear();
        let scale = POW10[decimals.min(7)];
        let magnitude = x.abs();
        let p = magnitude * scale;
        if decimals > 7 || p.is_nan() || p >= LIMIT {
            self.buf
                .extend_from_slice(format!("{x:.decimals$}").as_bytes());
            return &self.buf;
        }
        // Exact: magnitude · scale = p + error, |error| ≤ ulp(p)/2, and both
        // p's fraction and 0.5 are whole multiples of ulp(p) below 2^52.
        let error = magnitude.mul_add(scale, -p);
        let whole = p.floor();
        let fraction = p - whole;
        let up = match fraction.partial_cmp(&0.5) {
            Some(std::cmp::Ordering::Greater) => true,
            Some(std::cmp::Ordering::Less) => false,
            _ => error > 0.0 || (error == 0.0 && whole % 2.0 == 1.0),
        };
        let n = whole as u64 + u64::from(up);
        let unit = 10u64.pow(decimals as u32);
        if x.is_sign_negative() {
            self.buf.push(b'-');
        }
        self.push_digits(n / unit, 1);
        if decimals > 0 {
            self.buf.push(b'.');
            self.push_digits(n % unit, decimals);
        }
        &self.buf
    }

    /// `n` in decimal, zero-padded to at least `width` digits.
    fn push_digits(&mut self, mut n: u64, width: usize) {
        let start = self.buf.len();
        while n > 0 || self.buf.len() - start < width {
            self.buf.push(b'0' + (n % 10) as u8);
            n /= 10;
        }
        self.buf[start..].reverse();
    }
}

fn write_error(source: std::io::Error) -> Error {
    Error::Io {
        path: "output".into(),
        source,
    }
}

fn io(e: csv::Error) -> Error {
    Error::Io {
        path: "output".into(),
        source: csv_io(e),
    }
}

impl std::fmt::Display for EnrichSummary {
    /// `enriched 4 rows; 2 without usable coordinates (lines 3, 4)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "enriched {} rows; {} without usable coordinates",
            self.rows, self.unlocated
        )?;
        if !self.unlocated_lines.is_empty() {
            let lines: Vec<String> = self.unlocated_lines.iter().map(u64::to_string).collect();
            let what = if self.by_row { "rows" } else { "lines" };
            write!(f, " ({what} {})", lines.join(", "))?;
        }
        Ok(())
    }
}

/// [`enrich`] from the CSV file `file` (`-`: standard input) to the file
/// `output` (written whole or not at all) or, without one, to `stdout`;
/// [`crate::measure::enrich_path`] chooses it by format.
///
/// `-o` is checked before anything is read: a folder or a missing folder
/// is refused, a symbolic link is followed, a FIFO or device is written to
/// directly. With `--strict`, a file (not standard input) is read twice:
/// first to check every row's coordinates, so nothing is written when one
/// lacks them.
pub(crate) fn enrich_csv_path(
    file: &str,
    output: Option<&Path>,
    stdout: &mut dyn Write,
    options: &EnrichOptions,
    data: Option<&Dataset>,
    progress: &dyn Fn(u64),
) -> Result<EnrichSummary> {
    let output = output.map(OutputFile::new).transpose()?;
    let out_name = output.as_ref().map_or("standard output".to_string(), |o| {
        o.path().display().to_string()
    });
    let named = |e: Error| match e {
        Error::Io { path, source } if path == "output" => Error::Io {
            path: out_name.clone(),
            source,
        },
        Error::Input(m) if m.starts_with("line ") || m.starts_with("malformed") => {
            Error::Input(format!("{file}: {m}"))
        }
        other => other,
    };
    if options.strict && file != "-" {
        let summary = locate_rows(open_input(file)?, options).map_err(named)?;
        if summary.unlocated > 0 {
            return Err(named(unlocated_error(&summary)));
        }
    }
    let input = open_input(file)?;
    match &output {
        None => enrich(input, stdout, options, data, progress).map_err(named),
        Some(output) => {
            let mut writer = output.create()?;
            let summary = enrich(input, &mut writer, options, data, progress).map_err(named)?;
            writer.commit()?;
            Ok(summary)
        }
    }
}

/// A CSV input, bounded per record: a file (only a regular one) or
/// standard input for `-`.
fn open_input(file: &str) -> Result<Box<dyn Read + Send>> {
    // Read while the previous rows are measured, on another thread: the
    // input must be `Send` (standard input unlocked; the CSV reader buffers).
    Ok(if file == "-" {
        Box::new(LineLimit::new(std::io::stdin(), "standard input", true))
    } else {
        let opened = std::io::BufReader::new(open_regular(Path::new(file))?);
        Box::new(LineLimit::new(opened, file, true))
    })
}

/// Reads every row of `input` for its coordinates only: the rows that
/// lack them, and any row longer than the header.
fn locate_rows(input: impl Read, options: &EnrichOptions) -> Result<EnrichSummary> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let headers = reader.headers().map_err(read_error)?.clone();
    let (lat_col, lon_col) = coordinate_columns(&headers, options)?;
    let mut summary = EnrichSummary::default();
    let mut record = csv::ByteRecord::new();
    while reader.read_byte_record(&mut record).map_err(read_error)? {
        let line = record.position().map_or(0, |p| p.line());
        if record.len() > headers.len() {
            return Err(too_many_fields(line, record.len(), headers.len()));
        }
        summary.rows += 1;
        let located = record
            .get(lat_col)
            .zip(record.get(lon_col))
            .and_then(|(lat, lon)| coordinates(lat, lon));
        if located.is_none() {
            summary.unlocated += 1;
            if summary.unlocated_lines.len() < 20 {
                summary.unlocated_lines.push(line);
            }
        }
    }
    Ok(summary)
}

fn too_many_fields(line: u64, fields: usize, width: usize) -> Error {
    Error::Input(format!(
        "line {line}: {fields} fields, but the header has {width}"
    ))
}

fn coordinate_columns(
    headers: &csv::StringRecord,
    options: &EnrichOptions,
) -> Result<(usize, usize)> {
    let find = |name: &str| {
        headers
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let named = |name: &Option<String>, which: &str| -> Result<Option<usize>> {
        match name {
            None => Ok(None),
            Some(n) => find(n).map(Some).ok_or_else(|| {
                Error::Input(format!(
                    "--{which} '{n}' is not a column; the header has: {}",
                    headers.iter().collect::<Vec<_>>().join(",")
                ))
            }),
        }
    };
    if let (Some(lat), Some(lon)) = (named(&options.lat, "lat")?, named(&options.lon, "lon")?) {
        return Ok((lat, lon));
    }
    let names: Vec<&str> = headers.iter().collect();
    coordinate_pair(&names).ok_or_else(|| {
            Error::Input(format!(
                "no coordinate columns found (looked for latitude/longitude, lat/lon, lat/lng, y/x); name them with --lat and --lon; the header has: {}",
                headers.iter().collect::<Vec<_>>().join(",")
            ))
        })
}

/// The latitude and longitude columns among `names`, found as `enrich`
/// finds them: the first of latitude/longitude, lat/lon, lat/lng, lat/long
/// and y/x present (case and surrounding spaces ignored).
///
/// ```
/// use sandtable::measure::coordinate_pair;
/// assert_eq!(coordinate_pair(&["id", "Longitude", "Latitude"]), Some((2, 1)));
/// assert_eq!(coordinate_pair(&["id", "x"]), None);
/// ```
pub fn coordinate_pair(names: &[&str]) -> Option<(usize, usize)> {
    let find = |name: &str| {
        names
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    COLUMN_PAIRS
        .iter()
        .find_map(|(lat, lon)| Some((find(lat)?, find(lon)?)))
}

/// Decimal degrees in range, or nothing.
fn coordinates(lat: &[u8], lon: &[u8]) -> Option<GeoPoint> {
    let number = |field: &[u8]| std::str::from_utf8(field).ok()?.trim().parse::<f64>().ok();
    let (lat, lon) = (number(lat)?, number(lon)?);
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
        .then(|| GeoPoint::new(lat, lon))
}

#[cfg(test)]
mod tests {
    use super::Fixed;
    use proptest::prelude::*;

    fn standard(x: f64, decimals: usize) -> String {
        format!("{x:.decimals$}")
    }

    #[test]
    fn ties_and_signs_as_the_standard_formatter() {
        let mut f = Fixed::default();
        for (x, d) in [
            (0.125, 2),
            (0.375, 2),
            (2.675, 2),
            (0.5, 0),
            (1.5, 0),
            (2.5, 0),
            (0.0078125, 6),
            (-5481.40625, 4), // -175405 / 32: a tie at the fifth decimal
            (-0.0, 2),
            (-0.001, 2),
            (0.0, 7),
            (359.995, 2),
            (4.5e15, 6),
            (f64::NAN, 2),
            (f64::INFINITY, 6),
        ] {
            assert_eq!(f.format(x, d), standard(x, d).as_bytes(), "{x} {d}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(20_000))]
        #[test]
        fn any_value_as_the_standard_formatter(x in any::<f64>(), d in 0usize..=7) {
            let mut f = Fixed::default();
            let expected = standard(x, d);
            prop_assert_eq!(f.format(x, d), expected.as_bytes());
        }

        #[test]
        fn multiples_of_powers_of_two_as_the_standard_formatter(k in -1_000_000i64..1_000_000, e in 1i32..40, d in 0usize..=7) {
            // Dyadic values are the ones that can sit exactly on a tie.
            let x = k as f64 / 2f64.powi(e);
            let mut f = Fixed::default();
            let expected = standard(x, d);
            prop_assert_eq!(f.format(x, d), expected.as_bytes());
        }
    }
}
