//! The Python binding of sandtable: the crate's own measuring, exposed over
//! NumPy arrays. Only conversion lives here; every figure comes from the
//! `sandtable` crate, as the command line computes it. The Python side
//! (`python/sandtable/`) adds pandas, Spark and Dask on top.

use numpy::{PyArray1, PyReadonlyArray1};
use pyo3::exceptions::{PyOSError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::PyDict;
use sandtable::base::find_country;
use sandtable::base::Unit;
use sandtable::load::Dataset;
use sandtable::measure::{column_prefix, coordinate_pair, measure_points, Matcher, Measured};
use sandtable::resolve::{Gazetteer, TargetArg};
use std::path::PathBuf;

/// A sandtable error as the Python exception that fits it: bad input is a
/// `ValueError`, anything else an `OSError`.
fn to_py(e: sandtable::Error) -> PyErr {
    if e.is_bad_input() {
        PyValueError::new_err(e.to_string())
    } else {
        PyOSError::new_err(e.to_string())
    }
}

fn unit_of(unit: &str) -> PyResult<Unit> {
    unit.parse::<Unit>().map_err(PyValueError::new_err)
}

type Columns<'py> = (
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<f64>>,
    Bound<'py, PyArray1<i32>>,
    Bound<'py, PyArray1<i32>>,
    Vec<String>,
);

/// Distances from points to a target, on every core with the GIL released:
/// (distance, nearest_lat, nearest_lon, bearing_deg, target codes, status
/// codes, the names the codes index; `-1` for none). A million rows of one
/// boundary id cost one Python string, not a million.
#[pyfunction]
#[pyo3(signature = (lat, lon, target, unit = "km", data = None))]
fn measure<'py>(
    py: Python<'py>,
    lat: PyReadonlyArray1<'py, f64>,
    lon: PyReadonlyArray1<'py, f64>,
    target: &str,
    unit: &str,
    data: Option<PathBuf>,
) -> PyResult<Columns<'py>> {
    let unit = unit_of(unit)?;
    if lat.len()? != lon.len()? {
        return Err(PyValueError::new_err(format!(
            "lat and lon differ in length ({} and {})",
            lat.len()?,
            lon.len()?
        )));
    }
    let lats = lat.as_slice()?;
    let lons = lon.as_slice()?;
    let needs_data = TargetArg::load(target).map_err(to_py)?.needs_dataset();
    let dataset = match (&data, needs_data) {
        (Some(dir), _) => Some(Dataset::load(dir).map_err(to_py)?),
        (None, true) => Some(Dataset::load(&PathBuf::from(".")).map_err(to_py)?),
        (None, false) => None,
    };
    let measured: Measured = py
        .detach(|| measure_points(lats, lons, target, dataset.as_ref(), unit))
        .map_err(to_py)?;
    Ok((
        PyArray1::from_vec(py, measured.distance),
        PyArray1::from_vec(py, measured.nearest_lat),
        PyArray1::from_vec(py, measured.nearest_lon),
        PyArray1::from_vec(py, measured.bearing_deg),
        PyArray1::from_vec(py, measured.target),
        PyArray1::from_vec(py, measured.status),
        measured.names,
    ))
}

/// The column prefix `enrich` gives a target: `border:MA` → `border_ma`.
#[pyfunction]
fn prefix(target: &str) -> String {
    column_prefix(target)
}

/// The unit's symbol as column names carry it (`km`, `m`, `mi`, `nmi`).
#[pyfunction]
fn unit_symbol(unit: &str) -> PyResult<&'static str> {
    Ok(unit_of(unit)?.symbol())
}

/// The latitude and longitude columns among `names`, as `enrich` finds them.
#[pyfunction]
fn coordinate_columns(names: Vec<String>) -> Option<(String, String)> {
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    coordinate_pair(&refs).map(|(lat, lon)| (names[lat].clone(), names[lon].clone()))
}

/// Mentions of the dataset's sites in `text`: dicts of site_id, matched,
/// start and end (characters, end exclusive).
#[pyfunction]
#[pyo3(signature = (text, data = None))]
fn mentions<'py>(
    py: Python<'py>,
    text: &str,
    data: Option<PathBuf>,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let dataset = Dataset::load(&data.unwrap_or_else(|| PathBuf::from("."))).map_err(to_py)?;
    let found = py.detach(|| Matcher::new(&dataset.sites).find(text));
    found
        .into_iter()
        .map(|m| {
            let d = PyDict::new(py);
            d.set_item("site_id", m.site_id)?;
            d.set_item("matched", m.matched)?;
            d.set_item("start", m.start)?;
            d.set_item("end", m.end)?;
            Ok(d)
        })
        .collect()
}

/// Places the bundled GeoNames gazetteer suggests for a name, best first.
#[pyfunction]
#[pyo3(signature = (name, country = None, limit = 5))]
fn geocode<'py>(
    py: Python<'py>,
    name: &str,
    country: Option<&str>,
    limit: usize,
) -> PyResult<Vec<Bound<'py, PyDict>>> {
    let gazetteer = Gazetteer::shared().map_err(PyOSError::new_err)?;
    let country = match country {
        None => None,
        Some(code) => Some(
            find_country(code)
                .ok_or_else(|| PyValueError::new_err(format!("unknown country '{code}'")))?,
        ),
    };
    let found = py.detach(|| gazetteer.find(name, country, limit));
    found
        .into_iter()
        .map(|s| {
            let d = PyDict::new(py);
            d.set_item("name", s.name)?;
            d.set_item("lat", s.place.lat)?;
            d.set_item("lon", s.place.lon)?;
            d.set_item("country", &s.place.country)?;
            d.set_item("admin1", &s.place.admin1)?;
            d.set_item("feature", s.place.feature.as_deref())?;
            d.set_item("population", s.place.population)?;
            d.set_item("geonameid", s.place.geonameid)?;
            d.set_item("match", s.how.as_str())?;
            d.set_item("similarity", s.similarity)?;
            Ok(d)
        })
        .collect()
}

#[pymodule]
fn _sandtable(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(measure, m)?)?;
    m.add_function(wrap_pyfunction!(prefix, m)?)?;
    m.add_function(wrap_pyfunction!(unit_symbol, m)?)?;
    m.add_function(wrap_pyfunction!(coordinate_columns, m)?)?;
    m.add_function(wrap_pyfunction!(mentions, m)?)?;
    m.add_function(wrap_pyfunction!(geocode, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
