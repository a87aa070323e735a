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
sleep 1
# the rmhook also ends both nodes: each dies with its last hook (FreeBSD)
$N mkpeer hub x y && $N name '[1]:' h && $N mkpeer h: hole a in &&
	$N rmhook h: a
ok $? "build and tear down a graph"
sleep 1
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
