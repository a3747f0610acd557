//! `enrich` for Parquet and Arrow IPC files: batch by batch, every input
//! column kept with its type and its metadata (a GeoParquet file stays
//! one), the same added columns as the CSV path, as numbers and text
//! rather than formatted cells. From Parquet to Parquet only the
//! coordinates are decoded and the other columns copied (`copied.rs`).
//!
//! Coordinates come from latitude/longitude columns (numbers, or text that
//! parses as numbers) or from a point geometry stored as WKB: a GeoParquet
//! file's primary column, or a binary column named `geometry` or `geom`.

use crate::base::error::{Error, Result};
use crate::base::files::{open_regular, OutputFile, OutputWriter};
use crate::load::dataset::Dataset;
use crate::measure::enrich::{
    added_columns, check_header, coordinate_pair, unlocated_error, EnrichOptions, EnrichSummary,
    TableFormat,
};
use crate::measure::points::{measure_rows, nearest_sites, point, Measured, Rows};
use crate::resolve::place::{Place, Resolver, Target};
use arrow_array::cast::AsArray;
use arrow_array::types::{
    Float32Type, Float64Type, Int16Type, Int32Type, Int64Type, Int8Type, UInt16Type, UInt32Type,
    UInt64Type, UInt8Type,
};
use arrow_array::{Array, ArrayRef, Float64Array, RecordBatch, StringArray};
use arrow_schema::{ArrowError, DataType, Field, Schema, SchemaRef};
use geo_traits::{CoordTrait, GeometryTrait, GeometryType, PointTrait};
use parquet::arrow::arrow_reader::{
    ArrowReaderMetadata, ArrowReaderOptions, ParquetRecordBatchReaderBuilder,
};
use parquet::file::metadata::{KeyValue, PageIndexPolicy};
use std::path::Path;
use std::sync::Arc;

mod copied;
use copied::{Copyable, CopyingWriter};

/// Rows read, measured and written together; a row group the decoding
/// path writes holds this many rows at most.
const BATCH_ROWS: usize = 65_536;

type Batches = Box<dyn Iterator<Item = std::result::Result<RecordBatch, ArrowError>> + Send>;

/// Enriches the Parquet or Arrow file `file` into `output` (written whole
/// or not at all).
pub(crate) fn enrich_columnar(
    file: &str,
    input: TableFormat,
    output: &Path,
    out_format: TableFormat,
    options: &EnrichOptions,
    data: Option<&Dataset>,
    progress: &dyn Fn(u64),
) -> Result<EnrichSummary> {
    let output = OutputFile::new(output)?;
    let Opened {
        schema,
        mut batches,
        copyable,
    } = open(file, input)?;
    let mut coordinates = Coordinates::find(&schema, options, file)?;
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    let added = added_columns(options);
    check_header(&names, &added, options).map_err(|e| in_file(file, e))?;
    let resolver = data.map(Resolver::new);
    let sites: Vec<Place> =
        data.map_or_else(Vec::new, |d| d.sites.iter().map(Place::of_site).collect());
    if options.nearest_site && sites.is_empty() {
        return Err(Error::Input(
            "--nearest-site needs a dataset with sites (--data DIR)".into(),
        ));
    }
    let anywhere = Place::at(crate::base::geodesy::GeoPoint::new(0.0, 0.0));
    let targets = options
        .targets
        .iter()
        .map(|(_, t)| t.resolve(&anywhere, resolver.as_ref()))
        .collect::<Result<Vec<_>>>()?;
    if options.strict {
        let summary = locate(open(file, input)?.batches, &coordinates, file)?;
        if summary.unlocated > 0 {
            return Err(in_file(file, unlocated_error(&summary)));
        }
    }
    let out_schema = Arc::new(output_schema(&schema, &added, options));
    let measure = Measure {
        options,
        targets: &targets,
        sites: &sites,
        schema: out_schema.clone(),
    };
    let inputs = schema.fields().len();
    let copyable = copyable.filter(|_| out_format == TableFormat::Parquet);
    let mut sink = match copyable {
        Some(copyable) => {
            // Only the coordinates are read; the other columns are copied.
            (batches, coordinates) = copyable.coordinates(&coordinates, file)?;
            Sink::copying(&output, copyable, &out_schema, inputs)?
        }
        None => Sink::create(&output, out_format, &out_schema, inputs)?,
    };
    let mut summary = EnrichSummary {
        by_row: true,
        ..EnrichSummary::default()
    };
    let mut next = batches.next();
    let mut measured: Option<MeasuredBatch> = None;
    while let Some(batch) = next {
        let batch = batch.map_err(|e| arrow_input(file, e))?;
        let (lats, lons) = coordinates.read(&batch, summary.rows, file)?;
        // While this batch is measured, the one before is put together
        // and written, and the next one decoded.
        let ((following, written), enriched) = rayon::join(
            || {
                let written = measured.take().map_or(Ok(()), |m| sink.write(m));
                (batches.next(), written)
            },
            || measure.batch(batch, &lats, &lons),
        );
        written?;
        measured = Some(enriched);
        note_unlocated(&mut summary, &lats, &lons);
        progress(summary.rows);
        next = following;
    }
    if let Some(last) = measured {
        sink.write(last)?;
    }
    sink.finish()?.commit()?;
    Ok(summary)
}

/// Counts the rows, and those without usable coordinates, without measuring.
fn locate(batches: Batches, coordinates: &Coordinates, file: &str) -> Result<EnrichSummary> {
    let mut summary = EnrichSummary {
        by_row: true,
        ..EnrichSummary::default()
    };
    for batch in batches {
        let batch = batch.map_err(|e| arrow_input(file, e))?;
        let (lats, lons) = coordinates.read(&batch, summary.rows, file)?;
        note_unlocated(&mut summary, &lats, &lons);
    }
    Ok(summary)
}

/// Adds a batch's rows to the count, and the first unlocated ones by number.
fn note_unlocated(summary: &mut EnrichSummary, lats: &[f64], lons: &[f64]) {
    for (i, (&lat, &lon)) in lats.iter().zip(lons).enumerate() {
        if point(lat, lon).is_none() {
            summary.unlocated += 1;
            if summary.unlocated_lines.len() < 20 {
                summary.unlocated_lines.push(summary.rows + i as u64 + 1);
            }
        }
    }
    summary.rows += lats.len() as u64;
}

/// An input file opened.
struct Opened {
    schema: SchemaRef,
    /// Every column, batch by batch.
    batches: Batches,
    /// A Parquet file whose row groups can be copied, read from the same
    /// metadata.
    copyable: Option<Copyable>,
}

/// A Parquet or Arrow IPC file, its metadata read once.
fn open(file: &str, format: TableFormat) -> Result<Opened> {
    if file == "-" {
        return Err(Error::Input(
            "a Parquet or Arrow file is read from a file, not standard input".into(),
        ));
    }
    let opened = open_regular(Path::new(file))?;
    match format {
        TableFormat::Parquet => {
            // The page index too, which a copied row group keeps.
            let options =
                ArrowReaderOptions::new().with_page_index_policy(PageIndexPolicy::Optional);
            let metadata = ArrowReaderMetadata::load(&opened, options)
                .map_err(|e| Error::Input(format!("{file}: not a readable Parquet file: {e}")))?;
            let again = opened
                .try_clone()
                .map_err(|e| Error::Input(format!("{file}: {e}")))?;
            let reader =
                ParquetRecordBatchReaderBuilder::new_with_metadata(again, metadata.clone())
                    .with_batch_size(BATCH_ROWS)
                    .build()
                    .map_err(|e| Error::Input(format!("{file}: {e}")))?;
            Ok(Opened {
                schema: metadata.schema().clone(),
                batches: Box::new(reader),
                copyable: Copyable::new(opened, metadata),
            })
        }
        TableFormat::Arrow => {
            let reader = arrow_ipc::reader::FileReader::try_new_buffered(opened, None)
                .map_err(|e| Error::Input(format!("{file}: not a readable Arrow IPC file: {e}")))?;
            Ok(Opened {
                schema: reader.schema(),
                batches: Box::new(reader),
                copyable: None,
            })
        }
        TableFormat::Csv => unreachable!("CSV goes through enrich()"),
    }
}

/// Where a file keeps its coordinates.
enum Coordinates {
    /// Latitude and longitude columns, by index.
    Columns { lat: usize, lon: usize },
    /// A WKB point column (x longitude, y latitude).
    Wkb(usize),
}

impl Coordinates {
    /// The columns `--lat`/`--lon` name, else the first pair found by name,
    /// else the GeoParquet primary geometry or a `geometry` column.
    fn find(schema: &Schema, options: &EnrichOptions, file: &str) -> Result<Coordinates> {
        let index = |name: &str| {
            schema
                .fields()
                .iter()
                .position(|f| f.name().eq_ignore_ascii_case(name))
        };
        let columns: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
        if options.lat.is_some() || options.lon.is_some() {
            let named = |given: &Option<String>, what: &str| {
                let name = given.as_deref().ok_or_else(|| {
                    Error::Input(format!(
                        "give both --lat and --lon (the {what} column is missing)"
                    ))
                })?;
                index(name).ok_or_else(|| {
                    Error::Input(format!(
                        "{file}: no column '{name}' (columns: {})",
                        columns.join(", ")
                    ))
                })
            };
            return Ok(Coordinates::Columns {
                lat: named(&options.lat, "latitude")?,
                lon: named(&options.lon, "longitude")?,
            });
        }
        if let Some((lat, lon)) = coordinate_pair(&columns) {
            return Ok(Coordinates::Columns { lat, lon });
        }
        if let Some(column) = geoparquet_column(schema, file)?.or_else(|| {
            ["geometry", "geom"]
                .into_iter()
                .filter_map(index)
                .find(|&i| is_binary(schema.field(i).data_type()))
        }) {
            return Ok(Coordinates::Wkb(column));
        }
        Err(Error::Input(format!(
            "{file}: no coordinate columns (latitude/longitude, lat/lon, lat/lng, y/x) and no point geometry; name them with --lat and --lon (columns: {})",
            columns.join(", ")
        )))
    }

    /// The file's columns that hold the coordinates, in file order, and
    /// where the coordinates are in a batch of those columns alone.
    fn projected(&self) -> (Vec<usize>, Coordinates) {
        match *self {
            Coordinates::Columns { lat, lon } if lat < lon => {
                (vec![lat, lon], Coordinates::Columns { lat: 0, lon: 1 })
            }
            Coordinates::Columns { lat, lon } if lat > lon => {
                (vec![lon, lat], Coordinates::Columns { lat: 1, lon: 0 })
            }
            Coordinates::Columns { lat, .. } => {
                (vec![lat], Coordinates::Columns { lat: 0, lon: 0 })
            }
            Coordinates::Wkb(column) => (vec![column], Coordinates::Wkb(0)),
        }
    }

    /// The batch's latitudes and longitudes (`NaN` where missing);
    /// `before` rows came in earlier batches.
    fn read(&self, batch: &RecordBatch, before: u64, file: &str) -> Result<(Vec<f64>, Vec<f64>)> {
        match *self {
            Coordinates::Columns { lat, lon } => {
                let schema = batch.schema();
                Ok((
                    numbers(batch.column(lat), schema.field(lat), file)?,
                    numbers(batch.column(lon), schema.field(lon), file)?,
                ))
            }
            Coordinates::Wkb(column) => wkb_points(batch.column(column), before, file),
        }
    }
}

/// The primary geometry of a GeoParquet file, when it is stored as WKB in
/// longitude/latitude (the default CRS, OGC:CRS84, or EPSG:4326).
fn geoparquet_column(schema: &Schema, file: &str) -> Result<Option<usize>> {
    let Some(geo) = schema.metadata().get("geo") else {
        return Ok(None);
    };
    let geo: serde_json::Value = serde_json::from_str(geo)
        .map_err(|e| Error::Input(format!("{file}: the GeoParquet metadata is not JSON: {e}")))?;
    let Some(name) = geo["primary_column"].as_str() else {
        return Ok(None);
    };
    let column = &geo["columns"][name];
    let encoding = column["encoding"].as_str().unwrap_or("WKB");
    if !encoding.eq_ignore_ascii_case("WKB") {
        return Err(Error::Input(format!(
            "{file}: the geometry '{name}' is encoded as {encoding}; sandtable reads WKB points, or latitude/longitude columns (--lat, --lon)"
        )));
    }
    let crs = &column["crs"];
    let lon_lat = crs.is_null() || {
        let text = crs.to_string();
        text.contains("CRS84") || text.contains("4326")
    };
    if !lon_lat {
        return Err(Error::Input(format!(
            "{file}: the geometry '{name}' is not in longitude/latitude (its CRS is not OGC:CRS84 or EPSG:4326); reproject it first, for example with ogr2ogr -t_srs EPSG:4326"
        )));
    }
    Ok(schema.index_of(name).ok())
}

fn is_binary(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView
    )
}

/// A numeric or text column as `f64` (`NaN` for nulls and text that is not
/// a number, as the CSV path treats an empty or malformed cell).
fn numbers(array: &ArrayRef, field: &Field, file: &str) -> Result<Vec<f64>> {
    macro_rules! cast {
        ($t:ty) => {
            array
                .as_primitive::<$t>()
                .iter()
                .map(|v| v.map_or(f64::NAN, |v| v as f64))
                .collect()
        };
    }
    let text = |values: &mut dyn Iterator<Item = Option<&str>>| -> Vec<f64> {
        values
            .map(|v| v.and_then(|v| v.trim().parse().ok()).unwrap_or(f64::NAN))
            .collect()
    };
    Ok(match array.data_type() {
        DataType::Float64 => cast!(Float64Type),
        DataType::Float32 => cast!(Float32Type),
        DataType::Int8 => cast!(Int8Type),
        DataType::Int16 => cast!(Int16Type),
        DataType::Int32 => cast!(Int32Type),
        DataType::Int64 => cast!(Int64Type),
        DataType::UInt8 => cast!(UInt8Type),
        DataType::UInt16 => cast!(UInt16Type),
        DataType::UInt32 => cast!(UInt32Type),
        DataType::UInt64 => cast!(UInt64Type),
        DataType::Utf8 => text(&mut array.as_string::<i32>().iter()),
        DataType::LargeUtf8 => text(&mut array.as_string::<i64>().iter()),
        DataType::Utf8View => text(&mut array.as_string_view().iter()),
        DataType::Null => vec![f64::NAN; array.len()],
        other => {
            return Err(Error::Input(format!(
                "{file}: column '{}' is of type {other}; coordinates must be numbers or text",
                field.name()
            )))
        }
    })
}

/// Points stored as WKB: latitudes and longitudes, `NaN` for nulls and
/// empty points; any other geometry is refused, naming its row.
fn wkb_points(array: &ArrayRef, before: u64, file: &str) -> Result<(Vec<f64>, Vec<f64>)> {
    let values: Vec<Option<&[u8]>> = match array.data_type() {
        DataType::Binary => array.as_binary::<i32>().iter().collect(),
        DataType::LargeBinary => array.as_binary::<i64>().iter().collect(),
        DataType::BinaryView => array.as_binary_view().iter().collect(),
        other => {
            return Err(Error::Input(format!(
                "{file}: the geometry column is of type {other}, not WKB"
            )))
        }
    };
    let (mut lats, mut lons) = (
        Vec::with_capacity(values.len()),
        Vec::with_capacity(values.len()),
    );
    for (i, value) in values.into_iter().enumerate() {
        let row = before + i as u64 + 1;
        let (lat, lon) = match value {
            None => (f64::NAN, f64::NAN),
            Some(bytes) => wkb_point(bytes)
                .map_err(|why| Error::Input(format!("{file}: row {row}: geometry: {why}")))?,
        };
        lats.push(lat);
        lons.push(lon);
    }
    Ok((lats, lons))
}

/// One WKB point's latitude and longitude (`NaN` when empty).
fn wkb_point(bytes: &[u8]) -> std::result::Result<(f64, f64), String> {
    let geometry = wkb::reader::read_wkb(bytes).map_err(|e| format!("not WKB: {e}"))?;
    match geometry.as_type() {
        GeometryType::Point(p) => Ok(p.coord().map_or((f64::NAN, f64::NAN), |c| (c.y(), c.x()))),
        _ => Err("not a point; enrich measures from points".into()),
    }
}

/// The input schema (fields and metadata) with the added columns.
fn output_schema(input: &Schema, added: &[String], options: &EnrichOptions) -> Schema {
    let mut fields: Vec<Arc<Field>> = input.fields().iter().cloned().collect();
    let per_target = [
        DataType::Float64,
        DataType::Utf8,
        DataType::Utf8,
        DataType::Float64,
        DataType::Float64,
        DataType::Float64,
    ];
    let mut types: Vec<DataType> = options
        .targets
        .iter()
        .flat_map(|_| per_target.iter().cloned())
        .collect();
    if options.nearest_site {
        types.extend([DataType::Utf8, DataType::Float64]);
    }
    for (name, data_type) in added.iter().zip(types) {
        fields.push(Arc::new(Field::new(name, data_type, true)));
    }
    Schema::new_with_metadata(fields, input.metadata().clone())
}

/// What measuring a batch needs.
struct Measure<'a> {
    options: &'a EnrichOptions,
    targets: &'a [Target<'a>],
    sites: &'a [Place],
    schema: SchemaRef,
}

impl Measure<'_> {
    /// What the batch's added columns hold, measured on every core.
    fn batch(&self, batch: RecordBatch, lats: &[f64], lons: &[f64]) -> MeasuredBatch {
        MeasuredBatch {
            batch,
            targets: self
                .targets
                .iter()
                .map(|target| measure_rows(lats, lons, target, self.options.unit))
                .collect(),
            nearest: self
                .options
                .nearest_site
                .then(|| nearest_sites(lats, lons, self.sites, self.options.unit)),
            schema: self.schema.clone(),
        }
    }
}

/// A batch measured, its added columns not yet put together: that is done
/// on the core that writes, while the others measure the next batch.
struct MeasuredBatch {
    batch: RecordBatch,
    targets: Vec<Rows>,
    nearest: Option<Vec<Option<(String, f64)>>>,
    schema: SchemaRef,
}

impl MeasuredBatch {
    /// The batch with the added columns.
    fn assemble(self) -> Result<RecordBatch> {
        let schema = self.schema.clone();
        let mut columns: Vec<ArrayRef> = self.batch.columns().to_vec();
        columns.extend(self.added_columns());
        RecordBatch::try_new(schema, columns)
            .map_err(|e| Error::Input(format!("cannot assemble the enriched rows: {e}")))
    }

    /// The added columns alone.
    fn added_columns(self) -> Vec<ArrayRef> {
        let mut columns = Vec::new();
        for rows in self.targets {
            columns.extend(target_columns(rows.into_columns()));
        }
        if let Some(nearest) = self.nearest {
            let ids: StringArray = nearest
                .iter()
                .map(|n| n.as_ref().map(|(id, _)| id.as_str()))
                .collect();
            let distances: Float64Array = nearest
                .iter()
                .map(|n| n.as_ref().map(|(_, d)| *d))
                .collect();
            columns.push(Arc::new(ids));
            columns.push(Arc::new(distances));
        }
        columns
    }
}

/// A target's six columns; `NaN` results become nulls.
fn target_columns(m: Measured) -> [ArrayRef; 6] {
    let number = |values: Vec<f64>| -> ArrayRef {
        Arc::new(Float64Array::from_iter(
            values.into_iter().map(|v| (!v.is_nan()).then_some(v)),
        ))
    };
    let text = |codes: &[i32]| -> ArrayRef {
        Arc::new(StringArray::from_iter(codes.iter().map(|&c| m.name(c))))
    };
    let (target, status) = (text(&m.target), text(&m.status));
    [
        number(m.distance),
        target,
        status,
        number(m.nearest_lat),
        number(m.nearest_lon),
        number(m.bearing_deg),
    ]
}

/// The file being written.
enum Sink {
    Parquet(parquet::arrow::ArrowWriter<OutputWriter>),
    /// Parquet whose input columns are copied, not decoded.
    Copying(Box<CopyingWriter>),
    Arrow(arrow_ipc::writer::FileWriter<std::io::BufWriter<OutputWriter>>),
}

impl Sink {
    /// `inputs`: how many of the schema's columns came from the input.
    fn create(
        output: &OutputFile,
        format: TableFormat,
        schema: &SchemaRef,
        inputs: usize,
    ) -> Result<Sink> {
        let writer = output.create()?;
        let failed = |e: String| sink_failed(output, e);
        Ok(match format {
            TableFormat::Parquet => Sink::Parquet(
                parquet::arrow::ArrowWriter::try_new(
                    writer,
                    schema.clone(),
                    Some(parquet_properties(schema, inputs)),
                )
                .map_err(|e| failed(e.to_string()))?,
            ),
            TableFormat::Arrow => Sink::Arrow(
                arrow_ipc::writer::FileWriter::try_new_buffered(writer, schema)
                    .map_err(|e| failed(e.to_string()))?,
            ),
            TableFormat::Csv => unreachable!("checked by the caller"),
        })
    }

    /// Parquet in the input's row groups, its columns copied.
    fn copying(
        output: &OutputFile,
        input: Copyable,
        schema: &SchemaRef,
        inputs: usize,
    ) -> Result<Sink> {
        let added = Arc::new(Schema::new(
            schema
                .fields()
                .iter()
                .skip(inputs)
                .cloned()
                .collect::<Vec<_>>(),
        ));
        let writer = CopyingWriter::create(
            output.create()?,
            input,
            schema,
            added,
            parquet_properties(schema, inputs),
        )
        .map_err(|e| sink_failed(output, e))?;
        Ok(Sink::Copying(Box::new(writer)))
    }

    fn write(&mut self, measured: MeasuredBatch) -> Result<()> {
        match self {
            Sink::Parquet(w) => w
                .write(&measured.assemble()?)
                .map_err(|e| sink_error(e.to_string())),
            Sink::Copying(w) => {
                let rows = measured.batch.num_rows();
                w.write(rows, measured.added_columns())
                    .map_err(|e| sink_error(e.to_string()))
            }
            Sink::Arrow(w) => w
                .write(&measured.assemble()?)
                .map_err(|e| sink_error(e.to_string())),
        }
    }

    /// The finished file, ready to commit.
    fn finish(self) -> Result<OutputWriter> {
        match self {
            Sink::Parquet(w) => w.into_inner().map_err(|e| sink_error(e.to_string())),
            Sink::Copying(w) => w.finish().map_err(|e| sink_error(e.to_string())),
            Sink::Arrow(w) => w
                .into_inner()
                .map_err(|e| sink_error(e.to_string()))?
                .into_inner()
                .map_err(|e| sink_error(e.to_string())),
        }
    }
}

/// How the Parquet output is written; `inputs`: how many of the schema's
/// columns came from the input.
fn parquet_properties(
    schema: &Schema,
    inputs: usize,
) -> parquet::file::properties::WriterProperties {
    // Dictionaries only where values repeat for certain (the ids and
    // statuses added); elsewhere they cost time and, for floats, hardly
    // ever pay.
    let mut properties = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .set_max_row_group_row_count(Some(BATCH_ROWS))
        .set_dictionary_enabled(false);
    for field in schema.fields().iter().skip(inputs) {
        if field.data_type() == &DataType::Utf8 {
            properties = properties.set_column_dictionary_enabled(
                parquet::schema::types::ColumnPath::from(field.name().as_str()),
                true,
            );
        }
    }
    // The schema's own metadata (a GeoParquet file's `geo` among it) as
    // the file's key-value pairs too, where readers that do not decode the
    // Arrow schema look for it.
    let mut pairs: Vec<KeyValue> = schema
        .metadata()
        .iter()
        .map(|(key, value)| KeyValue::new(key.clone(), value.clone()))
        .collect();
    pairs.sort_by(|a, b| a.key.cmp(&b.key));
    properties.set_key_value_metadata(Some(pairs)).build()
}

fn sink_failed(output: &OutputFile, why: String) -> Error {
    Error::Io {
        path: output.path().display().to_string(),
        source: std::io::Error::other(why),
    }
}

fn sink_error(why: String) -> Error {
    Error::Io {
        path: "output".into(),
        source: std::io::Error::other(why),
    }
}

fn arrow_input(file: &str, e: ArrowError) -> Error {
    Error::Input(format!("{file}: {e}"))
}

fn in_file(file: &str, e: Error) -> Error {
    match e {
        Error::Input(m) => Error::Input(format!("{file}: {m}")),
        other => other,
    }
}
