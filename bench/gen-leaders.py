#!/usr/bin/env python3
"""A register of system leaders for ki-broker in make bench, from an LA sheet.

usage: gen-leaders.py SHEET > LEADERS.csv

SHEET is gen-ks2.py's LA sheet (urn, district, ...). LEADERS gets one leader
per district, in the shape of examples/leaders.csv (id, name, role, urn,
district, phases, strengths, days): the roles, phases, strengths and days
go round examples/leaders.csv's fifteen, and each leader's own school is a
school of its district. The same sheet gives the same bytes.
"""
import csv
import sys

# role, phases, strengths, days: examples/leaders.csv's, in its order
KINDS = [
    ("NLE", "primary", "leadership; maths; professional-partner", "30"),
    ("LLE", "primary", "teaching; reading", "20"),
    ("SLE", "primary", "maths; teaching", "15"),
    ("AST", "primary", "maths; writing", "30"),
    ("LLE", "primary", "leadership; teaching; professional-partner", "20"),
    ("teaching-school", "primary", "teaching; english; reading", "30"),
    ("NLE", "primary", "leadership; teaching", "40"),
    ("leading-teacher", "primary", "reading; writing", "10"),
    ("LLE", "primary", "teaching; attendance", "20"),
    ("NLE", "primary", "leadership; maths; teaching", "30"),
    ("SLE", "primary", "reading; teaching", "20"),
    ("AST", "primary", "teaching; maths", "30"),
    ("LLE", "primary", "leadership; teaching", "20"),
    ("leading-teacher", "primary", "teaching; writing", "10"),
    ("SLE", "special", "attendance; teaching", "10"),
]


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: gen-leaders.py SHEET > LEADERS.csv\n")
        return 2
    schools = {}
    with open(sys.argv[1], newline="", encoding="utf-8") as f:
        for r in csv.DictReader(f):
            if r["district"]:
                schools.setdefault(r["district"], []).append(r["urn"])
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["id", "name", "role", "urn", "district", "phases",
                "strengths", "days"])
    for i, d in enumerate(sorted(schools)):
        role, phases, strengths, days = KINDS[i % len(KINDS)]
        urns = schools[d]
        w.writerow(["L%05d" % (i + 1), "Leader %d" % (i + 1), role,
                    urns[(7 * i) % len(urns)], d, phases, strengths, days])
    return 0


if __name__ == "__main__":
    sys.exit(main())
