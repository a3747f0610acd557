//! Step 5, edit: changes to the dataset itself: a new dataset (`init`),
//! an article kept as evidence (`add source`), and a row of any file, each
//! checked with the whole dataset as `check` would check it, written
//! atomically under the dataset's lock.
//!
//! # Examples
//! ```no_run
//! use sandtable::edit::{add_site, NewSite, Position};
//! use sandtable::base::SiteKind;
//! let site = NewSite {
//!     id: "djanet".into(),
//!     name: "Djanet".into(),
//!     name_ar: String::new(),
//!     name_ru: String::new(),
//!     aliases: vec![],
//!     kind: SiteKind::City,
//!     country: "DZ".into(),
//!     admin1: String::new(),
//!     position: Position::Given { lat: 24.55528, lon: 9.485, source: "GeoNames".into() },
//!     precision_m: 5000.0,
//!     source_ids: vec!["trt-2022".into()],
//!     notes: String::new(),
//! };
//! let line = add_site(std::path::Path::new("."), &site).unwrap();
//! ```

pub(crate) mod add;
pub(crate) mod import;
pub(crate) mod quotes;
pub(crate) mod records;
pub(crate) mod review;
pub(crate) mod source;

pub use add::{add_site, NewSite, Position};
pub use import::{import, radius_of_where_prec, ImportFormat, Imported};
pub use records::{add_claim, add_event, add_statement, NewClaim, NewEvent, NewStatement};
pub use review::{apply, write_review, Applied, ReviewRow};
pub use source::{add_source, init, AddedSource, NewSource};
