#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# A program written as FreeBSD's are, with the idioms of FreeBSD's ngctl(8)
# and of mpd5 (tools/libnetgraph/tests/bsdprog.c), built on the host from
# libnetgraph's installed headers and shared library alone: a graph made
# and read back in binary, ASCII messages and NGM_BINARY2ASCII, ksockets
# over UDP and TCP (both ways) with sockaddr_storage, the descriptors in
# select() and non-blocking, sendto()/recvfrom() on the data socket.
. "$(dirname "$0")/lib.sh"

T=${NG_BSDPROG:-/usr/bin/bsdprog}
[ -x "$T" ] || skip_all "no $T (not built from the staged install)"
require_module netgraph ng_tee ng_ksocket
ns_create ngbsd

for c in $($T list); do
	expect_ok "bsdprog case $c" ns_exec ngbsd "$T" "$c"
	printf '%s\n' "$NG_OUT" | sed 's/^/# /'
done
tap_done
