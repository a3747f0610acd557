#!/usr/bin/env python3
"""Reference distances from points to the bundled Algerian coastline, by the
same brute force as tools/reference.py (GeographicLib samples every 1 km,
then golden-section refinement), for `coast:DZ` accuracy tests.

Writes tests/data/coast.geojson (the DZA coastline alone) and
tests/data/reference_coast.csv. Seeded: reruns give the same file.

    pip install geographiclib==2.1
    python3 tools/reference_coast.py
"""
import json
import random

from reference import G, brute_force, edges, save_feature, write_reference


def main():
    random.seed(20250923)
    with open("data/borders/coasts.geojson", encoding="utf-8") as f:
        feature = next(x for x in json.load(f)["features"] if x["id"] == "DZA")
    lines = feature["geometry"]["coordinates"]
    save_feature(feature, "tests/data/coast.geojson")
    edge_list = list(edges(lines))
    lines_geo, nearest = brute_force(edge_list)

    points = [("named", 37.5, 3.2), ("named", 36.7725, 3.0698)]
    vertices = [(lat, lon) for line in lines for lon, lat in line]
    for _ in range(40):
        lat, lon = random.choice(vertices)
        r = G.Direct(lat, lon, random.uniform(0, 360), random.uniform(0, 100_000))
        points.append(("near", r["lat2"], r["lon2"]))
    for _ in range(8):
        lat, lon = random.choice(vertices)
        r = G.Direct(lat, lon, random.uniform(0, 360), random.uniform(300_000, 1_500_000))
        points.append(("far", r["lat2"], r["lon2"]))
    for i in random.sample(range(len(edge_list)), 5):
        line = lines_geo[i]
        p = line.Position(line.s13 * random.uniform(0.1, 0.9))
        r = G.Direct(p["lat2"], p["lon2"], p["azi2"] + random.choice([-90, 90]), 1.0)
        points.append(("beside", r["lat2"], r["lon2"]))
    write_reference("tests/data/reference_coast.csv", points, nearest)


if __name__ == "__main__":
    main()
