//! Resolving what a user types into places and targets.
//!
//! A place is a site id, a name or alias in any script, an event id (its
//! site), `LAT,LON` in decimal degrees, or degrees-minutes-seconds with
//! hemisphere letters (`30°53′21″N 3°02′44″W`). A target is also
//! `border:XX` or `file:PATH`.

use crate::borders::{self, Boundary};
use crate::countries;
use crate::dataset::Dataset;
use crate::error::{Error, Result};
use crate::geodesy::GeoPoint;
use crate::model::Site;
use crate::names::{Lookup, NameIndex};

/// A resolved place.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// How to name it in a sentence (the site's name, or the coordinates).
    pub label: String,
    /// Where it is.
    pub point: GeoPoint,
    /// The site id, when the place is a site.
    pub site_id: Option<String>,
    /// ISO alpha-2 of the site's country, when known.
    pub country: Option<String>,
    /// Radius in metres within which the real place lies (0 for coordinates).
    pub precision_m: f64,
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

/// Resolves a place argument against the dataset.
///
/// ```
/// use sandtable::{dataset::Dataset, names::NameIndex, place::resolve_place};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let index = NameIndex::new(&data.sites);
/// assert_eq!(resolve_place("حماقير", &data, &index).unwrap().site_id.as_deref(), Some("hammaguir"));
/// assert_eq!(resolve_place("-33.9,18.4", &data, &index).unwrap().point.lat, -33.9);
/// ```
pub fn resolve_place(text: &str, data: &Dataset, index: &NameIndex) -> Result<Place> {
    if let Some(point) = parse_coordinates(text)? {
        return Ok(Place {
            label: format!("{:.5}, {:.5}", point.lat, point.lon),
            point,
            site_id: None,
            country: None,
            precision_m: 0.0,
        });
    }
    if let Some(event) = data.event(text) {
        return match event.site_ids.as_slice() {
            [one] => site_place(data, one),
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
    match index.lookup(text) {
        Lookup::Found(i) => site_place(data, &data.sites[i].id),
        Lookup::Ambiguous(found) => {
            let list: Vec<String> = found
                .iter()
                .map(|&i| format!("{} ({})", data.sites[i].id, data.sites[i].name))
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

fn quoted(items: &[String]) -> String {
    items
        .iter()
        .map(|s| format!("'{s}'"))
        .collect::<Vec<_>>()
        .join(" or ")
}

fn site_place(data: &Dataset, id: &str) -> Result<Place> {
    data.site(id)
        .map(Place::of_site)
        .ok_or_else(|| Error::Input(format!("unknown site '{id}'")))
}

impl Place {
    /// A site as a place.
    ///
    /// ```
    /// # let data = sandtable::dataset::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
    /// let p = sandtable::place::Place::of_site(data.site("bechar").unwrap());
    /// assert_eq!(p.label, "Béchar");
    /// ```
    pub fn of_site(site: &Site) -> Place {
        Place {
            label: site.name.clone(),
            point: GeoPoint::new(site.lat, site.lon),
            site_id: Some(site.id.clone()),
            country: Some(site.country.clone()),
            precision_m: site.precision_m,
        }
    }
}

/// Resolves a target: `border:XX`, `file:PATH`, or a place. For a site,
/// `border:XX` is the boundary between the site's country and XX; for bare
/// coordinates (or a site whose country does not border XX) it is every
/// bundled boundary of XX.
pub fn resolve_target<'a>(
    text: &str,
    from: &Place,
    data: &Dataset,
    index: &NameIndex,
    files: &'a [Boundary],
) -> Result<Target<'a>> {
    if let Some(code) = text.strip_prefix("border:") {
        return border_target(code, from).map(Target::Boundaries);
    }
    if let Some(path) = text.strip_prefix("file:") {
        let found = files
            .iter()
            .find(|b| b.id == borders::file_id(path))
            .ok_or_else(|| Error::Input(format!("file:{path} was not loaded")))?;
        return Ok(Target::Boundaries(vec![found]));
    }
    resolve_place(text, data, index).map(Target::Place)
}

/// The bundled boundaries meant by `border:CODE` as seen from `from`.
pub fn border_target(code: &str, from: &Place) -> Result<Vec<&'static Boundary>> {
    let country = countries::find(code).ok_or_else(|| {
        Error::Input(format!(
            "'{code}' is not an ISO 3166-1 country code; bundled boundaries: {}",
            borders::available()
        ))
    })?;
    let of_country: Vec<&Boundary> = borders::bundled()
        .iter()
        .filter(|b| b.touches(&country.alpha3))
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
    let home = from.country.as_deref().and_then(countries::find);
    let shared: Vec<&Boundary> = of_country
        .iter()
        .copied()
        .filter(|b| home.is_some_and(|h| h.alpha3 != country.alpha3 && b.touches(&h.alpha3)))
        .collect();
    let chosen = if shared.is_empty() {
        of_country
    } else {
        shared
    };
    Ok(chosen)
}

/// Parses decimal `LAT,LON` or DMS with hemisphere letters. `Ok(None)` when
/// the text does not look like coordinates at all (so it may be a name).
///
/// ```
/// use sandtable::place::parse_coordinates;
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
    for c in t.chars().chain(std::iter::once(' ')) {
        if c.is_ascii_digit() || c == '.' {
            current.push(c);
            continue;
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
