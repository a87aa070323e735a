# SPDX-License-Identifier: GPL-2.0
# Shared helpers of the QEMU harness (sourced).
NG_CACHE=${NG_CACHE:-/var/cache/netgraph-linux}
mkdir -p "$NG_CACHE"

progress() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# Newest Debian 6.12 kernel ABI that has both an image and headers package.
stock_612_version() {
	apt-cache search --names-only '^linux-headers-6\.12\.[0-9]+\+deb12-amd64$' 2>/dev/null |
		awk '{print $1}' | sed 's/^linux-headers-//' | sort -V | tail -n1
}

# ABI of the kernel Debian's linux-headers-amd64 meta package points at.
stock_61_version() {
	apt-cache depends linux-headers-amd64 2>/dev/null |
		awk '/Depends: linux-headers-6\.1/ {sub("linux-headers-", "", $2); print $2}' | head -n1
}

die() { printf '[%(%H:%M:%S)T] ERROR: %s\n' -1 "$*" >&2; exit 1; }
