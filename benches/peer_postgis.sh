#!/usr/bin/env bash
# Peer benchmark: PostGIS geography ST_Distance and sandtable on the same
# generated points against the same Algeria–Morocco boundary, in one run:
# `enrich` on CSV, `enrich` on Parquet, the Python package in process, and
# (when pyspark and Java are present) Spark local-cluster[2,1,1024]. Times
# the first four in turn, ROUNDS times (default 3), and prints each one's
# median rate, its ratio to PostGIS and the largest difference from it,
# then checks the Parquet path against GeographicLib on 10,000 sampled rows.
#
#   apt-get install postgresql postgresql-15-postgis-3
#   cargo build --release
#   python3 -m venv target/py && target/py/bin/pip install maturin pyarrow pandas pyspark geographiclib
#   target/py/bin/maturin build --release -m python/Cargo.toml -o target/wheels
#   target/py/bin/pip install target/wheels/sandtable-*.whl
#   bash benches/peer_postgis.sh [POINTS]          # default 1000000
#
# PostgreSQL runs from a fresh cluster in a temporary folder, listening on
# 127.0.0.1 only, and is stopped at the end. Every side reads the same
# points and writes every distance to a file, so each is timed end to end.
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
py=${PYTHON:-target/py/bin/python}
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
# The same points as Parquet (not timed: the input of the columnar paths).
"$py" -c "import sys, pyarrow.csv as c, pyarrow.parquet as q; q.write_table(c.read_csv(sys.argv[1]), sys.argv[2])" \
  "$work/points.csv" "$work/points.parquet"

# Seconds a command takes, end to end; a failure stops the benchmark with
# the command's own message (no time is kept for it).
timed() {
  local start
  start=$(date +%s.%N)
  if ! "$@" >/dev/null 2>"$work/stderr"; then
    echo "failed: $*" >&2
    cat "$work/stderr" >&2
    return 1
  fi
  echo "$(date +%s.%N) - $start" | bc
}
run_postgis() {
  psql -c "TRUNCATE points;"
  psql <<EOF
COPY points FROM '$work/points.csv' WITH (FORMAT csv, HEADER true);
COPY (SELECT p.id, ST_Distance(geography(ST_SetSRID(ST_MakePoint(p.lon, p.lat), 4326)), b.g)
      FROM points p, border b) TO '$work/out/postgis.csv' WITH (FORMAT csv);
EOF
}
run_csv() {
  target/release/sandtable enrich "$work/points.csv" --to file:tests/data/border.geojson --unit m -o "$work/sandtable.csv"
}
run_parquet() {
  target/release/sandtable enrich "$work/points.parquet" --to file:tests/data/border.geojson --unit m -o "$work/sandtable.parquet"
}
run_python() {
  "$py" benches/python_paths.py inprocess "$work/points.parquet" "$work/python.parquet"
}
# Rounds in turn, each side's median kept: this machine kind's speed
# drifts over minutes (other guests' load), and a side timed only after
# another's long run would pay for it.
rounds=${ROUNDS:-3}
declare -A times
for round in $(seq "$rounds"); do
  for side in postgis csv parquet python; do
    times[$side]+="$(timed "run_$side") "
  done
done
median() { tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
for side in postgis csv parquet python; do
  echo "$side: ${times[$side]}" >&2
done
postgis=$(echo "${times[postgis]}" | median)
sandtable=$(echo "${times[csv]}" | median)
parquet=$(echo "${times[parquet]}" | median)
python=$(echo "${times[python]}" | median)

spark=""
if "$py" -c "import pyspark" 2>/dev/null && command -v java >/dev/null; then
  spark=$("$py" benches/python_paths.py spark "$work/points.parquet" "$work/spark" 2>/dev/null | tail -1)
fi

ROUNDS=$rounds "$py" - "$work" "$n" "$postgis" "$sandtable" "$parquet" "$python" "$spark" <<'EOF'
import csv, os, sys
import pyarrow.parquet as pq
work, n, tp, ts, tq, ty, tk = sys.argv[1:]
n, tp = int(n), float(tp)
theirs = {r[0]: float(r[1]) for r in csv.reader(open(f"{work}/out/postgis.csv"))}

def compare(ids, distances):
    worst, worst_id, over_1km = 0.0, None, 0
    for i, d in zip(ids, distances):
        diff = abs(d - theirs[i])
        over_1km += diff > 1000
        if diff > worst:
            worst, worst_id = diff, i
    return f"largest difference {worst:.1f} m (point {worst_id}), {over_1km} over 1 km"

rows = {}
r = list(csv.DictReader(open(f"{work}/sandtable.csv")))
rows["sandtable enrich, CSV"] = (float(ts), [x["event_id_cnty"] for x in r], [float(x["file_border_distance_m"]) for x in r])
for label, t, path in [("sandtable enrich, Parquet", tq, "sandtable.parquet"), ("Python package, in process", ty, "python.parquet")]:
    table = pq.read_table(f"{work}/{path}", columns=["event_id_cnty", "file_border_distance_m"])
    rows[label] = (float(t), table["event_id_cnty"].to_pylist(), table["file_border_distance_m"].to_pylist())
if tk:
    table = pq.read_table(f"{work}/spark", columns=["event_id_cnty", "file_border_distance_m"])
    rows["Spark local-cluster[2,1,1024]"] = (float(tk), table["event_id_cnty"].to_pylist(), table["file_border_distance_m"].to_pylist())
rounds = os.environ.get("ROUNDS", "3")
print(f"{n} points, end to end (read, compute, write), median of {rounds} rounds")
print(f"{'PostGIS geography ST_Distance':32} {tp:6.2f} s {n / tp:>12,.0f} points/s")
for label, (t, ids, d) in rows.items():
    assert len(ids) == n, label
    print(f"{label:32} {t:6.2f} s {n / t:>12,.0f} points/s  {tp / t:5.1f}x PostGIS; {compare(ids, d)}")
if tk:
    per_row = (float(tk) - float(ty)) / n * 1e6
    print(f"Spark's overhead over in process: {per_row:.2f} µs per row (job only, JVM start-up excluded)")
# The Parquet path's rows as the accuracy check reads them.
table = pq.read_table(f"{work}/sandtable.parquet")
table.to_pandas().to_csv(f"{work}/parquet-as.csv", index=False, float_format="%.17g")
EOF
"$py" benches/enrich_accuracy.py "$work/parquet-as.csv" 10000
