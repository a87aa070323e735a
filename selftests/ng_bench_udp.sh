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
#   sink:    ngbench udp-sink on 6100: the datagrams of NG_BENCH_SECS (2)
#            seconds from the first one
#
# Each path runs NG_BENCH_ROUNDS (3) times per size, alternating; the
# figure is the median of the datagrams the sink received per second.
# What is tested: every path delivers, and whole datagrams (the content is
# ng_ksocket_relay.sh's business).  Under TCG only the ratios mean much.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bench-helpers.sh"

require_module netgraph ng_ksocket
require_cmd ngbench socat
SECS=${NG_BENCH_SECS:-2}
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

# relay_start PATH: the relay of PATH in the background ($relay), and
# the port the source sends to ($port)
relay_start() {
	relay=
	case $1 in
	direct) port=6100 ;;
	crelay)
		port=6101
		$X timeout 60 ngbench udp-relay -l 127.0.0.1:$port -d $SINK \
			-t $((SECS + 10)) >/dev/null &
		relay=$!
		;;
	socat)
		port=6102
		$X timeout 60 socat -u -b 2048 UDP4-RECV:$port,bind=127.0.0.1,rcvbuf=8388608 \
			UDP4-SENDTO:$SINK &
		relay=$!
		;;
	ksocket) port=6103 ;;
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
	sleep 0.3	# what is still in flight drains
}

paths="direct crelay socat ksocket"
for size in 64 1400; do
	phase "udp$size"
	r=1
	while [ $r -le "$ROUNDS" ]; do
		for p in $paths; do
			round $size $p $r
		done
		r=$((r + 1))
	done
	bench_line "udp$size" pps "$paths" "ksocket/direct ksocket/crelay ksocket/socat crelay/direct" \
		"${SECS} s windows"
done
$N shutdown ka:
bench_cleanup
tap_done
