//! Step 0, the ground every later step stands on: errors as values, safe
//! file reading and writing, the closed vocabularies, length units, partial
//! dates, ISO countries and the WGS84 ellipsoid. Nothing here reads the
//! dataset.
//!
//! # Examples
//! ```
//! use sandtable::base::{inverse, EdtfDate, GeoPoint};
//! // Hammaguir to Béchar, on the ellipsoid.
//! let d = inverse(GeoPoint::new(30.889167, -3.045556), GeoPoint::new(31.61667, -2.21667));
//! assert_eq!((d.distance_m / 1000.0).round(), 113.0);
//! // "Autumn 2022" as the days it can mean.
//! let autumn = EdtfDate::parse("2022-23").unwrap();
//! assert_eq!(autumn.earliest().unwrap().to_string(), "2022-09-01");
//! ```

pub(crate) mod countries;
pub(crate) mod dates;
pub(crate) mod error;
pub(crate) mod files;
pub(crate) mod geodesy;
pub(crate) mod units;
pub(crate) mod vocab;

pub use countries::{find as find_country, Country};
pub use dates::{Day, EdtfDate};
pub use error::{escape_controls, Error, Problem, Result};
pub use files::{
    open_regular, overlong_line, read_regular, sha256_hex, DatasetLock, LineLimit, OutputFile,
    OutputWriter, MAX_ARTICLE_BYTES, MAX_FILE_BYTES, MAX_LINE_BYTES,
};
pub use geodesy::{
    compass_point, compass_sector, destination, inverse, GeoPoint, Inverse, Nearest,
};
pub use units::Unit;
pub use vocab::{BoundaryStatus, ClaimKind, EventKind, EventStatus, Qualifier, SiteKind, Verdict};
