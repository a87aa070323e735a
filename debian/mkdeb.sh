#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make deb`: the Debian packages, unsigned, into OUT (default build/deb).
#
# dpkg-buildpackage writes its .deb files into the parent directory of the
# tree it builds, so it runs in a copy: OUT/src/netgraph-VERSION, made of
# the files git tracks or would (their working-tree content: untracked
# files count, ignored ones do not; every file but build/
# and .git when this is no git checkout).  The packages, .buildinfo and
# .changes end up in OUT, the build's output in OUT/build.log; the copy is
# removed.  Build dependencies: debian/control (dpkg-buildpackage checks
# them; selftests/vm/provision.sh installs them).
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$repo/build/deb}
mkdir -p "$out"
out=$(cd "$out" && pwd)
ver=$(dpkg-parsechangelog -l "$repo/debian/changelog" -S Version)
src=$out/src/netgraph-$ver

rm -rf "$out/src" "$out"/*.deb "$out"/*.buildinfo "$out"/*.changes
mkdir -p "$src"
if git -C "$repo" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	(cd "$repo" && git ls-files -z --cached --others --exclude-standard | while IFS= read -r -d '' f; do
		[ -e "$f" ] && printf '%s\0' "$f"
	done | cpio --null -pdm --quiet "$src")
else
	(cd "$repo" && tar --exclude=./build --exclude=./.git -cf - .) | tar -xf - -C "$src"
fi

echo "make deb: dpkg-buildpackage -us -uc -b in $src (log: $out/build.log)" >&2
if ! (cd "$src" && dpkg-buildpackage -us -uc -b) >"$out/build.log" 2>&1; then
	tail -n 30 "$out/build.log" >&2
	echo "make deb: dpkg-buildpackage failed, log: $out/build.log" >&2
	exit 1
fi
mv "$out"/src/*.deb "$out"/src/*.buildinfo "$out"/src/*.changes "$out/"
rm -rf "$out/src"
ls "$out"/*.deb
