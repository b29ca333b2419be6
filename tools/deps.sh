#!/bin/sh
# deps.sh: check for (and, as root, install) the Debian packages ki needs.
#
# usage: sh tools/deps.sh [--check] [build|test]
# build (the default) is what `make` needs: a C compiler, make, libcsv,
# jansson and pkg-config.  test adds what only `make check` needs: Check,
# mandoc, python3, python3-icalendar, GNU parallel, valgrind, and nodejs
# and npm (tests/a11y.test installs axe-core with npm).  Without --check,
# missing packages are installed with apt-get when run as root; otherwise
# the sudo command is printed and the script fails.  With --check it never
# installs: it only prints the hint and fails.
set -eu

build="libcsv-dev libjansson-dev pkg-config"
mode=install
set_=build
for a in "$@"; do
	case "$a" in
	--check) mode=check ;;
	build) set_=build ;;
	test) set_=test ;;
	*) echo "usage: sh tools/deps.sh [--check] [build|test]" >&2; exit 2 ;;
	esac
done
pkgs=$build
# npm may come with nodejs (NodeSource) rather than as its own package.
npm=
command -v npm >/dev/null 2>&1 || npm=" npm"
[ "$set_" = test ] && pkgs="$build check mandoc python3 python3-icalendar \
parallel nodejs$npm valgrind"

if ! command -v dpkg >/dev/null 2>&1; then
	echo "deps.sh: no dpkg; install by hand: libcsv (csv.h, -lcsv), jansson, pkg-config (and for make check: check, mandoc, python3, python3-icalendar, parallel, valgrind, nodejs, npm)" >&2
	exit 1
fi

missing=
for p in $pkgs; do
	if ! dpkg -s "$p" 2>/dev/null | grep -q '^Status: install ok installed'; then
		missing="$missing $p"
	fi
done
missing=${missing# }
[ -z "$missing" ] && exit 0

echo "deps.sh: missing packages: $missing" >&2
if [ "$mode" = install ] && [ "$(id -u)" = 0 ]; then
	export DEBIAN_FRONTEND=noninteractive
	# $missing is a list of words.
	# shellcheck disable=SC2086
	apt-get update && apt-get install -y $missing
	exit
fi
if [ "$mode" = check ]; then
	echo "deps.sh: run 'make deps' as root, or:" >&2
else
	echo "deps.sh: not root; run:" >&2
fi
echo "sudo apt-get install -y $missing" >&2
exit 1
