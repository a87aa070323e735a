#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Each network namespace has its own graph; deleting one destroys its nodes.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole
ns_create ngnsa ngnsb
A="ns_exec ngnsa $NGCTL"
B="ns_exec ngnsb $NGCTL"

expect_ok "hub in netns a" $A mkpeer hub x y
expect_ok "name it 'shared' in a" $A name '[1]:' shared
expect_ok "hole on it in a" $A mkpeer shared: hole h in
expect_ok "list in b" $B list
expect_eq "$NG_OUT" "There are 0 total nodes:" "netns b sees none of a's nodes"
expect_fail_errno ENOENT "a's name is unknown in b" $B show shared:
expect_ok "the same name is free in b" $B mkpeer hub x y
expect_ok "name 'shared' in b too" $B name '[1]:' shared
expect_ok "IDs are per namespace: b's first node is [1] as well" $B show -n '[1]:'
expect_ok "a still has its own 'shared' with 1 hook" $A show -n shared:
expect_match "$NG_OUT" "Num hooks: 1" "a's node is the one with the hook"
# ngctl-nl -N, as ip -n: the namespace by name, or by path
expect_ok "ngctl-nl -N ngnsa show" $NGCTL -N ngnsa show -n shared:
expect_match "$NG_OUT" "Num hooks: 1" "-N ngnsa reaches a's graph"
expect_ok "ngctl-nl -N /run/netns/ngnsb show" $NGCTL -N /run/netns/ngnsb show -n shared:
expect_match "$NG_OUT" "Num hooks: 0" "-N with a path reaches b's graph"
expect_fail "ngctl-nl -N of a namespace that does not exist fails" $NGCTL -N ngnsnone list
expect_match "$NG_OUT" 'netns "ngnsnone": No such file or directory' "and says why"

before=$(awk '$1 == "ng_hub" {print $3}' /proc/modules)
ip netns del ngnsa
# the namespace's cleanup runs asynchronously (netns cleanup work)
wait_for 20 sh -c "[ \"\$(awk '\$1 == \"ng_hub\" {print \$3}' /proc/modules)\" -lt $before ]"
after=$(awk '$1 == "ng_hub" {print $3}' /proc/modules)
expect_eq "$((before - after))" 1 "deleting netns a destroyed its hub (ng_hub refcount fell by one)"
expect_ok "b's graph is untouched" $B show -n shared:
expect_ok "shutdown in b" $B shutdown shared:
tap_done
