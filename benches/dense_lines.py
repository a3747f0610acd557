#!/usr/bin/env python3
"""Two dense lines for timing `enrich` against `file:` targets far denser
than the bundled ones:

- dense_border.geojson: tests/data/border.geojson with a vertex every 15 m
  along each geodesic edge (the same line, 115,115 vertices);
- jagged_walk.geojson: a seeded random walk of 100,000 vertices about 14 m
  apart from (-10, 25) towards (3, 37), turning at every vertex.

    python3 benches/dense_lines.py OUT_DIR
    python3 benches/enrich_workload.py 100000 > points.csv
    sandtable enrich points.csv --to file:OUT_DIR/jagged_walk.geojson -o out.csv
"""
import json
import random
import sys
from pathlib import Path

from geographiclib.geodesic import Geodesic


def collection(lines):
    geometry = {"type": "MultiLineString", "coordinates": lines}
    feature = {"type": "Feature", "properties": {}, "geometry": geometry}
    return {"type": "FeatureCollection", "features": [feature]}


def densified(lines, step_m):
    out = []
    for line in lines:
        dense = [line[0]]
        for a, b in zip(line, line[1:]):
            edge = Geodesic.WGS84.InverseLine(a[1], a[0], b[1], b[0])
            parts = max(1, int(edge.s13 / step_m))
            for k in range(1, parts):
                p = edge.Position(edge.s13 * k / parts)
                dense.append([round(p["lon2"], 7), round(p["lat2"], 7)])
            dense.append(b)
        out.append(dense)
    return out


def jagged_walk(vertices, seed):
    rng = random.Random(seed)
    lon, lat, walk = -10.0, 25.0, []
    for _ in range(vertices):
        lon += 0.00013 + rng.uniform(-0.0001, 0.0001)
        lat += 0.00012 + rng.uniform(-0.0001, 0.0001)
        walk.append([round(lon, 6), round(lat, 6)])
    return [walk]


def main():
    out = Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)
    root = Path(__file__).resolve().parent.parent
    border = json.loads((root / "tests/data/border.geojson").read_text())
    geometry = border["features"][0]["geometry"]
    lines = geometry["coordinates"]
    if geometry["type"] == "LineString":
        lines = [lines]
    for name, made in [
        ("dense_border.geojson", densified(lines, 15.0)),
        ("jagged_walk.geojson", jagged_walk(100_000, 5)),
    ]:
        (out / name).write_text(json.dumps(collection(made)))
        print(out / name, sum(len(line) for line in made), "vertices")


if __name__ == "__main__":
    main()
