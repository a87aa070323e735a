#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make demo`: boot Debian's stock 6.12 kernel under QEMU, load the modules
# and build a small graph with ngctl-nl (selftests/demo.sh when the tree has
# one, otherwise the runner's built-in demo), then print what the guest did
# and draw the graph it left with graphviz: build/demo/graph.png.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
. "$here/lib.sh"

if [ "$(id -u)" = 0 ]; then
	"$here/provision.sh"
	# graphviz draws the graph at the end; only the demo needs it
	if ! command -v dot >/dev/null 2>&1; then
		progress "demo: apt-get install graphviz"
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
			graphviz >"$NG_CACHE/apt-graphviz.log" 2>&1 ||
			progress "demo: WARNING: graphviz did not install ($NG_CACHE/apt-graphviz.log)"
	fi
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

# The graph as the guest left it (its "ngctl-nl dot" between the
# NG-DOT-BEGIN and NG-DOT-END lines of the results channel), drawn.
out="$repo/build/demo"
mkdir -p "$out"
tr -d '\r' <"$logs/demo.results" | sed -n '/^NG-DOT-BEGIN$/,/^NG-DOT-END$/p' |
	grep -v '^NG-DOT-' >"$out/graph.dot" || true
if ! grep -q '^graph\|^digraph' "$out/graph.dot"; then
	echo "demo: the guest printed no graph in dot" >&2
	rc=1
elif ! command -v dot >/dev/null 2>&1; then
	echo "demo: no graphviz (apt-get install graphviz) to draw $out/graph.dot" >&2
elif dot -Tpng -o "$out/graph.png" "$out/graph.dot"; then
	echo "demo: the graph, drawn by graphviz: $out/graph.png"
else
	echo "demo: dot could not draw $out/graph.dot" >&2
	rc=1
fi
exit $rc
