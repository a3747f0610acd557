//! Resolving what a user types into places and targets.
//!
//! A place is a site id, a name or alias in any script, an event id (its
//! site), `LAT,LON` in decimal degrees, or degrees-minutes-seconds with
//! hemisphere letters (`30°53′21″N 3°02′44″W`). A target is also
//! `border:XX`, `coast:XX` or `file:PATH`.

use crate::base::countries::Country;
use crate::base::error::{Error, Result};
use crate::base::geodesy::GeoPoint;
use crate::load::borders::{self, Boundary};
use crate::load::dataset::Dataset;
use crate::load::model::Site;
use crate::load::spec::TargetSpec;
use crate::resolve::names::{Lookup, NameIndex};

/// A resolved place.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let p = sandtable::resolve::Place::of_site(data.site("bechar").unwrap());
/// assert_eq!((p.label.as_str(), p.site_id.as_deref()), ("Béchar", Some("bechar")));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// How to name it in a sentence (the site's name, or the coordinates).
    pub label: String,
    /// Where it is.
    pub point: GeoPoint,
    /// The site id, when the place is a site.
    pub site_id: Option<String>,
    /// The site's country, when known.
    pub country: Option<&'static Country>,
    /// Radius in metres within which the real place lies (0 for coordinates).
    pub precision_m: f64,
}

impl Place {
    /// A site as a place.
    pub fn of_site(site: &Site) -> Place {
        Place {
            label: site.name.clone(),
            point: GeoPoint::from(site.location),
            site_id: Some(site.id.clone()),
            country: Some(site.country),
            precision_m: site.precision_m,
        }
    }

    /// Bare coordinates as a place.
    pub fn at(point: GeoPoint) -> Place {
        Place {
            label: format!("{:.5}, {:.5}", point.lat, point.lon),
            point,
            site_id: None,
            country: None,
            precision_m: 0.0,
        }
    }
}

/// What to measure to.
#[derive(Debug)]
pub enum Target<'a> {
    /// Another place.
    Place(Place),
    /// One or more boundaries (the nearest counts).
    Boundaries(Vec<&'a Boundary>),
}

const COORDINATE_FORMS: &str =
    "accepted forms: LAT,LON in decimal degrees (e.g. 30.889,-3.046 or -33.9,18.4) \
or degrees-minutes-seconds with hemisphere letters (e.g. 30°53′21″N 3°02′44″W)";

/// Resolves what a user types into places, against a dataset and its name
/// index (built once).
///
/// ```
/// use sandtable::{load::Dataset, resolve::Resolver};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let resolver = Resolver::new(&data);
/// assert_eq!(resolver.place("حماقير").unwrap().site_id.as_deref(), Some("hammaguir"));
/// assert_eq!(resolver.place("-33.9,18.4").unwrap().point.lat, -33.9);
/// ```
#[derive(Debug)]
pub struct Resolver<'d> {
    data: &'d Dataset,
    index: NameIndex,
}

impl<'d> Resolver<'d> {
    /// A resolver over the dataset's sites.
    pub fn new(data: &'d Dataset) -> Resolver<'d> {
        Resolver {
            data,
            index: NameIndex::new(&data.sites),
        }
    }

    /// The dataset's name index.
    pub fn names(&self) -> &NameIndex {
        &self.index
    }

    /// A site id, a name or alias in any script, an event id (its one
    /// site), or coordinates.
    pub fn place(&self, text: &str) -> Result<Place> {
        if let Some(point) = parse_coordinates(text)? {
            return Ok(Place::at(point));
        }
        if let Some(event) = self.data.event(text) {
            return match event.site_ids.as_slice() {
                [one] => self.site(one),
                [] => Err(Error::Input(format!(
                    "event '{}' has no site, so it has no position",
                    event.id
                ))),
                many => Err(Error::Input(format!(
                    "event '{}' happened at several sites; name one: {}",
                    event.id,
                    many.join(", ")
                ))),
            };
        }
        match self.index.lookup(text) {
            Lookup::Found(i) => self.site(&self.data.sites[i].id),
            Lookup::Ambiguous(found) => {
                let list: Vec<String> = found
                    .iter()
                    .map(|&i| format!("{} ({})", self.data.sites[i].id, self.data.sites[i].name))
                    .collect();
                Err(Error::Input(format!(
                    "'{text}' matches several sites; use an id: {}",
                    list.join(", ")
                )))
            }
            Lookup::NotFound(close) => {
                let hint = if close.is_empty() {
                    "run `sandtable sites` for the list".to_string()
                } else {
                    format!("did you mean {}?", quoted(&close))
                };
                Err(Error::Input(format!(
                    "no site called '{text}'; {hint} ({COORDINATE_FORMS})"
                )))
            }
        }
    }

    fn site(&self, id: &str) -> Result<Place> {
        self.data
            .site(id)
            .map(Place::of_site)
            .ok_or_else(|| Error::Input(format!("unknown site '{id}'")))
    }
}

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// A target named on the command line, with its file read when it is
/// `file:PATH`, ready to resolve from any place.
///
/// ```
/// use sandtable::{base::GeoPoint, resolve::Place, resolve::Target, resolve::TargetArg};
/// let border = TargetArg::load("border:MA").unwrap();
/// let Target::Boundaries(lines) = border.resolve(&Place::at(GeoPoint::new(31.0, -3.0)), None).unwrap() else { panic!() };
/// assert!(lines.iter().any(|b| b.id == "DZA-MAR"));
/// ```
#[derive(Debug)]
pub struct TargetArg {
    spec: TargetSpec,
    file: Option<Boundary>,
}

impl TargetArg {
    /// Parses the target and reads its file, if it names one.
    pub fn load(text: &str) -> Result<TargetArg> {
        let spec: TargetSpec = text.parse().map_err(|e| {
            let known = borders::available();
            Error::Input(if text.starts_with("border:") {
                format!("{e}; bundled boundaries: {known}")
            } else if text.starts_with("coast:") {
                format!("{e}; bundled coastlines: {}", borders::available_coasts())
            } else {
                e
            })
        })?;
        let file = match &spec {
            TargetSpec::File(path) => Some(borders::from_file(path)?),
            _ => None,
        };
        Ok(TargetArg { spec, file })
    }

    /// True when the target is a place, which needs the dataset to resolve
    /// unless it is coordinates.
    pub fn needs_dataset(&self) -> bool {
        matches!(&self.spec, TargetSpec::Place(text) if !matches!(parse_coordinates(text), Ok(Some(_))))
    }

    /// The target as seen from `from`: for `border:XX` from a site, the
    /// boundary between the site's country and XX; otherwise every bundled
    /// boundary of XX. A place needs a resolver unless it is coordinates.
    pub fn resolve(&self, from: &Place, resolver: Option<&Resolver>) -> Result<Target<'_>> {
        match (&self.spec, &self.file) {
            (TargetSpec::Border(country), _) => {
                border_target(country, from).map(Target::Boundaries)
            }
            (TargetSpec::Coast(country), _) => borders::coast(&country.alpha3)
                .map(|c| Target::Boundaries(vec![c]))
                .ok_or_else(|| {
                    Error::Input(format!(
                        "no bundled coastline of {} ({}); bundled coastlines: {}",
                        country.alpha2,
                        country.name,
                        borders::available_coasts()
                    ))
                }),
            (TargetSpec::File(_), Some(file)) => Ok(Target::Boundaries(vec![file])),
            (TargetSpec::File(path), None) => {
                Err(Error::Input(format!("file:{path} was not read")))
            }
            (TargetSpec::Place(text), _) => match resolver {
                Some(r) => r.place(text).map(Target::Place),
                None => parse_coordinates(text)?
                    .map(|p| Target::Place(Place::at(p)))
                    .ok_or_else(|| {
                        Error::Input(format!(
                            "'{text}' is not coordinates, and no dataset is loaded to look it up"
                        ))
                    }),
            },
        }
    }
}

/// The bundled boundaries meant by `border:XX` as seen from `from`.
pub(crate) fn border_target(country: &Country, from: &Place) -> Result<Vec<&'static Boundary>> {
    let of_country: Vec<&Boundary> = borders::bundled()
        .iter()
        .filter(|b| b.touches(country))
        .collect();
    if of_country.is_empty() {
        return Err(Error::Input(format!(
            "no bundled land boundary of {} ({}); bundled boundaries: {}",
            country.alpha2,
            country.name,
            borders::available()
        )));
    }
    // From a site, the boundary between its country and XX when there is
    // one; otherwise (and from bare coordinates) every boundary of XX.
    let shared: Vec<&Boundary> = of_country
        .iter()
        .copied()
        .filter(|b| {
            from.country
                .is_some_and(|home| home != country && b.touches(home))
        })
        .collect();
    Ok(if shared.is_empty() {
        of_country
    } else {
        shared
    })
}

/// Parses decimal `LAT,LON` or DMS with hemisphere letters. `Ok(None)` when
/// the text does not look like coordinates at all (so it may be a name).
///
/// ```
/// use sandtable::resolve::parse_coordinates;
/// let p = parse_coordinates("30°53′21″N 3°02′44″W").unwrap().unwrap();
/// assert!((p.lat - 30.889167).abs() < 1e-6 && (p.lon + 3.045556).abs() < 1e-6);
/// assert!(parse_coordinates("95,10").is_err());
/// assert!(parse_coordinates("Béchar").unwrap().is_none());
/// ```
pub fn parse_coordinates(text: &str) -> Result<Option<GeoPoint>> {
    let t = text.trim();
    let has_digit = t.chars().any(|c| c.is_ascii_digit());
    let letters: Vec<char> = t.chars().filter(|c| c.is_alphabetic()).collect();
    let only_hemispheres = letters
        .iter()
        .all(|c| matches!(c.to_ascii_uppercase(), 'N' | 'S' | 'E' | 'W'));
    if !has_digit || !only_hemispheres {
        return Ok(None);
    }
    let point = if letters.is_empty() {
        parse_decimal(t)?
    } else {
        parse_dms(t)?
    };
    check_range(point, t)?;
    Ok(Some(point))
}

fn parse_decimal(t: &str) -> Result<GeoPoint> {
    let parts: Vec<&str> = t.split([',', ';', ' ']).filter(|s| !s.is_empty()).collect();
    let [lat, lon] = parts.as_slice() else {
        return Err(Error::Input(format!(
            "'{t}' is not a coordinate pair: expected two numbers, latitude first; {COORDINATE_FORMS}"
        )));
    };
    let number = |s: &str, which: &str| {
        s.parse::<f64>().map_err(|_| {
            Error::Input(format!(
                "'{t}': the {which} '{s}' is not a number; {COORDINATE_FORMS}"
            ))
        })
    };
    Ok(GeoPoint::new(
        number(lat, "latitude")?,
        number(lon, "longitude")?,
    ))
}

fn parse_dms(t: &str) -> Result<GeoPoint> {
    let mut lat = None;
    let mut lon = None;
    let mut numbers: Vec<f64> = Vec::new();
    let mut current = String::new();
    let bad = |why: String| Error::Input(format!("'{t}': {why}; {COORDINATE_FORMS}"));
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().chain(std::iter::once(&' ')).enumerate() {
        if c.is_ascii_digit() || c == '.' {
            current.push(c);
            continue;
        }
        if matches!(c, '-' | '+' | '−') {
            return Err(bad(format!(
                "a sign '{c}' and a hemisphere letter together are ambiguous; use one (30S or -30)"
            )));
        }
        let digit_at = |j: Option<usize>| {
            j.and_then(|j| chars.get(j))
                .is_some_and(|d| d.is_ascii_digit())
        };
        if c.is_alphabetic() && digit_at(i.checked_sub(1)) && digit_at(Some(i + 1)) {
            return Err(bad(format!("the letter '{c}' sits inside a number")));
        }
        if !current.is_empty() {
            numbers.push(
                current
                    .parse()
                    .map_err(|_| bad(format!("'{current}' is not a number")))?,
            );
            current.clear();
        }
        let hemisphere = c.to_ascii_uppercase();
        if matches!(hemisphere, 'N' | 'S' | 'E' | 'W') {
            let value = match numbers.as_slice() {
                [d] => *d,
                [d, m] if *m < 60.0 => d + m / 60.0,
                [d, m, s] if *m < 60.0 && *s < 60.0 => d + m / 60.0 + s / 3600.0,
                _ => {
                    return Err(bad(format!(
                        "before '{c}' expected degrees, minutes (< 60) and seconds (< 60)"
                    )))
                }
            };
            numbers.clear();
            let signed = if matches!(hemisphere, 'S' | 'W') {
                -value
            } else {
                value
            };
            let slot = if matches!(hemisphere, 'N' | 'S') {
                &mut lat
            } else {
                &mut lon
            };
            if slot.replace(signed).is_some() {
                return Err(bad(format!("the hemisphere '{c}' appears twice")));
            }
        }
    }
    match (lat, lon) {
        (Some(lat), Some(lon)) if numbers.is_empty() => Ok(GeoPoint::new(lat, lon)),
        _ => Err(bad(
            "needs a latitude ending in N or S and a longitude ending in E or W".into(),
        )),
    }
}

fn check_range(p: GeoPoint, t: &str) -> Result<()> {
    if !(-90.0..=90.0).contains(&p.lat) {
        return Err(Error::Input(format!(
            "'{t}': latitude {} is out of range (-90 to 90); latitude comes first; {COORDINATE_FORMS}",
            p.lat
        )));
    }
    if !(-180.0..=180.0).contains(&p.lon) {
        return Err(Error::Input(format!(
            "'{t}': longitude {} is out of range (-180 to 180); {COORDINATE_FORMS}",
            p.lon
        )));
    }
    Ok(())
}
