#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark, figures only: TCP relay throughput of two ksocket nodes joined
# hook to hook (the relay runs in the kernel), next to userland relays and
# no relay at all, in the same VM run, over loopback in one network
# namespace.
#
#   source:  ngbench tcp-source: NG_BENCH_MB (100) MB of a fixed pattern
#            in 1 MiB writes
#   relay:   direct  - none, the source connects to the sink
#            socat   - socat TCP4-LISTEN:6003 -> TCP4:6002
#            splice  - ngbench splice-proxy on 6004 (splice(2) through a
#                      pipe, the userland baseline a kernel relay must beat)
#            ksocket - a listening ksocket on 6001; the clone of the
#                      accepted connection joined hook to hook to a
#                      ksocket that connects to the sink
#   sink:    ngbench tcp-sink on 6002, 1 MiB reads; the clock runs from
#            the first byte to EOF
#
# Each path runs NG_BENCH_ROUNDS (3) times, alternating; the figure is the
# median MB/s (10^6 bytes).  What is tested: one untimed transfer through
# the ksocket relay arrives byte-exact (the sink checks the pattern), and
# every timed one arrives whole.  Under TCG only the ratios mean much.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bench-helpers.sh"

require_module netgraph ng_hub ng_ksocket
require_cmd ngbench socat
MB=${NG_BENCH_MB:-100}
ns_create ngbench
X="ns_exec ngbench"
N="$NGCTL -N ngbench"
. "$(dirname "$0")/ksocket-helpers.sh"	# wait_listen, accept_one, phase
SINK=127.0.0.1:6002

phase "setup"
# The listener stays for every round: hub "h" holds it on its hook "l".
expect_ok "hub to hold the listener" $N mkpeer hub x y
expect_ok "name it" $N name '[1]:' h
expect_ok "ksocket listener" $N mkpeer h: ksocket l inet/stream/tcp
$N name h:l l
expect_ok "bind 127.0.0.1:6001" $N msg l: bind inet/127.0.0.1:6001
expect_ok "listen" $N msg l: listen 8

# sink_start [-v]: the sink in the background ($sink), output in sink.out
sink_start() {
	$X timeout 120 ngbench tcp-sink -l $SINK -w 60 "$@" >sink.out 2>&1 &
	sink=$!
	wait_listen 6002
}
# relay_start PATH: the relay of PATH in the background ($relay), and the
# port the source connects to ($port); the ksocket relay is joined up
# by relay_join once the source has connected
relay_start() {
	relay=
	case $1 in
	direct) port=6002 ;;
	socat)
		port=6003
		$X timeout 120 socat -b 1048576 TCP4-LISTEN:$port,bind=127.0.0.1,reuseaddr TCP4:$SINK &
		relay=$!
		;;
	splice)
		port=6004
		$X timeout 120 ngbench splice-proxy -l 127.0.0.1:$port -d $SINK -w 60 >/dev/null &
		relay=$!
		;;
	ksocket) port=6001 ;;
	esac
	[ -z "$relay" ] || wait_listen $port
}
# relay_join PATH: for the ksocket relay, accept the connection and
# connect the clone's new peer onward ($clone: the clone's ID)
relay_join() {
	clone=
	[ "$1" = ksocket ] || return 0
	clone=$(accept_one l)
	if [ -z "$clone" ]; then
		fail "ksocket relay: the connection is accepted"
		return 1
	fi
	$N mkpeer "[$clone]:" ksocket out inet/stream/tcp &&
		$N msg "[$clone]:out" connect inet/$SINK 2>/dev/null
	return 0	# (the connect replies late: its error is no error)
}
# transfer PATH [-v]: one transfer through PATH; the sink's line in $out
transfer() {
	_path=$1
	shift
	sink_start "$@"
	relay_start "$_path"
	$X timeout 120 ngbench tcp-source -d 127.0.0.1:$port -n "${MB}M" >/dev/null 2>src.err &
	_src=$!
	relay_join "$_path"
	wait $_src
	wait $sink
	if [ -n "$relay" ]; then
		wait "$relay" 2>/dev/null
	fi
	[ -z "$clone" ] || $N shutdown "[$clone]:" 2>/dev/null
	out=$(cat sink.out)
	[ -s src.err ] && tap_diag "source: $(cat src.err)"
}

phase "content check"
transfer ksocket -v
expect_eq "$(kv bytes "$out") $(kv verified "$out")" "$((MB * 1048576)) 1" \
	"ksocket relay: $MB MB arrive byte-exact (untimed)"

paths="direct socat splice ksocket"
r=1
while [ $r -le "$ROUNDS" ]; do
	phase "round $r"
	for p in $paths; do
		transfer $p
		_bytes=$(kv bytes "$out")
		if [ "$_bytes" != $((MB * 1048576)) ]; then
			fail "$p round $r: $MB MB arrive"
			tap_diag "sink: $out"
		elif [ $r = 1 ]; then
			pass "$p: $MB MB arrive"
		fi
		tap_diag "$p round $r: $(kv mbps "$out") MB/s"
		bench_add tcp "$p" "$(kv mbps "$out")"
	done
	r=$((r + 1))
done
bench_no_strays ngbench
bench_line tcp MB/s "$paths" "ksocket/direct ksocket/splice ksocket/socat splice/direct" "$MB MB"
$N shutdown h:
bench_cleanup
tap_done
