#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark, figures only: TCP relay throughput of two ksocket nodes joined
# hook to hook (the relay runs in the kernel), next to socat relaying in
# userland, in the same VM run, over loopback in one network namespace.
#
#   source: socat sends a file of NG_BENCH_MB (100) random MB to the relay
#   relay:  socat TCP-LISTEN:6003 -> TCP:6002, or the ksocket pair
#           (listener on 6001, its accepted clone joined to a ksocket node
#           that connects to 6002)
#   sink:   socat on 6002; the clock runs from the first byte to EOF
#
# Each relay runs NG_BENCH_ROUNDS (3) times, alternating.  Every transfer
# must arrive byte-exact (md5) - that is the only thing tested; the
# figures are "# bench:" lines, which check.sh collects into its summary.
# Under TCG the absolute numbers mean little; the ratio is the figure.
. "$(dirname "$0")/lib.sh"

[ "$NG_KIND" = debug ] &&
	skip_all "debug kernel: KASAN and lockdep make throughput figures meaningless; runs on the stock kernels"
require_module netgraph ng_hub ng_ksocket
require_cmd socat
MB=${NG_BENCH_MB:-100}
ROUNDS=${NG_BENCH_ROUNDS:-3}
ns_create ngbench
X="ns_exec ngbench"
N="$NGCTL -N ngbench"
d=$(mktemp -d)

head -c "$((MB * 1024 * 1024))" /dev/urandom >"$d/src"
want=$(md5sum <"$d/src" | cut -d' ' -f1)

# wait_listen PORT: until something listens on TCP PORT in the netns
wait_listen() {
	_p=$(printf ':%04X ' "$1")
	wait_for 10 $X sh -c "grep '$_p' /proc/net/tcp | grep -q ' 0A '"
}
# start_sink: socat on 6002; the first byte's and EOF's uptimes, the md5
start_sink() {
	rm -f "$d/first" "$d/t1" "$d/t2" "$d/md5"
	$X sh -c "timeout 120 socat -u TCP4-LISTEN:6002,reuseaddr - | {
		dd bs=1 count=1 of='$d/first' 2>/dev/null
		cut -d' ' -f1 /proc/uptime >'$d/t1'
		cat '$d/first' - | md5sum | cut -d' ' -f1 >'$d/md5'
		cut -d' ' -f1 /proc/uptime >'$d/t2'
	}" &
	sinkpid=$!
	wait_listen 6002
}
# finish NAME: wait for the sink; check the content; print MB/s
finish() {
	wait $sinkpid
	expect_eq "$(cat "$d/md5" 2>/dev/null)" "$want" "$1: $MB MB arrive byte-exact"
	_rate=$(awk -v a="$(cat "$d/t1" 2>/dev/null)" -v b="$(cat "$d/t2" 2>/dev/null)" -v mb="$MB" \
		'BEGIN { if (b > a) printf "%.1f", mb / (b - a); else print "0" }')
	tap_diag "round $1: $_rate MB/s"
	echo "$_rate" >>"$d/rates.$2"
}

userland_round() {
	start_sink
	$X timeout 120 socat TCP4-LISTEN:6003,reuseaddr TCP4:127.0.0.1:6002 &
	_relay=$!
	wait_listen 6003
	$X timeout 120 socat -u "FILE:$d/src" TCP4:127.0.0.1:6003
	finish "socat relay $1" socat
	wait $_relay
}

# The listener stays for every round: hub "h" holds it on its hook "l".
expect_ok "hub to hold the listener" $N mkpeer hub x y
expect_ok "name it" $N name '[1]:' h
expect_ok "ksocket listener" $N mkpeer h: ksocket l inet/stream/tcp
expect_ok "bind 127.0.0.1:6001" $N msg h:l bind inet/127.0.0.1:6001
expect_ok "listen" $N msg h:l listen 8

kernel_round() {
	start_sink
	$X timeout 120 socat -u "FILE:$d/src" TCP4:127.0.0.1:6001 &
	_src=$!
	# the clone: from the accept reply, or (when the accept waits for the
	# connection and replies late, to no node) the new hookless ksocket
	_id=$($N msg h:l accept 2>/dev/null | sed -n 's/^Args:.*nodeid=0x\([0-9a-f]*\).*/\1/p')
	_i=0
	while [ -z "$_id" ] && [ $_i -lt 50 ]; do
		sleep 0.1
		_id=$($N list | awk '$4 == "ksocket" && $9 == 0 {print $6; exit}')
		_i=$((_i + 1))
	done
	expect_ne "$_id" "" "kernel relay $1: connection accepted"
	$N mkpeer "[$_id]:" ksocket out inet/stream/tcp
	$N msg "[$_id]:out" connect inet/127.0.0.1:6002 2>/dev/null
	wait $_src
	finish "ksocket relay $1" ksocket
	$N shutdown "[$_id]:" 2>/dev/null
}

r=1
while [ $r -le "$ROUNDS" ]; do
	userland_round $r
	kernel_round $r
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }
u=$(median "$d/rates.socat")
k=$(median "$d/rates.ksocket")
ratio=$(awk -v u="$u" -v k="$k" 'BEGIN { if (u > 0) printf "%.2f", k / u; else print "n/a" }')
tap_diag "bench: TCP relay of $MB MB over loopback, median of $ROUNDS: ksocket $k MB/s, socat $u MB/s, ksocket/socat $ratio ($NG_KVER)"
rm -rf "$d"
tap_done
