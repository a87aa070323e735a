#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tracepoints (kernel/ng_trace.h): netgraph:ng_rcvdata shows a packet
# crossing each hook, netgraph:ng_drop a packet dropped and why: by the
# core and the ksocket, a hub with no other hook, a vlan node (a frame of
# an unknown VLAN, a runt, which skb:kfree_skb sees as PKT_TOO_SMALL) and a
# bridge (a host that moved too soon: a loop); a hole's sink is no drop.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole ng_ksocket ng_vlan ng_bridge
T=/sys/kernel/tracing
[ -d $T/events ] || mount -t tracefs nodev $T 2>/dev/null
[ -d $T/events/netgraph ] ||
	skip_all "no netgraph events in tracefs (a kernel without CONFIG_EVENT_TRACING)"
ns_create ngtr
N="$NGCTL -N ngtr"

expect_ok "hub h" sh -c "$N mkpeer hub x y && $N name '[1]:' h"
expect_ok "  a hole on its hook out" $N mkpeer h: hole out in
expect_ok "  an unconnected UDP ksocket on its hook ks" $N mkpeer h: ksocket ks inet/dgram/udp

echo 0 >$T/tracing_on
echo >$T/trace
echo 1 >$T/events/netgraph/ng_rcvdata/enable
echo 1 >$T/events/netgraph/ng_drop/enable
echo 1 >$T/tracing_on
# into the hub as if from the ksocket: the hub sends it to the hole; and
# as if from the hole: to the ksocket, which has no address for it
expect_ok "inject 5 bytes into h through hook ks" $N inject h: ks '"hello"'
expect_fail "inject 4 bytes into h through hook out (the ksocket refuses it)" $N inject h: out '"drop"'
echo 0 >$T/tracing_on
echo 0 >$T/events/netgraph/ng_rcvdata/enable
echo 0 >$T/events/netgraph/ng_drop/enable
cat $T/trace >trace.out
grep ng_ trace.out | while read -r l; do tap_diag "$l"; done
expect_ok "ng_rcvdata: the hub got it on ks" \
	grep -q "ng_rcvdata: .*type=hub hook=ks len=5 hops=0" trace.out
expect_ok "ng_rcvdata: the hole got it on in, one hop on" \
	grep -q "ng_rcvdata: .*type=hole hook=in len=5 hops=1" trace.out
expect_ok "ng_rcvdata: the ksocket got the other" \
	grep -q "ng_rcvdata: .*type=ksocket hook=inet/dgram/udp len=4 hops=1" trace.out
expect_ok "ng_drop: the ksocket dropped it, no address" \
	grep -q "ng_drop: .*type=ksocket len=4 reason=no-address" trace.out
echo >$T/trace
$N shutdown h:

# ---- the node types' drops
# mknode TYPE NAME: a standalone node of TYPE named NAME
mknode() {
	_id=$($N -d mkpeer "$1" x y 2>&1 |
		sed -n 's/.*new .* node \[\([0-9a-f]*\)\].*/\1/p')
	[ -n "$_id" ] && $N name "[$_id]:" "$2"
}
BCAST="0xff 0xff 0xff 0xff 0xff 0xff"
SRC="0x02 0 0 0 0 0x01"
expect_ok "hub l" mknode hub l
expect_ok "  a hole on its only hook a" $N mkpeer l: hole a in
expect_ok "vlan v" mknode vlan v
expect_ok "  a hole on its downstream" $N mkpeer v: hole downstream in
expect_ok "bridge b" mknode bridge b
expect_ok "  a hole on link0" $N mkpeer b: hole link0 in
expect_ok "  a hole on link1" $N mkpeer b: hole link1 in
# a host is stable after a minute: its move back below is a loop
expect_ok "  minStableAge=60" $N msg b: setconfig \
	'{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=60 }'

echo 0 >$T/tracing_on
echo >$T/trace
echo 1 >$T/events/netgraph/ng_rcvdata/enable
echo 1 >$T/events/netgraph/ng_drop/enable
echo 1 >$T/events/skb/kfree_skb/enable
echo 1 >$T/tracing_on
expect_ok "inject 3 bytes into l through a (no other hook)" $N inject l: a 1 2 3
expect_fail "inject a frame of VLAN 99 into v through downstream (no nomatch)" \
	$N inject v: downstream $BCAST $SRC 0x81 0x00 0x00 99 0x08 0x00
expect_fail "inject 4 bytes into v through downstream (a runt)" \
	$N inject v: downstream 1 2 3 4
expect_ok "inject a broadcast from host 02:00:00:00:00:01 into b through link0" \
	$N inject b: link0 $BCAST $SRC 0x08 0x00 1 2 3
expect_fail "the same host through link1 at once (a loop)" \
	$N inject b: link1 $BCAST $SRC 0x08 0x00 1 2 3
echo 0 >$T/tracing_on
echo 0 >$T/events/netgraph/ng_rcvdata/enable
echo 0 >$T/events/netgraph/ng_drop/enable
echo 0 >$T/events/skb/kfree_skb/enable
cat $T/trace >trace2.out
grep -e ng_ -e kfree_skb trace2.out | while read -r l; do tap_diag "$l"; done
expect_ok "ng_drop: hub l, no hook to send to" \
	grep -q "ng_drop: .*type=hub len=3 reason=no-hook" trace2.out
expect_ok "ng_drop: vlan v, VLAN 99 has no hook" \
	grep -q "ng_drop: .*type=vlan len=18 reason=no-hook" trace2.out
expect_ok "ng_drop: vlan v, the runt" \
	grep -q "ng_drop: .*type=vlan len=4 reason=too-short" trace2.out
# (the kfree_skb event that follows its ng_drop: early in boot pointers
# print as "(____ptrval____)", the same for every packet)
runt_freed() {
	awk '/ng_drop: .*type=vlan len=4 reason=too-short/ { r = 1; next }
	     r && /kfree_skb:/ { ok = /reason: PKT_TOO_SMALL/; exit }
	     END { exit !ok }' trace2.out
}
expect_ok "skb:kfree_skb: the runt freed as PKT_TOO_SMALL" runt_freed
expect_ok "ng_rcvdata: b flooded the broadcast to link1's hole" \
	grep -q "ng_rcvdata: .*type=hole hook=in len=17 hops=1" trace2.out
expect_ok "ng_drop: bridge b, the host moved too soon (a loop)" \
	grep -q "ng_drop: .*type=bridge len=17 reason=filtered" trace2.out
expect_fail "ng_drop: none from a hole (its sink consumes)" \
	grep -q "ng_drop: .*type=hole" trace2.out
echo >$T/trace
$N shutdown l:
$N shutdown v:
$N shutdown b:
tap_done
