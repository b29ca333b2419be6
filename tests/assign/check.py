#!/usr/bin/env python3
"""Check an assignment written by ki-allocate against its advisers.

usage: check.py ALLOCATION.csv ADVISERS.csv
Checks: nobody over capacity; no school could move to a less loaded adviser
of its district and phase with room for it and leave the loads more even;
every school with days that is not placed has no such adviser with room.
Prints a summary; exits 1 on a failure.
"""
import csv
import sys
from decimal import Decimal

rows = list(csv.DictReader(open(sys.argv[1], newline="")))
adv = {a["id"]: a for a in csv.DictReader(open(sys.argv[2], newline=""))}
cap = {k: Decimal(a["capacity"]) for k, a in adv.items()}
dist = {k: {d.strip() for d in a["districts"].split(";") if d.strip()} for k, a in adv.items()}
phase = {k: {p.strip() for p in a["phases"].split(";") if p.strip()} for k, a in adv.items()}
load = {k: Decimal(0) for k in adv}
for r in rows:
    if r["adviser"]:
        load[r["adviser"]] += Decimal(r["days"])


def fits(k, r):
    return (not dist[k] or r["district"] in dist[k]) and (not phase[k] or r["phase"] in phase[k])


bad = 0
for k in adv:
    if load[k] > cap[k]:
        print("FAIL %s over capacity: %s > %s" % (k, load[k], cap[k])); bad = 1
placed = unplaced = 0
for r in rows:
    if not r["days"]:
        continue
    d = Decimal(r["days"])
    a = r["adviser"]
    if a:
        placed += 1
        if not fits(a, r):
            # Placed outside its phase: only when no adviser of its district
            # and phase had room.
            for b in adv:
                if fits(b, r) and cap[b] - load[b] >= d:
                    print("FAIL", r["urn"], "with", a, "outside its phase while", b, "has room"); bad = 1
            continue
        for b in adv:
            if b != a and fits(b, r) and cap[b] - load[b] >= d and load[b] + d < load[a]:
                print("FAIL", r["urn"], "could move from", a, load[a], "to", b, load[b]); bad = 1
    else:
        unplaced += 1
        for b in adv:
            if fits(b, r) and cap[b] - load[b] >= d:
                print("FAIL", r["urn"], "not placed while", b, "has room"); bad = 1
print("%d schools placed, %d not, loads %s to %s days, %d advisers" % (
    placed, unplaced, min(load.values()), max(load.values()), len(adv)))
sys.exit(bad)
