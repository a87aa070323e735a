#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark, figures only: UDP relay throughput in datagrams per second,
# at 64 and 1400 bytes, of two ksocket nodes joined hook to hook (the
# relay runs in the kernel) next to userland relays and no relay at all,
# in the same VM run, over loopback in one network namespace.
#
#   source:  ngbench udp-source (sendmmsg batches, as fast as it can)
#   relay:   direct  - none, the source sends to the sink
#            crelay  - ngbench udp-relay (recvmmsg/sendmmsg batches)
#            socat   - socat -u UDP4-RECV -> UDP4-SENDTO
#            ksocket - ksocket "ka" bound to 6103, its peer "kb"
#                      connected to the sink
#            tee1, teeN (64 bytes only: "fwd64") - the same with one and
#                      NG_BENCH_HOPS (8) tee nodes between the two
#                      ksockets (left to right): in-kernel forwarding
#   sink:    ngbench udp-sink on 6100: the datagrams of NG_BENCH_SECS (2)
#            seconds from the first one
#
# Each path runs NG_BENCH_ROUNDS (3) times per size, alternating; the
# figure is the median of the datagrams the sink received per second.
# What is tested: every path delivers, and whole datagrams (the content is
# ng_ksocket_relay.sh's business).  Under TCG only the ratios mean much.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bench-helpers.sh"

require_module netgraph ng_ksocket ng_tee
require_cmd ngbench socat
SECS=${NG_BENCH_SECS:-2}
HOPS=${NG_BENCH_HOPS:-8}
ns_create ngbench
X="ns_exec ngbench"
N="$NGCTL -N ngbench"
. "$(dirname "$0")/ksocket-helpers.sh"	# mknode, wait_udp, phase
SINK=127.0.0.1:6100

phase "setup"
# the kernel relay: ka (bound to 6103) and kb (connected to the sink),
# hook to hook, for every round
ka=$(mknode ksocket)
expect_ne "$ka" "" "a standalone ksocket node"
expect_ok "ksocket relay: two nodes hook to hook" \
	$N mkpeer "[$ka]:" ksocket inet/dgram/udp inet/dgram/udp
$N name "[$ka]:" ka
$N name "ka:inet/dgram/udp" kb
expect_ok "ksocket relay: ka binds 6103" $N msg ka: bind inet/127.0.0.1:6103
expect_ok "ksocket relay: kb connects to the sink" $N msg kb: connect inet/$SINK
# chain PORT HOPS: a ksocket bound to PORT, HOPS tee nodes (left to
# right), a ksocket connected to the sink
chain() {
	_k=$(mknode ksocket)
	[ -n "$_k" ] || return 1
	_at="[$_k]:" _hook=inet/dgram/udp _i=1
	while [ $_i -le "$2" ]; do
		$N mkpeer "$_at" tee "$_hook" left &&
			$N name "$_at$_hook" "c$1_$_i" || return 1
		_at="c$1_$_i:" _hook=right _i=$((_i + 1))
	done
	$N mkpeer "$_at" ksocket "$_hook" inet/dgram/udp &&
		$N name "[$_k]:" "c$1_in" && $N name "$_at$_hook" "c$1_out" &&
		$N msg "c$1_in:" bind "inet/127.0.0.1:$1" &&
		$N msg "c$1_out:" connect "inet/$SINK"
}
# chain_shutdown PORT HOPS: every node of the chain
chain_shutdown() {
	$N shutdown "c$1_in:"
	$N shutdown "c$1_out:"
	_i=1
	while [ $_i -le "$2" ]; do
		$N shutdown "c$1_$_i:"
		_i=$((_i + 1))
	done
}
expect_ok "a ksocket relay through 1 tee node" chain 6104 1
expect_ok "a ksocket relay through $HOPS tee nodes" chain 6105 "$HOPS"

# relay_start PATH: the relay of PATH in the background ($relay), and
# the port the source sends to ($port).  (Started with "ip netns exec",
# not $X: $! would be the subshell running the function, and killing it
# would leave the relay running on into the next rounds, and the netns
# alive after the script.)
relay_start() {
	relay=
	case $1 in
	direct) port=6100 ;;
	crelay)
		port=6101
		ip netns exec ngbench timeout 60 ngbench udp-relay -l 127.0.0.1:$port \
			-d $SINK -t $((SECS + 10)) >/dev/null &
		relay=$!
		;;
	socat)
		port=6102
		ip netns exec ngbench timeout 60 socat -u -b 2048 \
			UDP4-RECV:$port,bind=127.0.0.1,rcvbuf=8388608 UDP4-SENDTO:$SINK &
		relay=$!
		;;
	ksocket) port=6103 ;;
	tee1) port=6104 ;;
	"tee$HOPS") port=6105 ;;
	esac
	[ -z "$relay" ] || wait_udp $port
}
# round SIZE PATH R: one measurement
round() {
	$X timeout 60 ngbench udp-sink -l $SINK -t "$SECS" -w 20 >sink.out 2>&1 &
	_sink=$!
	wait_udp 6100
	relay_start "$2"
	$X timeout 60 ngbench udp-source -d 127.0.0.1:$port -s "$1" -t $((SECS + 1)) >src.out 2>&1
	wait $_sink
	if [ -n "$relay" ]; then
		kill "$relay" 2>/dev/null
		wait "$relay" 2>/dev/null
	fi
	_out=$(cat sink.out)
	_pkts=$(kv packets "$_out") _bytes=$(kv bytes "$_out") _pps=$(kv pps "$_out")
	tap_diag "udp$1 $2 round $3: $_pps pps delivered ($(kv pps "$(cat src.out)") pps sent)"
	if [ "$_pkts" -gt 0 ] && [ "$_bytes" = $((_pkts * $1)) ]; then
		[ "$3" = 1 ] && pass "udp$1 $2: whole $1-byte datagrams arrive"
	else
		fail "udp$1 $2 round $3: whole $1-byte datagrams arrive"
		tap_diag "sink: $_out"
		tap_diag "source: $(cat src.out)"
	fi
	bench_add "udp$1" "$2" "$_pps"
	[ "$1" != 64 ] || bench_add fwd64 "$2" "$_pps"
	sleep 0.3	# what is still in flight drains
}

paths="direct crelay socat ksocket"
for size in 64 1400; do
	phase "udp$size"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		for p in $paths $([ $size = 64 ] && echo "tee1 tee$HOPS"); do
			round $size $p $r
		done
		r=$((r + 1))
	done
	bench_line "udp$size" pps "$paths" "ksocket/direct ksocket/crelay ksocket/socat crelay/direct" \
		"${SECS} s windows"
done
bench_line fwd64 pps "direct ksocket tee1 tee$HOPS" "tee1/ksocket tee$HOPS/ksocket" \
	"ksocket relay through 0, 1 and $HOPS tee nodes, ${SECS} s windows"
bench_no_strays ngbench
$N shutdown ka:
chain_shutdown 6104 1
chain_shutdown 6105 "$HOPS"
bench_cleanup
tap_done
