#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: boot Debian's stock 6.12 kernel under QEMU, load the modules
# and build a small graph with ngctl-nl (selftests/demo.sh when the tree has
# one, otherwise the runner's built-in demo), then print what the guest did.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

if [ "$(id -u)" = 0 ]; then
	"$here/provision.sh"
fi
ver=$(stock_612_version)
[ -n "$ver" ] || die "no stock 6.12 kernel known to apt (run as root once)"
work="$repo/build/work/demo"
logs="$repo/build/logs"
mkdir -p "$work" "$logs"

progress "demo: building ngctl-nl"
rm -rf "$work/tools-src"
mkdir -p "$work/tools-src"
cp -a "$repo/tools" "$repo/uapi" "$work/tools-src/"
make -C "$work/tools-src/tools/ngctl-nl" clean >/dev/null 2>&1 || true
make -C "$work/tools-src/tools/ngctl-nl" >"$work/tools-build.log" 2>&1 ||
	{ tail -n 20 "$work/tools-build.log"; die "demo: ngctl-nl does not build"; }

NG_ALLOW_WARNINGS=1 "$here/build-modules.sh" "/usr/src/linux-headers-$ver" "$work/mod"
NG_NGCTL="$work/tools-src/tools/ngctl-nl/ngctl-nl" \
	"$here/mkinitramfs.sh" stock "$NG_CACHE/stock/$ver/root" "$work/mod" "$work/initrd.gz"
rc=0
NG_VM_TIMEOUT=${NG_VM_TIMEOUT:-600} "$here/run-vm.sh" \
	"$NG_CACHE/stock/$ver/root/boot/vmlinuz-$ver" "$work/initrd.gz" "$logs/demo.log" \
	ngvm.mode=demo || rc=$?

echo
echo "==== guest output (Debian $ver; console: $logs/demo.log) ===="
grep -v '^NG-' "$logs/demo.results" | tr -d '\r' || true
grep -q '^NG-GUEST-END' "$logs/demo.results" || { echo "demo: the guest did not finish" >&2; rc=1; }
exit $rc
