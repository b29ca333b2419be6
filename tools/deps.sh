#!/bin/sh
# deps.sh: check for (and, as root, install) the Debian packages ki needs.
#
# usage: sh tools/deps.sh [--check]
# Without --check, missing packages are installed with apt-get when run as
# root; otherwise the sudo command is printed and the script fails.  With
# --check it never installs: it only prints the hint and fails.
set -eu

pkgs="libcsv-dev libjansson-dev check pkg-config mandoc python3 valgrind"
mode=install
case "${1-}" in
--check) mode=check ;;
"") ;;
*) echo "usage: sh tools/deps.sh [--check]" >&2; exit 2 ;;
esac

if ! command -v dpkg >/dev/null 2>&1; then
	echo "deps.sh: no dpkg; install by hand: libcsv (csv.h, -lcsv), jansson, check, pkg-config, mandoc, python3" >&2
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
