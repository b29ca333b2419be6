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
. "$here/lib.sh"
ex_init bso-budget.sh ki-import ki-floor ki-categorise ki-allocate

# Schools the advisers cannot take are listed on standard error.
ex_step import ex_import |
    ex_step floor ki-floor |
    ex_step categorise ki-categorise --scheme kent-rag-2019 |
    ex_step allocate ki-allocate --advisers "$here/advisers.csv" \
        --rates "$here/rates.json" -o "$out/allocation.csv"
if ! ex_ok bso-budget.sh import floor categorise allocate; then
	rm -f -- "$out/allocation.csv"
	exit 1
fi

# The tally. Days and costs are added as whole hundredths (of a day, of a
# pound), so the totals are exact: the total cost is the sum of the rows'
# costs to the penny, as a spreadsheet's SUM would give it. csv_record
# (examples/split_csv.awk): quoted fields (a name such as "St Mary's,
# Alton") keep their commas.
awk "$awkfn"'
	function row(name, i) {
		printf "%-24s %7d %7d %8d %9s %12s %9d\n", name, schools[i],
		    visits[i], contacts[i], money(days[i]), money(cost[i]),
		    unplaced[i]
	}
	{
		n = csv_record(f)
		if (++nr == 1) {
			csv_columns(f, n, col, "district visits contacts " \
			    "days cost adviser", "bso-budget.sh")
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
		sort_list(names, nd)
		printf "%-24s %7s %7s %8s %9s %12s %9s\n", "district", "schools",
		    "visits", "contacts", "days", "cost", "unplaced"
		for (i = 1; i <= nd; i++)
			row(names[i], names[i])
		row("total", "")
	}' "$out/allocation.csv"
echo "== written"
echo "$out/allocation.csv"
