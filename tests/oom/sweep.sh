#!/bin/sh
# sweep.sh: allocation-failure testing, as SQLite does it.
#
# usage: sh tests/oom/sweep.sh [PATTERN]      (make check runs it)
#
# For every binary (each report kind and output format of ki-report, and
# -o FILE beside standard output) on a small cut of the real files in
# examples/data (tests/oom/data), run it once plainly for the true output,
# then again with tests/oom/failmalloc.so failing the 1st, 2nd, ... Nth
# allocation in turn, until a run no longer reaches the failed allocation.
# Every run must either
#   - exit 0 with exactly the true standard output and standard error
#     (with -o: the true file, and nothing else in its directory), or
#   - exit 1 with "BINARY: ... out of memory" on standard error, and with
#     -o leave no file at all in the directory.
# A signal, any other exit status, exit 0 with any other output, or a file
# (or temporary file) left behind after an error is a bad run. The first bad
# run of each kind (reason and first line of standard error) is shown;
# KI_FAILMALLOC=N with the same command reproduces it.
#
# Every N is tried up to KI_OOM_LIMIT (default 100000), then every
# KI_OOM_STRIDE-th (default 1). The -o cases, whose allocations are those of
# the same command to standard output, try every KI_OOM_OSTRIDE-th N
# (default 5; 1 tries them all). Then, as memory that stays exhausted, the
# Nth allocation and every one after it fail, for every KI_OOM_PSTRIDE-th N
# (default 7): reporting the failure must not need memory. PATTERN runs
# only the cases whose name contains it. One line per case gives its runs, ok and failed-cleanly counts; the
# last line gives the runs and "N passed, M failed", one per case.
# KI_OOM_BIN=DIR takes the binaries from DIR (the build's by default).
set -u
LC_ALL=C
export LC_ALL
top=$(cd "$(dirname "$0")/../.." && pwd)
bin=${KI_OOM_BIN:-$top}
shim=$top/tests/oom/failmalloc.so
data=$top/tests/oom/data
KI_DATADIR=${KI_DATADIR:-$top/share}
export KI_DATADIR
limit=${KI_OOM_LIMIT:-100000}
stride=${KI_OOM_STRIDE:-1}
ostride=${KI_OOM_OSTRIDE:-5}
pstride=${KI_OOM_PSTRIDE:-7}
# Cases run side by side, KI_OOM_JOBS at a time (default: the processors,
# at most 4).
jobs=${KI_OOM_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -le 4 ] || jobs=4
[ "$jobs" -ge 1 ] || jobs=1
pattern=${1:-}

if [ ! -f "$shim" ]; then
	echo "sweep.sh: $shim is not built (make tests/oom/failmalloc.so)" >&2
	echo "sweep: 0 runs; 0 passed, 1 failed"
	exit 1
fi
# A sanitizer's runtime keeps malloc for itself (make debug): no sweep then.
if grep -q -- -fsanitize "$top/.build-flags" 2>/dev/null; then
	echo "sweep: skipped, the binaries are built with sanitizers; 0 passed, 0 failed"
	exit 0
fi
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ki-oom.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
in=$tmp/in
mkdir "$in"

pass=0
fail=0
allruns=0
allbad=0
nsig=0 nzero=0 nmsg=0 nleft=0 nexit=0

# The inputs, made by the binaries themselves without the shim.
ks2="dfe-ks2:$data/2017_850_Hampshire_ks2final.csv
dfe-ks2:$data/2018_850_Hampshire_ks2final.csv
dfe-ks2:$data/2019_850_Hampshire_ks2final.csv
gias:$data/gias_2021-05-07_850_936_v2.csv
ofsted:$data/ofsted_inspections_2014-10_to_2014-12.csv
local:$data/la-flags.csv"
ofsted=ofsted:$data/ofsted_inspections_2014-10_to_2014-12.csv
IFS='
'
# shellcheck disable=SC2086
if ! {
    "$bin/ki-import" $ks2 >"$in/ks2.csv" &&
    "$bin/ki-import" --json $ks2 >"$in/ks2.ndjson" &&
    "$bin/ki-import" "$ofsted" >"$in/ofsted.csv" &&
    "$bin/ki-floor" "$in/ks2.csv" >"$in/floor.csv" &&
    "$bin/ki-categorise" --scheme kent-rag-2019 "$in/floor.csv" \
        >"$in/rag.csv" &&
    "$bin/ki-allocate" --advisers "$data/advisers.csv" \
        --rates "$data/rates.json" "$in/rag.csv" >"$in/alloc.csv" &&
    "$bin/ki-broker" --leaders "$data/leaders.csv" "$in/alloc.csv" \
        >"$in/deployments.csv" 2>/dev/null &&
    "$bin/ki-plan" --calendar kent-2026-27 --advisers "$data/advisers.csv" \
        "$in/alloc.csv" >"$in/plan.csv" &&
    "$bin/ki-floor" "$in/ks2.ndjson" >"$in/floor.ndjson" &&
    "$bin/ki-categorise" --scheme kent-rag-2019 "$in/floor.ndjson" \
        >"$in/rag.ndjson"
} 2>"$tmp/setup.err"; then
	cat "$tmp/setup.err" >&2
	echo "sweep.sh: the pipeline fails without the shim" >&2
	echo "sweep: 0 runs; 0 passed, 1 failed"
	exit 1
fi
unset IFS

# sweep NAME OUTPUT BINARY ARGS...: the sweep of one case, by the first
# job to claim it (mkdir is atomic). OUTPUT is "stdout" or "-o": with -o,
# "-o FILE" is put before ARGS. What it prints goes to $tmp/out.CASE, and
# "RUNS BAD PASSED" to $tmp/res.CASE.
caseno=0
sweep() {
	caseno=$((caseno + 1))
	case $1 in *"$pattern"*) ;; *) return 0 ;; esac
	[ "$job" -ge 0 ] && mkdir "$tmp/claim.$caseno" 2>/dev/null || return 0
	sweep1 "$@" >"$tmp/out.$caseno" 2>&1
}

sweep1() {
	name=$1 mode=$2 b=$3
	shift 3
	c=$tmp/case.$caseno
	mkdir -p "$c/ref" "$c/run"
	# The true output.
	if [ "$mode" = -o ]; then
		"$bin/$b" -o "$c/ref/result" "$@" >"$c/ref/out" 2>"$c/ref/err"
	else
		"$bin/$b" "$@" >"$c/ref/out" 2>"$c/ref/err"
	fi
	st=$?
	if [ "$st" -ne 0 ] || { [ "$mode" = -o ] && [ ! -s "$c/ref/result" ]; } ||
	    { [ "$mode" != -o ] && [ ! -s "$c/ref/out" ]; }; then
		echo "FAIL $name: exit $st without the shim"
		cat "$c/ref/err"
		echo "0 0 0 0 0 0 0 0" >"$tmp/res.$caseno"
		rm -rf "$c"
		return 0
	fi
	runs=0 ok=0 clean=0 bad=0 bsig=0 bzero=0 bmsg=0 bleft=0 bexit=0
	# First the Nth allocation alone, then the Nth and all after it.
	for all in 0 1; do
	n=1
	while :; do
		rm -f "$c/hit"
		if [ "$mode" = -o ]; then
			rm -rf "$c/run"
			mkdir "$c/run"
			LD_PRELOAD=$shim KI_FAILMALLOC=$n KI_FAILMALLOC_ALL=$all \
			    KI_FAILMALLOC_HIT=$c/hit \
			    "$bin/$b" -o "$c/run/result" "$@" >"$c/out" 2>"$c/err"
		else
			LD_PRELOAD=$shim KI_FAILMALLOC=$n KI_FAILMALLOC_ALL=$all \
			    KI_FAILMALLOC_HIT=$c/hit \
			    "$bin/$b" "$@" >"$c/out" 2>"$c/err"
		fi
		st=$?
		runs=$((runs + 1))
		why=
		if [ "$st" -eq 0 ]; then
			if ! cmp -s "$c/out" "$c/ref/out"; then
				why="exit 0 with other standard output"
			elif ! cmp -s "$c/err" "$c/ref/err"; then
				why="exit 0 with other standard error"
			elif [ "$mode" = -o ] && ! cmp -s "$c/run/result" "$c/ref/result"; then
				why="exit 0 with another -o file"
			elif [ "$mode" = -o ] && [ "$(ls -A "$c/run")" != result ]; then
				why="exit 0 leaving $(ls -A "$c/run" | tr '\n' ' ')"
			else
				ok=$((ok + 1))
			fi
			[ -z "$why" ] || bzero=$((bzero + 1))
		elif [ "$st" -eq 1 ]; then
			if ! grep -q "^$b: .*out of memory\$" "$c/err"; then
				why="exit 1 without an out-of-memory message"
				bmsg=$((bmsg + 1))
			elif [ "$mode" = -o ] && [ -n "$(ls -A "$c/run")" ]; then
				why="exit 1 leaving $(ls -A "$c/run" | tr '\n' ' ')"
				bleft=$((bleft + 1))
			else
				clean=$((clean + 1))
			fi
		elif [ "$st" -gt 128 ]; then
			why="killed by signal $((st - 128))"
			bsig=$((bsig + 1))
		else
			why="exit $st"
			bexit=$((bexit + 1))
		fi
		if [ -n "$why" ]; then
			bad=$((bad + 1))
			# Each kind of bad run once: the reason and the first
			# line of standard error, with digits taken out.
			kind="$why: $(head -n 1 "$c/err" | tr -d 0-9)"
			if ! grep -Fqx -e "$kind" "$c/kinds" 2>/dev/null; then
				printf '%s\n' "$kind" >>"$c/kinds"
				echo "BAD $name: allocation $n$([ "$all" = 0 ] ||
				    echo ' and all after') failed: $why"
				head -n 3 "$c/err" | sed 's/^/    stderr: /'
			fi
		fi
		[ -f "$c/hit" ] || break
		if [ "$all" = 1 ]; then
			n=$((n + pstride))
		elif [ "$mode" = -o ]; then
			n=$((n + ostride))
		elif [ "$n" -lt "$limit" ]; then
			n=$((n + 1))
		else
			n=$((n + stride))
		fi
	done
	done
	printf '%-40s %6d runs %6d ok %6d failed cleanly %5d bad\n' \
	    "$name" "$runs" "$ok" "$clean" "$bad"
	echo "$runs $bad $((bad == 0)) $bsig $bzero $bmsg $bleft $bexit" \
	    >"$tmp/res.$caseno"
	rm -rf "$c"
}

# both NAME BINARY ARGS...: the sweep to standard output and with -o.
both() {
	name=$1
	shift
	sweep "$name" stdout "$@"
	sweep "$name -o" -o "$@"
}

# The cases, in the order their lines are printed.
cases() {
IFS='
'
# shellcheck disable=SC2086
both "ki-import" ki-import $ks2
# shellcheck disable=SC2086
both "ki-import --json" ki-import --json $ks2
unset IFS
both "ki-floor" ki-floor "$in/ks2.csv"
sweep "ki-floor (NDJSON)" stdout ki-floor "$in/ks2.ndjson"
both "ki-categorise" ki-categorise --scheme kent-rag-2019 "$in/floor.csv"
sweep "ki-categorise (NDJSON)" stdout ki-categorise --scheme kent-rag-2019 \
    "$in/floor.ndjson"
both "ki-allocate" ki-allocate --advisers "$data/advisers.csv" \
    --rates "$data/rates.json" "$in/rag.csv"
sweep "ki-allocate (NDJSON)" stdout ki-allocate --advisers \
    "$data/advisers.csv" --rates "$data/rates.json" "$in/rag.ndjson"
both "ki-broker" ki-broker --leaders "$data/leaders.csv" "$in/alloc.csv"
both "ki-plan" ki-plan --calendar kent-2026-27 --advisers "$data/advisers.csv" \
    "$in/alloc.csv"
sweep "ki-plan ics" stdout ki-plan --calendar kent-2026-27 --format ics \
    --dtstamp 2026-09-01 --advisers "$data/advisers.csv" "$in/alloc.csv"
sweep "ki-plan json" stdout ki-plan --calendar kent-2026-27 --format json \
    "$in/alloc.csv"
for f in text md csv json html; do
	sweep "ki-report summary $f" stdout ki-report summary --format $f \
	    "$in/alloc.csv"
	sweep "ki-report budget $f" stdout ki-report budget --format $f \
	    "$in/alloc.csv"
	sweep "ki-report indicators $f" stdout ki-report indicators --format $f \
	    "$in/floor.csv"
	sweep "ki-report ofsted $f" stdout ki-report ofsted --format $f \
	    --week-ending 2014-11-21 "$in/ofsted.csv"
done
sweep "ki-report summary --baseline" stdout ki-report summary \
    --baseline "$in/rag.csv" "$in/alloc.csv"
# The deployments and the plan of the golden cases: the small data has none.
cases=$top/tests/cases/ki-report
sweep "ki-report budget --deployments" stdout ki-report budget \
    --deployments "$cases/budget-deployments-text/deployments.csv" \
    "$cases/budget-deployments-text/input.csv"
sweep "ki-report pack --plan" stdout ki-report pack --district Dover \
    --plan "$cases/pack-district-md/plan.csv" --format md \
    "$cases/pack-district-md/input.csv"
sweep "ki-report pack" stdout ki-report pack --district "Test Valley" \
    --plan "$in/plan.csv" --deployments "$in/deployments.csv" --format html \
    "$in/alloc.csv"
sweep "ki-report summary -o" -o ki-report summary --format html "$in/alloc.csv"
sweep "ki-report budget -o" -o ki-report budget "$in/alloc.csv"
sweep "ki-report indicators -o" -o ki-report indicators --format csv \
    "$in/floor.csv"
sweep "ki-report ofsted -o" -o ki-report ofsted --format json \
    --week-ending 2014-11-21 "$in/ofsted.csv"
}

# The jobs, each taking the next case no other job has taken.
job=0
while [ "$job" -lt "$jobs" ]; do
	cases &
	job=$((job + 1))
done
wait
job=-1
cases	# counts the cases, runs none
ncase=$caseno
i=1
while [ "$i" -le "$ncase" ]; do
	if [ -f "$tmp/out.$i" ]; then
		cat "$tmp/out.$i"
		if [ -f "$tmp/res.$i" ]; then
			read -r r b ok s0 s1 s2 s3 s4 <"$tmp/res.$i"
		else
			r=0 b=0 ok=0 s0=0 s1=0 s2=0 s3=0 s4=0
		fi
		allruns=$((allruns + r))
		allbad=$((allbad + b))
		nsig=$((nsig + s0)) nzero=$((nzero + s1)) nmsg=$((nmsg + s2))
		nleft=$((nleft + s3)) nexit=$((nexit + s4))
		if [ "$ok" -eq 1 ]; then
			pass=$((pass + 1))
		else
			fail=$((fail + 1))
		fi
	fi
	i=$((i + 1))
done
if [ "$allbad" -gt 0 ]; then
	echo "bad runs: $nsig killed by a signal, $nzero exit 0 with other" \
	    "output, $nmsg exit 1 without \"out of memory\", $nleft exit 1" \
	    "leaving a file, $nexit another exit status"
fi
echo "sweep: $allruns runs, $allbad bad; $pass passed, $fail failed"
[ "$fail" -eq 0 ] && [ "$pass" -gt 0 ]
