#!/bin/sh
# contract.sh: check the behaviour every top-level ./ki-* binary shares:
# --help, --version, a bad option, a missing file and a write error.
#
# usage: sh tests/contract.sh [binary]...
# Extra arguments a binary needs for the missing-file and /dev/full checks may
# be put on one line in tests/cases/<binary>/contract-args (evaluated like args).
set -eu
LC_ALL=C
export LC_ALL

top=$(cd "$(dirname "$0")/.." && pwd)
TOP=$top
KI_DATADIR=${KI_DATADIR:-$top/share}
export TOP KI_DATADIR
limit=${KI_TIMEOUT:-60}
timeout=
if command -v timeout >/dev/null 2>&1; then timeout="timeout $limit"; fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/ki-contract.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
printf 'urn,year\n100000,2019\n' >"$tmp/in.csv"

pass=0
fail=0
missing=/nonexistent/file.csv

# run INPUT ARG...: run $exe with extra args from $extra, leaving $status,
# $tmp/out and $tmp/err.  Output goes to $stdout (a file or /dev/full).
run() {
	input=$1
	shift
	set +e
	(
		cd "$tmp" || exit 125
		eval "set -- $extra \"\$@\""
		# $timeout is a command prefix or empty.
		# shellcheck disable=SC2086
		exec $timeout "$exe" "$@"
	) <"$input" >"$stdout" 2>"$tmp/err"
	status=$?
	set -e
}

# verdict WHAT PROBLEM: count a check, reporting PROBLEM if it is not empty.
verdict() {
	if [ -z "$2" ]; then
		pass=$((pass + 1))
		return
	fi
	fail=$((fail + 1))
	echo "FAIL $bin $1: $2"
	if [ -s "$tmp/err" ]; then
		sed -n '1,5s/^/	stderr: /p' "$tmp/err"
	fi
}

for exe in "$top"/ki-*; do
	if [ ! -f "$exe" ] || [ ! -x "$exe" ]; then continue; fi
	bin=${exe##*/}
	if [ $# -gt 0 ]; then
		case " $* " in *" $bin "*) ;; *) continue ;; esac
	fi
	file=$missing
	stdin_arg=
	case "$bin" in
	ki-import)
		file=local:$missing
		stdin_arg=local:-
		;;
	esac
	stdout=$tmp/out

	extra=
	run /dev/null --help
	p=
	[ "$status" -eq 0 ] || p="exit status $status, want 0"
	[ -s "$tmp/out" ] || p="${p:+$p; }nothing on stdout"
	[ ! -s "$tmp/err" ] || p="${p:+$p; }output on stderr"
	verdict --help "$p"

	run /dev/null --version
	p=
	[ "$status" -eq 0 ] || p="exit status $status, want 0"
	grep -q "^$bin [^ ]" "$tmp/out" || p="${p:+$p; }stdout does not start with '$bin VERSION'"
	[ ! -s "$tmp/err" ] || p="${p:+$p; }output on stderr"
	verdict --version "$p"

	run /dev/null --bogus-option
	p=
	[ "$status" -eq 2 ] || p="exit status $status, want 2"
	[ ! -s "$tmp/out" ] || p="${p:+$p; }output on stdout"
	grep -qF "Try '$bin --help'" "$tmp/err" || p="${p:+$p; }stderr lacks \"Try '$bin --help'\""
	verdict --bogus-option "$p"

	extra=
	if [ -f "$top/tests/cases/$bin/contract-args" ]; then
		extra=$(tr '\n' ' ' <"$top/tests/cases/$bin/contract-args")
	fi
	run /dev/null "$file"
	p=
	[ "$status" -eq 1 ] || p="exit status $status, want 1"
	grep -qF "$missing" "$tmp/err" || p="${p:+$p; }stderr does not name $missing"
	verdict "missing file" "$p"

	if [ -w /dev/full ]; then
		stdout=/dev/full
		if [ -n "$stdin_arg" ]; then run "$tmp/in.csv" "$stdin_arg"; else run "$tmp/in.csv"; fi
		stdout=$tmp/out
		p=
		[ "$status" -eq 1 ] || p="exit status $status, want 1"
		grep -q "No space left on device" "$tmp/err" ||
			p="${p:+$p; }stderr lacks 'No space left on device'"
		verdict ">/dev/full" "$p"
	fi
done

echo "contract: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
