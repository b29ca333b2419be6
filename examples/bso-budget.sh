#!/bin/sh
# bso-budget.sh: a business support officer's visit budget for the Hampshire
# primary schools in examples/data, by district.
#
# usage: KI_OUT=DIR sh examples/bso-budget.sh
# Runs ki-import | ki-floor | ki-categorise | ki-allocate in one pipeline,
# writes $KI_OUT/allocation.csv (default ./demo-out), then tallies schools,
# visits, contacts, days and cost by district. Uses the ki-* binaries on
# PATH (else the build tree or /usr/local/bin: examples/ki-path.sh); the
# data, advisers.csv and rates.json are found beside this script.
# advisers.csv and the adviser_day rate in rates.json are made up.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
data=$here/data
out=${KI_OUT:-./demo-out}

. "$here/ki-path.sh"
ki_path bso-budget.sh ki-import ki-floor ki-categorise ki-allocate || exit 1
mkdir -p -- "$out"
st=$(mktemp -d "${TMPDIR:-/tmp}/bso-budget.XXXXXX")
trap 'rm -rf "$st"' EXIT

# A POSIX shell sees only the last command's exit status in a pipeline, so
# each step writes its own to a file, checked below. "|| s=$?" keeps set -e
# from ending the step's subshell before it can write the status.
{
	s=0
	ki-import \
	    dfe-ks2:"$data/2017_850_Hampshire_ks2final.csv" \
	    dfe-ks2:"$data/2018_850_Hampshire_ks2final.csv" \
	    dfe-ks2:"$data/2019_850_Hampshire_ks2final.csv" \
	    gias:"$data/gias_2021-05-07_850_936_v2.csv" \
	    gias-links:"$data/links_edubasealldata20250422_850_EXCERPT.csv" \
	    local:"$data/la-flags.csv" || s=$?
	echo "$s" >"$st/import"
} | {
	s=0
	ki-floor || s=$?
	echo "$s" >"$st/floor"
} | {
	s=0
	ki-categorise --scheme kent-rag-2019 || s=$?
	echo "$s" >"$st/categorise"
} | {
	# Schools the advisers cannot take are listed on standard error.
	s=0
	ki-allocate --advisers "$here/advisers.csv" --rates "$here/rates.json" \
	    -o "$out/allocation.csv" || s=$?
	echo "$s" >"$st/allocate"
}
for step in import floor categorise allocate; do
	s=$(cat "$st/$step" 2>/dev/null || echo 1)
	if [ "$s" -ne 0 ]; then
		echo "bso-budget.sh: ki-$step failed (exit status $s)" >&2
		rm -f -- "$out/allocation.csv"
		exit 1
	fi
done

# The tally. Days and costs are added as whole hundredths (of a day, of a
# pound), so the totals are exact: the total cost is the sum of the rows'
# costs to the penny, as a spreadsheet's SUM would give it.
# split_csv (examples/split_csv.awk): quoted fields (a name such as
# "St Mary's, Alton") keep their commas.
csvfn=$(cat "$here/split_csv.awk")
awk "$csvfn"'
	# hundredths("487.35") = 48735; a blank is 0. ki writes plain
	# decimals with at most two places.
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
	function money(h) {
		return sprintf("%d.%02d", int(h / 100), h % 100)
	}
	function row(name, i) {
		printf "%-24s %7d %7d %8d %9s %12s %9d\n", name, schools[i],
		    visits[i], contacts[i], money(days[i]), money(cost[i]),
		    unplaced[i]
	}
	{
		rec = $0
		# A quoted field may hold a line break: read on while the
		# number of quotes so far is odd.
		while (gsub(/"/, "\"", rec) % 2 == 1 && (getline more) > 0)
			rec = rec "\n" more
		n = split_csv(rec, f)
		if (++nr == 1) {
			for (i = 1; i <= n; i++)
				col[f[i]] = i
			split("district visits contacts days cost adviser", need, " ")
			for (i = 1; i <= 6; i++)
				if (!(need[i] in col)) {
					print "bso-budget.sh: no " need[i] " column" \
					    > "/dev/stderr"
					bad = 1
					exit 1
				}
			next
		}
		d = f[col["district"]]
		if (d == "")
			d = "(no district)"
		if (!(d in schools))
			names[++nd] = d
		dd = hundredths(f[col["days"]])
		cc = hundredths(f[col["cost"]])
		schools[d]++
		visits[d] += f[col["visits"]]
		contacts[d] += f[col["contacts"]]
		days[d] += dd
		cost[d] += cc
		if (dd > 0 && f[col["adviser"]] == "")
			unplaced[d]++
		schools[""]++
		visits[""] += f[col["visits"]]
		contacts[""] += f[col["contacts"]]
		days[""] += dd
		cost[""] += cc
		if (dd > 0 && f[col["adviser"]] == "")
			unplaced[""]++
	}
	END {
		if (bad)
			exit 1
		for (i = 1; i <= nd; i++)
			for (j = i + 1; j <= nd; j++)
				if (names[j] < names[i]) {
					t = names[i]; names[i] = names[j]; names[j] = t
				}
		printf "%-24s %7s %7s %8s %9s %12s %9s\n", "district", "schools",
		    "visits", "contacts", "days", "cost", "unplaced"
		for (i = 1; i <= nd; i++)
			row(names[i], names[i])
		row("total", "")
	}' "$out/allocation.csv"
echo "== written"
echo "$out/allocation.csv"
