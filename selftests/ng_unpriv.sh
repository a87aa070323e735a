#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Without CAP_NET_ADMIN every change is refused (EPERM); reading is allowed.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole
require_cmd setpriv
ns_create ngunpriv
N="$NGCTL -N ngunpriv"
UNPRIV="ns_exec ngunpriv setpriv --reuid=$NG_UNPRIV_UID --regid=$NG_UNPRIV_GID --clear-groups --inh-caps=-all --ambient-caps=-all --bounding-set=-all --"
U="$UNPRIV $NGCTL"

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N mkpeer h: hole a in >/dev/null ||
	skip_all "cannot build the base graph"

# changes_refused WHO CLI...: every change by CLI (ngctl-nl with its
# prefix) is EPERM, reading allowed, the graph unchanged
changes_refused() {
	_who=$1
	shift
	expect_fail_errno EPERM "$_who mkpeer (standalone)" "$@" mkpeer hub x y
	expect_fail_errno EPERM "$_who mkpeer" "$@" mkpeer h: hole b in
	expect_fail_errno EPERM "$_who connect" "$@" connect h: h:a c d
	expect_fail_errno EPERM "$_who name" "$@" name h: other
	expect_fail_errno EPERM "$_who rmhook" "$@" rmhook h: a
	expect_fail_errno EPERM "$_who shutdown" "$@" shutdown h:
	expect_fail_errno EPERM "$_who msg" "$@" msg h: nodeinfo
	expect_fail_errno EPERM "$_who inject" "$@" inject h: a 1 2 3
	# a user-level node is a change too: ngctl-nl's own node
	expect_fail_errno EPERM "$_who ngctl-nl node of its own (msg .)" "$@" msg . nodeinfo
	expect_ok "$_who list is allowed" "$@" list
	expect_match "$NG_OUT" "There are 2 total nodes" "$_who list sees the graph"
	expect_ok "$_who: the graph is unchanged" $N show h:
	expect_match "$NG_OUT" "Num hooks: 1" "$_who: still one hook"
}

changes_refused unprivileged $U
T=${NGSOCK_TEST:-/usr/bin/ngsock_test}
if [ -x "$T" ]; then
	expect_fail_errno EPERM "unprivileged NgMkSockNode" $UNPRIV "$T" mk
else
	skip "unprivileged NgMkSockNode" "no $T in this guest"
fi
expect_ok "unprivileged show is allowed" $U show h:
expect_ok "unprivileged types is allowed" $U types

# Column X of Documentation/security.rst: the same user as admin of a user
# namespace of its own (unshare -Ur, no new network namespace), its netlink
# socket still in a namespace owned by the initial user namespace.  Being
# root of its own user namespace gives it nothing here.
if ! command -v unshare >/dev/null 2>&1; then
	skip "column X" "no unshare(1) in this guest"
elif ! $UNPRIV unshare -Ur true 2>/dev/null; then
	skip "column X" "this kernel refuses an unprivileged user namespace"
else
	expect_ok "X: uid 0 of its own user namespace" $UNPRIV unshare -Ur sh -c '[ "$(id -u)" = 0 ]'
	changes_refused X: $UNPRIV unshare -Ur $NGCTL
	if [ -x "$T" ]; then
		expect_fail_errno EPERM "X: NgMkSockNode" $UNPRIV unshare -Ur "$T" mk
		# sockets opened before unshare, by root even: the sender is
		# checked too (ngsock_test.c, carry)
		expect_ok "X: a socket node's sockets carried into a user namespace refuse every change" \
			"$T" carry
		tap_diag "$NG_OUT"
	fi
	# and the initial namespace itself
	expect_fail_errno EPERM "X: mkpeer in the initial namespace" \
		setpriv --reuid=$NG_UNPRIV_UID --regid=$NG_UNPRIV_GID --clear-groups \
		--inh-caps=-all --ambient-caps=-all --bounding-set=-all -- \
		unshare -Ur $NGCTL mkpeer hub x y
fi
$N shutdown h:
tap_done
