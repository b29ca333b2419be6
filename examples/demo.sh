#!/bin/sh
# demo.sh: run the ki pipeline on the real Hampshire files in examples/data.
#
# usage: KI_OUT=DIR sh examples/demo.sh      (make demo runs it)
# Writes into $KI_OUT (default ./demo-out) and uses the ki-* binaries on
# PATH (else the build tree or /usr/local/bin: examples/ki-path.sh); make demo
# puts the freshly built ones first. Runs from any working
# directory: the data is found beside this script.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
. "$here/lib.sh"
ex_init demo.sh ki-import ki-floor ki-categorise ki-allocate ki-report
written=

# wrote FILE: remember FILE for the list printed at the end.
wrote() {
	written="$written${written:+
}$1"
}

# summary FILE: rows per year, and how many of them have a district, in a
# CSV file written by ki-import. A file with no district column (no GIAS
# source was joined) shows "-" there.
# Quoted fields, including ones that hold a comma or a line break, are read
# properly, so school names such as "St Mary's, Alton" do not shift columns
# (csv_record, examples/split_csv.awk).
summary() {
	awk -v file="$1" "$awkfn"'
	{
		n = csv_record(f)
		if (++nr == 1) {
			csv_columns(f, n, col, "year", "demo.sh: " file)
			hasd = "district" in col
			hasf = "below_floor" in col
			next
		}
		y = f[col["year"]]
		if (!(y in rows))
			years[++ny] = y
		rows[y]++
		total++
		if (hasd && f[col["district"]] != "") {
			withd[y]++
			totald++
		}
		if (hasf && f[col["below_floor"]] == "yes") {
			below[y]++
			totalb++
		}
	}
	END {
		if (bad)
			exit 1
		printf "%s: %d rows\n", file, total
		printf "  %-6s %6s %14s %12s\n", "year", "rows", "with district",
		    "below floor"
		# Years in ascending order.
		sort_list(years, ny)
		for (i = 1; i <= ny; i++)
			printf "  %-6s %6d %14s %12s\n", years[i], rows[years[i]],
			    hasd ? withd[years[i]] + 0 : "-",
			    hasf ? below[years[i]] + 0 : "-"
		printf "  %-6s %6d %14s %12s\n", "all", total,
		    hasd ? totald + 0 : "-", hasf ? totalb + 0 : "-"
	}' "$1"
}

# Step 1: ki-import. KS2 for three years, with GIAS (district, funding,
# latest rating), GIAS's links (a converter's predecessor, whose years count
# as the academy's), Ofsted and the LA's own sheet of judgements joined on
# by URN (ex_import: examples/lib.sh). The sample Ofsted file covers October
# to December 2014, so it gives no grade in force on 31 August 2017-2019:
# ofsted_grade is blank and ofsted_note says why; kent-rag-2019 then reads
# GIAS's rating, and its reasons say that rating is as at the extract's
# date (May 2021).
ex_import -o "$out/ks2.csv" \
	ofsted:"$data/ofsted_inspections_2014-10_to_2014-12.csv"
wrote "$out/ks2.csv"

# KS4 for two years, with the links. No GIAS source is joined here, so
# there is no district column and the summary shows "-" for it.
ki-import -o "$out/ks4.csv" \
	dfe-ks4:"$data/2017_850_Hampshire_ks4final.csv" \
	dfe-ks4:"$data/2018_850_Hampshire_ks4final.csv" \
	gias-links:"$data/links_edubasealldata20250422_850_EXCERPT.csv"
wrote "$out/ks4.csv"

# Step 2: ki-floor. Every row judged against England's floor standard of
# its year, with the reason, the history and coasting.
ki-floor -o "$out/floor-ks2.csv" "$out/ks2.csv"
wrote "$out/floor-ks2.csv"
ki-floor -o "$out/floor-ks4.csv" "$out/ks4.csv"
wrote "$out/floor-ks4.csv"

# Step 3: ki-categorise. Each primary school's Red, Amber or Green as at
# 2019 under Kent's 2019-20 strategy, with the reasons.
ki-categorise --scheme kent-rag-2019 -o "$out/rag-2019.csv" \
	"$out/floor-ks2.csv"
wrote "$out/rag-2019.csv"

# Later steps go here, each reading the file the step before wrote and
# calling wrote for its own output:
#   Step 4: ki-allocate    (visits, days, advisers, costs)
# Do not add a step until its binary is built by make.

# Step 5: ki-report. The categories as at 2019 by district, % good or
# outstanding, below the floor and coasting, as one HTML page with charts.
ki-report summary --format html -o "$out/summary.html" "$out/rag-2019.csv"
wrote "$out/summary.html"

echo "== summary"
summary "$out/floor-ks2.csv"
summary "$out/floor-ks4.csv"

echo "== categories as at 2019 (kent-rag-2019)"
awk "$awkfn"'
	{
		n = csv_record(f)
		if (++nr == 1) {
			for (i = 1; i <= n; i++)
				if (f[i] == "category")
					c = i
			next
		}
		count[f[c]]++
	}
	END { for (k in count) printf "  %-8s %4d\n", k, count[k] }' \
	"$out/rag-2019.csv" | sort

echo "== written"
printf '%s\n' "$written"
echo "HTML summary: $out/summary.html"
