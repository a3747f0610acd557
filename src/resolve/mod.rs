//! Step 2, resolve: what people type, turned into what the dataset knows.
//! Names are folded and keyed across scripts and transliterations, a
//! place or target argument becomes a [`Place`] or [`Target`], an event
//! filter chooses events, and the offline [`Gazetteer`] suggests
//! coordinates for a place the dataset lacks.
//!
//! # Examples
//! ```
//! use sandtable::{load::Dataset, resolve::Resolver};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let resolver = Resolver::new(&data);
//! // Arabic, a variant spelling and the id all name one site.
//! for text in ["حماقير", "Hamaguir", "hammaguir"] {
//!     assert_eq!(resolver.place(text).unwrap().site_id.as_deref(), Some("hammaguir"));
//! }
//! ```

pub(crate) mod area;
pub(crate) mod filter;
pub(crate) mod geocode;
pub(crate) mod names;
pub(crate) mod place;
pub(crate) mod variants;

pub use area::area_places;
pub use filter::EventFilter;
pub use geocode::{Gazetteer, GeoPlace, MatchKind, Suggestion};
pub use names::{fold_char, normalise, Lookup, NameIndex};
pub use place::{parse_coordinates, Place, Resolver, Target, TargetArg};
pub use variants::{is_common_word, skeleton, variant_key, QUALIFIERS};
