#!/bin/sh
# check.sh: the make check driver.  Runs the unit tests, golden cases, contract
# tests, tests/*.test, the man page lint and the examples, then prints one
# line "N passed, M failed" and fails if anything failed.  Run it after make.
set -u
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
TOP=$top
KI_DATADIR=${KI_DATADIR:-$top/share}
PATH=$top:$PATH
export TOP KI_DATADIR PATH
# Check's fork mode turns a crash into one failed test. Its 4 s limit a
# test is too short on a loaded machine (a sanitizer build, CI); the
# golden cases have their own limit.
unset CK_FORK
CK_DEFAULT_TIMEOUT=${CK_DEFAULT_TIMEOUT:-120}
export CK_DEFAULT_TIMEOUT

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ki-check.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

pass=0
fail=0

# one NAME STATUS: count one unit that passed when STATUS is 0.
one() {
	if [ "$2" -eq 0 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $1 (exit status $2)"
	fi
}

# counted NAME CMD...: run a script that ends with "... N passed, M failed".
counted() {
	name=$1
	shift
	"$@" </dev/null >"$tmp/log" 2>&1
	st=$?
	cat "$tmp/log"
	line=$(sed -n 's/^.*[^0-9]\([0-9][0-9]*\) passed, \([0-9][0-9]*\) failed$/\1 \2/p' "$tmp/log" | tail -n 1)
	if [ -z "$line" ]; then
		one "$name" 1
		return
	fi
	# shellcheck disable=SC2086
	set -- $line
	pass=$((pass + $1))
	fail=$((fail + $2))
	if [ "$st" -ne 0 ] && [ "$2" -eq 0 ]; then
		one "$name" "$st"
	fi
}

echo "== unit tests"
for src in tests/unit/check_*.c; do
	[ -f "$src" ] || continue
	t=${src%.c}
	if [ ! -x "$t" ]; then
		one "$t: not built" 1
		continue
	fi
	"./$t" </dev/null >"$tmp/log" 2>&1
	st=$?
	# Check prints "100%: Checks: 5, Failures: 0, Errors: 0".
	line=$(sed -n 's/.*Checks: \([0-9]*\), Failures: \([0-9]*\), Errors: \([0-9]*\).*/\1 \2 \3/p' "$tmp/log" | tail -n 1)
	if [ -n "$line" ]; then
		# shellcheck disable=SC2086
		set -- $line
		bad=$(($2 + $3))
		pass=$((pass + $1 - bad))
		fail=$((fail + bad))
		[ "$st" -eq 0 ] || [ "$bad" -gt 0 ] || one "$t" "$st"
	else
		one "$t" "$st"
	fi
	if [ "$st" -ne 0 ] || [ -n "${line##* 0 0}" ]; then
		cat "$tmp/log"
	else
		echo "$t: $(tail -n 1 "$tmp/log")"
	fi
done

echo "== golden cases"
counted tests/run-cases.sh sh tests/run-cases.sh

echo "== contract"
counted tests/contract.sh sh tests/contract.sh

echo "== allocation failures"
counted tests/oom/sweep.sh sh tests/oom/sweep.sh

echo "== tests/*.test"
for t in tests/*.test; do
	[ -f "$t" ] || continue
	sh "$t" </dev/null >"$tmp/log" 2>&1
	st=$?
	[ "$st" -eq 0 ] || cat "$tmp/log"
	one "$t" "$st"
done

echo "== man pages"
for m in man/*.1 man/*.5; do
	[ -f "$m" ] || continue
	mandoc -Tlint -Wwarning "$m" >"$tmp/log" 2>&1
	st=$?
	if [ "$st" -eq 0 ] && [ -s "$tmp/log" ]; then st=1; fi
	cat "$tmp/log"
	one "mandoc -Tlint $m" "$st"
done

echo "== examples"
for e in examples/*.sh; do
	if [ ! -f "$e" ] || [ ! -x "$e" ]; then continue; fi
	KI_OUT=$(mktemp -d "$tmp/out.XXXXXX")
	export KI_OUT
	"./$e" </dev/null >"$tmp/log" 2>&1
	st=$?
	[ "$st" -eq 0 ] || cat "$tmp/log"
	one "$e" "$st"
	rm -rf "$KI_OUT"
done

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
