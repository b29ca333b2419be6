#!/usr/bin/env bash
# make bench: time ki on England-scale KS2 data beside the tools an analyst
# would otherwise use (Miller, Python's csv module, pandas, gawk, csvkit),
# and beside cat, wc -l and libcsv alone as the floor of reading the file.
#
# usage: bench/run.sh [N ...]   N = school rows (default 16000 160000 1000000)
# env:   DATA        generated files and results (default /tmp/ki-bench)
#        RUNS        timed runs per command (default 3)
#        CSVKIT_MAX  largest N to run csvkit on (default 160000)
#        SHARED      the shared folder (default: ../shared beside the repo)
# Prints a table per size: median seconds, rows/s, MB/s, peak RSS, and each
# tool's time over ki's; then whether every tool agrees on the floor counts.
set -euo pipefail
top=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$(cd "$top/.." && pwd)/shared}
bench=$shared/bench
DATA=${DATA:-/tmp/ki-bench}
RUNS=${RUNS:-3}
CSVKIT_MAX=${CSVKIT_MAX:-160000}
PY=/usr/bin/python3
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(16000 160000 1000000)
res=$DATA/results
mkdir -p "$res"
export PATH="$top:$PATH"

# The tools, from Debian's packages: installed when missing and root.
need=()
command -v hyperfine >/dev/null || need+=(hyperfine)
command -v mlr >/dev/null || need+=(miller)
command -v gawk >/dev/null || need+=(gawk)
command -v csvsql >/dev/null || need+=(csvkit)
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
cc -O2 -o "$DATA/libcsv-count" "$bench/libcsv-count.c" -lcsv

{
	echo "date: $(date -u +%FT%TZ)  host: $(uname -srm)  cpus: $(nproc)"
	hyperfine --version
	mlr --version
	$PY -c 'import pandas; print("pandas", pandas.__version__)'
	gawk --version | head -n 1
	echo "ki: $(ki-import --version)"
} >"$res/versions.txt"
cat "$res/versions.txt"

for n in "${sizes[@]}"; do
	in=$DATA/ks2-$n.csv
	if [ ! -s "$in" ]; then
		echo "generating $in"
		$PY "$bench/gen-ks2.py" "$bench/../data/dfe-ks2/2019_850_Hampshire_ks2final.csv" \
		    "$n" >"$in.tmp" && mv "$in.tmp" "$in"
	fi
	# The inputs of the later steps, made once.
	ki-import "dfe-ks2:$in" -o "$DATA/canon-$n.csv"
	ki-import --json "dfe-ks2:$in" -o "$DATA/canon-$n.ndjson"
	ki-floor "$DATA/canon-$n.csv" -o "$DATA/floor-$n.csv"
	names=() cmds=()
	add() { names+=("$1"); cmds+=("$2"); }
	add "cat" "cat $in"
	add "wc -l" "wc -l $in"
	add "libcsv alone" "$DATA/libcsv-count $in"
	add "ki-import | ki-floor" "ki-import dfe-ks2:$in | ki-floor"
	add "python csv" "$PY $bench/peers/floor-python.py $in"
	add "pandas" "$PY $bench/peers/floor-pandas.py $in"
	add "gawk" "$bench/peers/floor-gawk.sh $in"
	add "mlr" "$bench/peers/floor-mlr.sh $in"
	[ "$n" -gt "$CSVKIT_MAX" ] || add "csvkit" "$bench/peers/floor-csvkit.sh $in"
	add "ki-import" "ki-import dfe-ks2:$in"
	add "ki-floor" "ki-floor $DATA/canon-$n.csv"
	add "ki-floor ndjson" "ki-floor $DATA/canon-$n.ndjson"
	add "mlr ndjson cat" "mlr --ijsonl --ojsonl cat $DATA/canon-$n.ndjson"
	add "ki-categorise" "ki-categorise --scheme $top/bench/scheme.json $DATA/floor-$n.csv"
	add "ki-report summary" "ki-report summary $DATA/floor-$n.csv"
	args=()
	for i in "${!names[@]}"; do
		args+=(-n "${names[$i]}" "${cmds[$i]} >/dev/null 2>&1")
	done
	hyperfine --style basic --warmup 1 --runs "$RUNS" \
	    --export-json "$res/hyperfine-$n.json" "${args[@]}" >/dev/null
	: >"$res/rss-$n.tsv"
	for i in "${!names[@]}"; do
		/usr/bin/time -v -o "$DATA/time.txt" sh -c "${cmds[$i]}" >/dev/null 2>&1
		kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$DATA/time.txt")
		printf '%s\t%s\n' "${names[$i]}" "$kb" >>"$res/rss-$n.tsv"
	done
	# Do they agree? Below-floor counts per LEA, python csv the reference.
	$PY "$bench/peers/floor-python.py" "$in" 2>"$res/lea-python-$n.csv" >/dev/null
	$PY "$bench/peers/floor-pandas.py" "$in" 2>"$res/lea-pandas-$n.csv" >/dev/null
	"$bench/peers/floor-gawk.sh" "$in" 2>"$res/lea-gawk-$n.csv" >/dev/null
	"$bench/peers/floor-mlr.sh" "$in" 2>"$res/lea-mlr-$n.csv" >/dev/null
	ki-import "dfe-ks2:$in" | ki-floor |
	    $PY "$top/bench/lea.py" >"$res/lea-ki-$n.csv"
done
$PY "$top/bench/summary.py" "$res" "$DATA" "${sizes[@]}" | tee "$res/summary.md"
