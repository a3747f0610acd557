#!/usr/bin/env python3
"""Reference values from GeographicLib itself, for sandtable's accuracy tests.

Writes, under tests/data/:
  border.geojson          the bundled Algeria-Morocco boundary alone (input for file: tests)
  reference_sites.csv     distance and azimuths between every pair of sites in sites.csv
  reference_border.csv    nearest distance from held-out points to that boundary

The point-to-boundary reference is a brute force independent of sandtable's
method: every edge is sampled at most every 1 km with GeographicLib's
GeodesicLine; every edge with a sample within 1 km of the best sample is
then refined by golden-section search on exact GeographicLib distances
(the distance along one short geodesic edge has a single minimum). The true
nearest edge always survives the 1 km filter: its closest sample is at most
0.5 km along the edge from the foot, so at most 0.5 km farther than it.

Points (seeded, so reruns give the same file): 240 within 300 km of the
boundary, 40 between 1,000 and 5,000 km away, the vertices of 10 edges,
10 points exactly on edges, and 10 points 1 m to the side of an edge.

Needs the geographiclib package (pip install geographiclib==2.1).
    python3 tools/reference.py
"""
import csv
import json
import math
import random

from geographiclib.geodesic import Geodesic

G = Geodesic.WGS84
SAMPLE_M = 1000.0


def load_border():
    with open("data/borders/borders.geojson", encoding="utf-8") as f:
        for feature in json.load(f)["features"]:
            if feature["id"] == "DZA-MAR":
                return feature
    raise SystemExit("DZA-MAR not found")


def edges(lines):
    for line in lines:
        for (lon1, lat1), (lon2, lat2) in zip(line, line[1:]):
            yield (lat1, lon1, lat2, lon2)


def golden(f, lo, hi):
    g = (math.sqrt(5) - 1) / 2
    a, b = hi - g * (hi - lo), lo + g * (hi - lo)
    fa, fb = f(a), f(b)
    for _ in range(80):
        if fa < fb:
            hi, b, fb = b, a, fa
            a = hi - g * (hi - lo)
            fa = f(a)
        else:
            lo, a, fa = a, b, fb
            b = lo + g * (hi - lo)
            fb = f(b)
    return min(f((lo + hi) / 2), f(lo), f(hi))


def edge_minimum(lat, lon, line):
    """The exact distance from a point to one edge (a GeodesicLine): golden-
    section search on GeographicLib distances along it."""

    def f(s):
        p = line.Position(s)
        return G.Inverse(lat, lon, p["lat2"], p["lon2"])["s12"]

    return golden(f, 0.0, line.s13)


def brute_force(edge_list):
    """The geodesic of every edge, and a function giving the exact nearest
    distance from a point to all of them: every edge sampled every
    SAMPLE_M, then each edge with a sample within SAMPLE_M of the best
    refined by golden-section search."""
    lines_geo = []
    samples = []  # (lat, lon, edge index)
    for i, (lat1, lon1, lat2, lon2) in enumerate(edge_list):
        line = G.InverseLine(lat1, lon1, lat2, lon2)
        lines_geo.append(line)
        n = max(1, math.ceil(line.s13 / SAMPLE_M))
        for k in range(n + 1):
            p = line.Position(line.s13 * k / n)
            samples.append((p["lat2"], p["lon2"], i))

    def nearest(lat, lon):
        dist = [G.Inverse(lat, lon, s[0], s[1])["s12"] for s in samples]
        best = min(dist)
        candidates = sorted({samples[k][2] for k, d in enumerate(dist) if d <= best + SAMPLE_M})
        return min(edge_minimum(lat, lon, lines_geo[i]) for i in candidates)

    return lines_geo, nearest


def save_feature(feature, path):
    """The line the references are computed on, as a one-feature collection."""
    with open(path, "w", encoding="utf-8") as f:
        json.dump({"type": "FeatureCollection", "features": [feature]}, f, separators=(",", ":"))
        f.write("\n")


def write_reference(path, points, nearest):
    """(kind, lat, lon) points with their brute-force distance, as CSV."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["kind", "lat", "lon", "distance_m"])
        for kind, lat, lon in points:
            w.writerow([kind, f"{lat:.12f}", f"{lon:.12f}", f"{nearest(lat, lon):.6f}"])


def main():
    random.seed(20221116)
    feature = load_border()
    lines = feature["geometry"]["coordinates"]
    save_feature(feature, "tests/data/border.geojson")

    edge_list = list(edges(lines))
    lines_geo, nearest = brute_force(edge_list)

    points = []
    vertices = [(lat, lon) for line in lines for lon, lat in line]
    for _ in range(240):
        lat, lon = random.choice(vertices)
        r = G.Direct(lat, lon, random.uniform(0, 360), random.uniform(0, 300_000))
        points.append(("near", r["lat2"], r["lon2"]))
    for _ in range(40):
        lat, lon = random.choice(vertices)
        r = G.Direct(lat, lon, random.uniform(0, 360), random.uniform(1_000_000, 5_000_000))
        points.append(("far", r["lat2"], r["lon2"]))
    for i in random.sample(range(len(edge_list)), 10):
        points.append(("vertex", edge_list[i][0], edge_list[i][1]))
    for i in random.sample(range(len(edge_list)), 10):
        line = lines_geo[i]
        p = line.Position(line.s13 * random.uniform(0.1, 0.9))
        points.append(("on_line", p["lat2"], p["lon2"]))
    for i in random.sample(range(len(edge_list)), 10):
        line = lines_geo[i]
        p = line.Position(line.s13 * random.uniform(0.1, 0.9))
        r = G.Direct(p["lat2"], p["lon2"], p["azi2"] + random.choice([-90, 90]), 1.0)
        points.append(("beside", r["lat2"], r["lon2"]))

    write_reference("tests/data/reference_border.csv", points, nearest)

    with open("sites.csv", encoding="utf-8") as f:
        sites = [(r["id"], float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)]
    with open("tests/data/reference_sites.csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["from", "to", "distance_m", "azi1", "azi2"])
        for a in sites:
            for b in sites:
                if a[0] < b[0]:
                    r = G.Inverse(a[1], a[2], b[1], b[2])
                    w.writerow([a[0], b[0], f"{r['s12']:.6f}", f"{r['azi1']:.9f}", f"{r['azi2']:.9f}"])


if __name__ == "__main__":
    main()
