#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ngynl (tools/ynl/ngynl.c) has no netlink code of its own: it drives the
# family through the C library the kernel's YNL generator makes from
# Documentation/netlink/specs/netgraph.yaml.  Its node dump, mkpeer and
# msg must agree with what ngctl-nl sees of the same graph, and a kernel
# errno must come back through it.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole ng_tee
command -v ngynl >/dev/null 2>&1 || {
	tap_plan 1
	fail "ngynl is in the guest (check.sh builds it from tools/ynl)"
	tap_done
}
ns_inside ngynl
N="ns_exec ngynl $NGCTL"
Y="ns_exec ngynl ngynl"

# [1] hub "yh" -a- [2] hole, made with ngctl-nl
$N mkpeer hub x y && $N name '[1]:' yh && $N mkpeer yh: hole a in
ok $? "ngctl-nl builds hub \"yh\" with a hole on its hook a"

expect_ok "ngynl dump" $Y dump
dump=$NG_OUT
expect_match "$dump" '^id=1 name=yh type=hub numhooks=1$' \
	"the dump lists the named hub with its ID, name, type and hook count"
expect_match "$dump" '^id=2 name= type=hole numhooks=1$' \
	"the dump lists the unnamed hole without a name"
expect_eq "$(printf '%s\n' "$dump" | grep -c '^id=')" 2 \
	"the dump lists the two nodes of this namespace, no more"

# ngynl mkpeer: a tee on the hub's hook b, then ngctl-nl looks at it
expect_ok "ngynl mkpeer yh: tee b left" $Y mkpeer yh: tee b left
new=$NG_OUT
expect_match "$new" '^id=[0-9a-f]+ name= type=tee numhooks=1$' \
	"ngynl mkpeer prints the new node from the reply"
id=$(printf '%s\n' "$new" | sed -n 's/^id=\([0-9a-f]*\) .*/\1/p')
expect_ok "ngctl-nl show finds the new node by its ID" $N show "[${id:-0}]:"
expect_match "$NG_OUT" "Type: tee .* ID: 0*${id:-none} +Num hooks: 1" \
	"ngctl-nl show: the node ngynl made is a tee with one hook"
expect_ok "ngctl-nl show yh:b" $N show yh:b
expect_match "$NG_OUT" "^  left +yh +hub +0*1 +b *$" \
	"ngctl-nl show: the tee's hook left goes to the hub's hook b"

# ngynl msg: NGM_NODEINFO through NETGRAPH_CMD_MSG
expect_ok "ngynl msg yh:" $Y msg yh:
expect_eq "$NG_OUT" "id=1 name=yh type=hub numhooks=2" \
	"NGM_NODEINFO from the hub: its ID, name, type and both hooks"
expect_ok "ngynl msg yh:b" $Y msg yh:b
expect_eq "$NG_OUT" "id=${id:-?} name= type=tee numhooks=1" \
	"NGM_NODEINFO through a hook: the tee, unnamed"
expect_ok "ngynl dump, again" $Y dump
expect_eq "$(printf '%s\n' "$NG_OUT" | grep -c '^id=')" 3 \
	"the dump now lists three nodes"

# errors: the kernel's errno and extack message come back
expect_fail_errno ENXIO "ngynl mkpeer of an unknown type fails with ENXIO" \
	$Y mkpeer yh: nosuchtype c d
expect_match "$NG_OUT" "unknown node type" \
	"ngynl mkpeer of an unknown type: the kernel's message is shown"
expect_fail_errno ENOENT "ngynl msg to a missing node fails with ENOENT" \
	$Y msg nosuchnode:
tap_done
