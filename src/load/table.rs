//! Reading a CSV data file with positions, so every problem names file, line and field.
//!
//! Accepts UTF-8 with or without a byte-order mark and with LF or CRLF line
//! ends. What goes wrong when a spreadsheet saves a file is named as such:
//! UTF-16 ("Unicode text"), another encoding (invalid UTF-8, or `?` and
//! U+FFFD where letters were), semicolons or tabs as separators, decimal
//! commas, an empty file, a misspelt column. A bad row is reported and the
//! others are still read, so one problem never hides the rest.

use crate::base::error::Problem;
use crate::base::files::{overlong_line, read_regular, MAX_FILE_BYTES, MAX_LINE_BYTES};
use std::path::Path;

/// A loaded CSV file: its header and its rows, each with its line number.
#[derive(Debug)]
pub struct Table {
    /// The file name used in messages (e.g. `sites.csv`).
    pub file: String,
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// The columns a file must have, and those it may have.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    /// Every one must be in the header.
    pub required: &'static [&'static str],
    /// Known, but may be left out.
    pub optional: &'static [&'static str],
}

/// What reading one file gave: the table (when its header could be read),
/// its problems, and warnings that do not stop it being used.
#[derive(Debug, Default)]
pub struct Read {
    /// The rows that could be read.
    pub table: Option<Table>,
    /// Errors, each positioned.
    pub problems: Vec<Problem>,
    /// Columns not known to sandtable, kept and ignored.
    pub warnings: Vec<Problem>,
}

/// The prefix that marks a column of the user's own (no warning).
pub const OWN_COLUMN_PREFIX: &str = "x_";

/// One row of a [`Table`], read by column name.
///
/// ```text
/// let t = Table::from_bytes("t.csv", b"id,name\nx,Ex\n", cols).table.unwrap();
/// let row = t.rows().next().unwrap();
/// assert_eq!((row.line, row.get("name")), (2, "Ex"));
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    table: &'a Table,
    record: &'a csv::StringRecord,
    /// 1-based line number of the row in its file.
    pub line: u64,
}

impl Table {
    /// Reads `dir/name` with these columns.
    pub fn read(dir: &Path, name: &str, columns: Columns) -> Read {
        let path = dir.join(name);
        let problem = |line, message| Read {
            problems: vec![Problem::new(name, line, "-", message)],
            ..Read::default()
        };
        match read_regular(&path, MAX_FILE_BYTES) {
            Ok(bytes) => match overlong_line(&bytes) {
                Some(line) => problem(
                    line,
                    format!(
                        "is longer than {} MiB, the longest line sandtable reads",
                        MAX_LINE_BYTES >> 20
                    ),
                ),
                None => Table::from_bytes(name, &bytes, columns),
            },
            Err(e) => problem(0, e.to_string()),
        }
    }

    /// Parses CSV bytes as if read from a file called `file`.
    pub fn from_bytes(file: &str, bytes: &[u8], columns: Columns) -> Read {
        let whole_file = |message: String| Read {
            problems: vec![Problem::new(file, 0, "-", message)],
            ..Read::default()
        };
        let text = match decode(bytes) {
            Ok(text) => text,
            Err((line, message)) => {
                return Read {
                    problems: vec![Problem::new(file, line, "-", message)],
                    ..Read::default()
                }
            }
        };
        if text.trim().is_empty() {
            return whole_file(format!(
                "is empty; it needs a header row: {}",
                columns.required.join(",")
            ));
        }
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers: Vec<String> = match reader.headers() {
            Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
            Err(e) => return whole_file(format!("cannot read the header row: {e}")),
        };
        if let Some(message) = separator_hint(&headers) {
            return whole_file(message);
        }
        let mut read = Read::default();
        check_header(file, &headers, columns, &mut read);
        if !read.problems.is_empty() {
            return read;
        }
        let mut rows = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.len() != headers.len() {
                        read.problems.push(Problem::new(
                            file,
                            line,
                            "-",
                            field_count_message(&record, headers.len()),
                        ));
                    } else if record.iter().any(|f| !f.is_empty()) {
                        check_encoding(file, line, &headers, &record, &mut read.problems);
                        rows.push((line, record));
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    read.problems.push(Problem::new(
                        file,
                        line,
                        "-",
                        format!("malformed CSV: {e}"),
                    ));
                }
            }
        }
        read.table = Some(Table {
            file: file.to_string(),
            headers,
            rows,
        });
        read
    }

    /// The data rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, record)| Row {
            table: self,
            record,
            line: *line,
        })
    }
}

impl<'a> Row<'a> {
    /// The trimmed value of `column` (empty when the column is absent).
    pub fn get(&self, column: &str) -> &'a str {
        self.table
            .headers
            .iter()
            .position(|h| h == column)
            .and_then(|i| self.record.get(i))
            .map_or("", str::trim)
    }

    /// A `|`-separated list in `column`, without empty items.
    pub fn list(&self, column: &str) -> Vec<String> {
        split_list(self.get(column))
    }

    /// A problem in `column` of this row.
    pub fn problem(&self, column: &str, message: impl Into<String>) -> Problem {
        Problem::new(&self.table.file, self.line, column, message)
    }
}

/// Splits a `|`-separated list, trimming items and dropping empty ones.
///
/// ```text
/// assert_eq!(sandtable::table::split_list(" a | b||"), vec!["a", "b"]);
/// ```
pub fn split_list(text: &str) -> Vec<String> {
    text.split('|')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect()
}

/// The file's text, or what its encoding is and how to fix it.
fn decode(bytes: &[u8]) -> Result<&str, (u64, String)> {
    const SAVE_AS: &str = "save it as \"CSV UTF-8 (comma delimited)\"";
    let utf16_bom = bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]);
    let nuls = bytes.iter().take(200).filter(|&&b| b == 0).count();
    if utf16_bom || nuls > 4 {
        return Err((
            0,
            format!("is UTF-16 (what Excel calls \"Unicode text\"), not UTF-8; {SAVE_AS}"),
        ));
    }
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
        let message = format!(
            "not UTF-8: invalid byte at byte offset {offset}; the file may be Windows-1252 or Latin-1; {SAVE_AS}"
        );
        (line, message)
    })?;
    Ok(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// A header of one column holding `;` or tabs is a file with another
/// separator.
fn separator_hint(headers: &[String]) -> Option<String> {
    let [only] = headers else {
        return None;
    };
    let (name, sep) = if only.contains(';') {
        ("semicolons", ';')
    } else if only.contains('\t') {
        ("tabs", '\t')
    } else {
        return None;
    };
    Some(format!(
        "is separated by {name}, not commas (the header reads {:?}); sandtable reads comma-separated CSV: save it as \"CSV UTF-8 (comma delimited)\" or replace each '{}' between fields with ','",
        only,
        sep.escape_default()
    ))
}

/// Missing columns are errors; an unknown column close to a known one is
/// an error with the suggestion; any other unknown column is a warning
/// (kept and ignored), and none for a column named `x_…`.
fn check_header(file: &str, headers: &[String], columns: Columns, read: &mut Read) {
    let known = || columns.required.iter().chain(columns.optional);
    let mut suggested = Vec::new();
    for h in headers {
        if h.starts_with(OWN_COLUMN_PREFIX) || known().any(|k| k == h) {
            continue;
        }
        let close = known()
            .filter(|k| !headers.contains(&k.to_string()))
            .map(|k| (strsim::levenshtein(&h.to_lowercase(), k), *k))
            .min()
            .filter(|(d, k)| *d <= 2.min(k.len() / 3 + 1));
        match close {
            Some((_, k)) => {
                suggested.push(k);
                read.problems.push(Problem::new(
                    file,
                    1,
                    h.as_str(),
                    format!("unknown column '{h}'; did you mean '{k}'?"),
                ))
            }
            None => read.warnings.push(Problem::new(
                file,
                1,
                h.as_str(),
                format!(
                    "unknown column '{h}' is ignored; name your own columns {OWN_COLUMN_PREFIX}… to say so"
                ),
            )),
        }
    }
    for c in columns.required {
        if !headers.iter().any(|h| h == c) && !suggested.contains(c) {
            read.problems.push(Problem::new(
                file,
                1,
                *c,
                format!(
                    "missing column; the header must include: {}",
                    columns.required.join(",")
                ),
            ));
        }
    }
}

/// A row with too many or too few fields; a number with a decimal comma
/// (`31,6238` unquoted) is the usual cause of one field too many.
fn field_count_message(record: &csv::StringRecord, expected: usize) -> String {
    let is_int = |s: &str| {
        let s = s.trim().trim_start_matches('-');
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
    };
    let fields: Vec<&str> = record.iter().collect();
    let decimal_comma = fields
        .windows(2)
        .find(|w| is_int(w[0]) && is_int(w[1]) && w[1].len() >= 2);
    let hint = match decimal_comma {
        Some(w) if record.len() > expected => format!(
            "; '{},{}' looks like a number with a decimal comma: write {}.{}",
            w[0], w[1], w[0], w[1]
        ),
        _ => "; quote fields that contain commas".to_string(),
    };
    format!(
        "{} fields, expected {} (one per header column){hint}",
        record.len(),
        expected
    )
}

/// Letters lost to a wrong encoding show as runs of `?` or as U+FFFD.
fn check_encoding(
    file: &str,
    line: u64,
    headers: &[String],
    record: &csv::StringRecord,
    problems: &mut Vec<Problem>,
) {
    for (h, field) in headers.iter().zip(record.iter()) {
        if let Some(c) = field
            .chars()
            .find(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
        {
            problems.push(Problem::new(
                file,
                line,
                h.as_str(),
                format!(
                    "contains the control character U+{:04X}, which would act on a terminal instead of showing; remove it",
                    c as u32
                ),
            ));
        }
        if field.contains('\u{FFFD}') || field.contains("???") {
            problems.push(Problem::new(
                file,
                line,
                h.as_str(),
                format!(
                    "{field:?} has '?' or U+FFFD where letters were: the file was saved in an encoding that cannot hold them; save it as \"CSV UTF-8 (comma delimited)\""
                ),
            ));
        }
    }
}
