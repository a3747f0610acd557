//! Starting a dataset (`init`) and keeping each article as evidence
//! (`add source --file`): the text stored byte for byte as
//! `articles/<id>.txt`, its SHA-256 and size recorded in `sources.csv`, so
//! that `check` can prove it unchanged since it was collected.

use crate::base::error::{Error, Result};
use crate::base::files::{read_regular, sha256_hex, DatasetLock, OutputFile, MAX_ARTICLE_BYTES};
use crate::edit::add::append_row;
use crate::load::dataset::{Dataset, FILES};
use crate::load::model::{Claim, Event, Site, Source, Statement};
use crate::load::story::{self, STORY_FILE};
use std::path::{Path, PathBuf};

/// The header of each data file as `init` writes it: every column, the
/// optional ones included.
fn headers() -> [(&'static str, Vec<&'static str>); 5] {
    let with = |a: &[&'static str], b: &[&'static str]| [a, b].concat();
    [
        ("sources.csv", with(Source::COLUMNS, Source::OPTIONAL)),
        ("sites.csv", with(Site::COLUMNS, Site::OPTIONAL)),
        ("events.csv", Event::COLUMNS.to_vec()),
        ("statements.csv", Statement::COLUMNS.to_vec()),
        ("claims.csv", with(Claim::COLUMNS, Claim::OPTIONAL)),
    ]
}

/// Starts an empty dataset in `dir` (created if absent; it must hold none
/// of the data files): the five files with their headers and an
/// `articles/` folder, which `check` accepts and `build` maps. Returns the
/// paths made.
///
/// # Errors
/// [`Error::Input`] when `dir` already holds a data file or `articles/`;
/// [`Error::Io`] when it cannot be written.
///
/// # Examples
/// ```
/// let dir = tempfile::tempdir().unwrap();
/// let story = dir.path().join("story");
/// sandtable::edit::init(&story).unwrap();
/// let data = sandtable::load::Dataset::load(&story).unwrap();
/// assert!(data.sites.is_empty() && story.join("articles").is_dir());
/// assert!(sandtable::edit::init(&story).is_err()); // never over a dataset
/// ```
pub fn init(dir: &Path) -> Result<Vec<PathBuf>> {
    let io = |path: &Path| {
        let path = path.display().to_string();
        move |source| Error::Io { path, source }
    };
    for name in FILES.iter().copied().chain([STORY_FILE, "articles"]) {
        if dir.join(name).exists() {
            return Err(Error::Input(format!(
                "{} already holds {name}: init starts a dataset only where there is none",
                dir.display()
            )));
        }
    }
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let mut made = Vec::new();
    for (name, columns) in headers() {
        let path = dir.join(name);
        let mut file = std::fs::File::create_new(&path).map_err(io(&path))?;
        std::io::Write::write_all(&mut file, format!("{}\n", columns.join(",")).as_bytes())
            .map_err(io(&path))?;
        made.push(path);
    }
    let story = dir.join(STORY_FILE);
    std::fs::File::create_new(&story)
        .and_then(|mut file| std::io::Write::write_all(&mut file, story::TEMPLATE.as_bytes()))
        .map_err(io(&story))?;
    made.push(story);
    let articles = dir.join("articles");
    std::fs::create_dir(&articles).map_err(io(&articles))?;
    made.push(articles);
    Ok(made)
}

/// A source to add, with the article it is.
#[derive(Debug, Clone, Default)]
pub struct NewSource {
    /// Its id (lower case, unique); the article is stored as `articles/<id>.txt`.
    pub id: String,
    /// The article's text file (UTF-8), stored byte for byte; `None` for a
    /// source with no text (a gazetteer).
    pub file: Option<PathBuf>,
    /// Where it was published.
    pub url: String,
    /// The publisher.
    pub outlet: String,
    /// The headline in English (default: the article's first line).
    pub title: String,
    /// The headline in its own language.
    pub title_original: String,
    /// When it was published (EDTF).
    pub published: String,
    /// Its language (ISO 639-1).
    pub language: String,
    /// Where an archived copy is.
    pub archive_url: String,
    /// When that copy was made (EDTF).
    pub archived: String,
    /// Free notes.
    pub notes: String,
}

/// What `add_source` recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct AddedSource {
    /// The line of `sources.csv` it was written on.
    pub line: u64,
    /// The stored article, when there was one.
    pub article: Option<PathBuf>,
    /// Its SHA-256.
    pub sha256: Option<String>,
}

/// Adds a source: the article (if any) stored as `dir/articles/<id>.txt`
/// and its SHA-256 and size recorded, under the dataset's lock. The same
/// text or URL twice is refused, naming the source that has it.
///
/// # Errors
/// [`Error::Input`] for an article that is not a regular UTF-8 file of at
/// most 64 MiB, a text or URL already recorded, or an id whose article
/// exists; [`Error::Data`] with `check`'s messages. Nothing is left
/// written on any error.
///
/// # Examples
/// ```
/// use sandtable::edit::{add_source, init, NewSource};
/// let dir = tempfile::tempdir().unwrap();
/// init(dir.path()).unwrap();
/// let article = dir.path().join("a.txt");
/// std::fs::write(&article, "Exercises near Béchar.\n").unwrap();
/// let source = NewSource { id: "a".into(), file: Some(article.clone()), ..NewSource::default() };
/// let added = add_source(dir.path(), &source).unwrap();
/// assert_eq!(std::fs::read(dir.path().join("articles/a.txt")).unwrap(), std::fs::read(&article).unwrap());
/// assert_eq!(added.sha256.unwrap().len(), 64);
/// let again = NewSource { id: "b".into(), ..source };
/// assert!(add_source(dir.path(), &again).unwrap_err().to_string().contains("source 'a'"));
/// ```
pub fn add_source(dir: &Path, source: &NewSource) -> Result<AddedSource> {
    let _lock = DatasetLock::acquire(dir)?;
    let data = Dataset::load(dir)?;
    let text = match &source.file {
        Some(file) => Some(read_article_file(file)?),
        None => None,
    };
    let sha256 = text.as_deref().map(sha256_hex);
    refuse_duplicates(&data, source, sha256.as_deref())?;
    let title = match (&source.title, &text) {
        (title, _) if !title.trim().is_empty() => title.trim().to_string(),
        (_, Some(text)) => first_line(text),
        _ => String::new(),
    };
    let stored = match &text {
        Some(bytes) => Some(store_article(dir, &source.id, bytes)?),
        None => None,
    };
    let size = text
        .as_ref()
        .map(|t| t.len().to_string())
        .unwrap_or_default();
    let appended = append_row(dir, "sources.csv", &|column| match column {
        "id" => source.id.clone(),
        "outlet" => source.outlet.clone(),
        "title" => title.clone(),
        "title_original" => source.title_original.clone(),
        "published" => source.published.clone(),
        "language" => source.language.clone(),
        "url" => source.url.clone(),
        "notes" => source.notes.clone(),
        "sha256" => sha256.clone().unwrap_or_default(),
        "size" => size.clone(),
        "archive_url" => source.archive_url.clone(),
        "archived" => source.archived.clone(),
        _ => String::new(),
    });
    match appended {
        Ok(line) => Ok(AddedSource {
            line,
            article: stored,
            sha256,
        }),
        Err(e) => {
            if let Some(path) = stored {
                let _ = std::fs::remove_file(path);
            }
            Err(e)
        }
    }
}

/// The article's bytes: a regular file of UTF-8 text.
fn read_article_file(file: &Path) -> Result<Vec<u8>> {
    let bytes = read_regular(file, MAX_ARTICLE_BYTES)?;
    if let Err(e) = std::str::from_utf8(&bytes) {
        return Err(Error::Input(format!(
            "{}: not UTF-8 text (byte {}); save the article as UTF-8 plain text",
            file.display(),
            e.valid_up_to()
        )));
    }
    Ok(bytes)
}

fn refuse_duplicates(data: &Dataset, source: &NewSource, sha256: Option<&str>) -> Result<()> {
    for existing in &data.sources {
        if sha256.is_some() && existing.sha256.as_deref() == sha256 {
            return Err(Error::Input(format!(
                "this article is already stored as source '{}' (same SHA-256)",
                existing.id
            )));
        }
        if !source.url.is_empty() && existing.url == source.url {
            return Err(Error::Input(format!(
                "{} is already source '{}'",
                source.url, existing.id
            )));
        }
    }
    Ok(())
}

/// The first non-empty line, trimmed, as a title (at most 200 characters).
fn first_line(text: &[u8]) -> String {
    let text = String::from_utf8_lossy(text);
    let line = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    line.chars().take(200).collect()
}

/// Stores the article as `articles/<id>.txt`, made new (an article already
/// there is never replaced).
fn store_article(dir: &Path, id: &str, bytes: &[u8]) -> Result<PathBuf> {
    let articles = dir.join("articles");
    let path = articles.join(format!("{id}.txt"));
    let io = |source| Error::Io {
        path: path.display().to_string(),
        source,
    };
    let slug = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
    if !slug {
        return Err(Error::Input(format!(
            "'{id}' is not a slug; use lowercase a-z, 0-9, '-' and '_'"
        )));
    }
    std::fs::create_dir_all(&articles).map_err(io)?;
    if std::fs::symlink_metadata(&path).is_ok() {
        return Err(Error::Input(format!(
            "{} already exists; a stored article is never replaced",
            path.display()
        )));
    }
    // Written whole or not at all, as every file sandtable writes.
    OutputFile::new(&path)?.write_all(bytes)?;
    Ok(path)
}
