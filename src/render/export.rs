//! `sandtable export FORMAT`: the dataset and what was measured of it, in
//! a format another program reads.

use crate::base::error::{Error, Result};
use crate::load::dataset::Dataset;
use crate::measure::findings::Findings;
use crate::render::exchange::{acled, lpf, tables};
use crate::render::layers::{all, Layer};

/// The formats `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Each layer as CSV with a `wkt` geometry column: a folder of files.
    CsvWkt,
    /// Every feature as a GeoJSON text sequence (RFC 8142).
    Geojsonseq,
    /// The gazetteer as Linked Places (LPF, JSON-LD).
    Lpf,
    /// The events as ACLED rows, sandtable's own columns after ACLED's.
    Acled,
}

/// What an export made: files for a folder, or one stream.
#[derive(Debug, Clone, PartialEq)]
pub enum Exported {
    /// Files by name (`csv-wkt`), for a folder.
    Folder(Vec<(String, Vec<u8>)>),
    /// One document.
    Stream(Vec<u8>),
}

/// Exports the dataset as `format`; `layer` keeps one layer only (for
/// `csv-wkt` and `geojsonseq`).
///
/// # Errors
/// [`Error::Input`] for a layer that does not exist; what rendering gives.
///
/// # Examples
/// ```
/// use sandtable::{load::Dataset, measure::Findings, render::{export, ExportFormat, Exported}};
/// let data = Dataset::load(std::path::Path::new(env!("CARGO_MANIFEST_DIR"))).unwrap();
/// let Exported::Stream(lpf) = export(&data, &Findings::compute(&data), ExportFormat::Lpf, None).unwrap() else { panic!() };
/// let json: serde_json::Value = serde_json::from_slice(&lpf).unwrap();
/// assert_eq!(json["features"].as_array().unwrap().len(), data.sites.len());
/// ```
pub fn export(
    data: &Dataset,
    findings: &Findings,
    format: ExportFormat,
    layer: Option<&str>,
) -> Result<Exported> {
    let io = |e: std::io::Error| Error::Io {
        path: "export".into(),
        source: e,
    };
    let chosen = |layers: &[Layer]| -> Result<Vec<Layer>> {
        let picked: Vec<Layer> = layers
            .iter()
            .filter(|l| layer.is_none_or(|name| l.name == name))
            .cloned()
            .collect();
        if picked.is_empty() {
            let names: Vec<&str> = layers.iter().map(|l| l.name).collect();
            return Err(Error::Input(format!(
                "--layer {}: no such layer; the layers are {}",
                layer.unwrap_or_default(),
                names.join(", ")
            )));
        }
        Ok(picked)
    };
    Ok(match format {
        ExportFormat::CsvWkt => {
            let layers = chosen(&all(data, findings).layers)?;
            let mut files = Vec::new();
            for layer in &layers {
                files.push((
                    format!("{}.csv", layer.name),
                    tables::csv_wkt(layer).map_err(io)?,
                ));
            }
            Exported::Folder(files)
        }
        ExportFormat::Geojsonseq => {
            let layers = chosen(&all(data, findings).layers)?;
            let mut out = Vec::new();
            tables::geojson_seq(&layers.iter().collect::<Vec<_>>(), &mut out).map_err(io)?;
            Exported::Stream(out)
        }
        ExportFormat::Lpf => {
            let mut out =
                serde_json::to_vec_pretty(&lpf::collection(data)).map_err(|e| io(e.into()))?;
            out.push(b'\n');
            Exported::Stream(out)
        }
        ExportFormat::Acled => Exported::Stream(acled::rows(data).map_err(io)?),
    })
}
