//! Reading a CSV data file with positions, so every problem names file, line and field.
//!
//! Accepts UTF-8 with or without a byte-order mark and with LF or CRLF line
//! ends. Invalid UTF-8 is reported with its byte offset; a missing column,
//! a row with the wrong number of fields and malformed quoting with their line.

use crate::error::Problem;
use std::path::Path;

/// A loaded CSV file: its header and its rows, each with its line number.
#[derive(Debug)]
pub struct Table {
    /// The file name used in messages (e.g. `sites.csv`).
    pub file: String,
    headers: Vec<String>,
    rows: Vec<(u64, csv::StringRecord)>,
}

/// One row of a [`Table`], read by column name.
///
/// ```text
/// use sandtable::table::Table;
/// let t = Table::from_bytes("t.csv", b"id,name\nx,Ex\n", &["id", "name"]).unwrap();
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
    /// Reads `dir/name`, requiring the `required` columns.
    pub fn read(dir: &Path, name: &str, required: &[&str]) -> Result<Table, Vec<Problem>> {
        let path = dir.join(name);
        let bytes = std::fs::read(&path).map_err(|e| {
            vec![Problem::new(
                name,
                0,
                "-",
                format!("cannot read {}: {e}", path.display()),
            )]
        })?;
        Table::from_bytes(name, &bytes, required)
    }

    /// Parses CSV bytes as if read from a file called `file`.
    pub fn from_bytes(file: &str, bytes: &[u8], required: &[&str]) -> Result<Table, Vec<Problem>> {
        let text = std::str::from_utf8(bytes).map_err(|e| {
            let offset = e.valid_up_to();
            let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count() as u64;
            vec![Problem::new(
                file,
                line,
                "-",
                format!("invalid UTF-8 at byte offset {offset}; save the file as UTF-8"),
            )]
        })?;
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_reader(text.as_bytes());
        let problem = |line: u64, msg: String| vec![Problem::new(file, line, "-", msg)];
        let headers: Vec<String> = reader
            .headers()
            .map_err(|e| problem(1, format!("cannot read the header row: {e}")))?
            .iter()
            .map(|h| h.trim().to_string())
            .collect();
        let missing: Vec<Problem> = required
            .iter()
            .filter(|c| !headers.iter().any(|h| h == *c))
            .map(|c| {
                Problem::new(
                    file,
                    1,
                    *c,
                    format!(
                        "missing column; the header must include: {}",
                        required.join(",")
                    ),
                )
            })
            .collect();
        if !missing.is_empty() {
            return Err(missing);
        }
        let mut rows = Vec::new();
        let mut problems = Vec::new();
        for record in reader.records() {
            match record {
                Ok(record) => {
                    let line = record.position().map_or(0, |p| p.line());
                    if record.len() != headers.len() {
                        problems.push(Problem::new(
                            file,
                            line,
                            "-",
                            format!(
                                "{} fields, expected {} (one per header column); quote fields that contain commas",
                                record.len(),
                                headers.len()
                            ),
                        ));
                    } else if record.iter().any(|f| !f.is_empty()) {
                        rows.push((line, record));
                    }
                }
                Err(e) => {
                    let line = e.position().map_or(0, |p| p.line());
                    problems.push(Problem::new(file, line, "-", format!("malformed CSV: {e}")));
                }
            }
        }
        if problems.is_empty() {
            Ok(Table {
                file: file.to_string(),
                headers,
                rows,
            })
        } else {
            Err(problems)
        }
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
