# split_csv(s, f): split one CSV record s into f[1..n] and return n.
# Quoted fields keep their commas, doubled quotes and line breaks, so a
# school name such as "St Mary's, Alton" does not shift the columns. The
# examples read ki's own output with it (ki writes minimal-quoting CSV);
# the caller joins a record's lines while its quotes are odd in number.
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
