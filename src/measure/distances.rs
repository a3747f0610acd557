//! Measuring: one distance between a place and a target, and every site's
//! distance to its country's land boundaries.

use crate::base::error::{Error, Result};
use crate::base::geodesy::{inverse, normalise_bearing, GeoPoint};
use crate::base::vocab::{BoundaryStatus, SiteKind};
use crate::load::borders::{self, Boundary};
use crate::load::dataset::Dataset;
use crate::resolve::place::{parse_coordinates, Place, Resolver, Target, TargetArg};

/// One measured distance.
#[derive(Debug, Clone, PartialEq)]
pub struct Measurement {
    /// Where from.
    pub from: Place,
    /// What the target is called in a sentence.
    pub to_label: String,
    /// The target point: the place, or the nearest point of the boundary.
    pub to_point: GeoPoint,
    /// The site id of the target, if a site.
    pub to_site_id: Option<String>,
    /// Geodesic distance, metres.
    pub distance_m: f64,
    /// Azimuth at `from` towards the target point, degrees in [0, 360).
    pub initial_bearing_deg: f64,
    /// The boundary, when the target was one.
    pub boundary: Option<BoundaryInfo>,
}

/// What a report says about the boundary measured to.
#[derive(Debug, Clone, PartialEq)]
pub struct BoundaryInfo {
    /// e.g. `DZA-MAR`.
    pub id: String,
    /// e.g. `Algeria–Morocco boundary`.
    pub label: String,
    /// Agreed or disputed (none for a user file).
    pub status: Option<BoundaryStatus>,
    /// Where the line comes from.
    pub source: String,
    /// True for a coastline, false for a land boundary or a user's line.
    pub coast: bool,
}

impl BoundaryInfo {
    fn of(b: &Boundary) -> BoundaryInfo {
        BoundaryInfo {
            id: b.id.clone(),
            label: b.label.clone(),
            status: b.status,
            source: b.source.clone(),
            coast: b.coast_of.is_some(),
        }
    }
}

/// Measures from a place to a target (for boundaries: the nearest one).
///
/// ```
/// use sandtable::{measure::measure, base::GeoPoint, resolve::Place, resolve::Target};
/// let at = |lat, lon| Place::at(GeoPoint::new(lat, lon));
/// let m = measure(&at(0.0, 0.0), &Target::Place(at(0.0, 1.0))).unwrap();
/// assert!((m.distance_m - 111_319.49).abs() < 0.01);
/// ```
pub fn measure(from: &Place, to: &Target) -> Option<Measurement> {
    let reach = reach(from.point, to)?;
    let (to_label, to_site_id, boundary) = match reach.to {
        Reached::Place(place) => (place.label.clone(), place.site_id.clone(), None),
        Reached::Boundary(b) => (b.label.clone(), None, Some(BoundaryInfo::of(b))),
    };
    Some(Measurement {
        from: from.clone(),
        to_label,
        to_point: reach.point,
        to_site_id,
        distance_m: reach.distance_m,
        initial_bearing_deg: reach.bearing_deg,
        boundary,
    })
}

/// Measures from a place to one boundary.
pub fn to_boundary(from: &Place, boundary: &Boundary) -> Option<Measurement> {
    measure(from, &Target::Boundaries(vec![boundary]))
}

/// The bare answer of [`measure`], without labels: what `enrich` needs for
/// each of millions of rows, so nothing in it is allocated.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Reach<'a> {
    /// Geodesic distance, metres.
    pub distance_m: f64,
    /// The target point: the place, or the nearest point of the boundary.
    pub point: GeoPoint,
    /// Azimuth at the start towards `point`, degrees in [0, 360).
    pub bearing_deg: f64,
    /// What was reached.
    pub to: Reached<'a>,
}

/// The place, or which of the target's boundaries, a [`Reach`] reached.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Reached<'a> {
    Place(&'a Place),
    Boundary(&'a Boundary),
}

/// The nearest point of a target to `from` (of several boundaries, the
/// nearest one's; on a tie, the first listed).
pub(crate) fn reach<'a>(from: GeoPoint, to: &'a Target) -> Option<Reach<'a>> {
    match to {
        Target::Place(place) => {
            let line = inverse(from, place.point);
            Some(Reach {
                distance_m: line.distance_m,
                point: place.point,
                bearing_deg: normalise_bearing(line.initial_bearing_deg),
                to: Reached::Place(place),
            })
        }
        Target::Boundaries(list) => list
            .iter()
            .filter_map(|&b| {
                b.nearest(from).map(|n| Reach {
                    distance_m: n.distance_m,
                    point: n.point,
                    bearing_deg: n.bearing_deg,
                    to: Reached::Boundary(b),
                })
            })
            .reduce(|a, b| if b.distance_m < a.distance_m { b } else { a }),
    }
}

/// For each site, its distance to the land boundaries of its country that
/// are within reach: the nearest, and every other one no farther than twice
/// the nearest or the nearest plus 100 km; and for ports and sea areas, to
/// their country's coastline. Sorted by site, then distance.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let links = sandtable::measure::site_boundaries(&data);
/// assert!(links.iter().any(|m| m.from.site_id.as_deref() == Some("tindouf") && m.boundary.as_ref().unwrap().id == "DZA-ESH"));
/// ```
pub fn site_boundaries(data: &Dataset) -> Vec<Measurement> {
    use rayon::prelude::*;
    let per_site: Vec<Vec<Measurement>> = data
        .sites
        .par_iter()
        .map(|site| {
            let place = Place::of_site(site);
            let mut found: Vec<Measurement> = borders::bundled()
                .iter()
                .filter(|b| b.touches(site.country))
                .filter_map(|b| to_boundary(&place, b))
                .collect();
            found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
            let coast = matches!(site.kind, SiteKind::Port | SiteKind::SeaArea)
                .then(|| borders::coast(&site.country.alpha3))
                .flatten()
                .and_then(|c| to_boundary(&place, c));
            if let Some(nearest) = found.first().map(|m| m.distance_m) {
                let reach = (2.0 * nearest).max(nearest + 100_000.0);
                found.retain(|m| m.distance_m <= reach);
            }
            found.extend(coast);
            found.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
            found
        })
        .collect();
    per_site.into_iter().flatten().collect()
}

/// Every site measured to one target (`report --to`), sorted by distance.
pub fn sites_to<'a>(
    data: &Dataset,
    target: impl Fn(&Place) -> Result<Target<'a>>,
) -> Result<Vec<Measurement>> {
    let mut rows = Vec::new();
    for site in &data.sites {
        let place = Place::of_site(site);
        if let Some(m) = measure(&place, &target(&place)?) {
            rows.push(m);
        }
    }
    rows.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    Ok(rows)
}

/// `sandtable distance`: from a place as typed to a place or target as
/// typed. The dataset in `data` is read only when a name needs looking up,
/// so coordinates, `border:` and `file:` work from any folder.
///
/// # Errors
/// [`Error::Input`] for an unknown place or target, or one with nothing to
/// measure to; a dataset's problems when it had to be read.
///
/// # Examples
/// ```
/// let m = sandtable::measure::distance(std::path::Path::new("."), "30.889167,-3.045556", "border:MA").unwrap();
/// assert_eq!((m.distance_m / 100.0).round() / 10.0, 47.9);
/// ```
pub fn distance(data: &std::path::Path, from: &str, to: &str) -> Result<Measurement> {
    let target = TargetArg::load(to)?;
    let nothing = || Error::Input(format!("'{to}' has nothing to measure to"));
    if let (Some(point), false) = (parse_coordinates(from)?, target.needs_dataset()) {
        let from = Place::at(point);
        return measure(&from, &target.resolve(&from, None)?).ok_or_else(nothing);
    }
    let dataset = Dataset::load(data)?;
    let resolver = Resolver::new(&dataset);
    let from = resolver.place(from)?;
    measure(&from, &target.resolve(&from, Some(&resolver))?).ok_or_else(nothing)
}
