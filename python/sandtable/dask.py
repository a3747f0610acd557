"""sandtable inside Dask: :func:`enrich` adds the distance columns to a
Dask DataFrame, partition by partition, on whatever workers the client
has (threads or processes, one machine or many).

    import dask.dataframe as dd
    from sandtable import dask as st_dask
    ddf = dd.read_parquet("events/")
    st_dask.enrich(ddf, to="border:MA").to_parquet("enriched/")
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING, Optional

import sandtable

if TYPE_CHECKING:  # pragma: no cover
    import dask.dataframe

__all__ = ["enrich"]


def enrich(
    ddf: "dask.dataframe.DataFrame",
    to: sandtable.Targets,
    lat: Optional[str] = None,
    lon: Optional[str] = None,
    unit: str = "km",
    data: Optional[str] = None,
    worker_column: Optional[str] = None,
) -> "dask.dataframe.DataFrame":
    """``ddf`` with the columns :func:`sandtable.enrich` adds, computed
    lazily per partition. ``worker_column`` names an extra column holding
    ``host:pid`` of the worker that measured each row."""
    to = sandtable._absolute(sandtable._targets(to))
    data = None if data is None else os.path.abspath(data)
    meta = _enrich_partition(ddf._meta, to, lat, lon, unit, data, worker_column)
    return ddf.map_partitions(
        _enrich_partition, to, lat, lon, unit, data, worker_column, meta=meta
    )


def _enrich_partition(frame, to, lat, lon, unit, data, worker_column):
    import os
    import socket

    out = sandtable.enrich(frame, to, lat=lat, lon=lon, unit=unit, data=data)
    if worker_column:
        out[worker_column] = f"{socket.gethostname()}:{os.getpid()}"
        out[worker_column] = out[worker_column].astype(object)
    return out
