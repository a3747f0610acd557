"""Spark and Dask, each on more than one worker process, against the CLI."""

import os
import sys

import pandas as pd

import sandtable
from conftest import TARGETS, as_cells, cli_cells, need


def expected_rows(cli, points_csv):
    rows = cli_cells(cli, points_csv)
    return {row[0]: row[4:] for row in rows[1:]}


def test_spark_local_cluster_matches_the_cli(cli, points_csv):
    need("pyspark")
    os.environ["SPARK_LOCAL_IP"] = "127.0.0.1"
    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    from pyspark.sql import SparkSession

    from sandtable import spark as st_spark

    session = (
        SparkSession.builder.master("local-cluster[2,1,1024]")
        .appName("sandtable-test")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", "false")
        .config("spark.executor.memory", "512m")
        .config("spark.sql.shuffle.partitions", "4")
        .getOrCreate()
    )
    try:
        df = session.read.csv(str(points_csv), header=True).repartition(8, "id")
        out = st_spark.enrich(
            df, TARGETS, lat="latitude", lon="longitude", worker_column="worker"
        ).toPandas()
    finally:
        session.stop()
    assert len(out) == 3000
    workers = set(out["worker"])
    assert len(workers) >= 2, f"one Python worker did everything: {workers}"
    want = expected_rows(cli, points_csv)
    got = as_cells(out, sandtable.added_columns(TARGETS))
    assert {i: row for i, row in zip(out["id"], got)} == want


def test_dask_two_worker_processes_match_the_cli(cli, points_csv):
    need("dask")
    need("distributed")
    import dask.dataframe as dd
    from distributed import Client, LocalCluster

    from sandtable import dask as st_dask

    frame = pd.read_csv(points_csv, dtype=str, keep_default_na=False)
    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as cluster, Client(cluster):
        ddf = dd.from_pandas(frame, npartitions=8)
        out = st_dask.enrich(ddf, TARGETS, worker_column="worker").compute()
    workers = set(out["worker"])
    assert len(workers) >= 2, f"one worker did everything: {workers}"
    want = expected_rows(cli, points_csv)
    got = as_cells(out, sandtable.added_columns(TARGETS))
    assert {i: row for i, row in zip(out["id"], got)} == want
