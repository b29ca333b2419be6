#!/bin/sh
# termly-categorisation.sh: each primary school's Red, Amber or Green under
# Kent's 2019-20 strategy, summarised by district, from the sample data
# beside this script:
#
#   ki-import dfe-ks2:... gias:... gias-links:... local:la-flags.csv |
#     ki-floor | ki-categorise --scheme kent-rag-2019 | ki-report summary
#
# usage: termly-categorisation.sh
# Writes $KI_OUT/termly-summary.txt and $KI_OUT/termly-summary.html (KI_OUT
# defaults to the working directory) and prints the text. The ki-* binaries
# are taken from PATH, else from the build tree or /usr/local/bin
# (examples/ki-path.sh).
set -eu

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
. "$here/lib.sh"
KI_OUT=${KI_OUT:-.}
ex_init termly-categorisation.sh ki-import ki-floor ki-categorise ki-report
out=$(CDPATH='' cd -- "$out" && pwd)

# No Ofsted file is joined: the sample one ends in December 2014 and gives
# no grade in force in 2017-2019; kent-rag-2019 reads GIAS's latest rating,
# and its reasons say that rating is as at the extract's date, May 2021. The
# GIAS links carry converters' history through their predecessors.
# The pipeline above, one step at a time, so that a failing step stops the
# script (a POSIX sh pipe reports only its last command).
ex_import -o "$st/ks2.csv"
ki-floor -o "$st/floor.csv" "$st/ks2.csv"
ki-categorise --scheme kent-rag-2019 -o "$st/rag-2019.csv" "$st/floor.csv"
# Run beside the file, so the report's footer names rag-2019.csv.
(
	cd "$st"
	ki-report summary --format text -o "$out/termly-summary.txt" rag-2019.csv
	ki-report summary --format html -o "$out/termly-summary.html" rag-2019.csv
)
cat "$out/termly-summary.txt"
