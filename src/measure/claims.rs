//! Checking what sources claim against the geometry.
//!
//! Each claim gets the figure the tool computes, the difference and a
//! verdict. The tolerance is honest about both kinds of uncertainty:
//!
//! * **The statement.** "about 80 km" allows ±10 % (so 72–88 km); a bare
//!   number allows half a unit of its last digit (80 → 79.5–80.5); a range
//!   `a..b` (how "a few kilometres" is recorded: 2..9) allows exactly that.
//! * **The places.** Every site has a `precision_m` radius: the real place
//!   (the exercise area, not the village) may lie anywhere within it. The
//!   radii of the places involved widen the band on both sides. Boundaries
//!   add 10 m, their source's stated resolution.
//!
//! A distance is `consistent` inside the widened band, `overstated` when the
//! claim says farther than the band allows, `understated` when nearer. A
//! bearing claim is a compass point (its sector: ±22.5° for 8 winds, ±11.25°
//! for 16) or degrees (±5°, ±10° with `about`), widened by the angle the
//! places' radii subtend; outside it the verdict is `inconsistent`.
//!
//! "Between" rule: X lies between A and B when the foot of the
//! perpendicular from X onto the geodesic A→B falls inside it (not beyond
//! either end) and X is no farther from that geodesic than a quarter of the
//! A–B distance (plus the places' radii). The report gives where along the
//! line the foot falls (0 % at A, 100 % at B) and the offset.

use crate::base::geodesy::{
    compass_point, inverse, nearest_on_edge, normalise_bearing, Edge, GeoPoint, VertexView,
};
use crate::base::vocab::Verdict;
use crate::load::dataset::Dataset;
use crate::load::model::Claim;
use crate::load::spec::{ClaimSpec, DistanceBand, Sector};
use crate::measure::distances::{measure, Measurement};
use crate::resolve::place::{border_target, Place, Target};

/// Resolution of the bundled boundary data, metres.
const BOUNDARY_PRECISION_M: f64 = 10.0;

/// A claim with what the geometry says.
///
/// ```
/// # let data = sandtable::load::Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let checks = sandtable::measure::check_claims(&data);
/// let eighty = checks.iter().find(|c| c.claim.id == "hammaguir-80km-from-morocco").unwrap();
/// assert_eq!(eighty.verdict, sandtable::base::Verdict::Overstated);
/// ```
#[derive(Debug, Clone)]
pub struct ClaimCheck {
    /// The claim as recorded.
    pub claim: Claim,
    /// The computed figure, in the claim's unit (degrees for bearings,
    /// percent along the line for `between`).
    pub computed: Option<f64>,
    /// computed − stated (for a range: distance outside it, 0 inside).
    pub difference: Option<f64>,
    /// The band accepted as consistent, in the claim's unit.
    pub accepted: Option<(f64, f64)>,
    /// The verdict.
    pub verdict: Verdict,
    /// One sentence on how the verdict was reached.
    pub detail: String,
    /// The measurement behind it (for distance claims), for maps.
    pub measurement: Option<Measurement>,
    /// A remark for the reader: a distance between two places that is too
    /// long for a straight line but fits a road's length.
    pub note: Option<String>,
}

/// How much longer than the geodesic a road between two places can be and
/// still be the distance an outlet quotes: road networks measured across
/// many countries are 1.2 to 1.4 times the straight line on average
/// (Ballou, Rahardja and Sakai, 2002); desert roads wind more.
pub const ROAD_FACTOR: f64 = 1.45;

/// Checks every claim of the dataset.
pub fn check_all(data: &Dataset) -> Vec<ClaimCheck> {
    data.claims.iter().map(|c| check(c, data)).collect()
}

/// Resolves a claim subject (site or event) to a place.
fn subject_place(data: &Dataset, id: &str) -> Result<Place, String> {
    if let Some(site) = data.site(id) {
        return Ok(Place::of_site(site));
    }
    let event = data
        .event(id)
        .ok_or_else(|| format!("'{id}' is not a site or event"))?;
    match event.site_ids.as_slice() {
        [one] => data
            .site(one)
            .map(Place::of_site)
            .ok_or_else(|| format!("site '{one}' not found")),
        [] => Err(format!("event '{id}' has no site")),
        _ => Err(format!("event '{id}' has several sites")),
    }
}

/// Checks one claim.
pub fn check(claim: &Claim, data: &Dataset) -> ClaimCheck {
    let unverifiable = |why: String| ClaimCheck {
        claim: claim.clone(),
        computed: None,
        difference: None,
        accepted: None,
        verdict: Verdict::Unverifiable,
        detail: why,
        measurement: None,
        note: None,
    };
    let subject = match subject_place(data, &claim.subject) {
        Ok(p) => p,
        Err(why) => return unverifiable(why),
    };
    let site = |id: &str| {
        data.site(id)
            .map(Place::of_site)
            .ok_or_else(|| format!("unknown site '{id}'"))
    };
    let checked = match &claim.spec {
        ClaimSpec::DistanceToBorder { country, band } => border_target(country, &subject)
            .map_err(|e| e.to_string())
            .and_then(|boundaries| {
                measure(&subject, &Target::Boundaries(boundaries))
                    .ok_or_else(|| "the boundary has no lines".to_string())
            })
            .map(|m| {
                let slack = subject.precision_m + BOUNDARY_PRECISION_M;
                distance_verdict(claim, m, slack, band)
            }),
        ClaimSpec::DistanceBetween { site: other, band } => site(other).map(|target| {
            let slack = subject.precision_m + target.precision_m;
            let m = measure(&subject, &Target::Place(target)).expect("two points");
            with_road_note(distance_verdict(claim, m, slack, band), band)
        }),
        ClaimSpec::Bearing {
            site: other,
            sector,
        } => site(other).map(|target| bearing_verdict(claim, &subject, &target, sector)),
        ClaimSpec::Between { a, b } => site(a)
            .and_then(|a| Ok((a, site(b)?)))
            .map(|(a, b)| between_verdict(claim, &subject, &a, &b)),
    };
    checked.unwrap_or_else(unverifiable)
}

fn distance_verdict(
    claim: &Claim,
    m: Measurement,
    slack_m: f64,
    band: &DistanceBand,
) -> ClaimCheck {
    let DistanceBand {
        low,
        high,
        stated,
        is_range,
        unit,
    } = *band;
    let computed = unit.from_metres(m.distance_m);
    let slack = unit.from_metres(slack_m);
    let accepted = ((low - slack).max(0.0), high + slack);
    let verdict = if computed < accepted.0 {
        Verdict::Overstated
    } else if computed > accepted.1 {
        Verdict::Understated
    } else {
        Verdict::Consistent
    };
    let difference = if is_range {
        if computed < low {
            computed - low
        } else if computed > high {
            computed - high
        } else {
            0.0
        }
    } else {
        computed - stated
    };
    let to = m
        .boundary
        .as_ref()
        .map_or(m.to_label.clone(), |b| b.label.clone());
    let detail = format!(
        "{} to {}: {:.1} {unit}; claim band {:.1}–{:.1} {unit}, widened by {:.1} {unit} for the places' precision",
        m.from.label, to, computed, low, high, slack
    );
    ClaimCheck {
        claim: claim.clone(),
        computed: Some(computed),
        difference: Some(difference),
        accepted: Some(accepted),
        verdict,
        detail,
        measurement: Some(m),
        note: None,
    }
}

/// Notes an overstated distance between two places that fits a road:
/// the claim's band reaches into [geodesic, ROAD_FACTOR × geodesic].
fn with_road_note(mut check: ClaimCheck, band: &DistanceBand) -> ClaimCheck {
    let (Some(computed), Some((low, _))) = (check.computed, check.accepted) else {
        return check;
    };
    if check.verdict == Verdict::Overstated && low <= ROAD_FACTOR * computed {
        let note = format!(
            "consistent with a road distance: the claim is within {ROAD_FACTOR} times the straight line ({:.0}–{:.0} {})",
            computed,
            ROAD_FACTOR * computed,
            band.unit
        );
        check.detail = format!("{}; {note}", check.detail);
        check.note = Some(note);
    }
    check
}

fn bearing_verdict(claim: &Claim, from: &Place, to: &Place, sector: &Sector) -> ClaimCheck {
    let Sector {
        degrees,
        half_width,
    } = *sector;
    let line = inverse(from.point, to.point);
    let bearing = normalise_bearing(line.initial_bearing_deg);
    let spread = ((from.precision_m + to.precision_m) / line.distance_m.max(1.0))
        .atan()
        .to_degrees();
    let difference = (bearing - degrees + 540.0).rem_euclid(360.0) - 180.0;
    let allowed = half_width + spread;
    ClaimCheck {
        claim: claim.clone(),
        computed: Some(bearing),
        difference: Some(difference),
        accepted: Some((degrees - allowed, degrees + allowed)),
        verdict: if difference.abs() <= allowed {
            Verdict::Consistent
        } else {
            Verdict::Inconsistent
        },
        detail: format!(
            "{} → {}: bearing {:.1}° ({}); claim {:.1}° ± {:.2}° (sector ± {half_width}°, places ± {spread:.2}°)",
            from.label,
            to.label,
            bearing,
            compass_point(bearing),
            degrees,
            allowed
        ),
        measurement: None,
        note: None,
    }
}

/// Where X falls relative to the geodesic A→B: percent along and offset.
///
/// ```
/// use sandtable::{measure::position_along, base::GeoPoint};
/// let (percent, offset_m, _) = position_along(GeoPoint::new(0.1, 0.5), GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0));
/// assert!((percent - 50.0).abs() < 0.01 && (offset_m - 11_057.0).abs() < 5.0);
/// ```
pub fn position_along(x: GeoPoint, a: GeoPoint, b: GeoPoint) -> (f64, f64, bool) {
    let edge = Edge::new(a, b);
    let n = nearest_on_edge(x, &edge, &VertexView::new(a, x), &VertexView::new(b, x));
    let along = inverse(a, n.point).distance_m;
    let interior = n.point != a && n.point != b;
    (100.0 * along / edge.length_m, n.distance_m, interior)
}

fn between_verdict(claim: &Claim, x: &Place, a: &Place, b: &Place) -> ClaimCheck {
    let (percent, offset_m, interior) = position_along(x.point, a.point, b.point);
    let length = inverse(a.point, b.point).distance_m;
    let allowed = length / 4.0 + x.precision_m + a.precision_m + b.precision_m;
    let holds = interior && offset_m <= allowed;
    ClaimCheck {
        claim: claim.clone(),
        computed: Some(percent),
        difference: Some(offset_m / 1000.0),
        accepted: Some((0.0, 100.0)),
        verdict: if holds {
            Verdict::Consistent
        } else {
            Verdict::Inconsistent
        },
        detail: format!(
            "{} lies {:.0}% of the way along the {:.0} km geodesic {} → {}, {:.1} km off it (allowed: inside the line, up to {:.1} km off)",
            x.label,
            percent,
            length / 1000.0,
            a.label,
            b.label,
            offset_m / 1000.0,
            allowed / 1000.0
        ),
        measurement: None,
        note: None,
    }
}
