"""Exact WGS84 distances from points to a country's land border or coast,
or to a place, computed by the sandtable crate (the kernel of
``sandtable enrich``) over NumPy arrays, pandas and GeoPandas frames.
Spark and Dask: :mod:`sandtable.spark`, :mod:`sandtable.dask`.

>>> import sandtable
>>> d = sandtable.border_distance([30.889167], [-3.045556], "border:MA")
>>> round(float(d.distance[0]), 6), d.target[0], d.status[0]
(47.872616, 'DZA-MAR', 'agreed')
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Any, List, NamedTuple, Optional, Sequence, Tuple, Union

import numpy as np

from . import _sandtable

if TYPE_CHECKING:  # pragma: no cover
    import pandas

__all__ = [
    "Distances",
    "added_columns",
    "border_distance",
    "enrich",
    "geocode",
    "mentions",
]
__version__: str = _sandtable.__version__

Targets = Union[str, Sequence[str]]
PathLike = Union[str, "os.PathLike[str]"]


class Distances(NamedTuple):
    """What :func:`border_distance` measured for each point.

    Unmeasurable points (a coordinate missing, not a number or out of range)
    get ``NaN`` in the number arrays and ``None`` in the text ones.
    """

    distance: np.ndarray
    """The distance in the unit asked for (float64)."""
    nearest_lat: np.ndarray
    """Latitude of the target's nearest point, degrees (float64)."""
    nearest_lon: np.ndarray
    """Longitude of it, degrees (float64)."""
    bearing_deg: np.ndarray
    """Initial bearing towards it, degrees in [0, 360) (float64)."""
    target: np.ndarray
    """What was reached: a boundary id (``DZA-MAR``) or a site id (object)."""
    status: np.ndarray
    """The boundary's status (``agreed``, ``disputed``) or None (object)."""


def border_distance(
    lat: Any,
    lon: Any,
    target: str,
    unit: str = "km",
    data: Optional[PathLike] = None,
) -> Distances:
    """The exact geodesic distance from each point to ``target``.

    ``lat`` and ``lon``: degrees, as NumPy arrays, lists, pandas Series or
    Arrow arrays (text that parses as a number is read as one).
    ``target`` as ``sandtable enrich --to`` takes it: ``border:MA``,
    ``coast:DZ``, ``file:PATH`` (GeoJSON lines), or a place of the dataset in
    ``data`` (default: the current folder). ``unit``: ``km``, ``m``, ``mi``
    or ``nmi``. Runs on every core with the GIL released.

    >>> d = border_distance([30.889167, None], [-3.045556, 0.0], "border:MA", unit="m")
    >>> round(float(d.distance[0]), 3), d.target[1]
    (47872.616, None)
    """
    lats, lons = _floats(lat), _floats(lon)
    data_dir = None if data is None else os.fspath(data)
    distance, nlat, nlon, bearing, targets, statuses, names = _sandtable.measure(
        lats, lons, target, unit, data_dir
    )
    return Distances(
        distance, nlat, nlon, bearing, _decode(names, targets), _decode(names, statuses)
    )


def added_columns(to: Targets, unit: str = "km") -> List[str]:
    """The columns ``enrich`` adds, named as the command line names them.

    >>> added_columns("border:MA")[:2]
    ['border_ma_distance_km', 'border_ma_target']
    """
    symbol = _sandtable.unit_symbol(unit)
    names = []
    for target in _targets(to):
        p = _sandtable.prefix(target)
        names += [
            f"{p}_distance_{symbol}",
            f"{p}_target",
            f"{p}_status",
            f"{p}_nearest_lat",
            f"{p}_nearest_lon",
            f"{p}_bearing_deg",
        ]
    return names


def enrich(
    df: "pandas.DataFrame",
    to: Targets,
    lat: Optional[str] = None,
    lon: Optional[str] = None,
    unit: str = "km",
    data: Optional[PathLike] = None,
) -> "pandas.DataFrame":
    """A copy of ``df`` with six columns per target, as ``sandtable enrich``
    adds them: ``<target>_distance_<unit>``, ``_target``, ``_status``,
    ``_nearest_lat``, ``_nearest_lon``, ``_bearing_deg``.

    Coordinates come from ``lat``/``lon``, else from columns found by name
    (latitude/longitude, lat/lon, lat/lng, lat/long, y/x), else from a
    GeoDataFrame's point geometry in longitude/latitude.

    >>> import pandas as pd
    >>> out = enrich(pd.DataFrame({"lat": [30.889167], "lon": [-3.045556]}), "border:MA")
    >>> round(float(out["border_ma_distance_km"][0]), 6)
    47.872616
    """
    lats, lons = coordinates(df, lat, lon)
    names = added_columns(to, unit)
    already = [n for n in names if n in df.columns]
    if already:
        raise ValueError(
            f"the frame already has the column '{already[0]}': it looks enriched already"
        )
    out = df.copy()
    for i, target in enumerate(_targets(to)):
        d = border_distance(lats, lons, target, unit, data)
        in_cli_order = (d.distance, d.target, d.status, d.nearest_lat, d.nearest_lon, d.bearing_deg)
        for name, values in zip(names[6 * i : 6 * i + 6], in_cli_order):
            out[name] = values
    return out


def coordinates(
    df: "pandas.DataFrame", lat: Optional[str] = None, lon: Optional[str] = None
) -> Tuple[np.ndarray, np.ndarray]:
    """The latitudes and longitudes of a frame's rows, found as :func:`enrich`
    finds them."""
    if (lat is None) != (lon is None):
        raise ValueError("give both lat and lon, or neither")
    if lat is None:
        found = _sandtable.coordinate_columns([str(c) for c in df.columns])
        if found is not None:
            by_name = {str(c): c for c in df.columns}
            lat, lon = by_name[found[0]], by_name[found[1]]
        elif _is_geodataframe(df):
            return _geometry_points(df)
        else:
            raise ValueError(
                "no coordinate columns (latitude/longitude, lat/lon, lat/lng, lat/long, y/x) "
                f"and no point geometry; name them with lat= and lon= (columns: {list(df.columns)})"
            )
    for name in (lat, lon):
        if name not in df.columns:
            raise ValueError(f"no column '{name}' (columns: {list(df.columns)})")
    return _floats(df[lat]), _floats(df[lon])


def mentions(text: str, data: Optional[PathLike] = None) -> List[dict]:
    """Mentions of the dataset's sites in ``text``, as ``sandtable mentions``
    finds them: dicts of ``site_id``, ``matched``, ``start`` and ``end``
    (characters, end exclusive). ``data``: the dataset folder (default: the
    current folder)."""
    return _sandtable.mentions(text, None if data is None else os.fspath(data))


def geocode(name: str, country: Optional[str] = None, limit: int = 5) -> List[dict]:
    """Places the bundled GeoNames gazetteer suggests for ``name`` (any
    script), best first, as ``sandtable geocode`` lists them.

    >>> geocode("Djanet", limit=1)[0]["country"]
    'DZ'
    """
    return _sandtable.geocode(name, country, limit)


def _targets(to: Targets) -> List[str]:
    return [to] if isinstance(to, str) else list(to)


def _absolute(targets: List[str]) -> List[str]:
    """``file:`` targets with absolute paths, for workers whose current
    folder is not the caller's (the column names do not change: they come
    from the file's stem)."""
    return [
        f"file:{os.path.abspath(t[5:])}" if t.startswith("file:") else t for t in targets
    ]


def _decode(values: List[str], codes: np.ndarray) -> np.ndarray:
    """Codes into ``values`` as an object array (``-1``: None)."""
    table = np.empty(len(values) + 1, dtype=object)
    table[: len(values)] = values
    table[-1] = None
    return table[codes]


def _floats(values: Any) -> np.ndarray:
    """Degrees as a contiguous float64 array; missing and unparsable values
    become NaN, as an empty or malformed CSV cell does."""
    if hasattr(values, "to_numpy") and not isinstance(values, np.ndarray):
        try:  # an Arrow array: nulls become NaN
            values = values.to_numpy(zero_copy_only=False)
        except TypeError:  # a pandas Series
            values = values.to_numpy()
    array = np.asarray(values)
    if array.dtype.kind in "fiub":
        return np.ascontiguousarray(array, dtype=np.float64)
    out = np.empty(len(array), dtype=np.float64)
    for i, value in enumerate(array):
        out[i] = _number(value)
    return out


def _number(value: Any) -> float:
    if value is None:
        return float("nan")
    try:
        return float(str(value).strip())
    except ValueError:
        return float("nan")


def _is_geodataframe(df: Any) -> bool:
    return type(df).__name__ == "GeoDataFrame" and hasattr(df, "geometry")


def _geometry_points(df: Any) -> Tuple[np.ndarray, np.ndarray]:
    crs = getattr(df, "crs", None)
    if crs is not None and crs.to_epsg() not in (4326, None) and "CRS84" not in str(crs):
        raise ValueError(f"the geometry is in {crs}, not longitude/latitude: df.to_crs(4326) first")
    geometry = df.geometry
    kinds = set(geometry.geom_type.dropna())
    if kinds - {"Point"}:
        raise ValueError(f"enrich measures from points; the geometry has {sorted(kinds)}")
    return _floats(geometry.y), _floats(geometry.x)
