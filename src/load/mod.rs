//! Step 1, load: the five CSV files read with positions into typed records
//! and cross-checked as one [`Dataset`]; claim and target texts parsed into
//! specs; boundary files read into [`Boundary`] lines with their edge index
//! and exact nearest-point search.
//!
//! # Examples
//! ```
//! use sandtable::load::{bundled_boundary, Dataset};
//! let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
//! let hammaguir = data.site("hammaguir").unwrap();
//! let border = bundled_boundary("DZA", "MAR").unwrap();
//! let nearest = border.nearest(hammaguir.location.into()).unwrap();
//! assert_eq!((nearest.distance_m / 100.0).round() / 10.0, 47.9);
//! ```

pub(crate) mod borders;
pub(crate) mod dataset;
pub(crate) mod model;
pub(crate) mod spec;
pub(crate) mod story;
pub(crate) mod table;

pub use borders::{
    between as bundled_boundary, bundled as bundled_boundaries, coast as bundled_coast,
    coasts as bundled_coasts, from_file as boundary_from_file, Boundary,
};
pub use dataset::{ArticleCheck, Dataset, FILES};
pub use model::{Claim, Event, Site, Source, Statement};
pub use spec::{ClaimSpec, DistanceBand, Sector, TargetSpec};
pub use story::{MapLanguage, Story, StoryText, StoryView, STORY_FILE};
pub use table::split_list;
