#!/bin/sh
# brokering.sh: system leaders brokered to Hampshire's Red primary schools,
# with the cost, from the data in examples/data.
#
# usage: KI_OUT=DIR sh examples/brokering.sh
# Runs ki-import | ki-floor | ki-categorise | ki-allocate | ki-broker in one
# pipeline, writes $KI_OUT/deployments.csv (default ./demo-out), then prints
# each leader's schools, days and cost, the schools supported and the total
# cost, then ki-report's budget of the deployments by role. Leaders held
# back for review and schools not placed are listed on standard error by
# ki-broker. Uses the ki-* binaries on PATH (else the
# build tree or /usr/local/bin: examples/ki-path.sh). leaders.csv (a
# register of 15 leaders for Hampshire's districts), advisers.csv and the
# rates are made up; the schools and their results are real.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
. "$here/lib.sh"
ex_init brokering.sh ki-import ki-floor ki-categorise ki-allocate ki-broker \
    ki-report

# Two schools with no district have no adviser: ki-allocate lists them on
# standard error, shown only when a step fails.
ex_step import ex_import |
    ex_step floor ki-floor |
    ex_step categorise ki-categorise --scheme kent-rag-2019 |
    ex_step allocate ki-allocate --advisers "$here/advisers.csv" \
        --rates "$here/rates.json" 2>"$st/allocate.err" |
    ex_step broker ki-broker --leaders "$here/leaders.csv" \
        --rates "$here/broker-rates.json" -o "$out/deployments.csv"
if ! ex_ok brokering.sh import floor categorise allocate broker; then
	[ ! -s "$st/allocate.err" ] || cat "$st/allocate.err" >&2
	rm -f -- "$out/deployments.csv"
	exit 1
fi

# Money is added in pence, days in hundredths: the total is the sum of
# the rows to the penny (hundredths, money: examples/split_csv.awk).
register=$(($(wc -l <"$here/leaders.csv") - 1))
awk -v register="$register" "$awkfn"'
	{
		n = csv_record(f)
		if (++nr == 1) {
			csv_columns(f, n, col, "urn leader leader_name " \
			    "role service days cost", "brokering.sh")
			next
		}
		id = f[col["leader"]]
		if (!(id in rows))
			ids[++nl] = id
		rows[id]++
		name[id] = f[col["leader_name"]]
		role[id] = f[col["role"]]
		if (f[col["service"]] == "professional partner")
			mentees[id]++
		else
			schools[id]++
		days[id] += hundredths(f[col["days"]])
		cost[id] += hundredths(f[col["cost"]])
		total += hundredths(f[col["cost"]])
		supported[f[col["urn"]]] = 1
	}
	END {
		if (bad)
			exit 1
		sort_list(ids, nl)
		printf "%-6s %-16s %-16s %7s %7s %10s\n", "leader", "name",
		    "role", "schools", "days", "cost"
		for (i = 1; i <= nl; i++) {
			id = ids[i]
			printf "%-6s %-16s %-16s %7d %7s %10s\n", id, name[id],
			    role[id], schools[id], money(days[id]), money(cost[id])
		}
		for (u in supported)
			ns++
		printf "leaders deployed: %d of %d\n", nl, register
		printf "schools supported: %d\n", ns
		printf "total cost: %s\n", money(total)
	}' "$out/deployments.csv"
# ki-report budget reads the deployments as it reads visits: days and cost
# by role (or --by leader, district), one "school" a deployment.
echo "== by role"
ki-report budget --by role "$out/deployments.csv"
echo "== written"
echo "$out/deployments.csv"
