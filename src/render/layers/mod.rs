//! GeoJSON layers for QGIS and web maps (`sandtable build`).
//!
//! RFC 7946 throughout: `[lon, lat]` on WGS84, no `crs` member, at most 7
//! decimals, polygons counter-clockwise, one geometry type per file, flat
//! properties (lists joined with `; `), a stable `id` on every feature, and
//! simplestyle-spec properties so that previews on GitHub or geojson.io look
//! meaningful. Each layer has a QGIS style beside it (`sites.qml` for
//! `sites.geojson`), which QGIS applies when it opens the layer.
//!
//! Features are `geojson::Feature`s with `geo` geometries converted by the
//! `geojson` crate. Two things are this module's own, because the files must
//! be byte-for-byte reproducible and diff well: coordinates are rounded to 7
//! decimals before conversion, and the collection is written one feature per
//! line.
//!
//! Every layer is computed in memory first, then the whole set is written
//! into a new folder that replaces the output folder in one atomic step
//! (see [`build`]).

mod claims;
mod context;
mod events;
mod lines;
mod print;
mod sites;
mod styles;
mod web;

use crate::base::error::{Error, Result};
use crate::base::files::resolve_links;
use crate::base::vocab::{EventKind, SiteKind, Verdict};
use crate::load::dataset::Dataset;
use crate::measure::findings::Findings;
use crate::render::report::round;
use geo::MapCoords;
use geojson::{Feature, JsonObject, JsonValue};
use std::path::{Path, PathBuf};

/// One layer ready to write: its file stem, GeoJSON text and QGIS style.
#[derive(Debug, Clone, PartialEq)]
pub struct Layer {
    /// File stem, e.g. `sites`.
    pub name: &'static str,
    /// The GeoJSON text.
    pub geojson: String,
    /// The QGIS style (QML).
    pub qml: String,
}

/// Everything `build` writes: the layers with their styles, the QGIS
/// project and the web map's files.
#[derive(Debug, Clone, PartialEq)]
pub struct Output {
    /// The GeoJSON layers, each with its QGIS style.
    pub layers: Vec<Layer>,
    /// The QGIS project `sandtable.qgs`.
    pub project: String,
    /// The web map: `index.html` and the files beside it, by relative path.
    pub web: Vec<(String, Vec<u8>)>,
    /// The same layers for Google Earth and GeoPackage readers:
    /// `sandtable.kmz` and `sandtable.gpkg`.
    pub files: Vec<(String, Vec<u8>)>,
}

/// Renders every layer, the QGIS project and the web map from the dataset
/// and what was measured of it (nothing is written); the exchange files
/// are added by [`crate::render::render`].
pub(crate) fn all(data: &Dataset, findings: &Findings) -> Output {
    let layers = layers(data, findings);
    let project = styles::project(&layers, &view(data), time_range(data), &data.story);
    let web = web::files(data, findings, &layers);
    Output {
        layers,
        project,
        web,
        files: Vec::new(),
    }
}

/// The initial view: the sites with a margin, `[west, south, east, north]`.
fn view(data: &Dataset) -> [f64; 4] {
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for site in &data.sites {
        let (x, y) = site.location.x_y();
        (w, s, e, n) = (w.min(x), s.min(y), e.max(x), n.max(y));
    }
    if w > e {
        return [-13.0, 25.5, 10.0, 38.0];
    }
    let (mx, my) = ((e - w) * 0.08 + 0.5, (n - s) * 0.08 + 0.5);
    [w - mx, s - my, e + mx, n + my]
}

/// From the earliest to the latest day any event can mean.
fn time_range(data: &Dataset) -> Option<(String, String)> {
    let first = data.events.iter().filter_map(|e| e.date.earliest()).min()?;
    let last = data.events.iter().filter_map(|e| e.date.latest()).max()?;
    Some((first.to_string(), last.to_string()))
}

fn layers(data: &Dataset, findings: &Findings) -> Vec<Layer> {
    let crowded = styles::crowded(data.sites.len());
    vec![
        Layer {
            name: "land",
            geojson: context::land(),
            qml: styles::land(),
        },
        Layer {
            name: "coast",
            geojson: context::coast(),
            qml: styles::coast(),
        },
        Layer {
            name: "sites",
            geojson: sites::layer(data, findings),
            qml: styles::sites(crowded),
        },
        Layer {
            name: "events",
            geojson: events::layer(data, findings),
            qml: styles::events(crowded),
        },
        Layer {
            name: "borders",
            geojson: lines::borders(),
            qml: styles::borders(),
        },
        Layer {
            name: "border-links",
            geojson: lines::links(&findings.links),
            qml: styles::links(crowded),
        },
        Layer {
            name: "claims",
            geojson: claims::layer(data, &findings.checks),
            qml: styles::claims(),
        },
    ]
}

/// The file in an output folder that lists what `build` wrote there.
pub const MANIFEST: &str = "sandtable-manifest.txt";

/// Writes the layers (and their styles) into `out`, with a QGIS project
/// `sandtable.qgs` that opens them all and a manifest listing every file.
/// Returns the paths written.
///
/// Only a folder that is absent, empty or a previous build's is replaced:
/// one holding anything its manifest does not list (or, without a
/// manifest, any file `build` would not write) is refused, naming the
/// first such file, and so is the data folder `data`. A symbolic link is
/// followed to the folder it names.
///
/// The set is replaced whole: everything is written into a new folder
/// beside `out` (created exclusively, its files too, so no existing path or
/// link is ever written through), which then takes the place of `out` in
/// one atomic exchange. A reader sees the old set or the new one, never a
/// mix; a build that fails or is killed leaves `out` as it was. A lock file
/// beside `out` (`.NAME.lock`) makes a second build into the same folder
/// fail at once instead of racing the first.
pub fn build(output: &Output, out: &Path, data: &Path) -> Result<Vec<PathBuf>> {
    let mut files: Vec<(String, &[u8])> = Vec::new();
    for layer in &output.layers {
        files.push((format!("{}.geojson", layer.name), layer.geojson.as_bytes()));
        files.push((format!("{}.qml", layer.name), layer.qml.as_bytes()));
    }
    files.push(("sandtable.qgs".to_string(), output.project.as_bytes()));
    for (name, bytes) in output.web.iter().chain(&output.files) {
        files.push((name.clone(), bytes));
    }
    write_folder(files, out, data)
}

/// Writes `files` as the whole content of folder `out`, with a manifest,
/// by the rules of [`build`]: only an absent, empty or previously written
/// folder is replaced, never the data folder, in one atomic exchange.
///
/// # Errors
/// As [`build`].
pub fn write_folder(files: Vec<(String, &[u8])>, out: &Path, data: &Path) -> Result<Vec<PathBuf>> {
    let manifest = manifest(files.iter().map(|(name, _)| name.as_str()));
    let mut files = files;
    files.push((MANIFEST.to_string(), manifest.as_bytes()));
    let target = resolve_links(out)?;
    refuse_foreign(out, &target, data, &files)?;
    let staging = Staging::begin(&target)?;
    for (name, bytes) in &files {
        staging.write(name, bytes)?;
    }
    staging.commit()?;
    Ok(files.iter().map(|(name, _)| out.join(name)).collect())
}

/// The manifest's text: a line of explanation, then one path per line.
fn manifest<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let mut names: Vec<&str> = names.collect();
    names.sort_unstable();
    let mut text = String::from(
        "# Written by `sandtable build`. The next build replaces this folder whole;\n# it refuses to if the folder holds any file not listed here.\n",
    );
    for name in names {
        text.push_str(name);
        text.push('\n');
    }
    text
}

/// Refuses to replace a folder that holds anything `build` did not write,
/// or the data folder.
fn refuse_foreign(out: &Path, target: &Path, data: &Path, files: &[(String, &[u8])]) -> Result<()> {
    let same = |a: &Path, b: &Path| matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b);
    if same(target, data) {
        return Err(Error::Input(format!(
            "--out {} is the data folder; name another folder for the map (the default is output)",
            out.display()
        )));
    }
    if !target.is_dir() {
        return Ok(());
    }
    let listed: std::collections::HashSet<String> =
        match std::fs::read_to_string(target.join(MANIFEST)) {
            Ok(text) => text
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
                .map(str::to_string)
                .chain([MANIFEST.to_string()])
                .collect(),
            Err(_) => files.iter().map(|(name, _)| name.clone()).collect(),
        };
    if let Some(foreign) = first_foreign(target, "", &listed) {
        return Err(Error::Input(format!(
            "--out {}: refusing to replace a folder that holds files sandtable did not write ({} is one); name an empty or new folder",
            out.display(),
            out.join(foreign).display()
        )));
    }
    Ok(())
}

/// The first path under `dir` (relative, sorted) that is not listed and
/// holds nothing listed.
fn first_foreign(
    dir: &Path,
    prefix: &str,
    listed: &std::collections::HashSet<String>,
) -> Option<String> {
    let mut entries: Vec<_> = std::fs::read_dir(dir).ok()?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_dir {
            let inside = format!("{name}/");
            if !listed.iter().any(|l| l.starts_with(&inside)) {
                return Some(name);
            }
            if let Some(found) = first_foreign(&entry.path(), &inside, listed) {
                return Some(found);
            }
        } else if !listed.contains(&name) {
            return Some(name);
        }
    }
    None
}

/// A build in progress: the lock, and the new folder being filled.
struct Staging {
    out: PathBuf,
    dir: PathBuf,
    _lock: std::fs::File,
}

impl Staging {
    fn begin(out: &Path) -> Result<Staging> {
        let io = |path: &Path| {
            let path = path.display().to_string();
            move |source| Error::Io { path, source }
        };
        if out.exists() && !out.is_dir() {
            return Err(Error::Input(format!(
                "--out {} is not a folder; name a folder to write the layers into",
                out.display()
            )));
        }
        let name = out
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .ok_or_else(|| Error::Input(format!("--out {} names no folder", out.display())))?;
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(io(&parent))?;
        let lock_path = parent.join(format!(".{name}.lock"));
        let lock = open_no_follow(&lock_path).map_err(io(&lock_path))?;
        if let Err(e) = lock.try_lock() {
            return Err(match e {
                std::fs::TryLockError::WouldBlock => Error::Input(format!(
                    "another build is writing {}; wait for it to finish",
                    out.display()
                )),
                std::fs::TryLockError::Error(source) => Error::Io {
                    path: lock_path.display().to_string(),
                    source,
                },
            });
        }
        // Holding the lock, any staging folder left is from a killed build.
        let stale = format!(".{name}.build-");
        if let Ok(entries) = std::fs::read_dir(&parent) {
            for entry in entries.flatten() {
                if entry.file_name().to_string_lossy().starts_with(&stale) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        let dir = parent.join(format!("{stale}{}-{nanos}", std::process::id()));
        std::fs::create_dir(&dir).map_err(io(&dir))?;
        Ok(Staging {
            out: out.to_path_buf(),
            dir,
            _lock: lock,
        })
    }

    fn write(&self, name: &str, bytes: &[u8]) -> Result<()> {
        use std::io::Write;
        let path = self.dir.join(name);
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder).map_err(|source| Error::Io {
                path: folder.display().to_string(),
                source,
            })?;
        }
        let io = |source| Error::Io {
            path: path.display().to_string(),
            source,
        };
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(io)?;
        file.write_all(bytes).map_err(io)?;
        file.sync_all().map_err(io)
    }

    /// Puts the new folder in the place of `out`, atomically.
    fn commit(self) -> Result<()> {
        let result = if self.out.exists() {
            exchange(&self.dir, &self.out)
        } else {
            std::fs::rename(&self.dir, &self.out)
        };
        result.map_err(|source| Error::Io {
            path: self.out.display().to_string(),
            source,
        })
        // `drop` removes the staging folder, which now holds the old set.
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

/// Swaps two folders in one step (Linux `renameat2` with `RENAME_EXCHANGE`).
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::os::unix::ffi::OsStrExt;
    let c = |p: &Path| {
        std::ffi::CString::new(p.as_os_str().as_bytes())
            .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidInput, e))
    };
    let (a, b) = (c(a)?, c(b)?);
    // SAFETY: both are valid NUL-terminated paths that outlive the call.
    let done = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if done == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// A `geo` geometry as GeoJSON, its coordinates rounded to 7 decimals
/// (about 1 cm), negative zero written as zero.
fn geometry<G>(g: &G) -> geojson::Geometry
where
    G: MapCoords<f64, f64>,
    for<'a> geojson::GeometryValue: From<&'a G::Output>,
{
    let rounded = g.map_coords(|c| geo::coord! { x: round(c.x, 7), y: round(c.y, 7) });
    geojson::Geometry::new(geojson::GeometryValue::from(&rounded))
}

/// Builds a FeatureCollection, one feature per line, in the order given.
struct Collection {
    name: &'static str,
    features: Vec<String>,
}

impl Collection {
    fn new(name: &'static str) -> Collection {
        Collection {
            name,
            features: Vec::new(),
        }
    }

    fn add(&mut self, id: &str, geometry: geojson::Geometry, properties: JsonObject) {
        let feature = Feature {
            bbox: None,
            geometry: Some(geometry),
            id: Some(geojson::feature::Id::String(id.to_string())),
            properties: Some(properties),
            foreign_members: None,
        };
        self.features
            .push(serde_json::to_string(&feature).expect("a feature serialises"));
    }

    fn finish(self) -> String {
        format!(
            "{{\"type\":\"FeatureCollection\",\"name\":\"{}\",\"features\":[\n{}\n]}}\n",
            self.name,
            self.features.join(",\n")
        )
    }
}

/// Properties map builder: keeps insertion order, turns empty text into null.
#[derive(Default)]
struct Props(JsonObject);

impl Props {
    fn text(mut self, key: &str, v: &str) -> Props {
        self.0.insert(
            key.into(),
            if v.is_empty() {
                JsonValue::Null
            } else {
                JsonValue::from(v)
            },
        );
        self
    }
    fn value(mut self, key: &str, v: impl Into<JsonValue>) -> Props {
        self.0.insert(key.into(), v.into());
        self
    }
    fn number(self, key: &str, v: Option<f64>, decimals: i32) -> Props {
        let v = v
            .filter(|v| v.is_finite())
            .map_or(JsonValue::Null, |v| JsonValue::from(round(v, decimals)));
        self.value(key, v)
    }
    fn done(self) -> JsonObject {
        self.0
    }
}

/// Colours shared by the simplestyle properties and the QGIS styles.
fn site_colour(kind: SiteKind) -> &'static str {
    match kind {
        SiteKind::TrainingGround => "#d7301f",
        SiteKind::Base => "#984ea3",
        SiteKind::Port => "#2171b5",
        SiteKind::City => "#525252",
        SiteKind::Capital => "#000000",
        SiteKind::SeaArea => "#41b6c4",
        SiteKind::Region => "#fd8d3c",
        SiteKind::Airfield => "#737373",
    }
}

fn event_colour(kind: EventKind) -> &'static str {
    match kind {
        EventKind::Exercise => "#d7301f",
        EventKind::NavalExercise => "#984ea3",
        EventKind::PortCall => "#2171b5",
        EventKind::Visit => "#525252",
        EventKind::Meeting => "#000000",
        EventKind::Agreement => "#41b6c4",
        EventKind::Ceremony => "#fd8d3c",
        EventKind::Other => "#969696",
    }
}

fn verdict_colour(verdict: Verdict) -> &'static str {
    match verdict {
        Verdict::Consistent => "#1a9850",
        Verdict::Overstated | Verdict::Understated | Verdict::Inconsistent => "#d73027",
        Verdict::Unverifiable => "#969696",
    }
}
