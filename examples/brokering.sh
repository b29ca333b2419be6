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
data=$here/data
out=${KI_OUT:-./demo-out}

. "$here/ki-path.sh"
ki_path brokering.sh ki-import ki-floor ki-categorise ki-allocate ki-broker \
    ki-report || exit 1
mkdir -p -- "$out"
st=$(mktemp -d "${TMPDIR:-/tmp}/brokering.XXXXXX")
trap 'rm -rf "$st"' EXIT

# Each step writes its own exit status to a file, checked below: a POSIX
# shell sees only the last command's status in a pipeline.
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
	# Two schools with no district have no adviser: listed on stderr.
	s=0
	ki-allocate --advisers "$here/advisers.csv" --rates "$here/rates.json" \
	    2>"$st/allocate.err" || s=$?
	echo "$s" >"$st/allocate"
} | {
	s=0
	ki-broker --leaders "$here/leaders.csv" \
	    --rates "$here/broker-rates.json" -o "$out/deployments.csv" || s=$?
	echo "$s" >"$st/broker"
}
for step in import floor categorise allocate broker; do
	s=$(cat "$st/$step" 2>/dev/null || echo 1)
	if [ "$s" -ne 0 ]; then
		[ ! -s "$st/allocate.err" ] || cat "$st/allocate.err" >&2
		echo "brokering.sh: ki-$step failed (exit status $s)" >&2
		rm -f -- "$out/deployments.csv"
		exit 1
	fi
done

# Money is added in pence, days in hundredths: the total is the sum of
# the rows to the penny.
csvfn=$(cat "$here/split_csv.awk")
register=$(($(wc -l <"$here/leaders.csv") - 1))
awk -v register="$register" "$csvfn"'
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
	{
		rec = $0
		while (gsub(/"/, "\"", rec) % 2 == 1 && (getline more) > 0)
			rec = rec "\n" more
		n = split_csv(rec, f)
		if (++nr == 1) {
			for (i = 1; i <= n; i++)
				col[f[i]] = i
			split("urn leader leader_name role service days cost", need, " ")
			for (i = 1; i <= 7; i++)
				if (!(need[i] in col)) {
					print "brokering.sh: no " need[i] " column" \
					    > "/dev/stderr"
					bad = 1
					exit 1
				}
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
		for (i = 1; i <= nl; i++)
			for (j = i + 1; j <= nl; j++)
				if (ids[j] < ids[i]) {
					t = ids[i]; ids[i] = ids[j]; ids[j] = t
				}
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
