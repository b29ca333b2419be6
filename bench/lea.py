#!/usr/bin/env python3
"""Schools below the floor per LA, from ki-floor's output on standard input,
in the peers' per-LEA form (LEA,below_floor), for the agreement check."""
import csv
import sys

count = {}
for r in csv.DictReader(sys.stdin):
    count[r["la"]] = count.get(r["la"], 0) + (r["below_floor"] == "yes")
w = csv.writer(sys.stdout, lineterminator="\n")
w.writerow(["LEA", "below_floor"])
for la in sorted(count):
    w.writerow([la, count[la]])
