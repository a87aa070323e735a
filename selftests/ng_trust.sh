#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The trust boundary of the graph core (Documentation/security.rst): what
# a namespace admin sends cannot read past a field, loop forever, multiply
# without end, outlive its namespace or pass the per-namespace limits.
# Each case is a regression test of a finding of issue 10.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/graph-helpers.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# le32

require_module netgraph ng_hub ng_tee ng_hole ng_vlan
P=/sys/module/netgraph/parameters
ns_create ngtrust ngring nghubs ngmemcg
N="$NGCTL -N ngtrust"
R="ns_exec ngring $NGCTL"
H="ns_exec nghubs $NGCTL"

GENERIC=1137070366
FLOW=851672669
# hdr ARGLEN CMD COOKIE: the first 24 bytes of a struct ng_msghdr
# (version 8, token 1); cmdstr follows.
hdr() {
	echo "8 0 0 0 $(le32 "$1") $(le32 "$2") 0 0 0 0 1 0 0 0 $(le32 "$3")"
}
# stat NAME [NGCTL]: one counter of `ngctl-nl stats` (default: in ngtrust).
stat() {
	ng_stat "${2:-$N}" "$1"
}

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N mkpeer h: hole a in >/dev/null ||
	skip_all "cannot build the base graph"

# ---- a cmdstr without its NUL (item 4: the extack's %s ran past it)
A32='"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"'
expect_fail_errno EINVAL "a message whose cmdstr fills its field is refused" \
	$N rawmsg h: $(hdr 3 4 $GENERIC) "$A32" '"BBB"'
expect_match "$NG_OUT" "kernel: message cmdstr is not NUL-terminated" \
	"the extack names the cmdstr"
expect_fail_errno EINVAL "the same with no arguments at all" \
	$N rawmsg h: $(hdr 0 4 $GENERIC) "$A32"
# The same message with a terminated cmdstr reaches the argument check.
expect_fail_errno EINVAL "with a terminated cmdstr the arguments are checked" \
	$N rawmsg h: $(hdr 3 4 $GENERIC) '"name"' $(seq 5 32 | sed 's/.*/0/') '"BBB"'
expect_match "$NG_OUT" "name needs 32 bytes of arguments, got 3|wrong argument length" \
	"the extack says what the arguments lack, and nothing after the name"
# (the netlink policy's minimum length refuses it before ng_msg_check)
expect_fail_errno ERANGE "a header shorter than struct ng_mesg" $N rawmsg h: 8 0 0 0

# ---- a flow message in a ring of two tees (item 5: it looped forever)
# counter_above NGCTL NAME VALUE: the counter has passed VALUE.
counter_above() {
	[ "$(stat "$2" "$1")" -gt "$3" ]
}
# settled NGCTL NAME: two readings of the counter a second apart agree.
settled() {
	_a=$(stat "$2" "$1")
	sleep 1
	[ "$(stat "$2" "$1")" = "$_a" ]
}
$R mkpeer tee a b >/dev/null && $R name '[1]:' t1 && $R mkpeer t1: tee left right >/dev/null &&
	$R name t1:left t2 && $R connect t1: t2: right left ||
	fail "a ring of two tees"
d0=$(stat msg_loop_drops "$R")
expect_ok "a flow message sent into the ring" $R msg t1:left $FLOW:34
ok 'wait_for 60 counter_above "$R" msg_loop_drops "$d0"' \
	"the message is dropped after NG_MAX_HOPS hops"
ok 'wait_for 30 settled "$R" msg_loop_drops' "and nothing of it goes round any more"
expect_eq "$(stat msg_loop_drops "$R")" "$((d0 + 1))" "one message, one drop"

# ---- messages a queued message causes are charged to the memory cgroup
# of the task whose request started the chain (item 11: the copies the
# message worker made were charged to no one).  A flow message reaches
# tee T from hole A; T's copy goes, queued, to vlan V's downstream, and the
# worker delivering it makes V's copies for its 4000 filters at once.  The
# control sends the same message to T itself (by no hook: T ignores it).
if ! memcg_new ngmsg; then
	skip "messages a chain of nodes queues are charged to its starter's memory cgroup" "$_why"
else
	M="$NGCTL -N ngmemcg"
	{
		echo "mkpeer tee a b"
		echo "name [1]: T"
		echo "mkpeer T: hole left x"
		echo "name T:left A"
		echo "mkpeer T: vlan right downstream"
		echo "name T:right V"
		i=1
		while [ $i -le 4000 ]; do
			echo "mkpeer V: hole f$i in"
			echo "msg V: addfilter { hook=\"f$i\" vid=$i }"
			i=$((i + 1))
		done
	} >memcg.cmds
	expect_ok "a tee, a vlan node and 4000 filters" $M -f memcg.cmds
	# send_from_cgroup PATH: a flow message to PATH from a fresh memory
	# cgroup ngmsg, by an ngctl-nl that stays there, reading its commands
	# from a pipe, until done_sending: the worker's copies are measured
	# against a sender that is still alive.
	send_from_cgroup() {
		rmdir $CG/ngmsg 2>/dev/null
		mkdir $CG/ngmsg
		rm -f memcg.fifo
		mkfifo memcg.fifo
		sh -c "echo \$\$ >$CG/ngmsg/cgroup.procs && exec $M -f memcg.fifo" &
		_sender=$!
		exec 3>memcg.fifo
		echo "msg $1 $FLOW:34" >&3
	}
	done_sending() {
		exec 3>&-
		wait $_sender
	}
	# the control: the tee ignores a message that came by no hook
	send_from_cgroup T:
	done_sending
	control=$(cat $CG/ngmsg/memory.peak)
	# With room for 3999 queued messages the last copy is dropped: the
	# drop says the fan-out is over.
	q0=$(cat $P/max_queued_msgs)
	d0=$(stat msg_queue_drops "$M")
	echo 3999 >$P/max_queued_msgs
	send_from_cgroup A:x
	ok 'wait_for 30 counter_above "$M" msg_queue_drops "$d0"' \
		"  the worker made the vlan's copies (the 4000th found the queue full)"
	fanout=$(cat $CG/ngmsg/memory.peak)
	done_sending
	echo "$q0" >$P/max_queued_msgs
	tap_diag "msg_queue_drops: $d0 before, $(stat msg_queue_drops "$M") after"
	tap_diag "memory.peak of the sender's cgroup: $control bytes (to the tee, ignored), $fanout (to the tee, 3999 copies queued)"
	# 3999 x (a message and its queue entry, 64 bytes each) is 500 KiB;
	# the cgroup's charge batches (64 pages ahead) hide up to 256 KiB of
	# it: +312 KiB on 6.1, +560 on 6.12, +0 when charged to no one
	ok "[ $((fanout - control)) -ge $((128 << 10)) ]" \
		"the worker's copies are charged to the sender's cgroup (+$(((fanout - control) >> 10)) KiB)"
	$M shutdown V:
	rmdir $CG/ngmsg 2>/dev/null
fi

# ---- a flood of flow messages, then the namespace goes (item 3: the work
# items ran on after its graph was freed).  Every message must be accepted
# or refused with ENOBUFS; the harness scans the console for the WARN and
# DEBUG_OBJECTS reports the old code caused.
ns_create ngflood
F="ns_exec ngflood $NGCTL"
$F mkpeer tee a b >/dev/null && $F name '[1]:' f1 && $F mkpeer f1: tee left right >/dev/null &&
	$F name f1:left f2 && $F connect f1: f2: right left
i=0
: >flood.cmds
while [ $i -lt 300 ]; do
	echo "msg f1:left $FLOW:34" >>flood.cmds
	i=$((i + 1))
done
# tee_nodes: the tee nodes of every namespace (`types` counts them all).
tee_nodes() {
	$N types | awk '$1 == "tee" {print $2}'
}
tees_back_to() {
	[ "$(tee_nodes)" = "$1" ]
}
before=$(( $(tee_nodes) - 2 ))
warn0=$(dmesg | grep -c -e 'WARNING:' -e 'ODEBUG' -e 'BUG:')
ip netns exec ngflood sh -c "echo started >flood.started; exec $NGCTL -f flood.cmds" >flood.out 2>&1 &
fpid=$!
wait_for 30 test -s flood.started || fail "the flood started"
# The namespace dies when the flood's ngctl-nl exits, its queues full.
ip netns del ngflood
wait $fpid
tap_diag "flood: $(grep -c . flood.out) lines of errors (ENOBUFS when the queue was full)" \
	"$(head -n 3 flood.out)"
ok 'wait_for 120 tees_back_to "$before"' "the flooded namespace's nodes are gone"
expect_eq "$(dmesg | grep -c -e 'WARNING:' -e 'ODEBUG' -e 'BUG:')" "$warn0" \
	"no WARNING, ODEBUG or BUG report after deleting the flooded namespace"

# ---- two hubs joined by three hook pairs (item 8: copies multiplied
# without end; 0 hop drops).  With max_copies lowered, one packet ends in
# bounded work; the default bound is shown by the copies counted.
$H mkpeer hub x y >/dev/null && $H name '[1]:' hA && $H mkpeer hA: hub p1 q1 >/dev/null &&
	$H name hA:p1 hB &&
	$H connect hA: hB: p2 q2 && $H connect hA: hB: p3 q3 ||
	fail "two hubs joined by three hook pairs"
oldcopies=$(cat $P/max_copies)
echo 64 >$P/max_copies
l0=$(stat loop_drops "$H")
# (inject reports the synchronous result: ELOOP once copies are dropped)
$H inject hA: p1 1 2 3 4 >/dev/null 2>&1
ok 'wait_for 60 counter_above "$H" loop_drops "$l0"' \
	"its copies are dropped by the copy and hop bounds"
ok 'wait_for 120 settled "$H" loop_drops' "the storm ends by itself"
l1=$(stat loop_drops "$H")
tap_diag "loop_drops for one packet with max_copies=64: $((l1 - l0))"
ok "[ $((l1 - l0)) -le $((65 * 2 * 257)) ]" \
	"at most (max_copies + 1) chains of NG_MAX_HOPS hops were dropped"
echo "$oldcopies" >$P/max_copies
expect_ok "the graph still answers" $H show hA:
$H shutdown hA:	# hB dies with its last hook

# ---- per-namespace node limit (item 6: nothing bounded the nodes)
oldmax=$(cat $P/max_nodes)
n=$($N stats | sed -n 's/^nodes: //p')
echo $((n + 2)) >$P/max_nodes
h0=$(stat limit_hits)
expect_ok "nodes up to max_nodes" $N mkpeer h: hole b in
expect_ok "the last one allowed" $N mkpeer h: hole c in
expect_fail_errno ENOSPC "one more node is refused" $N mkpeer h: hole d in
expect_match "$NG_OUT" "kernel: the namespace has .*max_nodes" "the extack names max_nodes"
expect_eq "$(stat limit_hits)" "$((h0 + 1))" "and counted in limit_hits"
echo "$oldmax" >$P/max_nodes
expect_ok "below the limit again, nodes can be made" $N mkpeer h: hole d in

# ---- type modules load by alias only (item 10: mkpeer loaded ng_<name>)
expect_match "$(modinfo -F alias ng_echo)" "^netgraph-type-echo$" \
	"ng_echo carries the alias netgraph-type-echo"
if [ -d /sys/module/ng_echo ] && ! rmmod ng_echo 2>/dev/null; then
	skip "mkpeer of an unloaded type loads it by its alias" "ng_echo is in use"
else
	expect_ok "mkpeer of an unloaded type loads it by its alias" $N mkpeer h: echo e x
	ok '[ -d /sys/module/ng_echo ]' "  ng_echo is loaded"
fi

$N shutdown h:
tap_done
