#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the netgraph modules against one kernel tree, from a fresh copy of the
# sources, with W=1; any compiler or modpost warning fails the build.
#
# Usage: build-modules.sh KDIR OUTDIR
#
# KDIR is a kernel build tree or a linux-headers directory.  The sources (the
# top-level Kbuild, kernel/, uapi/, kunit/) are copied to OUTDIR/src, built
# there with `make -C KDIR M=OUTDIR/src W=1 modules`, and every resulting
# .ko is collected in OUTDIR/modules/.  OUTDIR/build.log has the full output,
# OUTDIR/kernelrelease the kernel release the modules are for.
# NG_ALLOW_WARNINGS=1 reports warnings without failing (make demo).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${NG_REPO:-$(cd "$here/../.." && pwd)}
. "$here/lib.sh"

[ $# -eq 2 ] || die "usage: $0 KDIR OUTDIR"
kdir=$(cd "$1" && pwd) || die "no kernel tree at $1"
out=$2
mkdir -p "$out"
out=$(cd "$out" && pwd)
log="$out/build.log"
jobs=${NG_JOBS:-$(( $(nproc) + 1 ))}

[ -f "$kdir/Makefile" ] || die "$kdir is not a kernel tree (no Makefile)"
# UTS_RELEASE is what the modules' vermagic says (Debian's 6.1 headers have a
# kernel.release of "6.1.N" but modules for "6.1.0-M-amd64").
if [ -f "$kdir/include/generated/utsrelease.h" ]; then
	krel=$(sed -n 's/^#define UTS_RELEASE "\(.*\)"$/\1/p' "$kdir/include/generated/utsrelease.h")
else
	krel=$(make -s -C "$kdir" kernelrelease)
fi
echo "$krel" >"$out/kernelrelease"

[ -f "$repo/Kbuild" ] || die "no Kbuild at the top of $repo"
rm -rf "$out/src" "$out/modules"
mkdir -p "$out/src" "$out/modules"
cp -a "$repo/Kbuild" "$out/src/"
for d in kernel uapi kunit; do
	[ -d "$repo/$d" ] && cp -a "$repo/$d" "$out/src/"
done
# No stale objects from an in-tree `make` in the checkout.
find "$out/src" \( -name '*.o' -o -name '*.ko' -o -name '*.mod' -o -name '*.mod.c' \
	-o -name '.*.cmd' -o -name '*.a' -o -name 'modules.order' -o -name 'Module.symvers' \) \
	-delete

t0=$SECONDS
progress "modules for $krel: make W=1 (log: $log)"
rc=0
make -C "$kdir" M="$out/src" W=1 -j"$jobs" modules >"$log" 2>&1 || rc=$?
if [ $rc -ne 0 ]; then
	grep -iE 'error|warning:' "$log" | head -n 30 >&2 || tail -n 30 "$log" >&2
	die "modules for $krel: make failed (exit $rc), log: $log"
fi

find "$out/src" -name '*.ko' -exec cp {} "$out/modules/" \;
nko=$(find "$out/modules" -name '*.ko' | wc -l)
[ "$nko" -gt 0 ] || die "modules for $krel: make succeeded but built no .ko"

# Compiler warnings ("file.c:1:2: warning: ...") and modpost warnings
# ("WARNING: modpost: ...") both count.
if grep -qiE 'warning:' "$log"; then
	grep -iE -A3 'warning:' "$log" | head -n 40 >&2
	[ "${NG_ALLOW_WARNINGS:-0}" = 1 ] &&
		progress "modules for $krel: warnings ignored (NG_ALLOW_WARNINGS=1)" && exit 0
	die "modules for $krel: $(grep -ciE 'warning:' "$log") warning(s) with W=1, log: $log"
fi
progress "modules for $krel: $nko module(s) built without warnings in $(( SECONDS - t0 ))s"
