#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build (or reuse) the debug kernel the QEMU tests boot.
#
# Usage: build-kernel.sh [--print-key]
#
# Source: Debian's linux-source-6.12 (/usr/src/linux-source-6.12.tar.xz).
# Config: `make tinyconfig` + selftests/vm/debug-kernel.config (merge_config.sh
# -m) + olddefconfig, then every option of the fragment is verified.
# Cache:  $NG_CACHE/kernel/<source version>-<fragment sha>/linux is the whole
#         build tree (usable as KDIR for out-of-tree modules, includes the
#         kernel's Module.symvers); a "done" stamp marks a finished build.
# Output: the build tree's path on stdout (last line); progress on stderr;
#         the full build log in <cache dir>/build.log.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

frag="$here/debug-kernel.config"
tarball=/usr/src/linux-source-6.12.tar.xz
jobs=${NG_JOBS:-$(( $(nproc) + 1 ))}

# Hidden or derived symbols that must come out =y as well (not settable
# directly, or selected by something in the fragment).
derived_y=(NET_UDP_TUNNEL LOCKDEP DEBUG_LOCK_ALLOC PROVE_RCU KASAN_GENERIC
	   DEBUG_KMEMLEAK KUNIT REF_TRACKER)

[ -f "$tarball" ] || die "$tarball missing (run selftests/vm/provision.sh)"
srcver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
	die "linux-source-6.12 is not installed"
fragsha=$(sha256sum "$frag" | cut -c1-12)
key="$(printf '%s' "$srcver" | tr -c 'A-Za-z0-9.+_-' '_')-$fragsha"
if [ "${1:-}" = --print-key ]; then
	echo "$key"
	exit 0
fi

cdir="$NG_CACHE/kernel/$key"
tree="$cdir/linux"
log="$cdir/build.log"

# "used" is touched whenever a build is handed out: pruning keeps the
# builds used last, so the kernel every `make check` boots survives the
# experiments built beside it.
if [ -f "$cdir/done" ]; then
	touch "$cdir/used"
	progress "debug kernel: cached ($key)"
	echo "$tree"
	exit 0
fi

# One kernel build at a time on this machine: a second caller waits, then
# normally finds the cache filled by the first one.
mkdir -p "$NG_CACHE/kernel"
exec 9>"$NG_CACHE/kernel/.lock"
if ! flock -n 9; then
	progress "debug kernel: another build holds $NG_CACHE/kernel/.lock, waiting"
	flock 9
fi
if [ -f "$cdir/done" ]; then
	touch "$cdir/used"
	progress "debug kernel: cached ($key, built by another run)"
	echo "$tree"
	exit 0
fi

t0=$SECONDS
rm -rf "$cdir"
mkdir -p "$cdir"
progress "debug kernel: building $key (log: $log)"

# Run a command with its output appended to the log, printing a heartbeat
# (elapsed time, newest log line) every 30 s; on failure show the log's tail.
run_logged() {
	local what=$1 pid rc last
	shift
	echo "### $what: $*" >>"$log"
	"$@" >>"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		for _ in $(seq 30); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 1
		done
		kill -0 "$pid" 2>/dev/null || break
		last=$(tail -n1 "$log" | cut -c1-90)
		progress "debug kernel: $what ... $(( SECONDS - t0 ))s [$last]"
	done
	rc=0
	wait "$pid" || rc=$?
	if [ $rc -ne 0 ]; then
		tail -n 40 "$log" >&2
		die "debug kernel: $what failed (exit $rc), full log: $log"
	fi
	progress "debug kernel: $what done ($(( SECONDS - t0 ))s)"
}

run_logged "unpack source" tar -C "$cdir" -xf "$tarball"
mv "$cdir/linux-source-6.12" "$tree"

cp "$frag" "$cdir/fragment.config"
run_logged "tinyconfig" make -C "$tree" tinyconfig
run_logged "merge fragment" bash -c \
	"cd '$tree' && scripts/kconfig/merge_config.sh -m .config '$cdir/fragment.config'"
run_logged "olddefconfig" make -C "$tree" olddefconfig

# merge_config.sh drops options whose dependencies are unmet without failing:
# check every line of the fragment against the final .config.
bad=()
while IFS= read -r line; do
	case $line in
	CONFIG_*=*)
		grep -qxF -- "$line" "$tree/.config" ||
			bad+=("want '$line', got '$(grep -E "^(# )?${line%%=*}[= ]" "$tree/.config" || echo unset)'")
		;;
	"# CONFIG_"*" is not set")
		sym=${line#"# "}; sym=${sym%% *}
		! grep -qE "^$sym=[ym]" "$tree/.config" ||
			bad+=("want '$line', got '$(grep -E "^$sym=" "$tree/.config")'")
		;;
	esac
done <"$frag"
for sym in "${derived_y[@]}"; do
	grep -qx "CONFIG_$sym=y" "$tree/.config" || bad+=("want derived CONFIG_$sym=y, it is not")
done
if [ ${#bad[@]} -gt 0 ]; then
	printf 'debug kernel config: %s\n' "${bad[@]}" >&2
	die "debug kernel: the merged .config lost ${#bad[@]} option(s) of $frag"
fi
progress "debug kernel: config verified (${#derived_y[@]} derived + every fragment line)"

run_logged "make -j$jobs bzImage modules" make -C "$tree" -j"$jobs" bzImage modules
[ -f "$tree/arch/x86/boot/bzImage" ] || die "debug kernel: no bzImage after the build"
[ -f "$tree/Module.symvers" ] || die "debug kernel: no Module.symvers after the build"
make -s -C "$tree" kernelrelease >"$cdir/kernelrelease"
echo "$(( SECONDS - t0 ))" >"$cdir/build-seconds"
touch "$cdir/done" "$cdir/used"

# Keep the three builds used last (2 GB each); drop unfinished ones.
for d in "$NG_CACHE"/kernel/*/; do
	d=${d%/}
	[ "$d" = "$cdir" ] || [ -f "$d/done" ] || rm -rf "$d"
done
for d in "$NG_CACHE"/kernel/*/; do
	[ -f "$d/done" ] && [ ! -f "$d/used" ] && touch -r "$d/done" "$d/used"
done
ls -1dt "$NG_CACHE"/kernel/*/used 2>/dev/null | tail -n +4 | while read -r stamp; do
	progress "debug kernel: pruning old build $(dirname "$stamp")"
	rm -rf "$(dirname "$stamp")"
done
progress "debug kernel: $(cat "$cdir/kernelrelease") built in $(( SECONDS - t0 ))s"
echo "$tree"
