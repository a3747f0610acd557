//! Errors as values: every problem with the data names its file, line and field.

use std::fmt;

/// One problem found in a data file, positioned for a person to fix it.
///
/// ```
/// use sandtable::base::Problem;
/// let p = Problem::new("sites.csv", 4, "lat", "95 is out of range, expected -90 to 90");
/// assert_eq!(p.to_string(), "sites.csv:4: lat: 95 is out of range, expected -90 to 90");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file, as the user would name it (e.g. `sites.csv`).
    pub file: String,
    /// 1-based line number in the file; 0 when the problem is the whole file.
    pub line: u64,
    /// The column (or `-` for a whole row or file).
    pub field: String,
    /// What is wrong and what would be valid.
    pub message: String,
}

impl Problem {
    /// A problem at `file:line` in `field`.
    pub fn new(
        file: impl Into<String>,
        line: u64,
        field: impl Into<String>,
        message: impl Into<String>,
    ) -> Self {
        Problem {
            file: file.into(),
            line,
            field: field.into(),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    /// `file:line: field: message`, with control and bidirectional-override
    /// characters shown as escapes, so that a value can neither move the
    /// cursor nor reorder what a terminal shows (a `\r` in a value could
    /// otherwise print a forged `file:line`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}: {}: {}",
            escape_controls(&self.file),
            self.line,
            escape_controls(&self.field),
            escape_controls(&self.message)
        )
    }
}

/// Control characters and bidirectional formatting characters as `\u{…}`,
/// so that text from data or articles can neither move a terminal's
/// cursor nor reorder what it shows.
///
/// ```
/// let p = sandtable::base::Problem::new("a.csv", 2, "name", "'x\rsites.csv:9' \u{202E}abc");
/// assert_eq!(p.to_string(), "a.csv:2: name: 'x\\u{d}sites.csv:9' \\u{202e}abc");
/// assert_eq!(sandtable::base::escape_controls("a\u{1b}]0;x\u{7}"), "a\\u{1b}]0;x\\u{7}");
/// ```
pub fn escape_controls(text: &str) -> String {
    let hidden = |c: char| {
        c.is_control()
            || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(hidden) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if hidden(c) {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Everything that can go wrong in the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data files have problems; all of them are listed.
    #[error("{}", list(.0))]
    Data(Vec<Problem>),
    /// The user's input (a place, a target, an option) is not valid.
    #[error("{0}")]
    Input(String),
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        /// The file involved.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl Error {
    /// True when the error is the user's input or data (exit status 2).
    ///
    /// ```
    /// use sandtable::Error;
    /// assert!(Error::Input("bad".into()).is_bad_input());
    /// ```
    pub fn is_bad_input(&self) -> bool {
        matches!(self, Error::Data(_) | Error::Input(_))
    }
}

fn list(problems: &[Problem]) -> String {
    let lines: Vec<String> = problems.iter().map(Problem::to_string).collect();
    format!(
        "{}\n{} problem{} found",
        lines.join("\n"),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    )
}

/// A CSV error as the I/O error it wraps, so that a closed pipe stays one.
pub(crate) fn csv_io(e: csv::Error) -> std::io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Shorthand for results in this crate.
pub type Result<T> = std::result::Result<T, Error>;
