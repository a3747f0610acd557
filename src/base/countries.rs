//! ISO 3166-1 countries: codes, English names and land bounding boxes.
//!
//! Bundled from `data/countries.csv` (made by `tools/countries.py`).

use std::sync::OnceLock;

/// One country of ISO 3166-1.
///
/// ```
/// let dz = sandtable::base::find_country("dza").unwrap();
/// assert_eq!((dz.alpha2.as_str(), dz.name.as_str()), ("DZ", "Algeria"));
/// assert!(dz.contains(30.9, -3.0, 0.0));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// Two-letter code, e.g. `DZ`.
    pub alpha2: String,
    /// Three-letter code, e.g. `DZA`.
    pub alpha3: String,
    /// English short name.
    pub name: String,
    /// Land bounding box `[west, south, east, north]`, when known.
    pub bbox: Option<[f64; 4]>,
}

impl Country {
    /// True when (lat, lon) lies in the land bounding box widened by
    /// `margin_deg` (or when no box is known).
    pub fn contains(&self, lat: f64, lon: f64, margin_deg: f64) -> bool {
        let Some([west, south, east, north]) = self.bbox else {
            return true;
        };
        let lat_ok = lat >= south - margin_deg && lat <= north + margin_deg;
        let lon_ok = if west <= east {
            lon >= west - margin_deg && lon <= east + margin_deg
        } else {
            // The box crosses the antimeridian.
            lon >= west - margin_deg || lon <= east + margin_deg
        };
        lat_ok && lon_ok
    }
}

/// Every country, in alpha-2 order.
pub fn all() -> &'static [Country] {
    static COUNTRIES: OnceLock<Vec<Country>> = OnceLock::new();
    COUNTRIES.get_or_init(|| {
        let mut reader = csv::Reader::from_reader(
            include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/countries.csv")).as_bytes(),
        );
        reader
            .records()
            .map(|r| {
                let r = r.expect("bundled countries.csv is valid");
                let num = |i: usize| r[i].parse::<f64>().ok();
                let bbox = match (num(3), num(4), num(5), num(6)) {
                    (Some(w), Some(s), Some(e), Some(n)) => Some([w, s, e, n]),
                    _ => None,
                };
                Country {
                    alpha2: r[0].to_string(),
                    alpha3: r[1].to_string(),
                    name: r[2].to_string(),
                    bbox,
                }
            })
            .collect()
    })
}

/// The country with this alpha-2 or alpha-3 code, any case.
pub fn find(code: &str) -> Option<&'static Country> {
    let code = code.trim().to_ascii_uppercase();
    all().iter().find(|c| c.alpha2 == code || c.alpha3 == code)
}
