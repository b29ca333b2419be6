#!/usr/bin/env python3
"""Expected ki-import output for a few key columns, computed independently of
share/maps/*.json (column names and code lists are hard-coded here).

usage: expect_import.py dfe-ks2:FILE | dfe-ks4:FILE | gias:FILE | ofsted:FILE
Prints CSV (header, then rows sorted by urn, and date for ofsted) to stdout.
"""
import csv
import io
import os
import re
import sys

BLANK = {"", "SUPP", "NE", "NP", "LOWCOV", "NA", "NEW", "x", "z", "c", "..", "NULL", "-"}
SPECIAL = {"CYS", "FDS", "ACS", "ACCS", "FS", "INDSPEC", "NMSS"}
MAINTAINED = {"CY", "VA", "VC", "FD", "CYS", "FDS", "LANS"}
ACADEMY = {"AC", "ACC", "ACS", "ACCS", "F", "FS", "CTC", "UTC", "SS"}
INDEPENDENT = {"IND", "INDSPEC", "NMSS"}


def clean(v):
    v = "" if v is None else v
    return "" if v in BLANK else v


def num(v):
    v = clean(v)
    return v[:-1] if v.endswith("%") else v


def rows(path):
    raw = open(path, "rb").read()
    lines = []
    for line in raw.splitlines(keepends=True):
        try:
            lines.append(line.decode("utf-8"))
        except UnicodeDecodeError:
            lines.append(line.decode("cp1252"))
    text = "".join(lines).lstrip("\ufeff")
    r = csv.reader(io.StringIO(text, newline=""))
    head = next(r)
    for rec in r:
        if rec:
            yield dict(zip(head, rec))  # short rows: missing keys -> blank


def dfe(path, ks):
    year = re.match(r"\d{4}", os.path.basename(path)).group(0)
    if ks == 2:
        cols = ["PTRWM_EXP", "READPROG", "READPROG_UPPER", "TELIG"]
        out = ["ks2_rwm_exp", "ks2_read_prog", "ks2_read_prog_upper", "ks2_cohort"]
        dflt = "primary"
    else:
        cols = ["P8MEA", "P8CIUPP", "P8MEACOV", "P8PUP"]
        out = ["ks4_p8", "ks4_p8_upper", "ks4_p8_cov", "ks4_p8_cohort"]
        dflt = "secondary"
    res = []
    for d in rows(path):
        if d.get("RECTYPE") not in ("1", "2"):
            continue
        nf = d.get("NFTYPE", "")
        phase = "special" if d["RECTYPE"] == "2" or nf in SPECIAL else dflt
        fund = ("maintained" if nf in MAINTAINED else "academy" if nf in ACADEMY
                else "independent" if nf in INDEPENDENT else "")
        res.append([d["URN"], year, clean(d.get("LEA")), phase, fund]
                   + [num(d.get(c)) for c in cols])
    return ["urn", "year", "la", "phase", "funding"] + out, res


def gias(path):
    phases = {"Primary": "primary", "Secondary": "secondary", "All-through": "all-through",
              "Nursery": "nursery", "16 plus": "post16", "Middle deemed primary": "primary",
              "Middle deemed secondary": "secondary"}
    groups = {"Local authority maintained schools": "maintained", "Academies": "academy",
              "Free Schools": "academy", "Independent schools": "independent"}
    res = []
    for d in rows(path):
        grp = d.get("EstablishmentTypeGroup (name)", "")
        phase = "special" if grp == "Special schools" else phases.get(d.get("PhaseOfEducation (name)", ""), "")
        res.append([d["URN"], clean(d.get("LA (code)")), phase, groups.get(grp, "")])
    return ["urn", "la", "phase", "funding"], res


def isodate(v):
    v = clean(v)
    m = re.match(r"^(\d\d)[/-](\d\d)[/-](\d{4})$", v)
    return f"{m.group(3)}-{m.group(2)}-{m.group(1)}" if m else v


def ofsted(path):
    res = []
    for d in rows(path):
        date = d.get("Inspection end date", d.get("Inspection date"))
        grade = clean(d.get("Overall effectiveness"))
        cat = clean(d.get("Category of concern", d.get("Category", ""))).strip()
        res.append([d["URN"], isodate(date), "" if grade == "9" else grade,
                    "" if cat == "0" else cat])
    return ["urn", "ofsted_date", "ofsted_grade", "ofsted_category"], res


def main():
    if len(sys.argv) != 2 or ":" not in sys.argv[1]:
        sys.exit("usage: expect_import.py dfe-ks2|dfe-ks4|gias|ofsted:FILE")
    tag, path = sys.argv[1].split(":", 1)
    fn = {"dfe-ks2": lambda p: dfe(p, 2), "dfe-ks4": lambda p: dfe(p, 4),
          "gias": gias, "ofsted": ofsted}.get(tag)
    if fn is None:
        sys.exit(f"expect_import.py: unknown source {tag}")
    head, res = fn(path)
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(head)
    w.writerows(sorted(res, key=lambda r: (r[0], r[1])))


if __name__ == "__main__":
    main()
