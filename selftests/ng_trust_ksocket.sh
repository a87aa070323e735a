#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The trust boundary of ksocket (Documentation/security.rst): a ksocket
# acts for the user whose request made it, never for the kernel; it opens
# only the sockets of its allow-list; and none of its TCP sockets outlives
# its namespace.  Each case is a regression test of a finding of issue 10.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_hub
require_cmd socat
ns_create ngtks
N="ip netns exec ngtks $NGCTL"
X="ip netns exec ngtks"
. "$(dirname "$0")/ksocket-helpers.sh"

expect_ok "hub to hang sockets on" $N mkpeer hub x y
$N name '[1]:' h
$N msg h: 1082189597:1 >/dev/null	# setpersistent

# ---- the allow-list (item 2: 16/dgram/0 made a kernel AF_NETLINK socket
# whose first packet oopsed the kernel)
ee() {	# ee ERRNO EXTACK-REGEX DESC CMD...
	_e=$1 _x=$2 _d=$3
	shift 3
	expect_fail_errno "$_e" "$_d" "$@"
	expect_match "$NG_OUT" "\(kernel: .*($_x)" "$_d: the extack says why"
}
ee EAFNOSUPPORT "family 16 is not one of|family not supported" \
	"family 16 (netlink) is refused" $N mkpeer h: ksocket a 16/dgram/0
ee EAFNOSUPPORT "family 17 is not one of|family not supported" \
	"family 17 (packet) is refused" $N mkpeer h: ksocket a 17/raw/768
ee ESOCKTNOSUPPORT "type 5 is not supported|type not supported" \
	"inet/seqpacket (SCTP) is refused" $N mkpeer h: ksocket a inet/seqpacket/0
ee ESOCKTNOSUPPORT "type 3 is not supported|type not supported" \
	"local/raw is refused" $N mkpeer h: ksocket a local/raw/0
ee EPROTONOSUPPORT "protocol 47 is not supported|protocol not supported" \
	"inet/dgram/gre is refused" $N mkpeer h: ksocket a inet/dgram/gre
ee EPROTONOSUPPORT "protocol 17 is not supported|protocol not supported" \
	"inet/stream/udp is refused" $N mkpeer h: ksocket a inet/stream/udp
expect_ok "inet/dgram/udp is allowed" $N mkpeer h: ksocket a inet/dgram/udp
expect_ok "inet6/raw/icmp6 is allowed (root has CAP_NET_RAW)" $N mkpeer h: ksocket b inet6/raw/icmp6
expect_ok "local/seqpacket/0 is allowed" $N mkpeer h: ksocket c local/seqpacket/0
for k in a b c; do $N rmhook h: $k; done

$N shutdown h:
tap_done
