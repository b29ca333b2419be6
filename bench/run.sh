#!/usr/bin/env bash
# make bench: time ki on England-shaped KS2 data beside the tools an analyst
# would otherwise use (DuckDB, pandas, Python's csv module, gawk, Miller,
# csvkit), beside cat, wc -l and libcsv alone as the floor of reading the
# file, and measure each ki binary's peak memory through the whole pipeline.
# Needs nothing outside this repository but Debian packages and npm.
#
# usage: bench/run.sh [N ...]   N = school rows (default 16000 160000 1000000)
# env:   DATA            generated files, tools and results (default /tmp/ki-bench)
#        RUNS            timed runs per command, after one warm-up (default 3)
#        ONLY            time only the tools whose names match this grep -E
#                        pattern (default: all); the pipeline memory is always
#                        measured, the agreement check covers the tools timed
#        CSVKIT_MAX      largest N to run csvkit on (default 160000)
#        DUCKDB_VERSION  @duckdb/node-api version npm installs (default 1.5.6-r.1)
# Data: bench/gen-ks2.py copies school rows of examples/data's 2019 Hampshire
# KS2 file over England's 152 LAs (seeded: the same N gives the same bytes),
# with an LA sheet (district, Ofsted grade, LA flags) and an advisers file.
# Prints, per size: the load average before and after the timed runs
# (other work on the machine slows the wall times, not the CPU times); median, min and max wall seconds over the runs, max/min,
# CPU seconds (user+sys), rows/s, MB/s and peak RSS of each tool; the ratios
# ki/DuckDB, ki/libcsv and max/min; whether every tool finds the same
# schools below the floor in each LEA as Python's csv module; and the peak
# RSS and CPU of each binary of import (LA sheet joined) | floor |
# categorise | allocate (advisers), then report budget, broker (a register
# of leaders from bench/gen-leaders.py) and plan on the allocation. Exits 1
# if a tool disagrees or fails.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
DATA=${DATA:-/tmp/ki-bench}
RUNS=${RUNS:-3}
ONLY=${ONLY:-}
CSVKIT_MAX=${CSVKIT_MAX:-160000}
DUCKDB_VERSION=${DUCKDB_VERSION:-1.5.6-r.1}
PY=/usr/bin/python3
source=$top/examples/data/2019_850_Hampshire_ks2final.csv
peers=$top/bench/peers
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(16000 160000 1000000)
for n in "${sizes[@]}"; do
	case $n in
	'' | *[!0-9]*) echo "bench: $n: not a number of rows" >&2; exit 2 ;;
	esac
done
res=$DATA/results
mkdir -p "$res"
export PATH="$top:$PATH"

# The tools, from Debian's packages: installed when missing and root.
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v mlr >/dev/null || need+=(miller)
command -v gawk >/dev/null || need+=(gawk)
command -v csvsql >/dev/null || need+=(csvkit)
command -v node >/dev/null || need+=(nodejs)
command -v npm >/dev/null || need+=(npm)
$PY -c 'import pandas' 2>/dev/null || need+=(python3-pandas)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
	if [ "$(id -u)" = 0 ]; then
		DEBIAN_FRONTEND=noninteractive apt-get install -y "${need[@]}" ||
		    { apt-get update && DEBIAN_FRONTEND=noninteractive \
		    apt-get install -y "${need[@]}"; }
	else
		echo "bench: run as root, or: sudo apt-get install -y ${need[*]}" >&2
		exit 1
	fi
fi
# DuckDB's Node API, from npm, into DATA (never into the repository).
duck=$DATA/node_modules/@duckdb/node-api/package.json
if ! grep -q "\"version\": \"$DUCKDB_VERSION\"" "$duck" 2>/dev/null; then
	npm install --prefix "$DATA" --no-save --no-audit --no-fund \
	    --loglevel error "@duckdb/node-api@$DUCKDB_VERSION" >&2
fi
export DUCKDB_PREFIX=$DATA
cc -O2 -o "$DATA/libcsv-count" "$top/bench/libcsv-count.c" -lcsv

{
	echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)"
	echo "cpu: $(sed -n 's/^model name[^:]*: //p' /proc/cpuinfo | head -n 1)"
	echo "memory: $(awk '/^MemTotal/ {printf "%.1f GB", $2 / 1048576}' /proc/meminfo)"
	hyperfine --version
	echo "duckdb: @duckdb/node-api $(sed -n 's/^ *"version": "\(.*\)",*$/\1/p' \
	    "$duck" | head -n 1), node $(node --version)"
	$PY -c 'import pandas; print("pandas", pandas.__version__)'
	mlr --version
	gawk --version | head -n 1
	echo "csvkit: $(csvsql --version 2>&1)"
	echo "ki: $(ki-import --version)"
} >"$res/versions.txt"
cat "$res/versions.txt"

for n in "${sizes[@]}"; do
	in=$DATA/ks2-$n.csv sheet=$DATA/sheet-$n.csv adv=$DATA/advisers-$n.csv
	# Made again when the generator or its source have changed.
	stamp=$(cat "$top/bench/gen-ks2.py" "$source" | cksum)
	if [ ! -s "$in" ] || [ ! -s "$sheet" ] || [ ! -s "$adv" ] ||
	    [ "$(cat "$in.stamp" 2>/dev/null)" != "$stamp" ]; then
		echo "generating $in, $sheet and $adv"
		$PY "$top/bench/gen-ks2.py" --sheet "$sheet.tmp" \
		    --advisers "$adv.tmp" "$source" "$n" >"$in.tmp"
		mv "$sheet.tmp" "$sheet"
		mv "$adv.tmp" "$adv"
		mv "$in.tmp" "$in"
		echo "$stamp" >"$in.stamp"
	fi
	# The inputs of the later steps, made once.
	ki-import "dfe-ks2:$in" -o "$DATA/canon-$n.csv"
	ki-import --json "dfe-ks2:$in" -o "$DATA/canon-$n.ndjson"
	ki-floor "$DATA/canon-$n.csv" -o "$DATA/floor-$n.csv"

	# name, command, and the per-LEA check: "peer" (stderr has the
	# counts), "ki" (stdout to bench/lea.py) or "" (none).
	names=() cmds=() checks=()
	add() {
		if [ -z "$ONLY" ] || printf '%s\n' "$1" | grep -Eq -- "$ONLY"; then
			names+=("$1") cmds+=("$2") checks+=("${3-}")
		fi
	}
	add "cat" "cat $in"
	add "wc -l" "wc -l $in"
	add "libcsv alone" "$DATA/libcsv-count $in"
	add "ki-import | ki-floor" "ki-import dfe-ks2:$in | ki-floor" ki
	add "duckdb" "node $peers/floor-duckdb.mjs $in" peer
	add "pandas" "$PY $peers/floor-pandas.py $in" peer
	add "python csv" "$PY $peers/floor-python.py $in" peer
	add "gawk" "$peers/floor-gawk.sh $in" peer
	add "mlr" "$peers/floor-mlr.sh $in" peer
	[ "$n" -gt "$CSVKIT_MAX" ] || add "csvkit" "$peers/floor-csvkit.sh $in" peer
	add "ki-import" "ki-import dfe-ks2:$in"
	add "ki-floor" "ki-floor $DATA/canon-$n.csv"
	add "ki-floor ndjson" "ki-floor $DATA/canon-$n.ndjson"
	add "mlr ndjson cat" "mlr --ijsonl --ojsonl cat $DATA/canon-$n.ndjson"
	add "ki-categorise" "ki-categorise --scheme $top/bench/scheme.json $DATA/floor-$n.csv"
	add "ki-report summary" "ki-report summary $DATA/floor-$n.csv"
	rm -f "$res"/lea-*-"$n".csv "$res/load-$n.txt"
	: >"$res/rss-$n.tsv"
	if [ ${#names[@]} -gt 0 ]; then
		args=()
		for i in "${!names[@]}"; do
			args+=(-n "${names[$i]}" "${cmds[$i]} >/dev/null 2>&1")
		done
		cut -d' ' -f1-3 /proc/loadavg >"$res/load-$n.txt"
		hyperfine --style basic --warmup 1 --runs "$RUNS" \
		    --export-json "$res/hyperfine-$n.json" "${args[@]}" >/dev/null
		cut -d' ' -f1-3 /proc/loadavg >>"$res/load-$n.txt"
		# One more run each under GNU time for the peak RSS (of the
		# largest process), which also gives the answers to check.
		for i in "${!names[@]}"; do
			name=${names[$i]} tag=${names[$i]//[^a-z0-9]/-}
			case ${checks[$i]} in
			peer)
				/usr/bin/time -v -o "$DATA/time.txt" sh -c "${cmds[$i]}" \
				    >/dev/null 2>"$res/lea-$tag-$n.csv" ;;
			ki)
				/usr/bin/time -v -o "$DATA/time.txt" sh -c "${cmds[$i]}" |
				    $PY "$top/bench/lea.py" >"$res/lea-$tag-$n.csv" ;;
			*)
				/usr/bin/time -v -o "$DATA/time.txt" sh -c "${cmds[$i]}" \
				    >/dev/null 2>&1 ;;
			esac
			kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DATA/time.txt")
			printf '%s\t%s\t%s\n' "$name" "$kb" "${checks[$i]:+$res/lea-$tag-$n.csv}" \
			    >>"$res/rss-$n.tsv"
		done
	else
		echo '{"results": []}' >"$res/hyperfine-$n.json"
	fi

	# Memory through the whole pipeline: each binary's peak RSS and CPU
	# seconds, the binaries running at once as they would in use.
	m=$DATA/mem-$n
	mkdir -p "$m"
	t() { /usr/bin/time -f '%M %U %S %e' -o "$m/$1" "${@:2}"; }
	t ki-import ki-import "dfe-ks2:$in" "local:$sheet" |
	    t ki-floor ki-floor |
	    t ki-categorise ki-categorise --scheme kent-rag-2019 |
	    t ki-allocate ki-allocate --advisers "$adv" \
	    --rates "$top/examples/rates.json" -o "$DATA/allocation-$n.csv" \
	    2>"$DATA/unplaced-$n.txt"
	t "ki-report budget" ki-report budget "$DATA/allocation-$n.csv" \
	    -o "$DATA/budget-$n.txt"
	# The later steps on the allocation: leaders brokered (a register of
	# one leader a district, bench/gen-leaders.py), and the year's plan.
	$PY "$top/bench/gen-leaders.py" "$sheet" >"$DATA/leaders-$n.csv"
	t ki-broker ki-broker --leaders "$DATA/leaders-$n.csv" \
	    --rates "$top/examples/broker-rates.json" "$DATA/allocation-$n.csv" \
	    -o "$DATA/deployments-$n.csv" 2>"$DATA/broker-$n.txt"
	t ki-plan ki-plan --calendar kent-2026-27 --advisers "$adv" \
	    "$DATA/allocation-$n.csv" -o "$DATA/plan-$n.csv" \
	    2>"$DATA/plan-$n.txt"
	for b in ki-import ki-floor ki-categorise ki-allocate "ki-report budget" \
	    ki-broker ki-plan; do
		printf '%s\t%s\n' "$b" "$(cat "$m/$b")"
	done >"$res/mem-$n.tsv"
done
$PY "$top/bench/summary.py" "$res" "$DATA" "${sizes[@]}" | tee "$res/summary.md"
