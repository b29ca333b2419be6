# ki-path.sh: sourced by the example scripts to find the ki-* binaries, so
# that they run under cron, whose PATH is /usr/bin:/bin.
#
# ki_path SCRIPT BINARY...: leaves PATH alone when it has every BINARY;
# otherwise puts first the first of these that has them all: the build tree
# the script sits in (examples/..), then PREFIX/bin of an install
# (/usr/local/bin, /usr/bin). Fails, naming where it looked, when none has.
ki_path() {
	kp_name=$1
	shift
	kp_here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd)
	kp_all() {
		for kp_b in $kp_want; do
			if [ -n "$1" ]; then
				[ -x "$1/$kp_b" ] || return 1
			else
				command -v "$kp_b" >/dev/null 2>&1 || return 1
			fi
		done
	}
	kp_want=$*
	kp_all "" && return 0
	for kp_d in "$kp_here/.." /usr/local/bin /usr/bin; do
		if kp_all "$kp_d"; then
			PATH=$(CDPATH='' cd -- "$kp_d" && pwd):$PATH
			export PATH
			return 0
		fi
	done
	echo "$kp_name: $kp_want not found on PATH ($PATH), beside" \
	    "$kp_here/.. or in /usr/local/bin (run make, or make install)" >&2
	return 1
}
