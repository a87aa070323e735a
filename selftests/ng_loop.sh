#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# FreeBSD's "DANGEROUS" test: two hubs connected twice form a closed loop.
# A packet sent into it must be dropped by the hop bound and counted; the
# guest stays responsive and everything tears down afterwards.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/graph-helpers.sh"

require_module netgraph ng_hub ng_hole
ns_inside ngloop
N="ns_exec ngloop $NGCTL"

stat() { ng_stat "$N" "$1"; }

expect_ok "hub a" $N mkpeer hub x y
$N name '[1]:' a
expect_ok "hub b on a:l1" $N mkpeer a: hub l1 l1
$N name a:l1 b
expect_ok "second link a:l2 <-> b:l2" $N connect a: b: l2 l2
expect_ok "a sink on a:in" $N mkpeer a: hole in in
drops0=$(stat loop_drops)
expect_ne "$drops0" "" "stats reports loop_drops"
expect_ok "send one packet into the loop" $N inject a: in 1 2 3 4
wait_for 60 sh -c "ip netns exec ngloop $NGCTL stats | awk '\$1 == \"loop_drops:\" {exit !(\$2 > ${drops0:-0})}'"
drops=$(stat loop_drops)
ok "[ \"${drops:-0}\" -gt \"${drops0:-0}\" ]" "circulating copies were dropped by the hop bound ($drops0 -> $drops)"
expect_ok "the guest still answers: list" $N list
# the sink got a bounded number of copies
expect_ok "hole getstats on the sink" $N msg a:in 915433206:1 $(hookbuf in)
frames=$(reply_u64 "$NG_OUT")
ok "[ \"${frames:-0}\" -gt 0 ] && [ \"${frames:-0}\" -le 512 ]" "the sink saw a bounded number of copies ($frames)"
expect_ok "shutdown a" $N shutdown a:
expect_fail_errno ENOENT "b died with its last hook" $N show b:
expect_ok "list after teardown" $N list
expect_eq "$(printf '%s\n' "$NG_OUT" | head -n1)" "There are 0 total nodes:" "the loop is gone"
tap_done
