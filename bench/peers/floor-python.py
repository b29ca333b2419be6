#!/usr/bin/env python3
"""The KS2 floor standard of 2018-2019, in plain Python with the csv module.

usage: floor-python.py KS2FILE.csv > schools.csv 2> per-lea.csv

This is the reference peer of make bench: what an analyst would write
without ki. It reads a DfE ks2final file and writes URN,SCHNAME,below_floor
for each school (RECTYPE 1 mainstream, 2 special; other rows are skipped),
and on standard error LEA,below_floor: the schools below the floor per LEA.

below_floor is
  n/a      for a special school, or fewer than 11 eligible pupils (TELIG);
  unknown  when PTRWM_EXP (reading, writing and maths at the expected
           standard) is missing;
  no       when PTRWM_EXP >= 65;
  yes      else when a subject fails: its progress score below its limit
           (READPROG -5, WRITPROG -7, MATPROG -5) and its upper confidence
           bound (READPROG_UPPER, ...) below 0;
  unknown  else when a score, or the bound of a score below its limit, is
           missing;
  no       otherwise.
A value is a number when, less one trailing %, it matches -?digits[.digits];
anything else (SUPP, NE, NP, LOWCOV, NA, blank, past the end of a short row)
is missing.
"""
import csv
import re
import sys

NUMBER = re.compile(r"-?[0-9]+(?:\.[0-9]+)?")
SUBJECTS = (("READPROG", -5.0), ("WRITPROG", -7.0), ("MATPROG", -5.0))


def value(row, i):
    """The number in row[i], or None."""
    if i >= len(row):
        return None
    s = row[i]
    if s.endswith("%"):
        s = s[:-1]
    return float(s) if NUMBER.fullmatch(s) else None


def below_floor(row, col):
    if row[col["RECTYPE"]] == "2":
        return "n/a"
    telig = value(row, col["TELIG"])
    if telig is not None and telig < 11:
        return "n/a"
    rwm = value(row, col["PTRWM_EXP"])
    if rwm is None:
        return "unknown"
    if rwm >= 65:
        return "no"
    unsure = False
    for name, limit in SUBJECTS:
        score = value(row, col[name])
        if score is None:
            unsure = True
        elif score < limit:
            upper = value(row, col[name + "_UPPER"])
            if upper is None:
                unsure = True
            elif upper < 0:
                return "yes"
    return "unknown" if unsure else "no"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: floor-python.py KS2FILE.csv > schools.csv 2> per-lea.csv")
    per_lea = {}
    with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
        rows = csv.reader(f)
        col = {name: i for i, name in enumerate(next(rows))}
        rectype, urn, name, lea = (col[c] for c in ("RECTYPE", "URN", "SCHNAME", "LEA"))
        out = csv.writer(sys.stdout, lineterminator="\n")
        out.writerow(("URN", "SCHNAME", "below_floor"))
        for row in rows:
            if row[rectype] not in ("1", "2"):
                continue
            flag = below_floor(row, col)
            out.writerow((row[urn], row[name], flag))
            per_lea[row[lea]] = per_lea.get(row[lea], 0) + (flag == "yes")
    err = csv.writer(sys.stderr, lineterminator="\n")
    err.writerow(("LEA", "below_floor"))
    for la in sorted(per_lea):
        err.writerow((la, per_lea[la]))


if __name__ == "__main__":
    main()
