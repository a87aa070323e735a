#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# User-level nodes (type "socket") through libnetgraph: the C cases of
# tools/libnetgraph/tests/ngsock_test, then what needs a second process:
# the node dies with its process, shows in ngctl-nl list, and needs
# CAP_NET_ADMIN.
. "$(dirname "$0")/lib.sh"

T=${NGSOCK_TEST:-/usr/bin/ngsock_test}
[ -x "$T" ] || skip_all "no $T (tools/libnetgraph not built)"
require_module netgraph ng_hub ng_hole ng_echo
ns_create ngsock
N="$NGCTL -N ngsock"

# wait_gone NAME: up to 5 s for NAME: to disappear from the list.
wait_gone() {
	_i=0
	while [ $_i -lt 50 ]; do
		$N list | grep -q "Name: $1 " || return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# wait_there NAME: up to 5 s for NAME: to appear.
wait_there() {
	_i=0
	while [ $_i -lt 50 ]; do
		$N list | grep -q "Name: $1 " && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

# wait_empty: up to 5 s for the graph to be empty (socket nodes of exited
# processes go from a work item).
wait_empty() {
	_i=0
	while [ $_i -lt 50 ]; do
		$N list | grep -q "There are 0 total nodes" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

for c in $($T list); do
	expect_ok "libnetgraph case $c" ns_exec ngsock "$T" "$c"
	printf '%s\n' "$NG_OUT" | sed 's/^/# /'
done

ok 'wait_empty' "no node left after the C cases"

# Background holders run as "ip netns exec" directly, so that $! is the
# program itself (ip execs it), not a subshell.
# A named node is listed as type socket, and dies with its process.
ip netns exec ngsock "$T" hold ngsock_held >hold.out 2>&1 &
pid=$!
ok 'wait_there ngsock_held' "a held node appears in ngctl-nl list"
expect_ok "list" $N list
expect_match "$NG_OUT" "Name: ngsock_held +Type: socket" "listed with type socket"
kill -9 $pid
wait $pid 2>/dev/null
ok 'wait_gone ngsock_held' "kill -9: the node is gone"

# An unnamed one is listed as <unnamed>; a plain exit removes it too.
ip netns exec ngsock "$T" hold >hold2.out 2>&1 &
pid=$!
_i=0
while [ $_i -lt 50 ] && ! grep -q ready hold2.out; do sleep 0.1; _i=$((_i + 1)); done
expect_ok "list" $N list
expect_match "$NG_OUT" "Name: <unnamed> +Type: socket" "an unnamed socket node is listed"
kill $pid
wait $pid 2>/dev/null
ok 'wait_empty' "SIGTERM: the node is gone"

# The socket type cannot be made by mkpeer (no process to bind it to).
expect_fail_errno EINVAL "mkpeer socket" $N mkpeer socket a b
expect_ok "make a node and exit" ns_exec ngsock "$T" mk ngsock_mk
ok 'wait_empty' "a node whose process exits at once is gone"

# Without CAP_NET_ADMIN: EPERM.
if command -v setpriv >/dev/null 2>&1; then
	expect_fail_errno EPERM "unprivileged NgMkSockNode" ns_exec ngsock \
		setpriv --reuid="$NG_UNPRIV_UID" --regid="$NG_UNPRIV_GID" \
		--clear-groups --inh-caps=-all --ambient-caps=-all \
		--bounding-set=-all -- "$T" mk
else
	skip "unprivileged NgMkSockNode" "no setpriv"
fi

# Status of a held node (counters readable by ngctl-nl).
ip netns exec ngsock "$T" hold ngsock_st >hold3.out 2>&1 &
pid=$!
wait_there ngsock_st
expect_ok "status of a socket node" $N status ngsock_st:
expect_match "$NG_OUT" "packets: 0 delivered, 0 dropped" "status shows the packet counters"
expect_ok "shutdown from ngctl-nl" $N shutdown ngsock_st:
ok 'wait_gone ngsock_st' "shut down from elsewhere: gone"
kill $pid
wait $pid 2>/dev/null
tap_done
