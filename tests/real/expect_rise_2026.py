#!/usr/bin/env python3
"""Each school's RISE category (DfE, from 2025) read straight from the raw
Ofsted file of latest inspections as at 31 May 2026, independently of
share/maps and share/schemes: the rule is written out here.

Category of concern: special measures, serious weaknesses or requires
significant improvement. Stuck: Requires improvement, or equivalent, at the
latest inspection (overall 3; for inspections from 1 September 2024 to the
report cards, quality of education or leadership and management 3; a report
card's Leadership and governance Needs attention or Urgent improvement) and
below Good (3 or 4), or equivalent, at the previous one; unknown when the
previous grade is not in the file. A school whose latest inspection relates to another URN has
changed structure: Not eligible. A school with only an ungraded inspection
(Good or Outstanding) is Not eligible.

usage: expect_rise_2026.py FILE
Prints CSV: urn,category,note
"""
import csv
import sys

BLANK = {"", "NULL", "NA", "N/A", "-", ".."}


def val(v):
    v = (v or "").strip()
    return "" if v in BLANK else v


def iso(v):
    d, m, y = val(v).split("/")
    return "%s-%02d-%02d" % (y, int(m), int(d))


def main(path):
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(["urn", "category", "note"])
    for d in csv.DictReader(open(path, encoding="cp1252", newline="")):
        card = val(d["Safeguarding standards"]) != ""
        oeif = val(d["Inspection start date of latest OEIF graded inspection"]) != ""
        if card:
            same = val(d["Does the latest full inspection relate to the URN "
                         "of the current school?"])
            cat = val(d["Category of concern"])
            latest_ri = val(d["Leadership and governance"]) in (
                "Needs attention", "Urgent improvement")
            prev = val(d["Latest OEIF overall effectiveness"])
            prev = int(prev) if prev in ("1", "2", "3", "4") else None
            # No overall grade (2024/25): quality of education or
            # leadership and management below Good is the equivalent.
            keys = [val(d["Latest OEIF quality of education"]),
                    val(d["Latest OEIF effectiveness of leadership and "
                          "management"])]
            if prev is None and any(k in ("3", "4") for k in keys):
                prev = 3
            elif prev is None and all(k in ("1", "2") for k in keys):
                prev = 2
        elif oeif:
            same = val(d["Does the latest OEIF graded inspection relate to "
                         "the URN of the current school?"])
            cat = val(d["Latest OEIF category of concern"])
            start = iso(d["Inspection start date of latest OEIF graded inspection"])
            if start >= "2024-09-01":
                latest_ri = "3" in (val(d["Latest OEIF quality of education"]),
                                    val(d["Latest OEIF effectiveness of "
                                          "leadership and management"]))
            else:
                latest_ri = val(d["Latest OEIF overall effectiveness"]) == "3"
            prev = None        # the file has no previous graded inspection
        else:
            same, cat, latest_ri, prev = "", "", None, None
        if same.lower() == "no":
            row = ("Not eligible", "changed structure")
        elif cat.upper() in ("SM", "SWK", "RSI", "NTI"):
            row = ("Category of concern", "")
        elif latest_ri is None:
            row = (("Not eligible", "ungraded") if
                   val(d["Ungraded inspection overall outcome"]) else
                   ("unknown", "no inspection"))
        elif not latest_ri:
            row = ("Not eligible", "")
        elif prev is None:
            row = ("unknown", "no previous grade")
        else:
            row = ("Stuck", "") if prev >= 3 else ("Not eligible", "")
        w.writerow([d["URN"], row[0], row[1]])


main(sys.argv[1])
