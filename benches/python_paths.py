#!/usr/bin/env python3
"""The Python routes of the enrich workload, for benches/peer_postgis.sh.

    python benches/python_paths.py inprocess points.parquet out.parquet
    python benches/python_paths.py spark points.parquet out-dir/

inprocess: read the Parquet file with pyarrow, sandtable.border_distance on
the coordinate arrays (the crate's kernel, every core, the GIL released),
write Parquet. spark: the same file through sandtable.spark.enrich on
local-cluster[2,1,1024] (two executor JVMs), written as Parquet; prints the
seconds spent on the job itself, without the JVMs' start-up. Needs the wheel
installed (see docs/python.md) and, for spark, pyspark and a Java runtime.
"""
import os
import sys
import time

TARGET = "file:tests/data/border.geojson"


def inprocess(src, dst):
    import pyarrow as pa
    import pyarrow.parquet as pq

    import sandtable

    table = pq.read_table(src)
    d = sandtable.border_distance(table["latitude"], table["longitude"], TARGET, unit="m")
    table = table.append_column("file_border_distance_m", pa.array(d.distance, from_pandas=True))
    table = table.append_column("file_border_nearest_lat", pa.array(d.nearest_lat))
    table = table.append_column("file_border_nearest_lon", pa.array(d.nearest_lon))
    pq.write_table(table, dst)


def spark(src, dst):
    os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    os.environ["PYSPARK_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from sandtable import spark as st_spark

    session = (
        SparkSession.builder.master("local-cluster[2,1,1024]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "768m")
        .getOrCreate()
    )
    session.sparkContext.setLogLevel("ERROR")
    # Warm up: executors registered and a Python worker started on each.
    session.range(0, 1000, numPartitions=4).count()
    start = time.perf_counter()
    df = session.read.parquet(os.path.abspath(src))
    out = st_spark.enrich(df, TARGET, lat="latitude", lon="longitude", unit="m")
    out.write.mode("overwrite").parquet(os.path.abspath(dst))
    print(f"{time.perf_counter() - start:.2f}")
    session.stop()


if __name__ == "__main__":
    mode, src, dst = sys.argv[1:4]
    {"inprocess": inprocess, "spark": spark}[mode](src, dst)
