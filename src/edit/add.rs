//! Changing the dataset from the command line (`sandtable add site`).
//!
//! A new row is checked exactly as `check` would check it, with the rest of
//! the dataset, before anything is written; a bad row is refused with
//! `check`'s messages and the file is left as it was. The file is then
//! replaced whole (written beside it, then renamed over it), so a reader
//! never sees half a row, and its line ends (LF or CRLF) are kept. A lock
//! on the dataset makes commands that change it run one after another, so
//! none loses another's row.

use crate::base::error::{Error, Problem, Result};
use crate::base::files::{read_regular, DatasetLock, OutputFile, MAX_FILE_BYTES};
use crate::base::vocab::SiteKind;
use crate::load::dataset::Dataset;
use crate::resolve::geocode::{Gazetteer, GeoPlace};
use std::path::Path;

/// A site to add to `sites.csv`.
#[derive(Debug, Clone)]
pub struct NewSite {
    /// Its id (lower case, unique).
    pub id: String,
    /// Its name; from the gazetteer's first name when empty and
    /// coordinates come from GeoNames.
    pub name: String,
    /// Its Arabic name.
    pub name_ar: String,
    /// Its Russian name.
    pub name_ru: String,
    /// Other names.
    pub aliases: Vec<String>,
    /// What kind of place it is.
    pub kind: SiteKind,
    /// ISO alpha-2 country code; from the gazetteer when empty.
    pub country: String,
    /// First-level administrative division, by name.
    pub admin1: String,
    /// Where it is.
    pub position: Position,
    /// How far the coordinates may be from the place, metres.
    pub precision_m: f64,
    /// Sources that name it.
    pub source_ids: Vec<String>,
    /// Free notes.
    pub notes: String,
}

/// Where a new site's coordinates come from.
#[derive(Debug, Clone)]
pub enum Position {
    /// A place of the offline GeoNames gazetteer.
    GeoNames(GeoPlace),
    /// Coordinates given by hand, with where they came from.
    Given {
        /// Latitude, degrees.
        lat: f64,
        /// Longitude, degrees.
        lon: f64,
        /// Where they came from (becomes `coord_source`).
        source: String,
    },
}

impl Position {
    /// The place with this GeoNames id in the bundled offline gazetteer.
    ///
    /// # Errors
    /// [`Error::Input`] when the gazetteer has no such place.
    ///
    /// # Examples
    /// ```
    /// use sandtable::edit::Position;
    /// assert!(Position::from_geonames(2478216).is_ok()); // Tamanrasset
    /// assert!(Position::from_geonames(1).is_err());
    /// ```
    pub fn from_geonames(id: u32) -> Result<Position> {
        let gazetteer = Gazetteer::bundled().map_err(Error::Input)?;
        let place = gazetteer.by_id(id).ok_or_else(|| {
            Error::Input(format!(
                "--from-geonames: no place with GeoNames id {id} in the offline gazetteer; try `sandtable geocode NAME`"
            ))
        })?;
        Ok(Position::GeoNames(place.clone()))
    }
}

/// Appends `site` to `dir/sites.csv` once the whole dataset with it passes
/// the checks; returns the line it was written on.
///
/// # Errors
/// [`Error::Data`] with `check`'s messages when the row (or the dataset)
/// has problems; [`Error::Io`] when the file cannot be read or replaced.
///
/// ```
/// use sandtable::{edit::add_site, edit::NewSite, edit::Position, base::SiteKind};
/// let dir = tempfile::tempdir().unwrap();
/// let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
/// for f in sandtable::load::FILES {
///     std::fs::copy(repo.join(f), dir.path().join(f)).unwrap();
/// }
/// let site = NewSite {
///     id: "djanet".into(), name: "Djanet".into(), name_ar: "جانت".into(),
///     name_ru: String::new(), aliases: vec![], kind: SiteKind::City,
///     country: String::new(), admin1: "Djanet".into(),
///     position: Position::GeoNames(
///         sandtable::resolve::Gazetteer::bundled().unwrap().find("Djanet", None, 1)[0].place.clone()),
///     precision_m: 5000.0, source_ids: vec!["trt-2022".into()], notes: String::new(),
/// };
/// let line = add_site(dir.path(), &site).unwrap();
/// assert_eq!(line, 13);
/// assert!(sandtable::load::Dataset::load(dir.path()).unwrap().site("djanet").is_some());
/// ```
pub fn add_site(dir: &Path, site: &NewSite) -> Result<u64> {
    let _lock = DatasetLock::acquire(dir)?;
    append_site(dir, site)
}

/// [`add_site`], the caller holding the lock.
pub(crate) fn append_site(dir: &Path, site: &NewSite) -> Result<u64> {
    append_row(dir, "sites.csv", &|column| site_value(site, column))
}

/// Appends one row to `dir/file` (its values by column name, in the file's
/// own column order, with its line ends) once the whole dataset with it
/// passes the checks; returns its line. The caller holds the dataset's
/// lock.
///
/// # Errors
/// As [`add_site`].
pub(crate) fn append_row(dir: &Path, file: &str, value: &dyn Fn(&str) -> String) -> Result<u64> {
    let path = dir.join(file);
    let old = read_regular(&path, MAX_FILE_BYTES)?;
    let crlf = old
        .iter()
        .position(|&b| b == b'\n')
        .is_some_and(|i| i > 0 && old[i - 1] == b'\r');
    let header = header(file, &old)?;
    let mut new = old.clone();
    if !new.is_empty() && !new.ends_with(b"\n") {
        new.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
    }
    new.extend_from_slice(&row(&header, value, crlf)?);
    Dataset::load_with(dir, Some((file, &new)))?;
    OutputFile::new(&path)?.write_all(&new)?;
    Ok(count_lines(&new))
}

fn header(file: &str, bytes: &[u8]) -> Result<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(bytes);
    let mut record = csv::StringRecord::new();
    match reader.read_record(&mut record) {
        Ok(true) => Ok(record.iter().map(|c| c.trim().to_string()).collect()),
        _ => Err(Error::Data(vec![Problem::new(
            file,
            1,
            "-",
            "has no readable header row",
        )])),
    }
}

/// A site's value for one column of `sites.csv`.
fn site_value(site: &NewSite, column: &str) -> String {
    let (lat, lon, coord_source, geo_name, geo_country) = match &site.position {
        Position::GeoNames(p) => (
            p.lat,
            p.lon,
            p.coord_source(),
            p.names[0].clone(),
            p.country.clone(),
        ),
        Position::Given { lat, lon, source } => {
            (*lat, *lon, source.clone(), String::new(), String::new())
        }
    };
    let or = |given: &str, fallback: &str| {
        if given.is_empty() {
            fallback.to_string()
        } else {
            given.to_string()
        }
    };
    match column {
        "id" => site.id.clone(),
        "name" => or(&site.name, &geo_name),
        "name_ar" => site.name_ar.clone(),
        "name_ru" => site.name_ru.clone(),
        "aliases" => site.aliases.join("|"),
        "kind" => site.kind.to_string(),
        "country" => or(&site.country, &geo_country),
        "admin1" => site.admin1.clone(),
        "lat" => lat.to_string(),
        "lon" => lon.to_string(),
        "precision_m" => site.precision_m.to_string(),
        "coord_source" => coord_source,
        "source_ids" => site.source_ids.join("|"),
        "notes" => site.notes.clone(),
        _ => String::new(),
    }
}

/// The new row as CSV bytes, its values in the file's own column order.
fn row(header: &[String], value: &dyn Fn(&str) -> String, crlf: bool) -> Result<Vec<u8>> {
    let mut writer = csv::WriterBuilder::new()
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    writer
        .write_record(header.iter().map(|c| value(c)))
        .map_err(|e| Error::Input(format!("cannot write the row: {e}")))?;
    writer
        .into_inner()
        .map_err(|e| Error::Input(format!("cannot write the row: {e}")))
}

/// Lines in the file, as `check` numbers them (the last line's number).
fn count_lines(bytes: &[u8]) -> u64 {
    bytes.iter().filter(|&&b| b == b'\n').count() as u64
}
