//! What a claim states and what a target names, parsed once from text.
//!
//! A claim row's `kind`, `target`, `value`, `unit` and `qualifier` become one
//! [`ClaimSpec`] when `claims.csv` is read; a `--to` argument or a claim's
//! border becomes a [`TargetSpec`]. Checking and rendering match on these
//! and never parse the text again.

use crate::base::countries::{self, Country};
use crate::base::geodesy::{compass_points, compass_sector};
use crate::base::units::Unit;
use crate::base::vocab::{ClaimKind, Qualifier};
use std::fmt;
use std::str::FromStr;

/// Half the length of the WGS84 meridian, metres: no two points on the
/// ellipsoid are farther apart along the surface, so no distance claim can
/// be larger.
pub const HALF_MERIDIAN_M: f64 = 20_003_931.5;

/// What a distance is measured to, as the user named it.
///
/// ```
/// use sandtable::load::TargetSpec;
/// let t: TargetSpec = "border:MAR".parse().unwrap();
/// assert_eq!(t.to_string(), "border:MA");
/// assert!(matches!("file:x.geojson".parse(), Ok(TargetSpec::File(p)) if p == "x.geojson"));
/// assert!(matches!("hammaguir".parse(), Ok(TargetSpec::Place(_))));
/// assert!("border:XX".parse::<TargetSpec>().is_err());
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum TargetSpec {
    /// `border:XX`: the land boundaries of a country.
    Border(&'static Country),
    /// `coast:XX`: the coastline of a country.
    Coast(&'static Country),
    /// `file:PATH`: every line and polygon ring in a GeoJSON file.
    File(String),
    /// Anything else: a place (site, name, event, coordinates).
    Place(String),
}

impl FromStr for TargetSpec {
    type Err = String;
    fn from_str(text: &str) -> Result<TargetSpec, String> {
        if let Some(code) = text.strip_prefix("border:") {
            return countries::find(code).map(TargetSpec::Border).ok_or_else(|| {
                format!("'{code}' in '{text}' is not an ISO 3166-1 country code; expected border:XX, e.g. border:MA")
            });
        }
        if let Some(code) = text.strip_prefix("coast:") {
            return countries::find(code).map(TargetSpec::Coast).ok_or_else(|| {
                format!("'{code}' in '{text}' is not an ISO 3166-1 country code; expected coast:XX, e.g. coast:DZ")
            });
        }
        if let Some(path) = text.strip_prefix("file:") {
            if path.is_empty() {
                return Err("file: needs a path, e.g. file:border.geojson".into());
            }
            return Ok(TargetSpec::File(path.to_string()));
        }
        Ok(TargetSpec::Place(text.to_string()))
    }
}

impl fmt::Display for TargetSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TargetSpec::Border(c) => write!(f, "border:{}", c.alpha2),
            TargetSpec::Coast(c) => write!(f, "coast:{}", c.alpha2),
            TargetSpec::File(path) => write!(f, "file:{path}"),
            TargetSpec::Place(text) => f.write_str(text),
        }
    }
}

/// A claimed distance: the band it allows, in its unit.
///
/// ```
/// use sandtable::{load::DistanceBand, base::Qualifier, base::Unit};
/// let band = DistanceBand::parse("80", Unit::Kilometre, Some(Qualifier::About)).unwrap();
/// assert_eq!((band.low, band.high), (72.0, 88.0));
/// let few = DistanceBand::parse("2..9", Unit::Kilometre, None).unwrap();
/// assert!(few.is_range && few.stated == 5.5);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct DistanceBand {
    /// Lower end of the stated band.
    pub low: f64,
    /// Upper end.
    pub high: f64,
    /// The number to compare with (the value, or a range's middle).
    pub stated: f64,
    /// True when the claim was a range `a..b`.
    pub is_range: bool,
    /// The unit of the claim.
    pub unit: Unit,
}

impl DistanceBand {
    /// Parses a value (`80`, `2..9`) with its unit and qualifier. "About"
    /// allows ±10 %; a bare number half a unit of its last digit; a range
    /// exactly itself. Values must be finite, not negative, and within half
    /// the Earth's circumference.
    pub fn parse(value: &str, unit: Unit, qualifier: Option<Qualifier>) -> Result<Self, String> {
        let number = |s: &str| {
            let v = s.trim().parse::<f64>().map_err(|_| {
                format!("'{s}' is not a distance; expected a number like 80 or a range like 2..9")
            })?;
            let limit = unit.from_metres(HALF_MERIDIAN_M);
            if !v.is_finite() || v < 0.0 || v > limit {
                return Err(format!(
                    "{s} {unit} is not a distance on the Earth; expected 0 to {limit:.0} {unit}"
                ));
            }
            Ok(v)
        };
        let band = |low, high, stated, is_range| DistanceBand {
            low,
            high,
            stated,
            is_range,
            unit,
        };
        if let Some((a, b)) = value.split_once("..") {
            let (a, b) = (number(a)?, number(b)?);
            if b < a {
                return Err(format!("range '{value}' ends before it starts"));
            }
            return Ok(band(a, b, (a + b) / 2.0, true));
        }
        let v = number(value)?;
        match qualifier {
            Some(Qualifier::About) => Ok(band(v * 0.9, v * 1.1, v, false)),
            Some(Qualifier::Range) => Err(format!(
                "qualifier 'range' needs a range a..b as the value, not '{value}'"
            )),
            None | Some(Qualifier::Exact) => {
                let decimals = value.split_once('.').map_or(0, |(_, d)| d.len());
                let half = 0.5 * 10f64.powi(-(decimals as i32));
                Ok(band((v - half).max(0.0), v + half, v, false))
            }
        }
    }
}

/// A claimed direction: a sector around a bearing.
///
/// # Units
/// Degrees clockwise from north.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Sector {
    /// Centre of the sector.
    pub degrees: f64,
    /// Half-width of the sector.
    pub half_width: f64,
}

impl Sector {
    /// Parses a compass point (`unit` compass) or degrees (`unit` deg: ±5°,
    /// ±10° with `about`).
    ///
    /// ```
    /// use sandtable::load::Sector;
    /// assert_eq!(Sector::parse("SW", "compass", None).unwrap().degrees, 225.0);
    /// ```
    pub fn parse(value: &str, unit: &str, qualifier: Option<Qualifier>) -> Result<Sector, String> {
        match unit {
            "compass" => compass_sector(value)
                .map(|(degrees, half_width)| Sector {
                    degrees,
                    half_width,
                })
                .ok_or_else(|| {
                    format!(
                        "'{value}' is not a compass point; expected one of {}",
                        compass_points()
                    )
                }),
            "deg" => {
                let degrees: f64 = value
                    .parse()
                    .ok()
                    .filter(|d: &f64| d.is_finite() && (-360.0..=360.0).contains(d))
                    .ok_or_else(|| format!("'{value}' is not a bearing in degrees (0 to 360)"))?;
                let half_width = if qualifier == Some(Qualifier::About) {
                    10.0
                } else {
                    5.0
                };
                Ok(Sector {
                    degrees,
                    half_width,
                })
            }
            other => Err(format!(
                "unit '{other}' does not suit a bearing; expected compass or deg"
            )),
        }
    }
}

/// Everything a claim states, typed.
#[derive(Debug, Clone, PartialEq)]
pub enum ClaimSpec {
    /// The subject lies this far from a country's land boundary.
    DistanceToBorder {
        /// The country across the boundary.
        country: &'static Country,
        /// The claimed distance.
        band: DistanceBand,
    },
    /// The subject lies this far from another site.
    DistanceBetween {
        /// The other site's id.
        site: String,
        /// The claimed distance.
        band: DistanceBand,
    },
    /// The other site lies in this direction from the subject.
    Bearing {
        /// The other site's id.
        site: String,
        /// The claimed direction.
        sector: Sector,
    },
    /// The subject lies between two sites.
    Between {
        /// One end.
        a: String,
        /// The other end.
        b: String,
    },
}

/// A field of a claim row that does not parse: which column, and why.
pub type FieldError = (&'static str, String);

impl ClaimSpec {
    /// Parses the `kind`, `target`, `value`, `unit` and `qualifier` columns.
    ///
    /// ```
    /// use sandtable::{base::ClaimKind, load::ClaimSpec};
    /// let spec = ClaimSpec::parse(ClaimKind::DistanceToBorder, "border:MA", "80", "km", Some("about".parse().unwrap())).unwrap();
    /// assert!(matches!(spec, ClaimSpec::DistanceToBorder { band, .. } if band.low == 72.0));
    /// let err = ClaimSpec::parse(ClaimKind::Between, "bechar", "", "", None).unwrap_err();
    /// assert_eq!(err.0, "target");
    /// ```
    pub fn parse(
        kind: ClaimKind,
        target: &str,
        value: &str,
        unit: &str,
        qualifier: Option<Qualifier>,
    ) -> Result<ClaimSpec, FieldError> {
        let length_unit = || unit.parse::<Unit>().map_err(|e| ("unit", e));
        let band =
            || DistanceBand::parse(value, length_unit()?, qualifier).map_err(|e| ("value", e));
        let site = || {
            if target.is_empty() || target.contains(['|', ':']) {
                Err(("target", format!("'{target}' is not a site id")))
            } else {
                Ok(target.to_string())
            }
        };
        match kind {
            ClaimKind::DistanceToBorder => match target.parse::<TargetSpec>() {
                Ok(TargetSpec::Border(country)) => Ok(ClaimSpec::DistanceToBorder {
                    country,
                    band: band()?,
                }),
                Ok(_) => Err(("target", format!(
                    "'{target}' is not a border; expected border:XX with an ISO country code, e.g. border:MA"
                ))),
                Err(e) => Err(("target", e)),
            },
            ClaimKind::DistanceBetween => Ok(ClaimSpec::DistanceBetween {
                site: site()?,
                band: band()?,
            }),
            ClaimKind::Bearing => Ok(ClaimSpec::Bearing {
                site: site()?,
                sector: Sector::parse(value, unit, qualifier).map_err(|e| ("value", e))?,
            }),
            ClaimKind::Between => match crate::load::table::split_list(target).as_slice() {
                [a, b] => Ok(ClaimSpec::Between {
                    a: a.clone(),
                    b: b.clone(),
                }),
                _ => Err((
                    "target",
                    "a between claim names two sites, e.g. bechar|tindouf".into(),
                )),
            },
        }
    }

    /// The kind of claim.
    pub fn kind(&self) -> ClaimKind {
        match self {
            ClaimSpec::DistanceToBorder { .. } => ClaimKind::DistanceToBorder,
            ClaimSpec::DistanceBetween { .. } => ClaimKind::DistanceBetween,
            ClaimSpec::Bearing { .. } => ClaimKind::Bearing,
            ClaimSpec::Between { .. } => ClaimKind::Between,
        }
    }

    /// The claimed distance, for distance claims.
    pub fn band(&self) -> Option<&DistanceBand> {
        match self {
            ClaimSpec::DistanceToBorder { band, .. } | ClaimSpec::DistanceBetween { band, .. } => {
                Some(band)
            }
            _ => None,
        }
    }

    /// The site ids the claim refers to besides its subject.
    pub fn sites(&self) -> Vec<&str> {
        match self {
            ClaimSpec::DistanceToBorder { .. } => Vec::new(),
            ClaimSpec::DistanceBetween { site, .. } | ClaimSpec::Bearing { site, .. } => {
                vec![site]
            }
            ClaimSpec::Between { a, b } => vec![a, b],
        }
    }

    /// The unit the computed figure is given in: the claim's length unit,
    /// `deg` for bearings, `%` (along the line) for `between`.
    pub fn figure_unit(&self) -> &'static str {
        match self {
            ClaimSpec::DistanceToBorder { band, .. } | ClaimSpec::DistanceBetween { band, .. } => {
                band.unit.symbol()
            }
            ClaimSpec::Bearing { .. } => "deg",
            ClaimSpec::Between { .. } => "%",
        }
    }
}
