//! GeoJSON layers (placeholder until the layer writers land).
use crate::dataset::Dataset;
use crate::error::Result;
use std::path::{Path, PathBuf};

/// Writes every layer to `out`.
pub fn build(_data: &Dataset, _out: &Path) -> Result<Vec<PathBuf>> {
    Ok(Vec::new())
}
