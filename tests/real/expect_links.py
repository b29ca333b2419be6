#!/usr/bin/env python3
"""Coasting in 2019 across academy conversion, and the Ofsted grades in force,
computed straight from the raw files, independently of ki.

usage: expect_links.py coasting LINKS KS2_2017 KS2_2018 KS2_2019
    Prints the URNs of 2019 KS2 rows below the coasting line in each of
    2017, 2018 and 2019, a year a school lacks being its predecessor's
    (GIAS Predecessor or Successor links, or DfE's URN_AC; a school with
    two predecessors follows neither), one per line, sorted.
usage: expect_links.py ofsted OFSTED YEAR COVER URN...
    Prints "URN GRADE" for each URN: the overall grade in force on 31 August
    of YEAR from an Ofsted file of inspections that covers to COVER
    (yyyy-mm-dd), blank when YEAR-08-31 is after it.
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


def below_line(r):
    """The 2016-2019 KS2 coasting line (SI 2017/9 reg 4)."""
    if r["RECTYPE"] != "1" or r.get("NFTYPE") in NOT_JUDGED:
        return False
    cohort = num(r.get("TELIG"))
    if cohort is not None and cohort < 11:
        return False
    att = num(r.get("PTRWM_EXP"))
    if att is None or att >= 85:
        return False
    for col, th in (("READPROG", -2.5), ("WRITPROG", -3.5), ("MATPROG", -2.5)):
        p, up = num(r.get(col)), num(r.get(col + "_UPPER"))
        if p is not None and up is not None and p < th and up < 0:
            return True
    return False


def coasting(links, files):
    rows = {}           # (urn, year) -> row
    pred = {}           # urn -> set of predecessors
    for year, path in zip((2017, 2018, 2019), files):
        with open(path, newline="", encoding="utf-8-sig") as f:
            for r in csv.DictReader(f):
                if r["RECTYPE"] not in ("1", "2"):
                    continue
                rows[(r["URN"], year)] = r
                ac = (r.get("URN_AC") or "").strip()
                if ac not in ("", "0") and ac != r["URN"]:
                    pred.setdefault(ac, set()).add(r["URN"])
    with open(links, newline="", encoding="cp1252") as f:
        for r in csv.DictReader(f):
            t = r["LinkType"].strip().lower()
            if t == "predecessor":
                pred.setdefault(r["URN"], set()).add(r["LinkURN"])
            elif t == "successor":
                pred.setdefault(r["LinkURN"], set()).add(r["URN"])
    schools = {u for u, _ in rows}

    def find(urn, year):
        for _ in range(9):
            if (urn, year) in rows:
                return rows[(urn, year)]
            p = {x for x in pred.get(urn, ()) if x in schools}
            if len(p) != 1:
                return None
            urn = p.pop()
        return None

    out = []
    for (urn, year), r in rows.items():
        if year != 2019:
            continue
        if all((y := find(urn, yr)) is not None and below_line(y)
               for yr in (2017, 2018, 2019)):
            out.append(urn)
    for u in sorted(out):
        print(u)


def ofsted(path, year, end, urns):
    asat = "%d-08-31" % year
    best = {}
    with open(path, newline="", encoding="cp1252") as f:
        for r in csv.DictReader(f):
            if r["URN"] not in urns:
                continue
            d, mo, y = r["Inspection end date"].split("/")
            date = "%s-%s-%s" % (y, mo, d)
            g = r["Overall effectiveness"].strip()
            if g in ("9", "NULL", "") or date > asat:
                continue
            if r["URN"] not in best or date > best[r["URN"]][0]:
                best[r["URN"]] = (date, g)
    for u in urns:
        print(u, best[u][1] if u in best and asat <= end else "")


if sys.argv[1] == "coasting":
    coasting(sys.argv[2], sys.argv[3:6])
else:
    ofsted(sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5:])
