//! The places of the area the articles cover (`data/places/area.tsv`):
//! Algeria's provinces and cities, Morocco's, the Sahel's, the North
//! Caucasus's, seas and regions, in English, French, Arabic and Russian.
//! They are not the dataset's sites and have no coordinates: they tell a
//! place name from a person's or an outlet's when `mentions --unknown` and
//! `extract` meet one, whatever its script.

use crate::base::countries;
use crate::base::vocab::SiteKind;
use crate::load::model::Site;
use std::sync::OnceLock;

const AREA: &str = include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/places/area.tsv"));

/// The area's places as sites (id `area:<name>`, position 0,0), so that the
/// mention matcher finds them in every script, clitic and case form.
///
/// # Examples
/// ```
/// let places = sandtable::resolve::area_places();
/// let oran = places.iter().find(|p| p.name == "Oran").unwrap();
/// assert!(oran.aliases.iter().any(|a| a == "وهران"));
/// ```
pub fn area_places() -> &'static [Site] {
    static PLACES: OnceLock<Vec<Site>> = OnceLock::new();
    PLACES.get_or_init(|| {
        AREA.lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .enumerate()
            .filter_map(|(i, line)| {
                let mut fields = line.split('\t');
                let name = fields.next()?.to_string();
                let kind: SiteKind = fields.next()?.parse().ok()?;
                let country = countries::find(fields.next()?).or_else(|| countries::find("DZ"))?;
                let aliases = fields.next()?.split('|').map(str::to_string).collect();
                Some(Site {
                    id: format!("area:{}", name.to_lowercase().replace(' ', "-")),
                    name,
                    name_ar: String::new(),
                    name_ru: String::new(),
                    aliases,
                    kind,
                    country,
                    admin1: String::new(),
                    location: geo::Point::new(0.0, 0.0),
                    precision_m: 0.0,
                    coord_source: String::new(),
                    source_ids: Vec::new(),
                    notes: String::new(),
                    line: i as u64 + 1,
                })
            })
            .collect()
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_line_of_the_area_file_is_a_place() {
        let lines = super::AREA
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .count();
        assert_eq!(super::area_places().len(), lines);
    }
}
