#!/usr/bin/env python3
"""Schools below England's floor standard, computed straight from the raw DfE
files, independently of ki (no ki-import, no share/standards/*.json).

usage: expect_floor.py ks2|ks4 YEAR FILE
Prints the URNs below the floor, one per line, sorted.
"""
import csv
import sys

SUPP = {"", "SUPP", "NE", "NP", "LOWCOV", "NA", "NEW", "x", "z", "c", "..", "NULL", "-"}
NOT_JUDGED = {"CYS", "FDS", "ACS", "ACCS", "FS", "INDSPEC", "NMSS", "IND"}


def num(v):
    v = (v or "").strip()
    if v in SUPP:
        return None
    return float(v.rstrip("%"))


def main():
    stage, year, path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    below = set()
    with open(path, newline="", encoding="utf-8-sig") as f:
        for r in csv.DictReader(f):
            if r["RECTYPE"] != "1" or r.get("NFTYPE") in NOT_JUDGED:
                continue
            if stage == "ks2":
                cohort = num(r.get("TELIG"))
                if cohort is not None and cohort < 11:
                    continue
                att = num(r.get("PTRWM_EXP"))
                subj = [("READPROG", -5), ("WRITPROG", -7), ("MATPROG", -5)]
                low = False
                for col, th in subj:
                    p, up = num(r.get(col)), num(r.get(col + "_UPPER"))
                    if p is None:
                        continue
                    if year >= 2018:
                        low |= p < th and up is not None and up < 0
                    else:
                        low |= p < th
                if att is not None and att < 65 and low:
                    below.add(r["URN"])
            else:
                pupils = num(r.get("TPUP"))
                cov = num(r.get("P8MEACOV"))
                if (pupils is not None and pupils < 6) or (cov is not None and cov < 50):
                    continue
                p8, up = num(r.get("P8MEA")), num(r.get("P8CIUPP"))
                if p8 is not None and up is not None and p8 < -0.5 and up < 0:
                    below.add(r["URN"])
    for u in sorted(below):
        print(u)


main()
