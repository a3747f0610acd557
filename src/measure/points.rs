//! Distances from many points to one target, column by column, on every
//! core: what `enrich` measures for each row, for callers that hold
//! coordinates as arrays (Arrow and Parquet files, NumPy, Spark, Dask)
//! rather than as CSV text.

use crate::base::error::Result;
use crate::base::geodesy::{inverse, GeoPoint};
use crate::base::units::Unit;
use crate::load::dataset::Dataset;
use crate::measure::distances::{reach, Reached};
use crate::resolve::place::{Place, Resolver, Target, TargetArg};
use rayon::prelude::*;

/// What was measured for each point: unmeasurable points (a coordinate
/// missing, not a number or out of range) get `NaN` and `None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Measured {
    /// The distance in the unit asked for.
    pub distance: Vec<f64>,
    /// Latitude of the nearest point of the target, degrees.
    pub nearest_lat: Vec<f64>,
    /// Longitude of it, degrees.
    pub nearest_lon: Vec<f64>,
    /// Initial bearing from the point towards it, degrees in [0, 360).
    pub bearing_deg: Vec<f64>,
    /// What was reached: the boundary's id (`DZA-MAR`) or the site's.
    pub target: Vec<Option<String>>,
    /// The boundary's status (`agreed`, `disputed`), when it has one.
    pub status: Vec<Option<String>>,
}

/// A point from its coordinates, when they are numbers in range.
pub fn point(lat: f64, lon: f64) -> Option<GeoPoint> {
    ((-90.0..=90.0).contains(&lat) && (-180.0..=180.0).contains(&lon))
        .then(|| GeoPoint::new(lat, lon))
}

/// The distance from each `(lats[i], lons[i])` to `target` (as `--to`
/// takes it: `border:MA`, `coast:DZ`, `file:PATH`, a place of `data`),
/// measured exactly as `enrich` measures a row.
///
/// # Errors
/// As [`TargetArg::load`] and its resolution: an unknown target, or a
/// place target with no dataset.
///
/// # Units
/// - `lats`, `lons`: degrees; distances in `unit`.
///
/// # Examples
/// ```
/// use sandtable::{base::Unit, measure::measure_points};
/// let m = measure_points(&[30.889167, f64::NAN], &[-3.045556, 0.0], "border:MA", None, Unit::Kilometre).unwrap();
/// assert_eq!(format!("{:.6}", m.distance[0]), "47.872616");
/// assert_eq!(m.target[0].as_deref(), Some("DZA-MAR"));
/// assert!(m.distance[1].is_nan() && m.target[1].is_none());
/// ```
pub fn measure_points(
    lats: &[f64],
    lons: &[f64],
    target: &str,
    data: Option<&Dataset>,
    unit: Unit,
) -> Result<Measured> {
    let target = TargetArg::load(target)?;
    let resolver = data.map(Resolver::new);
    let anywhere = Place::at(GeoPoint::new(0.0, 0.0));
    let target = target.resolve(&anywhere, resolver.as_ref())?;
    Ok(measure_to(lats, lons, &target, unit))
}

/// [`measure_points`] to a target already resolved, the kernel every
/// columnar path shares.
pub(crate) fn measure_to(lats: &[f64], lons: &[f64], target: &Target, unit: Unit) -> Measured {
    let per_point: Vec<_> = lats
        .par_iter()
        .zip(lons.par_iter())
        .with_min_len(1024)
        .map(|(&lat, &lon)| point(lat, lon).and_then(|p| reach(p, target)))
        .collect();
    let mut m = Measured::default();
    for r in per_point {
        match r {
            Some(r) => {
                let (id, status) = match r.to {
                    Reached::Place(place) => (
                        place.site_id.clone().unwrap_or_else(|| place.label.clone()),
                        None,
                    ),
                    Reached::Boundary(b) => {
                        (b.id.clone(), b.status.map(|s| s.as_str().to_string()))
                    }
                };
                m.distance.push(unit.from_metres(r.distance_m));
                m.nearest_lat.push(r.point.lat);
                m.nearest_lon.push(r.point.lon);
                m.bearing_deg.push(r.bearing_deg);
                m.target.push(Some(id));
                m.status.push(status);
            }
            None => {
                for column in [
                    &mut m.distance,
                    &mut m.nearest_lat,
                    &mut m.nearest_lon,
                    &mut m.bearing_deg,
                ] {
                    column.push(f64::NAN);
                }
                m.target.push(None);
                m.status.push(None);
            }
        }
    }
    m
}

/// The nearest of `sites` to each point and its distance in `unit`
/// (`None` where the point is unusable), by an inverse problem to each.
pub(crate) fn nearest_sites(
    lats: &[f64],
    lons: &[f64],
    sites: &[Place],
    unit: Unit,
) -> Vec<Option<(String, f64)>> {
    lats.par_iter()
        .zip(lons.par_iter())
        .with_min_len(256)
        .map(|(&lat, &lon)| {
            let from = point(lat, lon)?;
            let (d, site) = sites
                .iter()
                .map(|s| (inverse(from, s.point).distance_m, s))
                .min_by(|a, b| a.0.total_cmp(&b.0))?;
            Some((
                site.site_id.clone().unwrap_or_default(),
                unit.from_metres(d),
            ))
        })
        .collect()
}
