//! `enrich` on Parquet and Arrow files: every input column kept with its
//! type, the same figures as the CSV path, GeoParquet points, refusals.
//! (The Python suite reads these files with pyarrow as well.)

mod common;
use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::Array;
use arrow_array::{ArrayRef, BinaryArray, Float64Array, Int32Array, RecordBatch, StringArray};
use arrow_schema::{DataType, Field, Schema};
use common::*;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

const LATS: [Option<f64>; 4] = [Some(30.889167), None, Some(36.7), Some(95.0)];
const LONS: [Option<f64>; 4] = [Some(-3.045556), Some(0.0), Some(3.0), Some(1.0)];

fn points() -> RecordBatch {
    let columns: Vec<ArrayRef> = vec![
        Arc::new(Int32Array::from(vec![1, 2, 3, 4])),
        Arc::new(StringArray::from(vec!["a", "b, c", "d", "e"])),
        Arc::new(Float64Array::from(LATS.to_vec())),
        Arc::new(Float64Array::from(LONS.to_vec())),
    ];
    let schema = Schema::new(vec![
        Field::new("id", DataType::Int32, false),
        Field::new("note", DataType::Utf8, false),
        Field::new("latitude", DataType::Float64, true),
        Field::new("longitude", DataType::Float64, true),
    ])
    .with_metadata(HashMap::from([("origin".to_string(), "test".to_string())]));
    RecordBatch::try_new(Arc::new(schema), columns).unwrap()
}

fn write_parquet(path: &Path, batch: &RecordBatch) {
    let file = std::fs::File::create(path).unwrap();
    let mut w = parquet::arrow::ArrowWriter::try_new(file, batch.schema(), None).unwrap();
    w.write(batch).unwrap();
    w.close().unwrap();
}

fn read_parquet(path: &Path) -> RecordBatch {
    let file = std::fs::File::open(path).unwrap();
    let builder =
        parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file).unwrap();
    // The file's schema, with its key-value metadata (batches carry none).
    let schema = builder.schema().clone();
    let batches: Vec<RecordBatch> = builder.build().unwrap().map(Result::unwrap).collect();
    arrow_select::concat::concat_batches(&schema, &batches).unwrap()
}

/// Runs `enrich INPUT --to border:MA -o OUTPUT`.
fn enrich_to_morocco(input: &Path, output: &Path) {
    run_ok([
        "enrich",
        input.to_str().unwrap(),
        "--to",
        "border:MA",
        "-o",
        output.to_str().unwrap(),
    ]);
}

fn numbers(batch: &RecordBatch, name: &str) -> Vec<Option<f64>> {
    batch
        .column_by_name(name)
        .unwrap()
        .as_primitive::<Float64Type>()
        .iter()
        .collect()
}

/// The CSV path's cells for the same points.
fn csv_cells(dir: &Path) -> Vec<Vec<String>> {
    let mut text = String::from("id,note,latitude,longitude\n");
    for (i, (lat, lon)) in LATS.iter().zip(LONS).enumerate() {
        let cell = |v: Option<f64>| v.map_or(String::new(), |v| v.to_string());
        text += &format!("{},x,{},{}\n", i + 1, cell(*lat), cell(lon));
    }
    let path = dir.join("points.csv");
    std::fs::write(&path, text).unwrap();
    let out = run_ok([
        "enrich",
        path.to_str().unwrap(),
        "--to",
        "border:MA",
        "--to",
        "coast:DZ",
    ]);
    csv::Reader::from_reader(out.as_slice())
        .records()
        .map(|r| r.unwrap().iter().skip(4).map(String::from).collect())
        .collect()
}

#[test]
fn parquet_keeps_every_column_and_type_and_adds_the_csv_paths_figures() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("points.parquet");
    write_parquet(&input, &points());
    let output = dir.path().join("out.parquet");
    let out = sandtable()
        .args([
            "enrich",
            input.to_str().unwrap(),
            "--to",
            "border:MA",
            "--to",
            "coast:DZ",
        ])
        .args(["-o", output.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("2 without usable coordinates (rows 2, 4)")
    );
    let batch = read_parquet(&output);
    let schema = batch.schema();
    assert_eq!(schema.field(0).data_type(), &DataType::Int32);
    assert_eq!(
        schema.metadata().get("origin").map(String::as_str),
        Some("test")
    );
    assert_eq!(batch.column(1).as_string::<i32>().value(1), "b, c");
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names.len(), 4 + 12);
    assert_eq!(names[4], "border_ma_distance_km");
    // Each figure, formatted as the CSV path formats it, is the CSV path's.
    let cells = csv_cells(dir.path());
    let decimals = [6, 0, 0, 7, 7, 2];
    for (row, expected) in cells.iter().enumerate() {
        for (k, name) in names[4..].iter().enumerate() {
            let got = match schema.field_with_name(name).unwrap().data_type() {
                DataType::Float64 => numbers(&batch, name)[row]
                    .map_or(String::new(), |v| format!("{v:.*}", decimals[k % 6])),
                _ => {
                    let column = batch.column_by_name(name).unwrap().as_string::<i32>();
                    if column.is_null(row) {
                        String::new()
                    } else {
                        column.value(row).to_string()
                    }
                }
            };
            assert_eq!(got, expected[k], "row {row}, {name}");
        }
    }
}

#[test]
fn arrow_ipc_in_and_out_and_strict_refuses_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("points.arrow");
    let file = std::fs::File::create(&input).unwrap();
    let mut w = arrow_ipc::writer::FileWriter::try_new(file, &points().schema()).unwrap();
    w.write(&points()).unwrap();
    w.finish().unwrap();
    let output = dir.path().join("out.arrow");
    enrich_to_morocco(&input, &output);
    let reader =
        arrow_ipc::reader::FileReader::try_new(std::fs::File::open(&output).unwrap(), None)
            .unwrap();
    let batch = reader.map(Result::unwrap).next().unwrap();
    let d = numbers(&batch, "border_ma_distance_km");
    assert_eq!(format!("{:.6}", d[0].unwrap()), "47.872616");
    assert_eq!(d[1], None);

    let refused = dir.path().join("strict.arrow");
    let out = sandtable()
        .args([
            "enrich",
            input.to_str().unwrap(),
            "--to",
            "border:MA",
            "--strict",
        ])
        .args(["-o", refused.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("rows 2, 4"));
    assert!(!refused.exists());
}

fn wkb_point(lon: f64, lat: f64) -> Vec<u8> {
    let mut b = vec![1u8, 1, 0, 0, 0];
    b.extend(lon.to_le_bytes());
    b.extend(lat.to_le_bytes());
    b
}

fn geoparquet(dir: &Path, geometry: Vec<Option<Vec<u8>>>, crs: &str) -> std::path::PathBuf {
    let geo = format!(
        r#"{{"version":"1.1.0","primary_column":"geometry","columns":{{"geometry":{{"encoding":"WKB","geometry_types":["Point"]{crs}}}}}}}"#
    );
    let schema = Schema::new(vec![
        Field::new("name", DataType::Utf8, false),
        Field::new("geometry", DataType::Binary, true),
    ])
    .with_metadata(HashMap::from([("geo".to_string(), geo)]));
    let n = geometry.len();
    let names: Vec<String> = (0..n).map(|i| format!("p{i}")).collect();
    let batch = RecordBatch::try_new(
        Arc::new(schema),
        vec![
            Arc::new(StringArray::from(names)),
            Arc::new(BinaryArray::from_iter(geometry)),
        ],
    )
    .unwrap();
    let path = dir.join("points.parquet");
    write_parquet(&path, &batch);
    path
}

#[test]
fn geoparquet_points_are_read_and_the_file_stays_geoparquet() {
    let dir = tempfile::tempdir().unwrap();
    let input = geoparquet(
        dir.path(),
        vec![Some(wkb_point(-3.045556, 30.889167)), None],
        "",
    );
    let output = dir.path().join("out.parquet");
    enrich_to_morocco(&input, &output);
    let batch = read_parquet(&output);
    assert!(batch.schema().metadata().contains_key("geo"));
    // Where readers that do not decode the Arrow schema (DuckDB, GDAL
    // without Arrow) look for it too.
    let metadata = parquet_metadata(&output);
    let kv = metadata.file_metadata().key_value_metadata().unwrap();
    assert!(kv.iter().any(|kv| kv.key == "geo"));
    let d = numbers(&batch, "border_ma_distance_km");
    assert_eq!(format!("{:.6}", d[0].unwrap()), "47.872616");
    assert_eq!(d[1], None);
}

#[test]
fn columnar_refusals_name_the_file_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut line = vec![1u8, 2, 0, 0, 0, 2, 0, 0, 0];
    for v in [0.0f64, 0.0, 1.0, 1.0] {
        line.extend(v.to_le_bytes());
    }
    let not_points = geoparquet(dir.path(), vec![Some(line)], "");
    let projected = dir.path().join("projected");
    std::fs::create_dir(&projected).unwrap();
    let projected = geoparquet(
        &projected,
        vec![Some(wkb_point(500000.0, 3400000.0))],
        r#","crs":{"id":{"authority":"EPSG","code":32631}}"#,
    );
    let garbage = dir.path().join("garbage.parquet");
    std::fs::write(&garbage, "not parquet").unwrap();
    let csv_in = dir.path().join("p.csv");
    std::fs::write(&csv_in, "lat,lon\n1,1\n").unwrap();
    let cases: [(&Path, &[&str], &str); 5] = [
        (
            &not_points,
            &["-o", "x.parquet"],
            "row 1: geometry: not a point",
        ),
        (
            &projected,
            &["-o", "x.parquet"],
            "not in longitude/latitude",
        ),
        (
            &garbage,
            &["-o", "x.parquet"],
            "not a readable Parquet file",
        ),
        (&not_points, &[], "give -o OUT.parquet"),
        (
            &csv_in,
            &["-o", "x.parquet"],
            "a CSV input is enriched to CSV",
        ),
    ];
    for (input, extra, message) in cases {
        let out = sandtable()
            .current_dir(dir.path())
            .args(["enrich", input.to_str().unwrap(), "--to", "border:MA"])
            .args(extra)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains(message), "{message}: {stderr}");
        assert!(!dir.path().join("x.parquet").exists());
    }
}

/// A Parquet file written in row groups of the given sizes: an id, a note,
/// then longitude before latitude (so that the coordinates are not the
/// first columns, nor in the usual order). Every 1,000th row has a point.
fn row_groups(path: &Path, sizes: &[usize]) {
    let schema = Arc::new(
        Schema::new(vec![
            Field::new("id", DataType::Int32, false),
            Field::new("note", DataType::Utf8, true),
            Field::new("lon", DataType::Float64, true),
            Field::new("lat", DataType::Float64, true),
        ])
        .with_metadata(HashMap::from([("origin".to_string(), "test".to_string())])),
    );
    let properties = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(usize::MAX))
        .build();
    let file = std::fs::File::create(path).unwrap();
    let mut w =
        parquet::arrow::ArrowWriter::try_new(file, schema.clone(), Some(properties)).unwrap();
    let mut first = 0;
    for &n in sizes {
        let ids: Vec<i32> = (first..first + n as i32).collect();
        let point = |i: &i32, v: f64| (i % 1000 == 0).then_some(v + f64::from(i % 7));
        let columns: Vec<ArrayRef> = vec![
            Arc::new(Int32Array::from(ids.clone())),
            Arc::new(StringArray::from_iter(
                ids.iter()
                    .map(|i| (i % 3 != 0).then(|| format!("note {i}"))),
            )),
            Arc::new(Float64Array::from_iter(ids.iter().map(|i| point(i, -8.0)))),
            Arc::new(Float64Array::from_iter(ids.iter().map(|i| point(i, 28.0)))),
        ];
        w.write(&RecordBatch::try_new(schema.clone(), columns).unwrap())
            .unwrap();
        w.flush().unwrap();
        first += n as i32;
    }
    w.close().unwrap();
}

fn parquet_metadata(path: &Path) -> Arc<parquet::file::metadata::ParquetMetaData> {
    let file = std::fs::File::open(path).unwrap();
    parquet::arrow::arrow_reader::ArrowReaderMetadata::load(&file, Default::default())
        .unwrap()
        .metadata()
        .clone()
}

#[test]
fn parquet_row_groups_are_copied_whole_with_the_figures_of_a_full_decode() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("groups.parquet");
    // The middle row group is longer than a batch of measuring.
    let sizes = [3, 70_000, 1_200];
    row_groups(&input, &sizes);
    let output = dir.path().join("out.parquet");
    let decoded = dir.path().join("out.arrow");
    for out in [&output, &decoded] {
        enrich_to_morocco(&input, out);
    }
    // The input's row groups, each input column chunk as it was.
    let (before, after) = (parquet_metadata(&input), parquet_metadata(&output));
    let rows: Vec<i64> = after.row_groups().iter().map(|g| g.num_rows()).collect();
    assert_eq!(rows, sizes.map(|n| n as i64));
    for (g, group) in before.row_groups().iter().enumerate() {
        for (c, column) in group.columns().iter().enumerate() {
            let copied = after.row_group(g).column(c);
            assert_eq!(copied.compressed_size(), column.compressed_size());
            assert_eq!(copied.statistics(), column.statistics());
        }
    }
    let kv = after.file_metadata().key_value_metadata().unwrap();
    assert!(kv.iter().any(|kv| kv.key == "origin"));
    // Every column, as the Arrow path (which decodes everything) has it.
    let reader =
        arrow_ipc::reader::FileReader::try_new(std::fs::File::open(&decoded).unwrap(), None)
            .unwrap();
    let batches: Vec<RecordBatch> = reader.map(Result::unwrap).collect();
    let expected = arrow_select::concat::concat_batches(&batches[0].schema(), &batches).unwrap();
    let got = read_parquet(&output);
    assert_eq!(got.schema().fields(), expected.schema().fields());
    assert_eq!(got.columns(), expected.columns());
    let d = numbers(&got, "border_ma_distance_km");
    assert_eq!(d.iter().filter(|d| d.is_some()).count(), 72);
}

#[test]
fn a_row_group_too_large_to_copy_is_decoded_and_written_anew() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("large.parquet");
    let rows = (1 << 20) + 1;
    row_groups(&input, &[rows]);
    let output = dir.path().join("out.parquet");
    enrich_to_morocco(&input, &output);
    let after = parquet_metadata(&output);
    assert_eq!(after.file_metadata().num_rows(), rows as i64);
    assert!(after.row_groups().iter().all(|g| g.num_rows() <= 65_536));
    let got = read_parquet(&output);
    let d = numbers(&got, "border_ma_distance_km");
    assert_eq!(d.iter().filter(|d| d.is_some()).count(), rows / 1000 + 1);
}
