#!/bin/sh
# weekly-ofsted.sh: the weekly Ofsted summary, as the cron job runs it.
#
# usage: weekly-ofsted.sh [FILE [DATE [LA]]]
#   FILE  Ofsted management information (default: the sample beside this
#         script, examples/data/ofsted_inspections_2014-10_to_2014-12.csv)
#   DATE  the last day of the week, yyyy-mm-dd (default: 2014-11-21)
#   LA    the three-digit code of one local authority (default: $KI_LA;
#         neither: all of England)
#
# Runs  ki-import ofsted:FILE | ki-report ofsted --week-ending DATE [--la LA]
# and writes $KI_OUT/ofsted-week.txt and $KI_OUT/ofsted-week.html (KI_OUT
# defaults to the working directory), then prints the text, ready to mail:
#
#   0 7 * * 1  cd /srv/ki && KI_OUT=/srv/ki/out sh examples/weekly-ofsted.sh \
#       data/ofsted-latest.csv "$(date -d yesterday +\%F)" 886 | mail -s ...
#
# The ki-* binaries are taken from PATH, else from the build tree this script
# is in, else from /usr/local/bin (examples/ki-path.sh), so it runs under
# cron's PATH=/usr/bin:/bin.
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
file=${1:-$here/data/ofsted_inspections_2014-10_to_2014-12.csv}
date=${2:-2014-11-21}
la=${3:-${KI_LA:-}}
out=${KI_OUT:-.}

. "$here/ki-path.sh"
ki_path weekly-ofsted.sh ki-import ki-report || exit 1
mkdir -p -- "$out"
out=$(CDPATH='' cd -- "$out" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/weekly-ofsted.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Import once (a failure stops the script: no pipe hides it), then write the
# same week as text and as one HTML page. -o writes whole files or none.
# The reports run beside the imported file, so their footer names the
# source file rather than a temporary path.
name=$(basename -- "$file")
case $name in -*) name=./$name ;; esac
ki-import -o "$tmp/$name" "ofsted:$file"
(
	cd "$tmp"
	# One LA's week when LA is given; set -- keeps the quoting.
	if [ -n "$la" ]; then set -- --la "$la"; else set --; fi
	ki-report ofsted --week-ending "$date" "$@" --format text \
		-o "$out/ofsted-week.txt" "$name"
	ki-report ofsted --week-ending "$date" "$@" --format html \
		-o "$out/ofsted-week.html" "$name"
)
cat "$out/ofsted-week.txt"
