#!/usr/bin/env python3
"""The standard enrich workload: N points uniform in lon -10..3, lat 25..37
(around the Algeria-Morocco boundary), as an ACLED-like CSV, seeded.

    python3 benches/enrich_workload.py 1000000 > /tmp/points.csv
    time target/release/sandtable enrich /tmp/points.csv --to file:tests/data/border.geojson -o /tmp/enriched.csv
"""
import random
import sys

n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
rng = random.Random(20221116)
out = sys.stdout
out.write("event_id_cnty,event_date,event_type,country,latitude,longitude,notes\n")
for i in range(n):
    lat = rng.uniform(25.0, 37.0)
    lon = rng.uniform(-10.0, 3.0)
    out.write(f"EV{i},2022-11-16,Strategic developments,Algeria,{lat:.6f},{lon:.6f},generated\n")
