#!/usr/bin/env python3
"""The benchmark table from bench/run.sh's results.

usage: summary.py RESULTS DATA N [N ...]
For each N: median seconds, rows/s, MB/s, peak RSS, and each tool's time
over ki's (ki-import | ki-floor) -- how many times faster ki is. Then the
agreement of the below-floor counts per LEA.
"""
import json
import os
import sys

res, data, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
for n in sizes:
    path = os.path.join(data, "ks2-%s.csv" % n)
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        rows = sum(chunk.count(b"\n") for chunk in iter(lambda: f.read(1 << 20), b""))
    runs = json.load(open(os.path.join(res, "hyperfine-%s.json" % n)))["results"]
    rss = dict(l.rstrip("\n").split("\t")[:2] for l in open(os.path.join(res, "rss-%s.tsv" % n)))
    med = {r["command"]: r["median"] for r in runs}
    ki = med["ki-import | ki-floor"]
    print("\n%s schools: %s, %.1f MB, %d rows\n" % (n, os.path.basename(path), size / 1e6, rows))
    print("| tool | median s | rows/s | MB/s | peak RSS MB | time / ki's |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in runs:
        t = r["median"]
        print("| %s | %.3f | %.0f | %.1f | %.1f | %.2f |" % (
            r["command"], t, rows / t, size / 1e6 / t,
            int(rss.get(r["command"], 0)) / 1024, t / ki))
    ratio = lambda a, b: med[a] / med[b]
    print("\nTargets: mlr / ki %.1fx (want >= 15), pandas / ki %.2fx (want >= 1.8), "
          "ki / libcsv alone %.2fx (want <= 1.5), mlr ndjson cat / ki-floor ndjson %.1fx "
          "(want >= 3)" % (ratio("mlr", "ki-import | ki-floor"),
                           ratio("pandas", "ki-import | ki-floor"),
                           ratio("ki-import | ki-floor", "libcsv alone"),
                           ratio("mlr ndjson cat", "ki-floor ndjson")))
    over = [k for k, v in rss.items() if k.startswith("ki-") and int(v) > 64 * 1024]
    print("Peak memory of each ki binary under 64 MB: %s" % (
        "yes" if not over else "NO: " + ", ".join(over)))
    ref = open(os.path.join(res, "lea-python-%s.csv" % n)).read()
    agree = []
    for tool in ("pandas", "gawk", "mlr", "ki"):
        p = os.path.join(res, "lea-%s-%s.csv" % (tool, n))
        agree.append("%s %s" % (tool, "agrees" if open(p).read() == ref else "DIFFERS"))
    total = sum(int(l.split(",")[1]) for l in ref.splitlines()[1:])
    print("Below-floor counts per LEA (%d schools below in all), against python csv: %s" % (
        total, "; ".join(agree)))
