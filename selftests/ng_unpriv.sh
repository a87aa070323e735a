#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Without CAP_NET_ADMIN every change is refused (EPERM); reading is allowed.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole
require_cmd setpriv
ns_create ngunpriv
N="ns_exec ngunpriv $NGCTL"
UNPRIV="ns_exec ngunpriv setpriv --reuid=$NG_UNPRIV_UID --regid=$NG_UNPRIV_GID --clear-groups --inh-caps=-all --ambient-caps=-all --bounding-set=-all --"
U="$UNPRIV $NGCTL"

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N mkpeer h: hole a in >/dev/null ||
	skip_all "cannot build the base graph"

expect_fail_errno EPERM "unprivileged mkpeer (standalone)" $U mkpeer hub x y
expect_fail_errno EPERM "unprivileged mkpeer" $U mkpeer h: hole b in
expect_fail_errno EPERM "unprivileged connect" $U connect h: h:a c d
expect_fail_errno EPERM "unprivileged name" $U name h: other
expect_fail_errno EPERM "unprivileged rmhook" $U rmhook h: a
expect_fail_errno EPERM "unprivileged shutdown" $U shutdown h:
expect_fail_errno EPERM "unprivileged msg" $U msg h: nodeinfo
expect_fail_errno EPERM "unprivileged inject" $U inject h: a 1 2 3
# A user-level node is a change too: NgMkSockNode, and ngctl-nl's own node
expect_fail_errno EPERM "unprivileged ngctl-nl node of its own (msg .)" $U msg . nodeinfo
T=${NGSOCK_TEST:-/usr/bin/ngsock_test}
if [ -x "$T" ]; then
	expect_fail_errno EPERM "unprivileged NgMkSockNode" $UNPRIV "$T" mk
else
	skip "unprivileged NgMkSockNode" "no $T in this guest"
fi
expect_ok "the graph is unchanged" $N show h:
expect_match "$NG_OUT" "Num hooks: 1" "still one hook"
expect_ok "unprivileged list is allowed" $U list
expect_match "$NG_OUT" "There are 2 total nodes" "unprivileged list sees the graph"
expect_ok "unprivileged show is allowed" $U show h:
expect_ok "unprivileged types is allowed" $U types
$N shutdown h:
tap_done
