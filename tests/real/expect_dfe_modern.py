#!/usr/bin/env python3
"""Expected ki-import output, every column, for the DfE files of 2022-2025,
computed independently of share/maps/*.json (the column names and code lists
are written out here from the files' headers and DfE's school type codes).

usage: expect_dfe_modern.py ks2|ks4 FILE
The year is the later of the two in the file name (2023-2024 -> 2024).
Prints CSV: the header, then the school rows in file order.
"""
import csv
import re
import sys

BLANK = {"", "SUPP", "NE", "NP", "LOWCOV", "NA", "NEW", "x", "z", "c", "low",
         "LOW", "..", "NULL", "-"}
SPECIAL = {"CYS", "FDS", "ACS", "ACCS", "FS", "INDSPEC", "INDSS", "NMSS"}
MAINTAINED = {"CY", "VA", "VC", "FD", "CYS", "FDS", "LANS"}
ACADEMY = {"AC", "ACC", "ACS", "ACCS", "F", "FS", "CTC", "UTC", "SS"}
INDEPENDENT = {"IND", "INDSPEC", "INDSS", "NMSS"}

KS2 = ["urn", "year", "laestab", "name", "la", "phase", "funding",
       "urn_successor", "ks2_rwm_exp", "ks2_read_prog", "ks2_read_prog_lower",
       "ks2_read_prog_upper", "ks2_writ_prog", "ks2_writ_prog_lower",
       "ks2_writ_prog_upper", "ks2_mat_prog", "ks2_mat_prog_lower",
       "ks2_mat_prog_upper", "ks2_cohort", "ks2_pct_disadvantaged",
       "ks2_rwm_exp_disadv", "ks2_rwm_exp_other", "pupils"]
KS2_SRC = {"ks2_rwm_exp": "PTRWM_EXP", "ks2_cohort": "TELIG",
           "ks2_pct_disadvantaged": "PTFSM6CLA1A",
           "ks2_rwm_exp_disadv": "PTRWM_EXP_FSM6CLA1A",
           "ks2_rwm_exp_other": "PTRWM_EXP_NotFSM6CLA1A",
           "pupils": "TOTPUPS"}
for subj, col in (("read", "READPROG"), ("writ", "WRITPROG"), ("mat", "MATPROG")):
    KS2_SRC[f"ks2_{subj}_prog"] = col
    KS2_SRC[f"ks2_{subj}_prog_lower"] = col + "_LOWER"
    KS2_SRC[f"ks2_{subj}_prog_upper"] = col + "_UPPER"

KS4 = ["urn", "year", "laestab", "name", "la", "phase", "funding", "ks4_p8",
       "ks4_p8_lower", "ks4_p8_upper", "ks4_p8_cohort", "ks4_p8_cov",
       "ks4_att8", "ks4_basics_94", "ks4_cohort", "ks4_pct_disadvantaged",
       "ks4_p8_disadv", "ks4_p8_other", "pupils"]
KS4_SRC = {"ks4_p8": "P8MEA", "ks4_p8_lower": "P8CILOW",
           "ks4_p8_upper": "P8CIUPP", "ks4_p8_cohort": "P8PUP",
           "ks4_p8_cov": "P8MEACOV", "ks4_att8": "ATT8SCR",
           "ks4_basics_94": "PTL2BASICS_94", "ks4_cohort": "TPUP",
           "ks4_pct_disadvantaged": "PTFSM6CLA1A",
           "ks4_p8_disadv": "P8MEA_FSM6CLA1A",
           "ks4_p8_other": "P8MEA_NFSM6CLA1A",
           "pupils": "TOTPUPS"}


def val(d, col):
    v = d.get(col) or ""
    if v in BLANK:
        return ""
    return v[:-1] if v.endswith("%") else v


def main():
    ks, path = sys.argv[1], sys.argv[2]
    years = [int(y) for y in re.findall(r"(?<!\d)(\d{4})(?!\d)", path.rsplit("/", 1)[-1])]
    year = max(years)
    # Progress measures DfE did not publish: KS2 2024 and 2025, KS4 2025.
    if ks == "ks2":
        cols, src, dflt = KS2, KS2_SRC, "primary"
        unpublished = {c for c in KS2 if "_prog" in c} if year >= 2024 else set()
    else:
        cols, src, dflt = KS4, KS4_SRC, "secondary"
        unpublished = {c for c in KS4 if c.startswith("ks4_p8")} if year >= 2025 else set()
    f = open(path, newline="", encoding="utf-8-sig")
    w = csv.writer(sys.stdout, lineterminator="\n")
    w.writerow(cols)
    for d in csv.DictReader(f):
        if d["RECTYPE"] not in ("1", "2"):
            continue
        nf = d["NFTYPE"]
        if d["RECTYPE"] == "2" or nf in SPECIAL:
            phase = "special"
        elif nf == "FESI" and ks == "ks4":
            phase = "post16"
        else:
            phase = dflt
        fund = ("maintained" if nf in MAINTAINED else "academy" if nf in ACADEMY
                else "independent" if nf in INDEPENDENT else "")
        lea, estab = val(d, "LEA"), val(d, "ESTAB")
        row = {"urn": d["URN"], "year": str(year),
               "laestab": lea + estab if lea and estab else "",
               "name": d["SCHNAME"], "la": lea, "phase": phase, "funding": fund,
               "urn_successor": "" if val(d, "URN_AC") in ("", "0") else d["URN_AC"]}
        for c, s in src.items():
            row[c] = "" if c in unpublished else val(d, s)
        w.writerow([row[c] for c in cols])


if __name__ == "__main__":
    main()
