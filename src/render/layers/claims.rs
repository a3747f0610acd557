//! `claims.geojson`: for each distance claim, the geodesic circle of the
//! claimed radius around the subject, with the claimed and computed figures.

use super::{geometry, verdict_colour, Collection, Props};
use crate::base::geodesy::{destination, GeoPoint};
use crate::load::dataset::Dataset;
use crate::measure::claims::ClaimCheck;
use geo::{LineString, MultiPolygon, Polygon};

/// Vertices per circle: one per degree of azimuth, smooth at any map scale
/// where the circle is visible.
const CIRCLE_VERTICES: usize = 360;

pub(super) fn layer(data: &Dataset, checks: &[ClaimCheck]) -> String {
    let mut rows: Vec<&ClaimCheck> = checks
        .iter()
        .filter(|c| c.claim.spec.band().is_some())
        .collect();
    rows.sort_by(|a, b| a.claim.id.cmp(&b.claim.id));
    let mut out = Collection::new("claims");
    for check in rows {
        let (Some(m), Some(band)) = (&check.measurement, check.claim.spec.band()) else {
            continue;
        };
        let (Some(computed), unit) = (check.computed, band.unit) else {
            continue;
        };
        let radius_m = unit.to_metres(band.stated);
        let rings = split_at_antimeridian(circle(m.from.point, radius_m));
        let polygons: Vec<Polygon> = rings
            .into_iter()
            .map(|r| {
                Polygon::new(
                    LineString::from_iter(r.into_iter().map(geo::Coord::from)),
                    vec![],
                )
            })
            .collect();
        let outlet = data
            .source(&check.claim.source_id)
            .map_or("", |s| s.outlet.as_str());
        let verdict = check.verdict;
        let props = Props::default()
            .text("claim_id", &check.claim.id)
            .text("source_id", &check.claim.source_id)
            .text("source_outlet", outlet)
            .text("subject", &check.claim.subject)
            .text("kind", check.claim.spec.kind().as_str())
            .text("target", &check.claim.target)
            .text("claimed", &check.claim.value)
            .text("unit", unit.symbol())
            .number("radius_km", Some(radius_m / 1000.0), 3)
            .number("computed", check.computed, 3)
            .number("difference", check.difference, 3)
            .number("accepted_low", check.accepted.map(|a| a.0), 3)
            .number("accepted_high", check.accepted.map(|a| a.1), 3)
            .text("verdict", verdict.as_str())
            .text("detail", &check.detail)
            .text(
                "title",
                &format!(
                    "{}: {} {} claimed, {computed:.1} computed — {verdict}",
                    check.claim.id,
                    check.claim.value,
                    unit.symbol(),
                ),
            )
            .text("stroke", verdict_colour(verdict))
            .value("stroke-width", 2)
            .text("fill", verdict_colour(verdict))
            .value("fill-opacity", 0.12)
            .done();
        out.add(
            &check.claim.id,
            geometry(&MultiPolygon::new(polygons)),
            props,
        );
    }
    out.finish()
}

/// A closed, counter-clockwise ring of points `radius_m` from `centre`
/// (azimuth decreasing = counter-clockwise on the map).
pub(crate) fn circle(centre: GeoPoint, radius_m: f64) -> Vec<GeoPoint> {
    let mut ring: Vec<GeoPoint> = (0..CIRCLE_VERTICES)
        .map(|i| {
            destination(
                centre,
                -(i as f64) * 360.0 / CIRCLE_VERTICES as f64,
                radius_m,
            )
            .0
        })
        .collect();
    ring.push(ring[0]);
    ring
}

/// Splits a ring that crosses the antimeridian into rings on either side
/// (RFC 7946, section 3.1.9). Rings around a pole are not handled.
pub(crate) fn split_at_antimeridian(ring: Vec<GeoPoint>) -> Vec<Vec<GeoPoint>> {
    // Unwrap longitudes so the ring is continuous.
    let mut unwrapped = vec![ring[0]];
    for p in &ring[1..] {
        let prev = unwrapped.last().expect("non-empty").lon;
        let lon = p.lon + 360.0 * ((prev - p.lon) / 360.0).round();
        unwrapped.push(GeoPoint::new(p.lat, lon));
    }
    let (min, max) = unwrapped.iter().fold((f64::MAX, f64::MIN), |(lo, hi), p| {
        (lo.min(p.lon), hi.max(p.lon))
    });
    if min >= -180.0 && max <= 180.0 {
        return vec![ring];
    }
    // Clip at the meridian the ring crosses; the part beyond it moves by 360°.
    let cut = if max > 180.0 { 180.0 } else { -180.0 };
    let shift = -cut * 2.0;
    let near_side = clip(&unwrapped, cut, cut > 0.0);
    let far_side: Vec<GeoPoint> = clip(&unwrapped, cut, cut < 0.0)
        .into_iter()
        .map(|p| GeoPoint::new(p.lat, p.lon + shift))
        .collect();
    [near_side, far_side]
        .into_iter()
        .filter(|r| r.len() >= 4)
        .collect()
}

/// Sutherland–Hodgman against the meridian `cut`: keeps `lon <= cut` when
/// `keep_below`, else `lon >= cut`. Returns a closed ring (or empty).
fn clip(ring: &[GeoPoint], cut: f64, keep_below: bool) -> Vec<GeoPoint> {
    let inside = |p: &GeoPoint| {
        if keep_below {
            p.lon <= cut
        } else {
            p.lon >= cut
        }
    };
    let mut out = Vec::new();
    for w in ring.windows(2) {
        let (a, b) = (w[0], w[1]);
        let crossing = || {
            let t = (cut - a.lon) / (b.lon - a.lon);
            GeoPoint::new(a.lat + t * (b.lat - a.lat), cut)
        };
        match (inside(&a), inside(&b)) {
            (true, true) => out.push(b),
            (true, false) => out.push(crossing()),
            (false, true) => {
                out.push(crossing());
                out.push(b);
            }
            (false, false) => {}
        }
    }
    if let Some(first) = out.first().copied() {
        out.push(first);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn signed_area(r: &[GeoPoint]) -> f64 {
        r.windows(2)
            .map(|w| w[0].lon * w[1].lat - w[1].lon * w[0].lat)
            .sum::<f64>()
            / 2.0
    }

    #[test]
    fn circles_are_closed_counter_clockwise_and_on_radius() {
        let c = GeoPoint::new(30.889167, -3.045556);
        let ring = circle(c, 80_000.0);
        assert_eq!(ring.first(), ring.last());
        assert!(signed_area(&ring) > 0.0);
        for p in &ring {
            assert!((crate::base::geodesy::inverse(c, *p).distance_m - 80_000.0).abs() < 1e-6);
        }
    }

    #[test]
    fn a_circle_across_the_antimeridian_is_split() {
        let rings = split_at_antimeridian(circle(GeoPoint::new(0.0, 179.5), 200_000.0));
        assert_eq!(rings.len(), 2);
        for r in &rings {
            assert!(r.iter().all(|p| p.lon.abs() <= 180.0));
            assert_eq!(r.first(), r.last());
            assert!(signed_area(r) > 0.0);
        }
        let sides: Vec<bool> = rings
            .iter()
            .map(|r| r.iter().all(|p| p.lon >= 0.0))
            .collect();
        assert!(sides.contains(&true) && sides.contains(&false));
    }
}
