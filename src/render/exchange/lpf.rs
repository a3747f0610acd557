//! The gazetteer as Linked Places (LPF 1.2, the World Historical
//! Gazetteer's format): one Feature per site, every name with its language
//! and the sources that use it, the point with its certainty (from
//! `precision_m`), and a link to GeoNames where the coordinates came from
//! there.

use crate::load::dataset::Dataset;
use crate::load::model::Site;
use crate::resolve::variants::Script;
use serde_json::{json, Value};

/// The `@context` LPF documents name.
const CONTEXT: &str =
    "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld";

/// How sure a point is, in LPF's three words, from the radius within which
/// the place lies: a town's extent or less is `certain`, a district's
/// `less-certain`, more `uncertain`.
pub(crate) fn certainty(precision_m: f64) -> &'static str {
    if precision_m <= 5_000.0 {
        "certain"
    } else if precision_m <= 50_000.0 {
        "less-certain"
    } else {
        "uncertain"
    }
}

/// The LPF FeatureCollection of the dataset's sites.
pub(crate) fn collection(data: &Dataset) -> Value {
    json!({
        "type": "FeatureCollection",
        "@context": CONTEXT,
        "features": data.sites.iter().map(|s| feature(s, data)).collect::<Vec<_>>(),
    })
}

fn language(name: &str) -> Option<&'static str> {
    match name.chars().find(|c| c.is_alphabetic()).map(Script::of) {
        Some(Script::Arabic) => Some("ar"),
        Some(Script::Cyrillic) => Some("ru"),
        _ => None,
    }
}

fn feature(site: &Site, data: &Dataset) -> Value {
    let citations: Vec<Value> = site
        .source_ids
        .iter()
        .filter_map(|id| data.source(id))
        .map(|s| {
            let link = if s.archive_url.is_empty() {
                &s.url
            } else {
                &s.archive_url
            };
            let label = if s.outlet.is_empty() {
                s.title.clone()
            } else {
                format!("{}: {}", s.outlet, s.title)
            };
            if link.is_empty() {
                json!({ "label": label })
            } else {
                json!({ "label": label, "@id": link })
            }
        })
        .collect();
    let mut names = vec![(site.name.as_str(), Some("en"))];
    names.extend([
        (site.name_ar.as_str(), Some("ar")),
        (site.name_ru.as_str(), Some("ru")),
    ]);
    names.extend(site.aliases.iter().map(|a| (a.as_str(), language(a))));
    let names: Vec<Value> = names
        .into_iter()
        .filter(|(n, _)| !n.is_empty())
        .map(|(toponym, lang)| json!({ "toponym": toponym, "lang": lang, "citations": citations }))
        .collect();
    let geonames = site
        .coord_source
        .split(|c: char| !c.is_ascii_digit())
        .find(|d| d.len() >= 6)
        .filter(|_| site.coord_source.contains("GeoNames"));
    let mut links = Vec::new();
    if let Some(id) = geonames {
        links.push(json!({ "type": "closeMatch", "identifier": format!("gn:{id}") }));
    }
    json!({
        "@id": format!("urn:sandtable:place:{}", site.id),
        "type": "Feature",
        "properties": { "title": site.name, "ccodes": [site.country.alpha2] },
        "names": names,
        "types": [{ "label": site.kind.to_string() }],
        "geometry": {
            "type": "GeometryCollection",
            "geometries": [{
                "type": "Point",
                "coordinates": [site.location.x(), site.location.y()],
                "certainty": certainty(site.precision_m),
                "source": site.coord_source,
            }],
        },
        "links": links,
        "descriptions": if site.notes.is_empty() {
            Vec::new()
        } else {
            vec![json!({ "value": site.notes, "lang": "en" })]
        },
    })
}
