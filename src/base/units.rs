//! Length units for reports and claims.

use crate::base::vocab::vocabulary;

vocabulary! {
    /// A unit of length.
    ///
    /// ```
    /// use sandtable::base::Unit;
    /// let km: Unit = "km".parse().unwrap();
    /// assert_eq!(km.from_metres(47_900.0), 47.9);
    /// assert_eq!(Unit::NauticalMile.to_metres(1.0), 1852.0);
    /// ```
    Unit, "unit" {
        /// Kilometres.
        Kilometre = "km",
        /// Metres.
        Metre = "m",
        /// International miles.
        Mile = "mi",
        /// Nautical miles.
        NauticalMile = "nmi",
    }
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
        self.as_str()
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
