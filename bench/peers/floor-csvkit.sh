#!/bin/sh
# The KS2 floor standard of 2018-2019 with csvkit: csvcut, then csvsql on
# SQLite (rule: floor-python.py).
# usage: floor-csvkit.sh KS2FILE.csv > schools.csv 2> per-lea.csv
# SQLite has no regular expressions: a value is a number when, less trailing
# %, it is not empty and has only digits, '.' and '-'.
[ $# -eq 1 ] || { echo "usage: floor-csvkit.sh KS2FILE.csv > schools.csv 2> per-lea.csv" >&2; exit 2; }
set -e
export SQLALCHEMY_SILENCE_UBER_WARNING=1
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT

num() {     # SQL: the number in column $1, or NULL
	echo "(CASE WHEN rtrim($1, '%') <> '' AND rtrim($1, '%') NOT GLOB '*[^0-9.-]*'
	    THEN CAST(rtrim($1, '%') AS REAL) END)"
}
fails() {   # SQL: subject $1 with limit $2 fails: 1, 0, or NULL for unsure
	echo "(CASE WHEN $(num "$1") >= $2 THEN 0
	    WHEN $(num "$1") < $2 THEN $(num "$1_UPPER") < 0 END)"
}

csvcut -c RECTYPE,LEA,URN,SCHNAME,TELIG,PTRWM_EXP,READPROG,READPROG_UPPER,WRITPROG,WRITPROG_UPPER,MATPROG,MATPROG_UPPER "$1" |
csvsql --no-inference --tables ks2 --query "
  WITH s AS (
    SELECT RECTYPE, LEA, URN, SCHNAME, $(num TELIG) AS telig,
      $(num PTRWM_EXP) AS rwm, $(fails READPROG -5) AS r,
      $(fails WRITPROG -7) AS w, $(fails MATPROG -5) AS m
    FROM ks2 WHERE RECTYPE IN ('1', '2'))
  SELECT LEA, URN, SCHNAME,
    CASE WHEN RECTYPE = '2' OR telig < 11 THEN 'n/a'
      WHEN rwm IS NULL THEN 'unknown'
      WHEN rwm >= 65 THEN 'no'
      WHEN r OR w OR m THEN 'yes'
      WHEN r IS NULL OR w IS NULL OR m IS NULL THEN 'unknown'
      ELSE 'no' END AS below_floor
  FROM s" >"$tmp"
csvcut -c URN,SCHNAME,below_floor "$tmp"
# printf: csvsql writes a SUM() of 0 as an empty field.
csvsql --no-inference --tables s --query "
  SELECT LEA, printf('%d', SUM(below_floor = 'yes')) AS below_floor
  FROM s GROUP BY LEA ORDER BY LEA" "$tmp" >&2
