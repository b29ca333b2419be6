# split_csv.awk: the awk functions the examples read ki's CSV with
# (examples/lib.sh puts them in $awkfn).
#
# split_csv(s, f): split one CSV record s into f[1..n] and return n.
# Quoted fields keep their commas, doubled quotes and line breaks, so a
# school name such as "St Mary's, Alton" does not shift the columns. The
# examples read ki's own output with it (ki writes minimal-quoting CSV);
# the caller joins a record's lines while its quotes are odd in number
# (csv_record does).
function split_csv(s, f,    n, i, c, v, q) {
	n = 0; v = ""; q = 0
	for (i = 1; i <= length(s); i++) {
		c = substr(s, i, 1)
		if (q) {
			if (c != "\"")
				v = v c
			else if (substr(s, i + 1, 1) == "\"") {
				v = v c; i++
			} else
				q = 0
		} else if (c == "\"")
			q = 1
		else if (c == ",") {
			f[++n] = v; v = ""
		} else
			v = v c
	}
	f[++n] = v
	return n
}

# csv_record(f): split the record that starts in $0 into f[1..n] and
# return n. A quoted field may hold a line break: it reads on while the
# number of quotes so far is odd.
function csv_record(f,    rec, more) {
	rec = $0
	while (gsub(/"/, "\"", rec) % 2 == 1 && (getline more) > 0)
		rec = rec "\n" more
	return split_csv(rec, f)
}

# hundredths("487.35") = 48735; a blank is 0. ki writes plain decimals
# with at most two places, so sums of hundredths are exact: a total is the
# sum of its rows to the penny, as a spreadsheet's SUM gives it.
function hundredths(s,    p, w, d) {
	if (s == "")
		return 0
	p = index(s, ".")
	if (p == 0)
		return s * 100
	w = substr(s, 1, p - 1)
	d = substr(s substr("00", 1, 2), p + 1, 2)
	return w * 100 + d
}

# money(h): hundredths h as a plain decimal, "487.35".
function money(h) {
	return sprintf("%d.%02d", int(h / 100), h % 100)
}

# csv_columns(f, n, col, need, who): col[NAME] = the field number of each
# NAME in the header row f[1..n]. When one of the space-separated names of
# need is missing: "WHO: no NAME column" on standard error, bad = 1, and
# exit 1 (an END block sees bad and exits too).
function csv_columns(f, n, col, need, who,    i, w, k) {
	for (i = 1; i <= n; i++)
		col[f[i]] = i
	k = split(need, w, " ")
	for (i = 1; i <= k; i++)
		if (!(w[i] in col)) {
			print who ": no " w[i] " column" > "/dev/stderr"
			bad = 1
			exit 1
		}
}

# sort_list(a, n): sort a[1..n] in place, ascending (numbers as numbers).
# The lists here are short, so a simple sort will do.
function sort_list(a, n,    i, j, t) {
	for (i = 1; i <= n; i++)
		for (j = i + 1; j <= n; j++)
			if (a[j] < a[i]) {
				t = a[i]; a[i] = a[j]; a[j] = t
			}
}
