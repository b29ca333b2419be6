# lib.sh: sourced by the example scripts that run the Hampshire pipeline:
# the files, the ki-* binaries, a scratch folder, the steps of a pipeline
# with their exit statuses, and the awk functions that read ki's CSV.
#
#   here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
#   . "$here/lib.sh"
#   ex_init SCRIPT BINARY...
#
# ex_init SCRIPT BINARY...: finds the BINARYs (examples/ki-path.sh), or
# fails naming SCRIPT; sets data (examples/data), out ($KI_OUT, default
# ./demo-out; made), st (a scratch folder, removed on exit) and awkfn (the
# awk functions of examples/split_csv.awk, to put before an awk program).
#
# ex_import [ARG...]: ki-import ARG... of three years of Hampshire's KS2
# results with GIAS (district, funding, latest rating), GIAS's links (a
# converter's predecessor, whose years count as the academy's) and the LA's
# own sheet (la-flags.csv) joined on by URN; to standard output unless an
# ARG is -o FILE. More sources may be among the ARGs.
#
# ex_step NAME COMMAND...: run COMMAND, keeping its exit status as step
# NAME. A POSIX shell sees only the last command's status in a pipeline,
# so each step of one keeps its own: ex_step a ... | ex_step b ...
#
# ex_ok SCRIPT NAME...: 0 when each step NAME exited 0; else says which
# failed (SCRIPT: ki-NAME failed (exit status N)) and returns 1.

ex_init() {
	ex_name=$1
	shift
	data=$here/data
	out=${KI_OUT:-./demo-out}
	. "$here/ki-path.sh"
	ki_path "$ex_name" "$@" || exit 1
	mkdir -p -- "$out"
	st=$(mktemp -d "${TMPDIR:-/tmp}/${ex_name%.sh}.XXXXXX")
	trap 'rm -rf "$st"' EXIT
	trap 'exit 130' INT
	trap 'exit 143' TERM
	awkfn=$(cat "$here/split_csv.awk")
}

ex_import() {
	ki-import "$@" \
	    dfe-ks2:"$data/2017_850_Hampshire_ks2final.csv" \
	    dfe-ks2:"$data/2018_850_Hampshire_ks2final.csv" \
	    dfe-ks2:"$data/2019_850_Hampshire_ks2final.csv" \
	    gias:"$data/gias_2021-05-07_850_936_v2.csv" \
	    gias-links:"$data/links_edubasealldata20250422_850_EXCERPT.csv" \
	    local:"$data/la-flags.csv"
}

ex_step() {
	ex_s=$1
	shift
	# "|| ex_rc=$?" keeps set -e from ending the step before its status
	# is written.
	ex_rc=0
	"$@" || ex_rc=$?
	echo "$ex_rc" >"$st/$ex_s.status"
}

ex_ok() {
	ex_name=$1
	shift
	for ex_s in "$@"; do
		ex_rc=$(cat "$st/$ex_s.status" 2>/dev/null || echo 1)
		if [ "$ex_rc" -ne 0 ]; then
			echo "$ex_name: ki-$ex_s failed (exit status $ex_rc)" >&2
			return 1
		fi
	done
}
