#!/usr/bin/env python3
"""Checks `sandtable enrich` output against GeographicLib on a sample of rows.

    python3 benches/enrich_workload.py 1000000 > /tmp/points.csv
    target/release/sandtable enrich /tmp/points.csv --to file:tests/data/border.geojson \
        --unit m -o /tmp/enriched.csv
    python3 benches/enrich_accuracy.py /tmp/enriched.csv [ROWS]     # default 10000

For each sampled row (seeded), independently of sandtable's method:
- the reported distance must equal GeographicLib's distance from the point to
  the reported nearest point;
- no edge of the line may come nearer than the reported distance. Every edge
  that could (its chord, widened by the most a geodesic strays from it, is
  within the reported distance: a geodesic is never shorter than its chord)
  is minimised by golden-section search on exact GeographicLib distances
  along its geodesic, and the smallest of those is the reference distance.
Prints the largest differences; exits 1 if any exceeds 1 mm.

Needs the geographiclib and numpy packages. Uses every core.
"""
import csv
import json
import math
import multiprocessing
import random
import sys

import numpy as np

sys.path.insert(0, "tools")
from reference import G, edge_minimum  # noqa: E402  as the accuracy tests' reference

A, F = 6378137.0, 1 / 298.257223563
E2 = F * (2 - F)
TOLERANCE_M = 1e-3


def ecef(lat, lon):
    lat, lon = np.radians(lat), np.radians(lon)
    n = A / np.sqrt(1 - E2 * np.sin(lat) ** 2)
    return np.stack(
        [n * np.cos(lat) * np.cos(lon), n * np.cos(lat) * np.sin(lon), n * (1 - E2) * np.sin(lat)],
        axis=-1,
    )


def load_edges(path):
    with open(path, encoding="utf-8") as f:
        geometry = json.load(f)["features"][0]["geometry"]
    lines = geometry["coordinates"] if geometry["type"] == "MultiLineString" else [geometry["coordinates"]]
    return [(a[1], a[0], b[1], b[0]) for line in lines for a, b in zip(line, line[1:])]


EDGES = load_edges("tests/data/border.geojson")
LINES = [G.InverseLine(*e) for e in EDGES]
START = ecef(np.array([e[0] for e in EDGES]), np.array([e[1] for e in EDGES]))
END = ecef(np.array([e[2] for e in EDGES]), np.array([e[3] for e in EDGES]))
RHO = A * (1 - E2)  # the smallest radius of curvature
HALF = np.minimum(np.array([l.s13 for l in LINES]) / 2, RHO)
WIDEN = 1.01 * (RHO - np.sqrt(RHO**2 - HALF**2)) + 1e-3


def check(row):
    lat, lon, reported, near_lat, near_lon = row
    to_point = G.Inverse(lat, lon, near_lat, near_lon)["s12"]
    p = ecef(np.array(lat), np.array(lon))
    ab, ap = END - START, p - START
    t = np.clip(np.einsum("ij,ij->i", ab, ap) / np.maximum(np.einsum("ij,ij->i", ab, ab), 1e-30), 0, 1)
    chord = np.linalg.norm(ap - t[:, None] * ab, axis=1) - WIDEN
    candidates = np.nonzero(chord <= reported + TOLERANCE_M)[0]
    reference = min((edge_minimum(lat, lon, LINES[i]) for i in candidates), default=math.inf)
    return reported - to_point, reported - reference, len(candidates)


def main():
    path = sys.argv[1]
    rows = int(sys.argv[2]) if len(sys.argv) > 2 else 10_000
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        metres = [c for c in reader.fieldnames if c.endswith("_distance_m")]
        if not metres:
            sys.exit(f"{path}: no *_distance_m column; enrich with --unit m (see the docstring)")
        prefix = metres[0][: -len("_distance_m")]
        table = [
            (float(r["latitude"]), float(r["longitude"]), float(r[prefix + "_distance_m"]),
             float(r[prefix + "_nearest_lat"]), float(r[prefix + "_nearest_lon"]))
            for r in reader
        ]
    sample = random.Random(20261122).sample(table, min(rows, len(table)))
    with multiprocessing.Pool() as pool:
        results = pool.map(check, sample, chunksize=50)
    # The output rounds distances to 1 µm and positions to 1e-7 degree
    # (up to 5.6 mm along the ground), so the first check allows for that.
    to_point = max(abs(r[0]) for r in results)
    to_line = max(abs(r[1]) for r in results)
    print(f"{len(sample)} rows of {path}")
    print(f"largest |distance - GeographicLib distance to the reported point|: {to_point * 1000:.3f} mm")
    print(f"largest |distance - GeographicLib brute-force nearest distance|:  {to_line * 1000:.6f} mm")
    print(f"edges minimised per row: {sum(r[2] for r in results) / len(results):.1f} on average")
    sys.exit(0 if to_line <= TOLERANCE_M else 1)


if __name__ == "__main__":
    main()
