#!/usr/bin/env python3
"""The benchmark tables from bench/run.sh's results.

usage: summary.py RESULTS DATA N [N ...]

For each N: each tool's median, min and max wall seconds over the runs and
max/min, CPU seconds (user+sys, the mean over the runs), rows/s, MB/s, peak
RSS and time over ki's (ki-import | ki-floor); the ratios ki/DuckDB (wall and
CPU), ki/libcsv and max/min; whether each tool's below-floor counts per LEA
equal Python's csv module's; and the peak RSS and CPU of each binary through
the pipeline. Exits 1 when a tool disagrees or its answer is missing.
"""
import json
import os
import sys

KI = "ki-import | ki-floor"
LIMIT_MB = 64


def data_rows(path):
    """Data rows of a CSV file (no line breaks in fields), less the header."""
    lines, last = 0, b"\n"
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            lines += chunk.count(b"\n")
            last = chunk[-1:]
    return lines + (last != b"\n") - 1


def main():
    if len(sys.argv) < 4:
        sys.exit("usage: summary.py RESULTS DATA N [N ...]")
    res, data, sizes = sys.argv[1], sys.argv[2], sys.argv[3:]
    status = 0
    for n in sizes:
        path = os.path.join(data, "ks2-%s.csv" % n)
        mb = os.path.getsize(path) / 1e6
        rows = data_rows(path)
        with open(os.path.join(res, "hyperfine-%s.json" % n)) as f:
            runs = json.load(f)["results"]
        rss, lea = {}, {}
        with open(os.path.join(res, "rss-%s.tsv" % n)) as f:
            for line in f:
                name, kb, check = line.rstrip("\n").split("\t")
                rss[name] = int(kb) / 1024
                if check:
                    lea[name] = check
        wall = {r["command"]: r["median"] for r in runs}
        cpu = {r["command"]: r["user"] + r["system"] for r in runs}
        spread = {r["command"]: r["max"] / r["min"] for r in runs}
        print("\n%s schools: %s, %.0f MB, %s rows, %d runs each\n" % (
            format(int(n), ","), os.path.basename(path), mb, format(rows, ","),
            len(runs[0]["times"]) if runs else 0))
        load = os.path.join(res, "load-%s.txt" % n)
        if os.path.exists(load):
            print("Load average (1, 5, 15 min) before the timed runs %s, after %s\n"
                  % tuple((open(load).read().splitlines() + ["?", "?"])[:2]))
        print("| tool | median s | min s | max s | max/min | CPU s | rows/s "
              "| MB/s | peak RSS MB | time / ki's |")
        print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for r in runs:
            name, t = r["command"], r["median"]
            print("| %s | %.3f | %.3f | %.3f | %.2f | %.3f | %s | %.1f | %.1f | %s |" % (
                name, t, r["min"], r["max"], spread[name], cpu[name],
                format(round(rows / t), ","), mb / t, rss.get(name, 0),
                "%.2f" % (t / wall[KI]) if KI in wall else "-"))

        def ratio(a, b, of=wall):
            return "%.2fx" % (of[a] / of[b]) if a in of and b in of else "-"
        print()
        print("ki / DuckDB: wall %s, CPU %s (below 1 is faster)" % (
            ratio(KI, "duckdb"), ratio(KI, "duckdb", cpu)))
        print("ki / libcsv alone: wall %s, CPU %s" % (
            ratio(KI, "libcsv alone"), ratio(KI, "libcsv alone", cpu)))
        print("max/min wall: ki %s, libcsv alone %s, DuckDB %s" % tuple(
            "%.2f" % spread[k] if k in spread else "-"
            for k in (KI, "libcsv alone", "duckdb")))
        print("mlr / ki %s, pandas / ki %s, mlr ndjson cat / ki-floor ndjson %s" % (
            ratio("mlr", KI), ratio("pandas", KI),
            ratio("mlr ndjson cat", "ki-floor ndjson")))

        ref = lea.get("python csv")
        if ref and os.path.exists(ref) and os.path.getsize(ref) > 0:
            want = open(ref).read()
            agree = []
            for name, p in lea.items():
                if name == "python csv":
                    continue
                ok = os.path.exists(p) and open(p).read() == want
                agree.append("%s %s" % (name, "agrees" if ok else "DIFFERS"))
                status |= not ok
            below = sum(int(l.split(",")[1]) for l in want.splitlines()[1:])
            print("Below the floor per LEA (%s schools in %d LEAs), against "
                  "python csv: %s" % (format(below, ","),
                                      len(want.splitlines()) - 1,
                                      "; ".join(agree) or "no other tool timed"))
        elif lea:
            print("Below the floor per LEA: python csv was not timed, nothing to check against")

        mem = os.path.join(res, "mem-%s.tsv" % n)
        if os.path.exists(mem):
            print("\nPeak memory through the pipeline, %s schools: ki-import "
                  "(LA sheet joined) | ki-floor | ki-categorise | ki-allocate "
                  "(advisers); then, on the allocation, ki-report budget, "
                  "ki-broker (leaders) and ki-plan (calendar, advisers)\n"
                  % format(int(n), ","))
            print("| binary | peak RSS MB | CPU s | under %d MB |" % LIMIT_MB)
            print("|---|---:|---:|---|")
            for line in open(mem):
                name, fields = line.rstrip("\n").split("\t")
                kb, user, system = fields.split()[:3]
                m = int(kb) / 1024
                print("| %s | %.1f | %.2f | %s |" % (
                    name, m, float(user) + float(system),
                    "yes" if m < LIMIT_MB else "NO"))
    return status


if __name__ == "__main__":
    sys.exit(main())
