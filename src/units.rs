//! Length units for reports and claims.

use std::fmt;
use std::str::FromStr;

/// A unit of length.
///
/// ```
/// use sandtable::units::Unit;
/// let km: Unit = "km".parse().unwrap();
/// assert_eq!(km.from_metres(47_900.0), 47.9);
/// assert_eq!(Unit::NauticalMile.to_metres(1.0), 1852.0);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Unit {
    /// Kilometres.
    #[default]
    Kilometre,
    /// Metres.
    Metre,
    /// International miles.
    Mile,
    /// Nautical miles.
    NauticalMile,
}

impl Unit {
    /// Metres in one of this unit.
    pub fn metres(self) -> f64 {
        match self {
            Unit::Kilometre => 1000.0,
            Unit::Metre => 1.0,
            Unit::Mile => 1609.344,
            Unit::NauticalMile => 1852.0,
        }
    }
    /// Converts metres to this unit.
    pub fn from_metres(self, m: f64) -> f64 {
        m / self.metres()
    }
    /// Converts a value in this unit to metres.
    pub fn to_metres(self, v: f64) -> f64 {
        v * self.metres()
    }
    /// The symbol, as accepted on the command line.
    pub fn symbol(self) -> &'static str {
        match self {
            Unit::Kilometre => "km",
            Unit::Metre => "m",
            Unit::Mile => "mi",
            Unit::NauticalMile => "nmi",
        }
    }
    /// Decimals that suit a distance in this unit for a sentence: enough
    /// to be honest, not more (100 m steps in km, whole metres in m).
    pub fn decimals(self, value: f64) -> usize {
        match self {
            Unit::Metre => 0,
            _ if value.abs() >= 100.0 => 0,
            _ if value.abs() >= 1.0 => 1,
            _ => 3,
        }
    }
}

impl FromStr for Unit {
    type Err = String;
    fn from_str(s: &str) -> Result<Unit, String> {
        match s {
            "km" => Ok(Unit::Kilometre),
            "m" => Ok(Unit::Metre),
            "mi" => Ok(Unit::Mile),
            "nmi" => Ok(Unit::NauticalMile),
            _ => Err(format!("'{s}' is not a unit; expected km, m, mi or nmi")),
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}
