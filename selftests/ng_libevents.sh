#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# libnetgraph's graph change events (NgEventSock/NgRecvEvent, a Linux
# extension): tools/libnetgraph/tests/ngevent_test makes and takes down a
# small graph from its own socket node and checks every event, in a fresh
# netns (events are per namespace).
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub
command -v ngevent_test >/dev/null 2>&1 || {
	tap_plan 1
	fail "ngevent_test is in the guest (check.sh builds it with libnetgraph)"
	tap_done
}
ns_create ngev
ip netns exec ngev ngevent_test
