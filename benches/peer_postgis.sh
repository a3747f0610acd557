#!/usr/bin/env bash
# Peer benchmark: PostGIS geography ST_Distance and `sandtable enrich` on the
# same generated points against the same Algeria–Morocco boundary, in one
# run. Prints both rates, their ratio and the largest difference.
#
#   sudo apt-get install postgresql postgresql-15-postgis-3
#   cargo build --release
#   bash benches/peer_postgis.sh [POINTS]          # default 1000000
#
# PostgreSQL runs from a fresh cluster in a temporary folder, listening on
# 127.0.0.1 only, and is stopped at the end. Both sides read the same CSV
# and write every distance to a file, so each is timed end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
pg=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
work=$(mktemp -d)
chmod 755 "$work"
port=54329
cleanup() {
  runuser -u postgres -- "$pg/pg_ctl" -D "$work/pg" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$work"
}
trap cleanup EXIT

python3 benches/enrich_workload.py "$n" > "$work/points.csv"
chmod 644 "$work/points.csv"
python3 - "$work/border.json" <<'EOF'
import json, sys
f = json.load(open("tests/data/border.geojson"))["features"][0]
json.dump(f["geometry"], open(sys.argv[1], "w"))
EOF
chmod 644 "$work/border.json"

mkdir "$work/pg" && chown postgres "$work/pg"
runuser -u postgres -- "$pg/initdb" -D "$work/pg" -A trust >/dev/null
runuser -u postgres -- "$pg/pg_ctl" -D "$work/pg" -l "$work/pg/log" -w start \
  -o "-c listen_addresses=127.0.0.1 -p $port -c unix_socket_directories=$work/pg -c max_parallel_workers_per_gather=2" >/dev/null
psql() { runuser -u postgres -- "$pg/psql" -h 127.0.0.1 -p "$port" -q -v ON_ERROR_STOP=1 "$@"; }
psql -c "CREATE EXTENSION postgis;" >/dev/null
psql >/dev/null <<EOF
CREATE TABLE border AS SELECT ST_GeomFromGeoJSON('$(cat "$work/border.json")')::geography AS g;
CREATE UNLOGGED TABLE points (id text, day text, kind text, country text, lat float8, lon float8, notes text);
EOF
mkdir "$work/out" && chown postgres "$work/out"
start=$(date +%s.%N)
psql >/dev/null <<EOF
COPY points FROM '$work/points.csv' WITH (FORMAT csv, HEADER true);
COPY (SELECT p.id, ST_Distance(geography(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)), b.g)
      FROM points p, border b) TO '$work/out/postgis.csv' WITH (FORMAT csv);
EOF
postgis=$(echo "$(date +%s.%N) - $start" | bc)

start=$(date +%s.%N)
target/release/sandtable enrich "$work/points.csv" --to file:tests/data/border.geojson --unit m \
  -o "$work/sandtable.csv" 2>/dev/null
sandtable=$(echo "$(date +%s.%N) - $start" | bc)

python3 - "$work/postgis.csv" "$work/out/postgis.csv" "$work/sandtable.csv" "$n" "$postgis" "$sandtable" <<'EOF'
import csv, sys
_, out, sand, n, tp, ts = sys.argv[1:]
n, tp, ts = int(n), float(tp), float(ts)
theirs = {r[0]: float(r[1]) for r in csv.reader(open(out))}
worst, worst_id, over_1km = 0.0, None, 0
for r in csv.DictReader(open(sand)):
    d = abs(float(r["file_border_distance_m"]) - theirs[r["event_id_cnty"]])
    over_1km += d > 1000
    if d > worst:
        worst, worst_id = d, r["event_id_cnty"]
print(f"{n} points, end to end (read CSV, compute, write CSV)")
print(f"PostGIS geography ST_Distance: {tp:.1f} s, {n / tp:,.0f} points/s")
print(f"sandtable enrich:              {ts:.1f} s, {n / ts:,.0f} points/s")
print(f"ratio: sandtable is {tp / ts:.1f}x PostGIS")
print(f"largest difference: {worst:.1f} m (point {worst_id}); {over_1km} points differ by more than 1 km")
EOF
