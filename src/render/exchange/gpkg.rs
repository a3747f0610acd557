//! `sandtable.gpkg`: every layer as a table of one GeoPackage (1.2), with
//! its QGIS style stored in `layer_styles` as the layer's default, so QGIS
//! opens each layer already styled; dates as `DATE` columns, the GeoJSON
//! feature id kept in an `id` column. Written through SQLite (`rusqlite`,
//! bundled) with `wkb` geometries; no clock is read, so the same data gives
//! the same bytes.

use super::{items, Item, STYLE_KEYS};
use crate::render::layers::Layer;
use geo::BoundingRect;
use rusqlite::{params, Connection};

/// When the tables last changed, as GeoPackage records it: fixed, so that
/// builds are byte for byte the same.
const LAST_CHANGE: &str = "2000-01-01T00:00:00.000Z";

const WGS84: &str = r#"GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],AUTHORITY["EPSG","4326"]]"#;

/// The GeoPackage's bytes.
pub(crate) fn geopackage(layers: &[Layer]) -> rusqlite::Result<Vec<u8>> {
    let dir = tempfile_dir();
    let path = dir.join("sandtable.gpkg");
    {
        let db = Connection::open(&path)?;
        write(&db, layers)?;
        db.execute_batch("VACUUM;")?;
    }
    let bytes =
        std::fs::read(&path).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)));
    let _ = std::fs::remove_dir_all(&dir);
    bytes
}

/// A private folder for the database while it is made.
fn tempfile_dir() -> std::path::PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let dir = std::env::temp_dir().join(format!("sandtable-gpkg-{}-{nanos}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
}

/// A table's name for a layer (`border-links` → `border_links`).
pub(crate) fn table_name(layer: &str) -> String {
    layer.replace('-', "_")
}

fn write(db: &Connection, layers: &[Layer]) -> rusqlite::Result<()> {
    db.execute_batch(&format!(
        "PRAGMA application_id = 1196444487;
         PRAGMA user_version = 10200;
         PRAGMA page_size = 4096;
         BEGIN;
         CREATE TABLE gpkg_spatial_ref_sys (srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY,
           organization TEXT NOT NULL, organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL,
           description TEXT);
         INSERT INTO gpkg_spatial_ref_sys VALUES
           ('Undefined cartesian SRS', -1, 'NONE', -1, 'undefined', 'undefined cartesian coordinate reference system'),
           ('Undefined geographic SRS', 0, 'NONE', 0, 'undefined', 'undefined geographic coordinate reference system'),
           ('WGS 84 geodetic', 4326, 'EPSG', 4326, '{WGS84}', 'longitude/latitude coordinates in decimal degrees on the WGS 84 spheroid');
         CREATE TABLE gpkg_contents (table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL,
           identifier TEXT UNIQUE, description TEXT DEFAULT '', last_change DATETIME NOT NULL,
           min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
           CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
         CREATE TABLE gpkg_geometry_columns (table_name TEXT NOT NULL, column_name TEXT NOT NULL,
           geometry_type_name TEXT NOT NULL, srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
           CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
           CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
           CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
         CREATE TABLE layer_styles (id INTEGER PRIMARY KEY AUTOINCREMENT, f_table_catalog TEXT(256),
           f_table_schema TEXT(256), f_table_name TEXT(256), f_geometry_column TEXT(256), styleName TEXT(30),
           styleQML TEXT, styleSLD TEXT, useAsDefault BOOLEAN, description TEXT, owner TEXT(30), ui TEXT(30),
           update_time DATETIME);
         INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change)
           VALUES ('layer_styles', 'attributes', 'layer_styles', 'QGIS styles of the layers', '{LAST_CHANGE}');"
    ))?;
    for layer in layers {
        table(db, layer)?;
    }
    db.execute_batch("COMMIT;")
}

/// A column's SQL type, from the values a property takes.
fn column_type(name: &str, items: &[Item]) -> &'static str {
    if matches!(name, "start" | "end" | "end_exclusive") {
        return "DATE";
    }
    let values: Vec<&serde_json::Value> = items
        .iter()
        .filter_map(|i| i.properties.get(name))
        .filter(|v| !v.is_null())
        .collect();
    if !values.is_empty() && values.iter().all(|v| v.is_boolean()) {
        "BOOLEAN"
    } else if !values.is_empty() && values.iter().all(|v| v.is_i64() || v.is_u64()) {
        "INTEGER"
    } else if !values.is_empty() && values.iter().all(|v| v.is_number()) {
        "REAL"
    } else {
        "TEXT"
    }
}

fn geometry_type(items: &[Item]) -> &'static str {
    match items.iter().find_map(|i| i.geometry.as_ref()) {
        Some(geo::Geometry::Point(_)) => "POINT",
        Some(geo::Geometry::LineString(_)) => "LINESTRING",
        Some(geo::Geometry::MultiLineString(_)) => "MULTILINESTRING",
        Some(geo::Geometry::Polygon(_)) => "POLYGON",
        Some(geo::Geometry::MultiPolygon(_)) => "MULTIPOLYGON",
        _ => "GEOMETRY",
    }
}

fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn table(db: &Connection, layer: &Layer) -> rusqlite::Result<()> {
    let items = items(layer);
    let name = table_name(layer.name);
    let mut columns: Vec<String> = Vec::new();
    for item in &items {
        for key in item.properties.keys() {
            if !STYLE_KEYS.contains(&key.as_str())
                && !columns.contains(key)
                && key != "id"
                && key != "fid"
            {
                columns.push(key.clone());
            }
        }
    }
    let definitions: Vec<String> = columns
        .iter()
        .map(|c| format!("{} {}", quoted(c), column_type(c, &items)))
        .collect();
    let kind = geometry_type(&items);
    db.execute_batch(&format!(
        "CREATE TABLE {} (fid INTEGER PRIMARY KEY AUTOINCREMENT, geom {kind}, id TEXT{}{});",
        quoted(&name),
        if definitions.is_empty() { "" } else { ", " },
        definitions.join(", ")
    ))?;
    let placeholders = vec!["?"; columns.len() + 2].join(", ");
    let column_list: Vec<String> = columns.iter().map(|c| quoted(c)).collect();
    let insert = format!(
        "INSERT INTO {} (geom, id{}{}) VALUES ({placeholders})",
        quoted(&name),
        if columns.is_empty() { "" } else { ", " },
        column_list.join(", ")
    );
    let mut statement = db.prepare(&insert)?;
    let mut extent: Option<geo::Rect<f64>> = None;
    for item in &items {
        let mut values: Vec<rusqlite::types::Value> = Vec::with_capacity(columns.len() + 2);
        values.push(match &item.geometry {
            Some(g) => rusqlite::types::Value::Blob(blob(g)),
            None => rusqlite::types::Value::Null,
        });
        values.push(rusqlite::types::Value::Text(item.id.clone()));
        for column in &columns {
            values.push(sql_value(item.properties.get(column)));
        }
        statement.execute(rusqlite::params_from_iter(values))?;
        if let Some(r) = item.geometry.as_ref().and_then(|g| g.bounding_rect()) {
            extent = Some(match extent {
                None => r,
                Some(e) => geo::Rect::new(
                    geo::coord! { x: e.min().x.min(r.min().x), y: e.min().y.min(r.min().y) },
                    geo::coord! { x: e.max().x.max(r.max().x), y: e.max().y.max(r.max().y) },
                ),
            });
        }
    }
    let (min, max) = extent.map_or(((0.0, 0.0), (0.0, 0.0)), |e| (e.min().x_y(), e.max().x_y()));
    db.execute(
        "INSERT INTO gpkg_contents (table_name, data_type, identifier, description, last_change, min_x, min_y, max_x, max_y, srs_id)
         VALUES (?1, 'features', ?1, ?2, ?3, ?4, ?5, ?6, ?7, 4326)",
        params![name, format!("the {} layer of sandtable build", layer.name), LAST_CHANGE, min.0, min.1, max.0, max.1],
    )?;
    db.execute(
        "INSERT INTO gpkg_geometry_columns VALUES (?1, 'geom', ?2, 4326, 0, 0)",
        params![name, kind],
    )?;
    db.execute(
        "INSERT INTO layer_styles (f_table_catalog, f_table_schema, f_table_name, f_geometry_column, styleName,
           styleQML, styleSLD, useAsDefault, description, owner, ui, update_time)
         VALUES ('', '', ?1, 'geom', ?1, ?2, '', 1, 'sandtable', '', NULL, ?3)",
        params![name, layer.qml, LAST_CHANGE],
    )?;
    Ok(())
}

fn sql_value(value: Option<&serde_json::Value>) -> rusqlite::types::Value {
    use rusqlite::types::Value as V;
    match value {
        None | Some(serde_json::Value::Null) => V::Null,
        Some(serde_json::Value::Bool(b)) => V::Integer(i64::from(*b)),
        Some(serde_json::Value::Number(n)) => match n.as_i64() {
            Some(i) => V::Integer(i),
            None => V::Real(n.as_f64().unwrap_or(f64::NAN)),
        },
        Some(serde_json::Value::String(s)) => V::Text(s.clone()),
        Some(other) => V::Text(other.to_string()),
    }
}

/// A GeoPackage geometry blob: the `GP` header (version 0, little-endian,
/// SRS 4326, an envelope for anything but a point) and the WKB.
fn blob(geometry: &geo::Geometry<f64>) -> Vec<u8> {
    let mut out = vec![b'G', b'P', 0];
    let envelope = match geometry {
        geo::Geometry::Point(_) => None,
        g => g.bounding_rect(),
    };
    out.push(if envelope.is_some() {
        0b0000_0011
    } else {
        0b0000_0001
    });
    out.extend_from_slice(&4326i32.to_le_bytes());
    if let Some(e) = envelope {
        for v in [e.min().x, e.max().x, e.min().y, e.max().y] {
            out.extend_from_slice(&v.to_le_bytes());
        }
    }
    let options = wkb::writer::WriteOptions {
        endianness: wkb::Endianness::LittleEndian,
    };
    wkb::writer::write_geometry(&mut out, geometry, &options).expect("a vector takes every byte");
    out
}
