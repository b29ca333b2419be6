#!/usr/bin/env python3
"""Generate N categorised schools and M advisers for the assignment test.

usage: gen.py SCHOOLS ADVISERS SEED OUTDIR
Writes OUTDIR/schools.csv and OUTDIR/advisers.csv.
"""
import csv
import random
import sys

n, m, seed, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
rnd = random.Random(seed)
districts = ["District %02d" % i for i in range(12)]
phases = ["primary", "secondary"]
cats = ["Green"] * 6 + ["Amber"] * 3 + ["Red"]
with open(out + "/schools.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["urn", "district", "phase", "category", "category_scheme"])
    for i in range(n):
        w.writerow([100000 + i, rnd.choice(districts),
                    "primary" if rnd.random() < 0.8 else "secondary",
                    rnd.choice(cats), "test"])
with open(out + "/advisers.csv", "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(["id", "name", "districts", "phases", "capacity"])
    for i in range(m):
        ds = rnd.sample(districts, rnd.choice([1, 2, 3]))
        ph = rnd.choice([["primary"], ["secondary"], phases])
        w.writerow(["A%02d" % i, "Adviser %d" % i, "; ".join(ds), "; ".join(ph),
                    rnd.choice([150, 200, 250])])
