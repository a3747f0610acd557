//! Geodesy on the WGS84 ellipsoid: distance, bearings, destination, and the
//! exact distance from a point to a geodesic segment.
//!
//! Point to point uses Karney's algorithms through `geographiclib-rs`
//! (accurate to about 15 nm). Point to segment (an edge of a boundary, itself
//! a geodesic) is found as follows, with no spherical or planar shortcut in
//! the answer:
//!
//! 1. *Ends first.* The inverse problem from each end A, B to the point P
//!    gives the azimuth of P as seen from that end. The first variation of
//!    arc length says the distance from P to a point moving along the edge
//!    changes at the rate `-cos θ`, where θ is the angle at the moving point
//!    between the edge and the geodesic to P. If the distance grows as one
//!    leaves A into the edge (cos θ ≤ 0 at A) the nearest point is A, and the
//!    same at B. For a segment far from P's antipode the distance along it
//!    has a single minimum, so these tests are exact.
//! 2. *Otherwise Newton along the edge.* With the inverse from the current
//!    point X to P we have θ, the reduced length m12 and the geodesic scale
//!    M21. Moving X by ds turns the geodesic to P by `ds sin θ M21 / m12`,
//!    so the step that makes θ a right angle is
//!    `ds = a atan2(m12 cos θ / a, M21)` (exact on a sphere, Newton on the
//!    ellipsoid, hence quadratic convergence). Iteration stops when the
//!    remaining step would change the distance by less than 0.1 µm.
//!
//! Tested against GeographicLib's own values and a brute-force search (see
//! `tests/accuracy.rs`).

use geographiclib_rs::{DirectGeodesic, Geodesic, InverseGeodesic};
use std::sync::OnceLock;

/// WGS84 semi-major axis, metres.
pub const WGS84_A: f64 = 6_378_137.0;
/// WGS84 flattening.
pub const WGS84_F: f64 = 1.0 / 298.257_223_563;

/// The WGS84 ellipsoid, built once.
pub fn wgs84() -> &'static Geodesic {
    static GEOD: OnceLock<Geodesic> = OnceLock::new();
    GEOD.get_or_init(Geodesic::wgs84)
}

/// A position in degrees (WGS84).
///
/// ```
/// use sandtable::base::GeoPoint;
/// let p = GeoPoint::new(30.889167, -3.045556);
/// assert_eq!(p.lat, 30.889167);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GeoPoint {
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lon: f64,
}

impl GeoPoint {
    /// A point from latitude and longitude in degrees.
    pub const fn new(lat: f64, lon: f64) -> GeoPoint {
        GeoPoint { lat, lon }
    }

    /// Earth-centred, earth-fixed coordinates in metres (on the ellipsoid).
    pub fn to_ecef(self) -> [f64; 3] {
        let e2 = WGS84_F * (2.0 - WGS84_F);
        let (sin_lat, cos_lat) = self.lat.to_radians().sin_cos();
        let (sin_lon, cos_lon) = self.lon.to_radians().sin_cos();
        let n = WGS84_A / (1.0 - e2 * sin_lat * sin_lat).sqrt();
        [
            n * cos_lat * cos_lon,
            n * cos_lat * sin_lon,
            n * (1.0 - e2) * sin_lat,
        ]
    }
}

impl From<geo::Coord> for GeoPoint {
    /// A `geo` coordinate (x longitude, y latitude) as a point.
    fn from(c: geo::Coord) -> GeoPoint {
        GeoPoint::new(c.y, c.x)
    }
}

impl From<geo::Point> for GeoPoint {
    /// A `geo` point (x longitude, y latitude) as a point.
    fn from(p: geo::Point) -> GeoPoint {
        GeoPoint::from(p.0)
    }
}

impl From<GeoPoint> for geo::Coord {
    /// The point as a `geo` coordinate: x longitude, y latitude.
    fn from(p: GeoPoint) -> geo::Coord {
        geo::coord! { x: p.lon, y: p.lat }
    }
}

/// The answer to the inverse problem between two points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Inverse {
    /// Geodesic distance, metres.
    pub distance_m: f64,
    /// Azimuth at the first point, degrees clockwise from north.
    pub initial_bearing_deg: f64,
    /// Azimuth at the second point (direction of travel), degrees.
    pub final_bearing_deg: f64,
}

/// Distance and bearings from `from` to `to`.
///
/// ```
/// use sandtable::{base::inverse, base::GeoPoint};
/// // Béchar to Hammaguir.
/// let r = inverse(GeoPoint::new(31.6238, -2.2162), GeoPoint::new(30.889167, -3.045556));
/// assert!((r.distance_m - 113_460.0).abs() < 10.0);
/// assert!(r.initial_bearing_deg < -135.0);  // south-west
/// ```
pub fn inverse(from: GeoPoint, to: GeoPoint) -> Inverse {
    let (s12, azi1, azi2, _a12): (f64, f64, f64, f64) =
        wgs84().inverse(from.lat, from.lon, to.lat, to.lon);
    Inverse {
        distance_m: s12,
        initial_bearing_deg: azi1,
        final_bearing_deg: azi2,
    }
}

/// The point `distance_m` from `from` along azimuth `bearing_deg`, and the
/// azimuth of travel there.
///
/// ```
/// use sandtable::{base::destination, base::GeoPoint};
/// let (p, _) = destination(GeoPoint::new(0.0, 0.0), 90.0, 111_319.49);
/// assert!((p.lon - 1.0).abs() < 1e-6 && p.lat.abs() < 1e-9);
/// ```
pub fn destination(from: GeoPoint, bearing_deg: f64, distance_m: f64) -> (GeoPoint, f64) {
    let (lat, lon, azi): (f64, f64, f64) =
        wgs84().direct(from.lat, from.lon, bearing_deg, distance_m);
    (GeoPoint::new(lat, lon), azi)
}

/// Points along the geodesic from `from` to `to`, every `step_m` metres at
/// most, both ends included: for drawing the line true on any map.
///
/// ```text
/// use sandtable::{densify, base::GeoPoint};
/// let pts = densify(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0), 50_000.0);
/// assert_eq!(pts.len(), 4);
/// ```
pub fn densify(from: GeoPoint, to: GeoPoint, step_m: f64) -> Vec<GeoPoint> {
    let line = inverse(from, to);
    let pieces = (line.distance_m / step_m).ceil().max(1.0) as usize;
    let mut points = vec![from];
    for i in 1..pieces {
        let s = line.distance_m * i as f64 / pieces as f64;
        points.push(destination(from, line.initial_bearing_deg, s).0);
    }
    points.push(to);
    points
}

/// A boundary edge: the geodesic between two vertices.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Edge {
    /// First vertex.
    pub a: GeoPoint,
    /// Second vertex.
    pub b: GeoPoint,
    /// Length, metres.
    pub length_m: f64,
    /// Azimuth of the edge leaving `a`, degrees.
    pub azimuth_a: f64,
    /// Azimuth of the edge arriving at `b` (direction of travel), degrees.
    pub azimuth_b: f64,
}

impl Edge {
    /// The geodesic edge from `a` to `b`.
    ///
    /// ```text
    /// use sandtable::{Edge, base::GeoPoint};
    /// let e = Edge::new(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0));
    /// assert!((e.azimuth_a - 90.0).abs() < 1e-9);
    /// ```
    pub fn new(a: GeoPoint, b: GeoPoint) -> Edge {
        let line = inverse(a, b);
        Edge {
            a,
            b,
            length_m: line.distance_m,
            azimuth_a: line.initial_bearing_deg,
            azimuth_b: line.final_bearing_deg,
        }
    }
}

/// The nearest point of a line to a query point.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Nearest {
    /// Geodesic distance from the query point, metres.
    pub distance_m: f64,
    /// The nearest point on the line.
    pub point: GeoPoint,
    /// Azimuth from the query point towards `point`, degrees.
    pub bearing_deg: f64,
}

/// What the inverse problem from a vertex to the query point tells us.
#[derive(Debug, Clone, Copy)]
pub struct VertexView {
    distance_m: f64,
    /// Azimuth at the vertex towards the query point.
    azimuth_to_point: f64,
    /// Azimuth at the query point towards the vertex.
    bearing_from_point: f64,
    m12: f64,
    big_m21: f64,
}

impl VertexView {
    /// Solves the inverse problem from `vertex` to `p`.
    pub fn new(vertex: GeoPoint, p: GeoPoint) -> VertexView {
        let (s12, azi1, azi2, m12, _big_m12, big_m21, _a12): (f64, f64, f64, f64, f64, f64, f64) =
            wgs84().inverse(vertex.lat, vertex.lon, p.lat, p.lon);
        VertexView {
            distance_m: s12,
            azimuth_to_point: azi1,
            bearing_from_point: azi2 + 180.0,
            m12,
            big_m21,
        }
    }

    /// True when leaving the vertex along `azimuth` (into an edge) moves
    /// away from the point: the distance then only grows along the edge,
    /// so the vertex is the edge's nearest point.
    pub fn is_nearest_end(&self, azimuth: f64) -> bool {
        self.distance_m == 0.0 || (self.azimuth_to_point - azimuth).to_radians().cos() <= 0.0
    }

    /// This vertex as the answer.
    pub fn as_nearest(&self, vertex: GeoPoint) -> Nearest {
        Nearest {
            distance_m: self.distance_m,
            point: vertex,
            bearing_deg: normalise_bearing(self.bearing_from_point),
        }
    }
}

/// Lower bounds on the distance from the query point to geodesic edges
/// near a vertex whose inverse problem is solved, from that solution alone
/// and where the edges' ends lie as seen from the vertex.
///
/// The proof, with S the vertex, P the query point, X any point of an
/// edge WZ of length L:
/// - The ellipsoid's Gaussian curvature is at most κ = 1/b² (b the polar
///   semi-axis; the maximum is at the equator). Geodesic triangles of
///   perimeter below 2 min(injectivity radius, π/√κ), about 40,000 km
///   here, satisfy the CAT(κ) comparison, whose hinge form says: two
///   geodesics from S of lengths d and t with the angle δ between them end
///   at least as far apart as on the sphere of radius b (Bridson &
///   Haefliger, *Metric Spaces of Non-positive Curvature*, II.1A.6 and
///   II.1.7(5)). The bound is used only while every such triangle is under
///   18,000 km round.
/// - By the triangle inequality t = |SX| lies in
///   [max(|SW|, |SZ|) − L, min(|SW|, |SZ|) + L].
/// - Seen from S, X moves monotonically from W's direction to Z's: two
///   directions meeting the edge twice would make a geodesic digon, which
///   a CAT(κ) region of this size does not hold. So δ is at least the
///   angle from the direction of P to that arc (zero when P's direction is
///   inside it).
/// - On the sphere the distance grows with δ, and along a direction it
///   falls until the foot of the perpendicular (tan t = tan d cos δ) and
///   rises after; so its least value over the interval of t is at the foot
///   clamped to the interval, given by the haversine law.
///
/// A test against the exact distance on 20,000 random edges passes with
/// radius b and fails with the equatorial radius a.
///
/// ```text
/// let hinge = Hinge::new(&VertexView::new(s, p));
/// let bound = hinge.lower_bound([(0.0, edge.azimuth_a), (edge.length_m, edge.azimuth_a)], edge.length_m);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Hinge {
    distance_m: f64,
    /// The distance as an angle on the comparison sphere, its sine and tangent.
    angle: f64,
    sin_angle: f64,
    tan_angle: f64,
    azimuth_to_point: f64,
}

impl Hinge {
    /// The comparison sphere's radius: the polar semi-axis b.
    const RADIUS: f64 = WGS84_A * (1.0 - WGS84_F);
    const PERIMETER: f64 = 18_000_000.0;

    /// The bounds from one vertex's inverse solution.
    pub fn new(view: &VertexView) -> Hinge {
        let angle = view.distance_m / Self::RADIUS;
        Hinge {
            distance_m: view.distance_m,
            angle,
            sin_angle: angle.sin(),
            tan_angle: angle.tan(),
            azimuth_to_point: view.azimuth_to_point,
        }
    }

    /// What [`Hinge::at_least`] compares with for a distance: its
    /// haversine on the comparison sphere, nudged up past rounding (the
    /// trigonometry errs far below a micrometre).
    pub fn threshold(distance_m: f64) -> f64 {
        haversine((distance_m * (1.0 + 1e-12) + 1e-6) / Self::RADIUS)
    }

    /// True when every point of the sector is provably at least the
    /// distance whose [`Hinge::threshold`] is given away from the query
    /// point.
    pub fn at_least(&self, sector: &Sector, threshold: f64) -> bool {
        self.haversine_bound(sector).is_some_and(|h| h >= threshold)
    }

    /// The lower bound itself, metres (`-∞` when none applies).
    #[cfg(test)]
    pub fn lower_bound(&self, sector: &Sector) -> f64 {
        self.haversine_bound(sector).map_or(f64::NEG_INFINITY, |h| {
            2.0 * Self::RADIUS * h.sqrt().min(1.0).asin()
        })
    }

    /// The haversine of the least comparison distance, as an angle.
    fn haversine_bound(&self, sector: &Sector) -> Option<f64> {
        let Sector {
            from,
            span,
            near,
            far,
        } = *sector;
        if 2.0 * (self.distance_m + far) > Self::PERIMETER || !(0.0..=179.0).contains(&span) {
            return None;
        }
        let to_point = signed_angle(from, self.azimuth_to_point);
        let delta = if (0.0..=span).contains(&to_point) {
            0.0
        } else {
            let past_end = signed_angle(from + span, self.azimuth_to_point);
            to_point.abs().min(past_end.abs()).to_radians()
        };
        // hav δ and cos δ from one sine.
        let hav_delta = (delta / 2.0).sin().powi(2);
        let cos_delta = 1.0 - 2.0 * hav_delta;
        let foot = if cos_delta > 0.0 {
            Self::RADIUS * (self.tan_angle * cos_delta).atan()
        } else {
            0.0
        };
        let t = foot.clamp(near, far) / Self::RADIUS;
        Some(haversine(self.angle - t) + self.sin_angle * t.sin() * hav_delta)
    }
}

/// Where a stretch of line lies as seen from a vertex: every point of it
/// is `near` to `far` metres away, in a direction within `span` degrees
/// clockwise of the azimuth `from`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sector {
    /// Azimuth where the arc of directions starts, degrees.
    pub from: f64,
    /// Width of the arc, clockwise, degrees.
    pub span: f64,
    /// Least distance, metres.
    pub near: f64,
    /// Greatest distance, metres.
    pub far: f64,
}

impl Sector {
    /// No directions and no distances yet, starting at azimuth `from`.
    pub fn empty(from: f64) -> Sector {
        Sector {
            from,
            span: 0.0,
            near: f64::INFINITY,
            far: f64::NEG_INFINITY,
        }
    }

    /// This sector grown to hold one more geodesic edge of `length` metres
    /// as well, given where its two ends lie, `(distance, azimuth)` each
    /// (for an end at the vertex itself, distance 0 and the edge's own
    /// azimuth there). Seen from the vertex, the edge's points lie in the
    /// arc between its ends' directions, the shorter way round, and at
    /// distances the triangle inequality allows; the sector grows to
    /// cover that arc and those distances.
    pub fn with_edge(
        self,
        (t_w, az_w): (f64, f64),
        (t_z, az_z): (f64, f64),
        length: f64,
    ) -> Sector {
        if self.span > 179.0 {
            return self; // too wide to bound anything: stays so
        }
        let at_w = signed_angle(self.from, az_w);
        let at_z = at_w + signed_angle(az_w, az_z);
        let low = at_w.min(at_z).min(0.0);
        Sector {
            from: self.from + low,
            span: self.span.max(at_w).max(at_z) - low,
            near: self.near.min((t_w.max(t_z) - length).max(0.0)),
            far: self.far.max(t_w.min(t_z) + length),
        }
    }
}

fn haversine(x: f64) -> f64 {
    (x / 2.0).sin().powi(2)
}

/// The angle from azimuth `from` to azimuth `to`, degrees in (-180, 180].
fn signed_angle(from: f64, to: f64) -> f64 {
    let mut x = to - from;
    // Azimuths here are within a turn or two of each other: a few
    // subtractions are cheaper than a remainder.
    while x > 180.0 {
        x -= 360.0;
    }
    while x <= -180.0 {
        x += 360.0;
    }
    x
}

/// Bearing in [0, 360).
///
/// ```text
/// assert_eq!(sandtable::normalise_bearing(-90.0), 270.0);
/// ```
pub fn normalise_bearing(deg: f64) -> f64 {
    let b = deg.rem_euclid(360.0);
    if b >= 360.0 {
        0.0
    } else {
        b
    }
}

/// The Newton step along a geodesic towards the foot of the perpendicular
/// from the query point (see the module docs).
fn step_along(view: &VertexView, line_azimuth: f64) -> f64 {
    let cos_theta = (view.azimuth_to_point - line_azimuth).to_radians().cos();
    WGS84_A * (view.m12 * cos_theta / WGS84_A).atan2(view.big_m21)
}

/// Exact nearest point of the geodesic edge to `p`, given the inverse
/// problems from both ends (so that a caller can share them between
/// neighbouring edges).
///
/// ```text
/// use sandtable::{nearest_on_edge, Edge, base::GeoPoint, VertexView};
/// let e = Edge::new(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0));
/// let p = GeoPoint::new(0.1, 0.5);
/// let n = nearest_on_edge(p, &e, &VertexView::new(e.a, p), &VertexView::new(e.b, p));
/// assert!((n.point.lon - 0.5).abs() < 1e-9 && n.point.lat.abs() < 1e-12);
/// ```
pub fn nearest_on_edge(p: GeoPoint, edge: &Edge, at_a: &VertexView, at_b: &VertexView) -> Nearest {
    let ends = at_a.as_nearest(edge.a).min_with(at_b.as_nearest(edge.b));
    if edge.length_m == 0.0
        || at_a.is_nearest_end(edge.azimuth_a)
        || at_b.is_nearest_end(edge.azimuth_b + 180.0)
    {
        return ends;
    }
    let clamp = |s: f64| s.clamp(0.0, edge.length_m);
    let mut s = clamp(step_along(at_a, edge.azimuth_a));
    let mut best = ends;
    for _ in 0..30 {
        let (x, line_azimuth) = destination(edge.a, edge.azimuth_a, s);
        let view = VertexView::new(x, p);
        best = best.min_with(view.as_nearest(x));
        if view.distance_m == 0.0 {
            break;
        }
        let step = step_along(&view, line_azimuth);
        // Off the foot by `step`, the distance exceeds the minimum by about
        // step^2 / 2d (or by |step| when d is tiny): stop below 0.1 µm.
        if step * step <= 2e-7 * view.distance_m && step.abs() < 1e-3 {
            break;
        }
        s = clamp(s + step);
    }
    best
}

impl Nearest {
    /// The nearer of two answers (the first on a tie).
    pub fn min_with(self, other: Nearest) -> Nearest {
        if other.distance_m < self.distance_m {
            other
        } else {
            self
        }
    }
}

/// The 16 compass points, clockwise from north, 22.5° apart.
const COMPASS_POINTS: [&str; 16] = [
    "N", "NNE", "NE", "ENE", "E", "ESE", "SE", "SSE", "S", "SSW", "SW", "WSW", "W", "WNW", "NW",
    "NNW",
];

/// The compass point (16-wind) for a bearing.
///
/// # Units
/// - bearing: degrees clockwise from north, any range
///
/// # Examples
/// ```
/// assert_eq!(sandtable::base::compass_point(225.0), "SW");
/// assert_eq!(sandtable::base::compass_point(-10.0), "N");
/// ```
pub fn compass_point(bearing_deg: f64) -> &'static str {
    let i = ((normalise_bearing(bearing_deg) + 11.25) / 22.5).floor() as usize % 16;
    COMPASS_POINTS[i]
}

/// The bearing of a compass point and the half-width of its sector:
/// ±22.5° for the 8 winds (`N`, `SW`), ±11.25° for the other 8 (`NNE`).
/// `None` when the text is not a compass point (any case is accepted).
///
/// # Units
/// Degrees clockwise from north.
///
/// # Examples
/// ```
/// assert_eq!(sandtable::base::compass_sector("sw"), Some((225.0, 22.5)));
/// assert_eq!(sandtable::base::compass_sector("NNE"), Some((22.5, 11.25)));
/// assert_eq!(sandtable::base::compass_sector("up"), None);
/// ```
pub fn compass_sector(name: &str) -> Option<(f64, f64)> {
    let upper = name.to_ascii_uppercase();
    let i = COMPASS_POINTS.iter().position(|c| *c == upper)?;
    let half_width = if upper.len() <= 2 { 22.5 } else { 11.25 };
    Some((i as f64 * 22.5, half_width))
}

/// Every compass point, for messages.
pub(crate) fn compass_points() -> String {
    COMPASS_POINTS.join(", ")
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn brute(p: GeoPoint, e: &Edge) -> f64 {
        // Golden-section search on exact distances along the edge.
        let d = |s: f64| inverse(destination(e.a, e.azimuth_a, s).0, p).distance_m;
        let (mut lo, mut hi) = (0.0, e.length_m);
        let g = (5f64.sqrt() - 1.0) / 2.0;
        for _ in 0..200 {
            let m1 = hi - g * (hi - lo);
            let m2 = lo + g * (hi - lo);
            if d(m1) < d(m2) {
                hi = m2
            } else {
                lo = m1
            }
        }
        d((lo + hi) / 2.0).min(d(0.0)).min(d(e.length_m))
    }

    /// Seeded numbers in [0, 1) (xorshift), so every run tests the same cases.
    pub(crate) fn uniform(mut state: u64) -> impl FnMut() -> f64 {
        move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state >> 11) as f64 / (1u64 << 53) as f64
        }
    }

    fn nearest(p: GeoPoint, e: &Edge) -> Nearest {
        nearest_on_edge(p, e, &VertexView::new(e.a, p), &VertexView::new(e.b, p))
    }

    #[test]
    fn interior_foot_matches_golden_section() {
        let e = Edge::new(GeoPoint::new(32.0, -2.0), GeoPoint::new(31.5, -1.2));
        for p in [
            GeoPoint::new(31.9, -1.4),
            GeoPoint::new(31.0, -2.0),
            GeoPoint::new(45.0, 10.0),
            GeoPoint::new(31.75, -1.6),
        ] {
            let n = nearest(p, &e);
            assert!((n.distance_m - brute(p, &e)).abs() < 1e-4, "{p:?}");
        }
    }

    #[test]
    fn on_the_line_is_zero_and_at_a_vertex_is_the_vertex() {
        let e = Edge::new(GeoPoint::new(32.0, -2.0), GeoPoint::new(31.5, -1.2));
        let (mid, _) = destination(e.a, e.azimuth_a, e.length_m / 3.0);
        assert!(nearest(mid, &e).distance_m < 1e-6);
        let n = nearest(e.b, &e);
        assert_eq!(n.distance_m, 0.0);
        assert_eq!(n.point, e.b);
    }

    #[test]
    fn the_fan_bound_is_below_the_exact_distance() {
        // Edges a few metres to 300 km long, seen from a vertex 0 to 400 km
        // away along any direction, query points 1 m to 8,000 km away, at
        // latitudes from the equator to 80°: the bound never exceeds the
        // exact distance, and near the answer it is tight.
        let mut next = uniform(0x2545F4914F6CDD1Du64);
        let mut tight = 0;
        for _ in 0..20_000 {
            let s = GeoPoint::new(-80.0 + 160.0 * next(), 360.0 * next() - 180.0);
            let (w, _) = destination(s, 360.0 * next(), 400_000.0 * next() * next());
            let (z, _) = destination(w, 360.0 * next(), 5.0 + 300_000.0 * next().powi(3));
            let reach = 10f64.powf(6.9 * next());
            let (p, _) = destination(w, 360.0 * next(), reach);
            let edge = Edge::new(w, z);
            let exact = nearest(p, &edge).distance_m;
            let from_s = |x: GeoPoint| {
                let line = inverse(s, x);
                (line.distance_m, line.initial_bearing_deg)
            };
            let hinge = Hinge::new(&VertexView::new(s, p));
            let ends = [from_s(w), from_s(z)];
            let sector = Sector::empty(ends[0].1).with_edge(ends[0], ends[1], edge.length_m);
            let bound = hinge.lower_bound(&sector);
            // The test the search uses agrees: never true at the exact distance.
            assert!(!hinge.at_least(&sector, Hinge::threshold(exact)));
            assert!(
                bound < exact * (1.0 + 1e-12) + 1e-6,
                "{s:?} {w:?} {z:?} {p:?}: {bound} > {exact}"
            );
            if bound > exact - 1e-3 * exact.max(1.0) {
                tight += 1;
            }
        }
        assert!(tight > 1_000, "{tight}");
    }

    #[test]
    fn the_fan_bound_over_a_stretch_is_below_every_edge_of_it() {
        // Four consecutive edges of a random wiggly line, sometimes through
        // the vertex the bound is taken from, seen from near and far.
        let mut next = uniform(0x9E3779B97F4A7C15u64);
        for _ in 0..5_000 {
            let s = GeoPoint::new(-70.0 + 140.0 * next(), 360.0 * next() - 180.0);
            let through_s = next() < 0.3;
            let mut heading = 360.0 * next();
            let mut points = vec![if through_s {
                s
            } else {
                destination(s, 360.0 * next(), 200_000.0 * next()).0
            }];
            for _ in 0..4 {
                heading += 90.0 * (next() - 0.5);
                let step = 100.0 + 3_000.0 * next();
                points.push(destination(*points.last().unwrap(), heading, step).0);
            }
            if through_s {
                points.rotate_left(2); // s in the middle of the stretch
                points.swap(0, 2);
            }
            let edges: Vec<Edge> = points.windows(2).map(|w| Edge::new(w[0], w[1])).collect();
            let p = destination(s, 360.0 * next(), 10f64.powf(6.9 * next())).0;
            let seen = |x: GeoPoint, own: f64| {
                if x == s {
                    (0.0, own)
                } else {
                    let line = inverse(s, x);
                    (line.distance_m, line.initial_bearing_deg)
                }
            };
            let mut sector = Sector::empty(seen(edges[0].a, edges[0].azimuth_a).1);
            for e in &edges {
                sector = sector.with_edge(
                    seen(e.a, e.azimuth_a),
                    seen(e.b, e.azimuth_b + 180.0),
                    e.length_m,
                );
            }
            let exact = edges
                .iter()
                .map(|e| nearest(p, e).distance_m)
                .fold(f64::INFINITY, f64::min);
            let hinge = Hinge::new(&VertexView::new(s, p));
            let bound = hinge.lower_bound(&sector);
            // Where the answer is the vertex itself the bound is the exact
            // distance, up to rounding: the search allows for that.
            assert!(
                bound < exact * (1.0 + 1e-12) + 1e-6,
                "{s:?} {points:?} {p:?}: {bound} > {exact}"
            );
            assert!(!hinge.at_least(&sector, Hinge::threshold(exact)));
        }
    }

    #[test]
    fn the_fan_bound_from_an_end_of_the_edge() {
        let e = Edge::new(GeoPoint::new(31.0, -2.0), GeoPoint::new(31.01, -1.99));
        for p in [
            GeoPoint::new(40.0, 5.0),
            GeoPoint::new(20.0, -10.0),
            GeoPoint::new(31.0, -1.9),
        ] {
            let exact = nearest(p, &e).distance_m;
            let sector = Sector::empty(e.azimuth_a).with_edge(
                (0.0, e.azimuth_a),
                (e.length_m, e.azimuth_a),
                e.length_m,
            );
            let bound = Hinge::new(&VertexView::new(e.a, p)).lower_bound(&sector);
            assert!(
                bound <= exact && bound > exact - 1.0,
                "{p:?}: {bound} vs {exact}"
            );
        }
    }

    #[test]
    fn beyond_an_end_the_end_is_nearest() {
        let e = Edge::new(GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0));
        let n = nearest(GeoPoint::new(0.5, 1.5), &e);
        assert_eq!(n.point, e.b);
        let n = nearest(GeoPoint::new(-0.5, -1.5), &e);
        assert_eq!(n.point, e.a);
    }
}
