#!/bin/sh
# plan.sh: the year's dated plan for the Hampshire primary schools in
# examples/data, as a CSV and as iCalendar files to import into Outlook or
# Google Calendar, one for the service and one per adviser.
#
# usage: KI_OUT=DIR sh examples/plan.sh
# Runs ki-import | ki-floor | ki-categorise | ki-allocate | ki-plan on
# Kent's 2026-27 calendar (share/calendars/kent-2026-27.json), writes
# $KI_OUT/plan.csv, $KI_OUT/plan.ics and $KI_OUT/advisers/ID.ics (default
# ./demo-out), then counts the events by kind and month. Uses the ki-*
# binaries on PATH (else the build tree or /usr/local/bin: examples/ki-path.sh);
# the data and advisers.csv are found beside this script. advisers.csv is
# made up. DTSTAMP is SOURCE_DATE_EPOCH when set, else the plan's first day.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
. "$here/lib.sh"
ex_init plan.sh ki-import ki-floor ki-categorise ki-allocate ki-plan
mkdir -p -- "$out/advisers"

# Schools the advisers cannot take are listed on standard error.
ex_step import ex_import |
    ex_step floor ki-floor |
    ex_step categorise ki-categorise --scheme kent-rag-2019 |
    ex_step allocate ki-allocate --advisers "$here/advisers.csv" \
        -o "$st/allocation.csv"
ex_ok plan.sh import floor categorise allocate || exit 1

plan() {
	ki-plan --calendar kent-2026-27 --advisers "$here/advisers.csv" "$@" \
	    "$st/allocation.csv"
}
plan --format csv -o "$out/plan.csv"
plan --format ics -o "$out/plan.ics"
plan --format ics --split-by adviser -o "$out/advisers"

# Events by kind and by month. split_csv (examples/split_csv.awk): a quoted
# name such as "St Mary's, Alton" keeps its comma.
awk "$awkfn"'
	{
		n = split_csv($0, f)
		if (++nr == 1) {
			for (i = 1; i <= n; i++)
				col[f[i]] = i
			if (!("date" in col) || !("event" in col)) {
				print "plan.sh: no date or event column" > "/dev/stderr"
				bad = 1
				exit 1
			}
			next
		}
		e = f[col["event"]]
		m = substr(f[col["date"]], 1, 7)
		if (!(e in kinds))
			kinds[e] = ++nk
		if (!(m in months))
			months[m] = ++nm
		count[e]++
		bymonth[m]++
		total++
	}
	END {
		if (bad)
			exit 1
		printf "%-24s %6s\n", "event", "events"
		for (e in count)
			printf "%-24s %6d\n", e, count[e] | "sort"
		close("sort")
		printf "%-24s %6d\n\n%-24s %6s\n", "total", total, "month", "events"
		for (m in bymonth)
			printf "%-24s %6d\n", m, bymonth[m] | "sort"
		close("sort")
	}' "$out/plan.csv"
echo "== written"
echo "$out/plan.csv"
echo "$out/plan.ics"
ls -- "$out/advisers" | sed "s|^|$out/advisers/|"
