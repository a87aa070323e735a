#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The tracepoints (kernel/ng_trace.h): netgraph:ng_rcvdata shows a packet
# crossing each hook, netgraph:ng_drop a packet dropped and why.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole ng_ksocket
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
tap_done
