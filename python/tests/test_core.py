"""The package against the command line, on the same rows, cell for cell."""

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

import sandtable
from conftest import REPO, TARGETS, as_cells, cli_cells


def test_enrich_matches_the_cli_cell_for_cell(cli, points_csv):
    expected = cli_cells(cli, points_csv)
    frame = pd.read_csv(points_csv, dtype=str, keep_default_na=False)
    out = sandtable.enrich(frame, TARGETS)
    assert list(out.columns) == expected[0]
    added = sandtable.added_columns(TARGETS)
    got = as_cells(out, added)
    want = [row[4:] for row in expected[1:]]
    assert len(got) == len(want) == 3000
    mismatches = [(i, g, w) for i, (g, w) in enumerate(zip(got, want)) if g != w]
    assert mismatches == [], mismatches[:3]
    # Unusable coordinates: kept, with empty results.
    assert sum(1 for row in want if row[0] == "") == 60


def test_other_units_and_numeric_columns(cli, points_csv):
    expected = cli_cells(cli, points_csv, ["border:MA"], unit="nmi")
    frame = pd.read_csv(points_csv)  # floats, NaN for the bad rows
    frame["latitude"] = pd.to_numeric(frame["latitude"], errors="coerce")
    out = sandtable.enrich(frame, "border:MA", unit="nmi")
    assert as_cells(out, sandtable.added_columns("border:MA", "nmi")) == [
        row[4:] for row in expected[1:]
    ]


def test_border_distance_over_numpy_and_arrow_arrays():
    lat = np.array([30.889167, 36.7, np.nan])
    lon = np.array([-3.045556, 3.0, 1.0])
    from_numpy = sandtable.border_distance(lat, lon, "border:MA", unit="m")
    from_arrow = sandtable.border_distance(
        pa.array([30.889167, 36.7, None]), pa.array([-3.045556, 3.0, 1.0]), "border:MA", unit="m"
    )
    for a, b in zip(from_numpy, from_arrow):
        assert np.array_equal(a, b, equal_nan=a.dtype.kind == "f")
    # GeographicLib (geod.Inverse) to the nearest boundary point, within 1 mm.
    assert abs(from_numpy.distance[0] - 47872.616) < 0.001
    assert list(from_numpy.target) == ["DZA-MAR", "DZA-MAR", None]
    assert np.isnan(from_numpy.distance[2])


def test_parquet_enrich_by_the_cli_holds_the_same_numbers(cli, points_csv, tmp_path):
    frame = pd.read_csv(points_csv, dtype=str, keep_default_na=False)
    numeric = frame.assign(
        latitude=pd.to_numeric(frame["latitude"], errors="coerce"),
        longitude=pd.to_numeric(frame["longitude"], errors="coerce"),
    )
    pq.write_table(pa.Table.from_pandas(numeric, preserve_index=False), tmp_path / "in.parquet")
    args = ["enrich", tmp_path / "in.parquet", "-o", tmp_path / "out.parquet"]
    for t in TARGETS:
        args += ["--to", t]
    cli(*args)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.field("id").type == pa.string()
    assert table.schema.field("latitude").type == pa.float64()
    from_cli = table.to_pandas()
    ours = sandtable.enrich(numeric, TARGETS)
    for name in sandtable.added_columns(TARGETS):
        a, b = from_cli[name].to_numpy(), ours[name].to_numpy()
        if a.dtype.kind == "f":
            assert np.array_equal(a, b.astype(float), equal_nan=True), name
        else:
            assert [x if isinstance(x, str) else None for x in a] == list(b), name


def test_geodataframe_points():
    gpd = pytest.importorskip("geopandas")
    from shapely.geometry import Point

    frame = gpd.GeoDataFrame({"id": [1]}, geometry=[Point(-3.045556, 30.889167)], crs=4326)
    out = sandtable.enrich(frame, "border:MA")
    assert round(float(out["border_ma_distance_km"][0]), 6) == 47.872616


def test_refusals_are_value_errors():
    with pytest.raises(ValueError, match="not an ISO 3166-1 country code"):
        sandtable.border_distance([1.0], [1.0], "border:ZZ")
    with pytest.raises(ValueError, match="no coordinate columns"):
        sandtable.enrich(pd.DataFrame({"a": [1]}), "border:MA")
    with pytest.raises(ValueError, match="differ in length"):
        sandtable.border_distance([1.0, 2.0], [1.0], "border:MA")
    enriched = sandtable.enrich(pd.DataFrame({"lat": [30.0], "lon": [-3.0]}), "border:MA")
    with pytest.raises(ValueError, match="enriched already"):
        sandtable.enrich(enriched, "border:MA")


def test_mentions_and_geocode_match_the_cli(cli):
    import json

    text = "وصلت السفينة بميناء الجزائر ثم توجهت إلى ميدان حماقير في ولاية بشار"
    ours = sandtable.mentions(text, data=REPO)
    assert [m["site_id"] for m in ours][:1] == ["port-of-algiers"]
    spans = [(m["site_id"], m["start"], m["end"]) for m in ours]
    article = REPO / "target" / "mention-probe.txt"
    article.write_text(text, encoding="utf-8")
    from_cli = json.loads(cli("mentions", article, "--format", "json"))
    assert spans == [(m["site_id"], m["start"], m["end"]) for m in from_cli]
    place = sandtable.geocode("Djanet", country="DZ", limit=1)[0]
    from_cli = json.loads(cli("geocode", "Djanet", "--country", "DZ", "--limit", "1", "--format", "json"))[0]
    assert (place["lat"], place["lon"], place["country"]) == (
        from_cli["lat"],
        from_cli["lon"],
        from_cli["country"],
    )
