#!/bin/sh
# The KS2 floor standard of 2018-2019 in GNU awk (rule: floor-python.py).
# usage: floor-gawk.sh KS2FILE.csv > schools.csv 2> per-lea.csv
# FPAT splits quoted fields ("a, b", "say ""hi"""), not line breaks inside
# quotes (DfE files have none); quoted fields are written as they came. A
# field past the end of a short row reads as "".
[ $# -eq 1 ] || { echo "usage: floor-gawk.sh KS2FILE.csv > schools.csv 2> per-lea.csv" >&2; exit 2; }
exec gawk -v RS='\r?\n' -v FPAT='([^,]*)|("([^"]|"")*")' '
function num(s) {                       # the number, or "" when missing
	sub(/%$/, "", s)
	return s ~ /^-?[0-9]+(\.[0-9]+)?$/ ? s + 0 : ""
}
function fails(subject, limit,    score, upper) {   # 1, 0, or "" for unsure
	score = num($col[subject])
	if (score == "")
		return ""
	if (score >= limit)
		return 0
	upper = num($col[subject "_UPPER"])
	return upper == "" ? "" : upper < 0
}
NR == 1 {
	sub(/^\xEF\xBB\xBF/, "")
	for (i = 1; i <= NF; i++)
		col[$i] = i
	print "URN,SCHNAME,below_floor"
	next
}
$col["RECTYPE"] == "1" || $col["RECTYPE"] == "2" {
	telig = num($col["TELIG"])
	rwm = num($col["PTRWM_EXP"])
	if ($col["RECTYPE"] == "2" || (telig != "" && telig < 11))
		flag = "n/a"
	else if (rwm == "")
		flag = "unknown"
	else if (rwm >= 65)
		flag = "no"
	else {
		r = fails("READPROG", -5)
		w = fails("WRITPROG", -7)
		m = fails("MATPROG", -5)
		if (r == 1 || w == 1 || m == 1)
			flag = "yes"
		else if (r == "" || w == "" || m == "")
			flag = "unknown"
		else
			flag = "no"
	}
	print $col["URN"] "," $col["SCHNAME"] "," flag
	below[$col["LEA"]] += flag == "yes"
}
END {
	PROCINFO["sorted_in"] = "@ind_str_asc"
	print "LEA,below_floor" > "/dev/stderr"
	for (la in below)
		print la "," below[la] > "/dev/stderr"
}' "$1"
