//! `sites.geojson`: a point per site.

use super::{geometry, site_colour, Collection, Props};
use crate::base::vocab::SiteKind;
use crate::load::dataset::Dataset;
use crate::measure::findings::Findings;

pub(super) fn layer(data: &Dataset, findings: &Findings) -> String {
    let mut sites: Vec<_> = data.sites.iter().collect();
    sites.sort_by(|a, b| a.id.cmp(&b.id));
    let mut out = Collection::new("sites");
    for s in sites {
        let nearest = findings.nearest_boundary(&s.id);
        let boundary = nearest.and_then(|m| m.boundary.as_ref());
        let symbol = match s.kind {
            SiteKind::Port => "harbor",
            SiteKind::Capital | SiteKind::City => "town-hall",
            SiteKind::SeaArea => "ferry",
            SiteKind::Region => "land-use",
            SiteKind::TrainingGround | SiteKind::Base | SiteKind::Airfield => "danger",
        };
        let props = Props::default()
            .text("name", &s.name)
            .text("name_ar", &s.name_ar)
            .text("name_ru", &s.name_ru)
            .text("aliases", &s.aliases.join("; "))
            .text("kind", s.kind.as_str())
            .text("country", &s.country.alpha2)
            .text("admin1", &s.admin1)
            .number("lat", Some(s.location.y()), 7)
            .number("lon", Some(s.location.x()), 7)
            .number("precision_m", Some(s.precision_m), 0)
            .text("coord_source", &s.coord_source)
            .text("nearest_border", boundary.map_or("", |b| b.id.as_str()))
            .text(
                "nearest_border_status",
                boundary.and_then(|b| b.status).map_or("", |s| s.as_str()),
            )
            .number(
                "border_distance_km",
                nearest.map(|m| m.distance_m / 1000.0),
                3,
            )
            .value("event_count", data.events_at(&s.id).count())
            .text("title", &s.name)
            .text("marker-color", site_colour(s.kind))
            .text("marker-symbol", symbol)
            .text("marker-size", "medium")
            .done();
        out.add(&s.id, geometry(&s.location), props);
    }
    out.finish()
}
