#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Install every host package the build and the QEMU test harness need, and
# fetch Debian's stock kernel images (unpacked into the cache, never installed
# on the host).  Idempotent: a warm machine does nothing but check.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

need_pkgs=(build-essential flex bison bc libelf-dev libssl-dev cpio xz-utils
	   kmod qemu-system-x86 busybox-static libnl-3-dev libnl-genl-3-dev
	   pkg-config linux-source-6.12 linux-headers-amd64 iproute2 util-linux
	   python3 bash bash-static coreutils clang libclang-rt-14-dev
	   socat netcat-openbsd man-db groff-base
	   python3-yaml python3-jsonschema gnuplot-nox
	   dkms dpkg-dev debhelper dh-dkms
	   libedit-dev libbsd-dev ncurses-base)

missing=()
for p in "${need_pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done

v612=$(stock_612_version)
[ -n "$v612" ] || { apt-get update -qq; v612=$(stock_612_version); }
dpkg-query -W -f='${Status}' "linux-headers-$v612" 2>/dev/null |
	grep -q 'install ok installed' || missing+=("linux-headers-$v612")

if [ ${#missing[@]} -gt 0 ]; then
	progress "apt-get install ${missing[*]}"
	apt-get update -qq
	DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
		"${missing[@]}" >"$NG_CACHE/apt.log" 2>&1 ||
		{ tail -20 "$NG_CACHE/apt.log"; exit 1; }
fi

# Stock kernel images: unpack the .deb into the cache (boot image + modules).
fetch_stock_image() {
	local ver=$1 pkg dir
	dir="$NG_CACHE/stock/$ver"
	[ -f "$dir/done" ] && return 0
	rm -rf "$dir"; mkdir -p "$dir"
	for pkg in "linux-image-$ver-unsigned" "linux-image-$ver"; do
		if (cd "$dir" && apt-get download -qq "$pkg" >/dev/null 2>&1); then
			dpkg-deb -x "$dir"/*.deb "$dir/root"
			rm -f "$dir"/*.deb
			touch "$dir/done"
			progress "stock kernel $ver unpacked"
			return 0
		fi
	done
	echo "cannot download an image package for $ver" >&2
	return 1
}
fetch_stock_image "$(stock_61_version)"
fetch_stock_image "$v612"
