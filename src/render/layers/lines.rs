//! `borders.geojson` (the bundled boundaries) and `border-links.geojson`
//! (each site to its nearest boundary points, drawn along the geodesic).

use super::{geometry, Collection, Props};
use crate::base::geodesy::{compass_point, densify};
use crate::base::vocab::BoundaryStatus;
use crate::load::borders;
use crate::measure::distances::Measurement;
use geo::LineString;

/// Vertex spacing for geodesic lines, so they draw true on Web Mercator and
/// in the QGIS project's projection: a straight 25 km piece strays from the
/// geodesic by at most 23 m on Web Mercator (20,000 random pieces up to 62°
/// latitude, against GeographicLib), under a pixel at the web map's closest
/// zoom (about 300 m), while ten thousand sites' lines stay small enough
/// for QGIS to draw in seconds (at 5 km they were 60 MB).
const DENSIFY_M: f64 = 25_000.0;

pub(super) fn borders() -> String {
    let mut list: Vec<_> = borders::bundled().iter().collect();
    list.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Collection::new("borders");
    for b in list {
        let [a, z] = b.sides.expect("bundled boundaries have two sides");
        let props = Props::default()
            .text("a", &a.alpha3)
            .text("b", &z.alpha3)
            .text("a_name", &a.name)
            .text("b_name", &z.name)
            .text("status", b.status.map_or("", BoundaryStatus::as_str))
            .value("disputed", b.is_disputed())
            .text("source", &b.source)
            .text("title", &b.label)
            .text(
                "stroke",
                if b.is_disputed() {
                    "#e31a1c"
                } else {
                    "#252525"
                },
            )
            .value("stroke-width", if b.is_disputed() { 3 } else { 2 })
            .value("stroke-opacity", 0.9)
            .done();
        out.add(&b.id, geometry(&b.lines), props);
    }
    out.finish()
}

/// The colour of a measurement line from a site to a boundary.
pub(super) const LINK_GREY: &str = "#636363";

pub(super) fn links(links: &[Measurement]) -> String {
    let mut rows: Vec<_> = links.iter().collect();
    rows.sort_by(|a, b| {
        (&a.from.site_id, a.distance_m)
            .partial_cmp(&(&b.from.site_id, b.distance_m))
            .expect("finite")
    });
    let mut out = Collection::new("border-links");
    let mut previous_site = None;
    for m in rows {
        let site = m.from.site_id.as_deref().unwrap_or("");
        // Sorted by site, then distance: the first of a site is its nearest.
        let nearest = previous_site != Some(site);
        previous_site = Some(site);
        let Some(boundary) = &m.boundary else {
            continue;
        };
        let line = densify(m.from.point, m.to_point, DENSIFY_M);
        let km = m.distance_m / 1000.0;
        let props = Props::default()
            .text("site_id", site)
            .text("site_name", &m.from.label)
            .text("boundary", &boundary.id)
            .text("status", boundary.status.map_or("", BoundaryStatus::as_str))
            .number("distance_km", Some(km), 3)
            .number("bearing_deg", Some(m.initial_bearing_deg), 1)
            .text("compass", compass_point(m.initial_bearing_deg))
            .number("nearest_lat", Some(m.to_point.lat), 7)
            .number("nearest_lon", Some(m.to_point.lon), 7)
            .text(
                "title",
                &format!("{} → {}: {km:.1} km", m.from.label, boundary.label),
            )
            .value("nearest", nearest)
            // A measurement, not a border: thin and grey whatever the
            // boundary's status (as in the QGIS style and the web map).
            .text("stroke", LINK_GREY)
            .value("stroke-width", 1)
            .done();
        out.add(
            &format!("{site}→{}", boundary.id),
            geometry(&LineString::from_iter(
                line.into_iter().map(geo::Coord::from),
            )),
            props,
        );
    }
    out.finish()
}
