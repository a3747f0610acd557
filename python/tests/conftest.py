"""Shared fixtures: the command-line binary the package is compared with,
and a deterministic CSV of points (some without usable coordinates)."""

import csv
import io
import os
import random
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
REQUIRED = os.environ.get("SANDTABLE_REQUIRE_PROGRAMS") == "1"
TARGETS = ["border:MA", "coast:DZ", "border:EH"]


def need(module):
    """Import an optional engine, or skip (fail in CI) when it is missing."""
    try:
        return __import__(module)
    except ImportError:
        if REQUIRED:
            raise
        pytest.skip(f"{module} is not installed: pip install 'sandtable[{module.split('.')[0]}]'")


@pytest.fixture(scope="session")
def cli():
    """The command-line binary (`SANDTABLE_BIN`, else the release build), run as a process."""
    binary = Path(os.environ.get("SANDTABLE_BIN", REPO / "target" / "release" / "sandtable"))
    if not binary.exists():
        pytest.fail(f"{binary} is missing: run `cargo build --release` first")

    def run(*args, cwd=REPO):
        done = subprocess.run(
            [str(binary), *map(str, args)], cwd=cwd, capture_output=True, text=True
        )
        assert done.returncode == 0, done.stderr
        return done.stdout

    return run


def make_points(n, seed=7):
    """`n` rows around the Maghreb, every 50th without usable coordinates."""
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        lat = f"{rng.uniform(19.0, 37.5):.6f}"
        lon = f"{rng.uniform(-17.0, 12.0):.6f}"
        if i % 50 == 7:
            lat = ["", "north", "95.0", " "][i // 50 % 4]
        rows.append({"id": str(i), "latitude": lat, "longitude": lon, "note": f"row, {i}"})
    return rows


@pytest.fixture(scope="session")
def points_csv(tmp_path_factory):
    rows = make_points(3000)
    path = tmp_path_factory.mktemp("points") / "points.csv"
    with open(path, "w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return path


def cli_cells(cli, path, targets=TARGETS, unit="km"):
    """The CLI's enriched rows as lists of cells."""
    args = ["enrich", path, "--unit", unit]
    for t in targets:
        args += ["--to", t]
    return list(csv.reader(io.StringIO(cli(*args))))


def as_cells(frame, columns):
    """A frame's columns formatted as `sandtable enrich` writes them."""
    decimals = {"distance": 6, "nearest_lat": 7, "nearest_lon": 7, "bearing_deg": 2}

    def cell(name, value):
        if value is None or (isinstance(value, float) and value != value):
            return ""
        for key, n in decimals.items():
            if key in name:
                return f"{value:.{n}f}"
        return str(value)

    return [[cell(c, row[c]) for c in columns] for row in frame.to_dict("records")]
