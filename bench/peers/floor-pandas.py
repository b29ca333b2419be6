#!/usr/bin/env python3
"""The KS2 floor standard of 2018-2019 with pandas (rule: floor-python.py).

usage: floor-pandas.py KS2FILE.csv > schools.csv 2> per-lea.csv

Reads only the columns the rule needs (usecols), all as text: read whole, a
national file's ~300 text columns take gigabytes per million rows.
"""
import sys

import numpy as np
import pandas as pd

SUBJECTS = {"READPROG": -5, "WRITPROG": -7, "MATPROG": -5}
COLUMNS = ["RECTYPE", "LEA", "URN", "SCHNAME", "TELIG", "PTRWM_EXP"] + [
    s + tail for s in SUBJECTS for tail in ("", "_UPPER")]


def number(col):
    """A column's numbers as floats; anything else (SUPP, blank...) NaN."""
    s = col.fillna("").str.replace(r"%$", "", regex=True)
    return s.where(s.str.fullmatch(r"-?[0-9]+(?:\.[0-9]+)?")).astype(float)


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: floor-pandas.py KS2FILE.csv > schools.csv 2> per-lea.csv")
    df = pd.read_csv(sys.argv[1], usecols=COLUMNS, dtype=str,
                     keep_default_na=False, encoding="utf-8-sig")
    df = df[df["RECTYPE"].isin(["1", "2"])]
    fails = pd.Series(False, index=df.index)
    unsure = pd.Series(False, index=df.index)
    for name, limit in SUBJECTS.items():
        score, upper = number(df[name]), number(df[name + "_UPPER"])
        fails |= (score < limit) & (upper < 0)          # NaN compares False
        unsure |= score.isna() | ((score < limit) & upper.isna())
    rwm = number(df["PTRWM_EXP"])
    df["below_floor"] = np.select(
        [(df["RECTYPE"] == "2") | (number(df["TELIG"]) < 11),
         rwm.isna(), rwm >= 65, fails, unsure],
        ["n/a", "unknown", "no", "yes", "unknown"], default="no")
    df[["URN", "SCHNAME", "below_floor"]].to_csv(
        sys.stdout, index=False, lineterminator="\n")
    (df["below_floor"] == "yes").groupby(df["LEA"]).sum().rename(
        "below_floor").to_csv(sys.stderr, lineterminator="\n")


if __name__ == "__main__":
    main()
