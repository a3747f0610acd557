"""sandtable inside Spark: :func:`enrich` adds the distance columns to a
Spark DataFrame with ``mapInArrow``, so each executor's Python worker runs
the crate's kernel on Arrow batches (no row-by-row Python).

The wheel must be installed where the executors' Python runs (or shipped
with ``spark-submit --archives``; see ``docs/python.md``).

    from sandtable import spark as st_spark
    out = st_spark.enrich(df, to=["border:MA", "coast:DZ"], lat="latitude", lon="longitude")
    out.write.parquet("enriched/")
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Iterator, List, Optional

import sandtable

if TYPE_CHECKING:  # pragma: no cover
    import pyarrow
    import pyspark.sql

__all__ = ["enrich"]


def enrich(
    df: "pyspark.sql.DataFrame",
    to: sandtable.Targets,
    lat: Optional[str] = None,
    lon: Optional[str] = None,
    unit: str = "km",
    data: Optional[str] = None,
    worker_column: Optional[str] = None,
) -> "pyspark.sql.DataFrame":
    """``df`` with the columns ``sandtable enrich`` adds (doubles and
    strings, null where a row has no usable coordinates).

    ``worker_column``, when given, names an extra column holding
    ``host:pid`` of the Python worker that measured each row (to see how
    the work was spread).
    """
    from pyspark.sql.types import DoubleType, StringType, StructField, StructType

    names = [f.name for f in df.schema.fields]
    lat, lon = _coordinate_names(names, lat, lon)
    targets = sandtable._absolute(sandtable._targets(to))
    added = sandtable.added_columns(targets, unit)
    text = {n for n in added if n.endswith("_target") or n.endswith("_status")}
    fields = list(df.schema.fields) + [
        StructField(n, StringType() if n in text else DoubleType(), True) for n in added
    ]
    if worker_column:
        fields.append(StructField(worker_column, StringType(), True))
    lat_at, lon_at = names.index(lat), names.index(lon)
    data = None if data is None else os.path.abspath(data)

    def run(batches: Iterator["pyarrow.RecordBatch"]) -> Iterator["pyarrow.RecordBatch"]:
        for batch in batches:
            yield measure_batch(batch, lat_at, lon_at, targets, unit, data, worker_column)

    return df.mapInArrow(run, StructType(fields))


def measure_batch(
    batch: "pyarrow.RecordBatch",
    lat_at: int,
    lon_at: int,
    targets: List[str],
    unit: str,
    data: Optional[str],
    worker_column: Optional[str] = None,
) -> "pyarrow.RecordBatch":
    """One Arrow batch with the added columns (nulls where unmeasured)."""
    import os
    import socket

    import pyarrow as pa

    lats = sandtable._floats(batch.column(lat_at))
    lons = sandtable._floats(batch.column(lon_at))
    arrays = list(batch.columns)
    for target in targets:
        d = sandtable.border_distance(lats, lons, target, unit, data)
        arrays += [
            pa.array(d.distance, from_pandas=True),
            pa.array(d.target, type=pa.string()),
            pa.array(d.status, type=pa.string()),
            pa.array(d.nearest_lat, from_pandas=True),
            pa.array(d.nearest_lon, from_pandas=True),
            pa.array(d.bearing_deg, from_pandas=True),
        ]
    names = list(batch.schema.names) + sandtable.added_columns(targets, unit)
    if worker_column:
        arrays.append(pa.array([f"{socket.gethostname()}:{os.getpid()}"] * batch.num_rows))
        names.append(worker_column)
    return pa.RecordBatch.from_arrays(arrays, names=names)


def _coordinate_names(names: List[str], lat: Optional[str], lon: Optional[str]):
    if (lat is None) != (lon is None):
        raise ValueError("give both lat and lon, or neither")
    if lat is None:
        found = sandtable._sandtable.coordinate_columns(names)
        if found is None:
            raise ValueError(
                "no coordinate columns (latitude/longitude, lat/lon, lat/lng, lat/long, y/x); "
                f"name them with lat= and lon= (columns: {names})"
            )
        return found
    for name in (lat, lon):
        if name not in names:
            raise ValueError(f"no column '{name}' (columns: {names})")
    return lat, lon
