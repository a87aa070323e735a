#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The "events" multicast group announces node and hook changes.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole
ns_create ngev ngev2
N="$NGCTL -N ngev"

ip netns exec ngev $NGCTL monitor >ev.out 2>&1 &
mon=$!
ip netns exec ngev2 $NGCTL monitor >ev2.out 2>&1 &
mon2=$!
# subscribed NETNS: a generic netlink socket of NETNS is in a multicast
# group (/proc/net/netlink, the first 32 groups; the monitor's is the only
# one in these new namespaces)
subscribed() {
	ip netns exec "$1" cat /proc/net/netlink |
		awk '$2 == 16 && $4 != "00000000" { f = 1 } END { exit !f }'
}
wait_for 10 subscribed ngev
ok $? "the monitor in ngev has joined the events group"
wait_for 10 subscribed ngev2
ok $? "the monitor in ngev2 has joined the events group"
# the rmhook also ends both nodes: each dies with its last hook (FreeBSD)
$N mkpeer hub x y && $N name '[1]:' h && $N mkpeer h: hole a in &&
	$N rmhook h: a
ok $? "build and tear down a graph"
# all nine printed
wait_for 10 sh -c '[ "$(wc -l <ev.out)" -ge 9 ]'
kill $mon $mon2
wait $mon $mon2 2>/dev/null

has() { grep -qxF -- "$1" ev.out; }
for e in 'node-new [1] hub' \
	'node-named [1] hub "h"' \
	'node-new [2] hole' \
	'hook-new [1] hub "h" hook "a" peer [2] hole hook "in"' \
	'hook-new [2] hole hook "in" peer [1] hub "h" hook "a"' \
	'hook-del [1] hub "h" hook "a" peer [2] hole hook "in"' \
	'hook-del [2] hole hook "in" peer [1] hub "h" hook "a"' \
	'node-del [2] hole' \
	'node-del [1] hub "h"'; do
	ok "has '$e'" "event: $e"
done
expect_eq "$(wc -l <ev.out | tr -d ' ')" 9 "exactly 9 events, nothing else"
[ "$(wc -l <ev.out | tr -d ' ')" = 9 ] || tap_diag "$(cat ev.out)"
expect_eq "$(wc -c <ev2.out | tr -d ' ')" 0 "a monitor in another netns sees nothing"
tap_done
