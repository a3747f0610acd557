#!/usr/bin/env python3
"""Scale benchmark: datasets of N sites and N events (seeded), timed through
`sandtable check` and `sandtable build`, with peak memory.

    cargo build --release
    python3 benches/scale.py 10000 100000 1000000

Prints one line per size and step: seconds and peak resident memory (MB).
`build` is run only up to 100,000 sites (its target size).
"""
import csv
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time

BIN = os.path.join(os.path.dirname(__file__), "..", "target", "release", "sandtable")
REPO = os.path.join(os.path.dirname(__file__), "..")


def make(dir, n):
    rng = random.Random(n)
    shutil.copy(os.path.join(REPO, "sources.csv"), dir)
    with open(os.path.join(dir, "sites.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "name_ar", "name_ru", "aliases", "kind", "country", "admin1", "lat", "lon",
                    "precision_m", "coord_source", "source_ids", "notes"])
        for i in range(n):
            w.writerow([f"s{i}", f"Site {i}", f"موقع {i}", f"Место {i}", "", "city", "DZ", "",
                        f"{rng.uniform(22, 35):.5f}", f"{rng.uniform(-6, 8):.5f}", 1000, "generated", "trt-2022", ""])
    with open(os.path.join(dir, "events.csv"), "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["id", "name", "name_original", "kind", "date", "site_ids", "participants", "personnel",
                    "status", "source_ids", "conflicts", "notes"])
        for i in range(n):
            w.writerow([f"e{i}", f"Event {i}", "", "exercise", f"2022-{1 + i % 12:02d}", f"s{rng.randrange(n)}",
                        "DZ|RU", "", "reported", "trt-2022", "", ""])
    for name, header in [("statements.csv", "subject,field,value,source_id,quote,position,notes"),
                         ("claims.csv", "id,source_id,subject,kind,target,value,unit,qualifier,notes")]:
        with open(os.path.join(dir, name), "w") as f:
            f.write(header + "\n")


def timed(args):
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    run = subprocess.run([BIN] + args, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if run.returncode != 0:
        sys.exit(f"{args}: {run.stderr[-2000:]}")
    return seconds, max(peak, before) / 1024


def main(sizes):
    for n in sizes:
        with tempfile.TemporaryDirectory() as dir:
            make(dir, n)
            s, mb = timed(["check", "--data", dir])
            print(f"{n:>9} sites+events  check  {s:7.2f} s  peak {mb:7.0f} MB (max so far)", flush=True)
            if n <= 100_000:
                s, mb = timed(["build", "--data", dir, "--out", os.path.join(dir, "out")])
                print(f"{n:>9} sites+events  build  {s:7.2f} s  peak {mb:7.0f} MB (max so far)", flush=True)


if __name__ == "__main__":
    main(list(map(int, sys.argv[1:] or ["10000", "100000"])))
