#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark, figures only: the control plane and what the graph costs in
# memory, in a network namespace of its own.
#
#   ctl:  mkpeer+shutdown pairs per second (a persistent hub gets a child
#         hub and shuts it down, NG_BENCH_PAIRS (500) times, from one
#         ngctl-nl -f run), standalone nodes created per second and
#         nodes listed per second (NG_BENCH_NODES (100 000) hubs, one
#         "list" dump of them all)
#   mem:  bytes of slab per node (the NG_BENCH_NODES hubs, no hooks) and
#         per hook (NG_BENCH_HOOKS (5000) connections between two hubs,
#         two hooks each), from /proc/meminfo's Slab before and after,
#         caches dropped
#
# The rates are medians of NG_BENCH_ROUNDS (3) for the pairs and the
# listing; the nodes are created once.  What is tested: the operations
# succeed and the listing counts every node.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bench-helpers.sh"

require_module netgraph ng_hub
PAIRS=${NG_BENCH_PAIRS:-500}
NODES=${NG_BENCH_NODES:-100000}
HOOKS=${NG_BENCH_HOOKS:-5000}
ns_create ngbench
N="$NGCTL -N ngbench"

# slab_kb: the kernel's slab in kB, reclaimable caches dropped first
slab_kb() {
	sync
	echo 3 >/proc/sys/vm/drop_caches 2>/dev/null
	sleep 1		# (RCU callbacks free what is already gone)
	awk '$1 == "Slab:" { print $2 }' /proc/meminfo
}

expect_ok "a persistent hub" $N mkpeer hub x y
$N name '[1]:' h
$N msg h: setpersistent >/dev/null
i=0
: >pairs
while [ $i -lt "$PAIRS" ]; do
	echo "mkpeer h: hub c x" >>pairs
	echo "shutdown h:c" >>pairs
	i=$((i + 1))
done
r=1
while [ $r -le "$ROUNDS" ]; do
	t0=$(now_ms)
	if ! out=$($N -f pairs 2>&1); then
		fail "$PAIRS mkpeer+shutdown pairs, round $r"
		tap_diag "$out"
	fi
	ms=$(($(now_ms) - t0))
	tap_diag "round $r: $PAIRS mkpeer+shutdown pairs in $ms ms"
	bench_add ctl mkpeer+shutdown "$(per_sec "$PAIRS" "$ms")"
	r=$((r + 1))
done
pass "$PAIRS mkpeer+shutdown pairs, $ROUNDS times"
$N shutdown h:

# memory per node: NODES standalone hubs
i=0
: >mk
while [ $i -lt "$NODES" ]; do
	echo "mkpeer hub x y" >>mk
	i=$((i + 1))
done
before=$(slab_kb)
t0=$(now_ms)
expect_ok "create $NODES nodes from one ngctl-nl -f run" $N -f mk
ms=$(($(now_ms) - t0))
after=$(slab_kb)
tap_diag "$NODES nodes created in $ms ms; slab $before -> $after kB"
bench_add ctl create "$(per_sec "$NODES" "$ms")"
bench_add mem node $(((after - before) * 1024 / NODES))
r=1
while [ $r -le "$ROUNDS" ]; do
	t0=$(now_ms)
	$N list >list.out
	ms=$(($(now_ms) - t0))
	[ $r = 1 ] && expect_eq "$(head -n1 list.out)" "There are $NODES total nodes:" "list counts $NODES nodes"
	tap_diag "round $r: $NODES nodes listed in $ms ms"
	bench_add ctl list "$(per_sec "$NODES" "$ms")"
	r=$((r + 1))
done
rm -f mk list.out
ns_cleanup	# (the netns' nodes go with it)
ns_create ngbench
wait_for 120 sh -c "[ \"\$(awk '\$1 == \"ng_hub\" {print \$3}' /proc/modules)\" = 0 ]"

# memory per hook: HOOKS connections between two persistent hubs
$N mkpeer hub x y
$N name '[1]:' a
$N msg a: setpersistent >/dev/null
$N mkpeer hub x y
$N name '[2]:' b
$N msg b: setpersistent >/dev/null
i=0
: >hooks
while [ $i -lt "$HOOKS" ]; do
	echo "connect a: b: h$i h$i" >>hooks
	i=$((i + 1))
done
before=$(slab_kb)
expect_ok "connect $HOOKS hook pairs from one ngctl-nl -f run" $N -f hooks
after=$(slab_kb)
tap_diag "$((2 * HOOKS)) hooks; slab $before -> $after kB"
bench_add mem hook $(((after - before) * 1024 / (2 * HOOKS)))
expect_match "$($N show -n a:)" "Num hooks: $HOOKS\$" "hub a has $HOOKS hooks"

bench_line ctl ops/s "mkpeer+shutdown create list" "" "$PAIRS pairs, $NODES nodes"
bench_line mem bytes "node hook" "" "slab, $NODES hubs, $((2 * HOOKS)) hooks"
bench_cleanup
tap_done
