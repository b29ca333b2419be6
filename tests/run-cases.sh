#!/bin/sh
# run-cases.sh: run the golden cases tests/cases/<binary>/<case>/ and compare
# stdout, stderr and exit status with the expected files (see tests/cases/README.md).
#
# usage: sh tests/run-cases.sh [binary | binary/case]...
# KI_UPDATE=1 rewrites the expected files from the actual results.
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
TOP=$top
KI_DATADIR=${KI_DATADIR:-$top/share}
export TOP KI_DATADIR
update=${KI_UPDATE:-0}
limit=${KI_TIMEOUT:-60}
timeout=
if command -v timeout >/dev/null 2>&1; then timeout="timeout $limit"; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ki-cases.XXXXXX")
# KI_VALGRIND=1 runs every case under valgrind: any error it finds (memory
# misuse, a definite leak) fails the case.
vg=
if [ "${KI_VALGRIND:-0}" = 1 ]; then
	vg="valgrind -q --error-exitcode=99 --leak-check=full \
--errors-for-leak-kinds=definite --log-file=$tmp/vg.%p"
	limit=$((limit * 10))
	[ -z "$timeout" ] || timeout="timeout $limit"
fi
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
: >"$tmp/none"

pass=0
fail=0

selected() {
	[ $# -gt 1 ] || return 0
	c=$1
	shift
	for want; do
		case "$c" in "$want" | "$want"/*) return 0 ;; esac
	done
	return 1
}

# show LABEL EXPECTED ACTUAL: print a unified diff of one part of a case.
show() {
	diff -u --label "expected $1" --label "actual $1" "$2" "$3" || true
}

for dir in "$top"/tests/cases/*/*/; do
	[ -f "$dir/args" ] || continue
	dir=${dir%/}
	name=${dir#"$top"/tests/cases/}
	selected "$name" "$@" || continue
	bin=${name%%/*}
	exe=$top/$bin
	if [ ! -x "$exe" ]; then
		echo "FAIL $name: no binary ./$bin"
		fail=$((fail + 1))
		continue
	fi
	input=/dev/null
	[ -f "$dir/stdin" ] && input=$dir/stdin
	want_status=0
	[ -f "$dir/status" ] && want_status=$(tr -d ' \t\n' <"$dir/status")

	set +e
	(
		cd "$dir" || exit 125
		# ki-report dates its pages the day they are made: a fixed day
		# (2026-01-01) keeps its cases stable.
		if [ "$bin" = ki-report ]; then
			SOURCE_DATE_EPOCH=1767225600
			export SOURCE_DATE_EPOCH
		fi
		eval "set -- $(tr '\n' ' ' <args)"
		# $timeout is a command prefix or empty.
		# shellcheck disable=SC2086
		exec $timeout $vg "$exe" "$@"
	) <"$input" >"$tmp/out" 2>"$tmp/err"
	status=$?
	set -e

	if [ "$update" = 1 ]; then
		changed=
		cmp -s "$tmp/out" "$dir/expected.out" 2>/dev/null || {
			cp "$tmp/out" "$dir/expected.out"
			changed=1
		}
		if [ -s "$tmp/err" ]; then
			cmp -s "$tmp/err" "$dir/expected.err" 2>/dev/null || {
				cp "$tmp/err" "$dir/expected.err"
				changed=1
			}
		elif [ -f "$dir/expected.err" ]; then
			rm -f "$dir/expected.err"
			changed=1
		fi
		if [ "$status" -ne 0 ]; then
			if [ "$status" != "$want_status" ] || [ ! -f "$dir/status" ]; then
				echo "$status" >"$dir/status"
				changed=1
			fi
		elif [ -f "$dir/status" ]; then
			rm -f "$dir/status"
			changed=1
		fi
		[ -z "$changed" ] || echo "updated $name"
		pass=$((pass + 1))
		continue
	fi

	ok=1
	if [ ! -f "$dir/expected.out" ] || ! cmp -s "$tmp/out" "$dir/expected.out"; then
		ok=
	fi
	for v in "$tmp"/vg.*; do
		[ -s "$v" ] || continue
		echo "FAIL $name: valgrind:"
		head -n 30 "$v"
		ok=
	done
	rm -f "$tmp"/vg.*
	if [ -f "$dir/expected.err" ]; then
		cmp -s "$tmp/err" "$dir/expected.err" || ok=
	else
		[ ! -s "$tmp/err" ] || ok=
	fi
	[ "$status" = "$want_status" ] || ok=

	if [ -n "$ok" ]; then
		pass=$((pass + 1))
		continue
	fi
	fail=$((fail + 1))
	echo "FAIL $name (status $status, expected $want_status)"
	exp_out=$dir/expected.out
	[ -f "$exp_out" ] || exp_out=$tmp/none
	exp_err=$dir/expected.err
	[ -f "$exp_err" ] || exp_err=$tmp/none
	cmp -s "$tmp/out" "$exp_out" || show stdout "$exp_out" "$tmp/out"
	cmp -s "$tmp/err" "$exp_err" || show stderr "$exp_err" "$tmp/err"
done

echo "run-cases: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
