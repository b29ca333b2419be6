#!/usr/bin/env python3
"""Expected ki-import output for the Ofsted file of the report-card era
(latest inspections as at 31 May 2026), computed independently of
share/maps/*.json: column names, scales and the framework dates are written
out here.

usage: expect_ofsted_2026.py FILE
Prints CSV: header, then one row per school in file order.
"""
import csv
import sys

BLANK = {"", "NULL", "NA", "N/A", "-", ".."}
RC = {"Exceptional": "1", "Strong standard": "2", "Expected standard": "3",
      "Needs attention": "4", "Urgent improvement": "5"}
AREAS = [("rc_inclusion", "Inclusion"),
         ("rc_curriculum", "Curriculum and teaching"),
         ("rc_achievement", "Achievement"),
         ("rc_attendance", "Attendance and behaviour"),
         ("rc_personal", "Personal development and wellbeing"),
         ("rc_early_years", "Early years (where applicable)"),
         ("rc_post16", "Post-16 provision (where applicable)"),
         ("rc_leadership", "Leadership and governance")]
OEIF = [("ofsted_quality", "Latest OEIF quality of education"),
        ("ofsted_behaviour", "Latest OEIF behaviour and attitudes"),
        ("ofsted_personal", "Latest OEIF personal development"),
        ("ofsted_leadership", "Latest OEIF effectiveness of leadership and management")]
# Start of each framework (Ofsted): section 5 2005, 2009, 2012, common
# inspection framework 2015, EIF 2019, no headline grade 2024, report cards
# 10 November 2025.
FRAMEWORKS = [("2025-11-10", "2025"), ("2024-09-01", "2024"), ("2019-09-01", "2019"),
              ("2015-09-01", "2015"), ("2012-09-01", "2012"), ("2009-09-01", "2009"),
              ("2005-09-01", "2005")]


def val(v):
    v = (v or "").strip()
    return "" if v in BLANK else v


def iso(v):
    v = val(v)
    if not v:
        return ""
    d, m, y = v.split("/")
    return "%s-%02d-%02d" % (y, int(m), int(d))


def grade(v):
    v = val(v)
    return v if v in ("1", "2", "3", "4") else ""


def framework(d):
    for start, year in FRAMEWORKS:
        if d and d >= start:
            return year
    return ""


COLS = ["urn", "inspection_number", "ofsted_date", "ofsted_published",
        "ofsted_grade", "ofsted_prev_grade", "ofsted_category"] + \
    [c for c, _ in OEIF] + ["rc_safeguarding"] + [c for c, _ in AREAS] + \
    ["ofsted_framework", "ofsted_ungraded_date", "ofsted_ungraded_outcome",
     "ofsted_inspected_urn", "ofsted_same_urn", "ofsted_prev_quality",
     "ofsted_prev_leadership"]


def main(path):
    r = csv.DictReader(open(path, encoding="cp1252", newline=""))
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(COLS)
    for d in r:
        card = val(d["Safeguarding standards"]) != ""
        o = {"urn": d["URN"]}
        if card:
            o["inspection_number"] = val(d["Inspection number of latest full inspection"])
            o["ofsted_date"] = iso(d["Inspection start date"])
            o["ofsted_published"] = iso(d["Publication date"])
            o["ofsted_grade"] = ""
            o["ofsted_prev_grade"] = grade(d["Latest OEIF overall effectiveness"])
            o["ofsted_category"] = val(d["Category of concern"]).upper()
            for c, _ in OEIF:
                o[c] = ""
            which = "latest full inspection"
            o["ofsted_prev_quality"] = grade(d["Latest OEIF quality of education"])
            o["ofsted_prev_leadership"] = grade(
                d["Latest OEIF effectiveness of leadership and management"])
        else:
            o["inspection_number"] = val(d["Inspection number of latest OEIF graded inspection"])
            o["ofsted_date"] = iso(d["Inspection start date of latest OEIF graded inspection"])
            o["ofsted_published"] = iso(d["Publication date of latest OEIF graded inspection"])
            o["ofsted_grade"] = grade(d["Latest OEIF overall effectiveness"])
            o["ofsted_prev_grade"] = ""
            o["ofsted_category"] = val(d["Latest OEIF category of concern"]).upper()
            for c, name in OEIF:
                o[c] = grade(d[name])
            which = "latest OEIF graded inspection"
            o["ofsted_prev_quality"] = o["ofsted_prev_leadership"] = ""
        o["rc_safeguarding"] = val(d["Safeguarding standards"]).lower()
        for c, name in AREAS:
            o[c] = RC.get(val(d[name]), "")
        o["ofsted_framework"] = framework(o["ofsted_date"])
        o["ofsted_ungraded_date"] = iso(d["Date of latest ungraded inspection"])
        o["ofsted_ungraded_outcome"] = val(d["Ungraded inspection overall outcome"])
        o["ofsted_inspected_urn"] = val(d["URN at time of " + which])
        o["ofsted_same_urn"] = val(d["Does the " + which + " relate to the "
                                     "URN of the current school?"]).lower()
        w.writerow([o[c] for c in COLS])


main(sys.argv[1])
