#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 1000 hooks on one hub, all delivering: one packet in, one copy counted on
# each of 1000 hooks of a hole.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/graph-helpers.sh"

require_module netgraph ng_hub ng_hole
ns_inside nghub
N="ns_exec nghub $NGCTL"
HOOKS=1000

expect_ok "hub" $N mkpeer hub x y
$N name '[1]:' hub
expect_ok "source hole on hub:src" $N mkpeer hub: hole src src
expect_ok "sink hole" $N mkpeer hub: hole s0 in0
$N name hub:s0 sink
i=1
: >build
while [ $i -lt $HOOKS ]; do
	echo "connect hub: sink: s$i in$i" >>build
	i=$((i + 1))
done
expect_ok "connect $HOOKS hooks from one ngctl-nl -f run" $N -f build
expect_ok "show -n hub:" $N show -n hub:
expect_match "$NG_OUT" "Num hooks: $((HOOKS + 1))\$" "the hub has $((HOOKS + 1)) hooks"
expect_ok "show lists every hook" $N show hub:
expect_eq "$(printf '%s\n' "$NG_OUT" | grep -c ' sink ')" "$HOOKS" "show lists $HOOKS hooks to the sink"

expect_ok "one packet of 5 bytes into the hub" $N inject hub: src 1 2 3 4 5
: >query
i=0
while [ $i -lt $HOOKS ]; do
	hookbuf_v in$i
	echo "msg sink: 915433206:1 $_hb" >>query
	i=$((i + 1))
done
expect_ok "getstats on $HOOKS sink hooks" $N -f query
got=$(printf '%s\n' "$NG_OUT" | grep -c '^0000:  01 00 00 00 00 00 00 00 05 00 00 00 00 00 00 00')
expect_eq "$got" "$HOOKS" "every one of $HOOKS hooks counted 1 frame of 5 octets"
expect_ok "shutdown the hub" $N shutdown hub:
expect_ok "list" $N list
expect_eq "$(printf '%s\n' "$NG_OUT" | head -n1)" "There are 0 total nodes:" \
	"both holes died with their last hooks"
tap_done
