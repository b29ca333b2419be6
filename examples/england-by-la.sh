#!/bin/sh
# england-by-la.sh: the floor standard for a national KS2 file, or many
# years of them, one LA at a time: the files are split by LEA, and each LA's
# ki-import | ki-floor runs as a job of GNU parallel, on every core here or
# spread over several machines; the LAs' answers are joined into one file.
# A school's rows stay in its LA, so the rows are those of one run over the
# whole files (LA by LA rather than in that run's order).
#
# usage: examples/england-by-la.sh [-j JOBS] [-S SSHLOGIN] [-o FILE] [KS2FILE ...]
#   KS2FILE   DfE ks2final files (dfe-ks2), the year in each file name; with
#             none, the three Hampshire files in examples/data
#   -j JOBS   jobs at once on each machine (default: one per core)
#   -S LOGINS GNU parallel's --sshlogin: run the jobs over ssh on these
#             machines, e.g. -S 8/alpha,8/beta,: (":" is this one). Each
#             job's part of the files is copied there, under the same path
#             as here, and its answer copied back (--workdir . --trc); the
#             machines need ki-import, ki-floor and rsync on their PATH.
#   -o FILE   write the joined answer to FILE, whole or not at all (default:
#             standard output)
# Needs GNU parallel (Debian: apt-get install parallel). The files are split
# line by line (DfE files have no line breaks inside quoted fields); each
# LA's part keeps its file's header and name, so ki-import reads the year
# from it as before; an error names the LA's part (LEA/NAME) and its line.
# TMPDIR holds the parts: as much room as the files.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
usage() {
	echo "usage: england-by-la.sh [-j JOBS] [-S SSHLOGIN] [-o FILE] [KS2FILE ...]" >&2
	exit 2
}
jobs=100% logins= out=
while getopts j:S:o:h opt; do
	case $opt in
	j) jobs=$OPTARG ;;
	S) logins=$OPTARG ;;
	o) out=$OPTARG ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || set -- "$here"/data/20*_ks2final.csv

. "$here/ki-path.sh"
ki_path england-by-la.sh ki-import ki-floor || exit 1
if ! command -v parallel >/dev/null 2>&1; then
	echo "england-by-la.sh: needs GNU parallel (apt-get install parallel)" >&2
	exit 1
fi
orig=$(pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/england-by-la.XXXXXX")
trap 'rm -rf "$work"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# 1. Split each file by its LEA column into WORK/parts/LEA/NAME, the header
# first. NAME is the file's own name, so each part keeps its year.
mkdir "$work/parts" "$work/heads"
names=
for f in "$@"; do
	b=$(basename -- "$f")
	case $b in
	*[!A-Za-z0-9._-]*)
		echo "england-by-la.sh: $f: name the file with letters, digits, '.', '_' and '-' alone" >&2
		exit 1 ;;
	esac
	case " $names " in
	*" $b "*)
		echo "england-by-la.sh: $f: two files named $b" >&2
		exit 1 ;;
	esac
	names="$names $b"
	awk -v parts="$work/parts" -v name="$b" -v head="$work/heads/$b" \
	    -v file="$f" "$(cat "$here/split_csv.awk")"'
	NR == 1 {
		h = $0
		sub(/\r$/, "", h)
		sub(/^[^A-Za-z"]+/, "", h)      # the UTF-8 BOM
		n = split_csv(h, f)
		for (i = 1; i <= n; i++)
			if (f[i] == "LEA")
				col = i
		if (!col) {
			print "england-by-la.sh: " file ": no LEA column" > "/dev/stderr"
			exit 1
		}
		header = $0
		print header > head
		next
	}
	{
		# The LEA field: cut at commas while no quote comes first.
		s = $0
		for (i = 1; i < col && (j = index(s, ",")) > 0; i++)
			s = substr(s, j + 1)
		if ((j = index(s, ",")) > 0)
			s = substr(s, 1, j - 1)
		sub(/\r$/, "", s)
		if (index(substr($0, 1, length($0) - length(s)), "\"") || index(s, "\"")) {
			split_csv($0, f)
			s = f[col]
		}
		gsub(/[^A-Za-z0-9_-]/, "_", s)
		if (s == "")
			s = "none"
		p = parts "/" s "/" name
		if (!(p in seen)) {
			seen[p] = 1
			system("mkdir -p \"" parts "/" s "\"")
			print header > p
		}
		print > p
	}' "$f"
done

# Every LA gets a part of every file, a header alone if need be, so that
# each job runs ki-import on the same file names.
args=
for b in $names; do
	args="$args dfe-ks2:{}/$b"
	for d in "$work"/parts/*/; do
		[ -f "$d$b" ] || cp "$work/heads/$b" "$d$b"
	done
done

# 2. One job per LA: ki-import | ki-floor, its answer in LEA.floor.csv. A
# failed ki-import leaves LEA.failed, so the job fails though ki-floor ran.
cd "$work/parts"
set -- --will-cite --halt now,fail=1 -j "$jobs"
[ -z "$logins" ] ||
    set -- "$@" --sshlogin "$logins" --workdir . --trc {}.floor.csv
ls | parallel "$@" \
    "(ki-import $args || echo failed >{}.failed) | ki-floor -o {}.floor.csv && test ! -e {}.failed" ||
    { echo "england-by-la.sh: an LA's ki-import | ki-floor failed" >&2; exit 1; }

# 3. Join: the header once, then each LA's rows, in the order of ls (LEA).
first=
for d in $(ls); do
	[ -d "$d" ] || continue
	if [ -z "$first" ]; then
		first=$d
		head -n 1 "$d.floor.csv"
	elif [ "$(head -n 1 "$d.floor.csv")" != "$(head -n 1 "$first.floor.csv")" ]; then
		echo "england-by-la.sh: LA $d's columns are not LA $first's" >&2
		exit 1
	fi
	tail -n +2 "$d.floor.csv"
done >"$work/joined.csv"
[ -n "$first" ] || { echo "england-by-la.sh: no school rows" >&2; exit 1; }
if [ -n "$out" ]; then
	cd "$orig"
	cp "$work/joined.csv" "$out.tmp.$$" && mv "$out.tmp.$$" "$out" ||
	    { rm -f "$out.tmp.$$"; exit 1; }
else
	cat "$work/joined.csv"
fi
