//! `sites.geojson`: a point per site.

use super::{kind_colour, Collection, Geometry, Props};
use crate::dataset::Dataset;
use crate::geodesy::GeoPoint;
use crate::measure::Measurement;

pub(super) fn layer(data: &Dataset, links: &[Measurement]) -> String {
    let mut sites: Vec<_> = data.sites.iter().collect();
    sites.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Collection::new("sites");
    for s in sites {
        let nearest = links
            .iter()
            .filter(|m| m.from.site_id.as_deref() == Some(s.id.as_str()))
            .min_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
        let boundary = nearest.and_then(|m| m.boundary.as_ref());
        let events = data
            .events
            .iter()
            .filter(|e| e.site_ids.contains(&s.id))
            .count();
        let symbol = match s.kind.as_str() {
            "port" => "harbor",
            "capital" | "city" => "town-hall",
            "sea_area" => "ferry",
            "region" => "land-use",
            _ => "danger",
        };
        let props = Props::default()
            .text("name", &s.name)
            .text("name_ar", &s.name_ar)
            .text("name_ru", &s.name_ru)
            .text("aliases", &s.aliases.join("; "))
            .text("kind", &s.kind)
            .text("country", &s.country)
            .text("admin1", &s.admin1)
            .number("lat", Some(s.lat), 7)
            .number("lon", Some(s.lon), 7)
            .number("precision_m", Some(s.precision_m), 0)
            .text("coord_source", &s.coord_source)
            .text("nearest_border", boundary.map_or("", |b| b.id.as_str()))
            .text(
                "nearest_border_status",
                boundary.map_or("", |b| b.status.as_str()),
            )
            .number(
                "border_distance_km",
                nearest.map(|m| m.distance_m / 1000.0),
                3,
            )
            .value("event_count", events)
            .text("title", &s.name)
            .text("marker-color", kind_colour(&s.kind))
            .text("marker-symbol", symbol)
            .text("marker-size", "medium")
            .done();
        out.add(&s.id, Geometry::Point(GeoPoint::new(s.lat, s.lon)), props);
    }
    out.finish()
}
