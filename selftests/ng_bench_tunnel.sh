#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Benchmark, figures only: FreeBSD's udp.tunnel (an iface node and a
# ksocket node on each side) next to Linux's own tunnels between the same
# two namespaces, in one VM run: TCP throughput through each.
#
#   wire:    a veth pair, ngta 10.20.0.1 - ngtb 10.20.0.2 (MTU 1500), and
#            10.20.1.x for fou (ipip allows one tunnel per address pair)
#   direct:  TCP over the veth itself (the ceiling)
#   ipip:    Linux's IP-in-IP tunnel, 10.22.0.x
#   fou:     IP-in-UDP with fou (ip fou, encap fou), 10.23.0.x: the same
#            encapsulation as the netgraph tunnel, done by the kernel
#   netgraph: ng0 (iface) and a UDP ksocket on its inet hook, 10.21.0.x
#            (MTU 1472 for all three tunnels, so no datagram fragments)
#
# Source and sink are ngbench tcp-source and tcp-sink (1 MiB writes and
# reads); the clock runs from the sink's first byte to EOF.  Each path
# runs NG_BENCH_ROUNDS (3) times, alternating, NG_BENCH_MB (100) MB each;
# the byte count of each transfer is checked (the content is
# ng_iface.sh's business).  The figures are "# bench:" lines
# (bench-helpers.sh); under TCG only the ratios mean anything.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/bench-helpers.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase

require_module netgraph ng_iface ng_ksocket
require_cmd ngbench
MB=${NG_BENCH_MB:-100}
ns_create ngta ngtb
size=$((MB * 1048576))

phase "setup"
expect_ok "the wire: a veth pair" sh -c \
	"ip -n ngta link add vt0 type veth peer name vt1 netns ngtb &&
	 ip -n ngta addr add 10.20.0.1/24 dev vt0 && ip -n ngta link set vt0 up &&
	 ip -n ngtb addr add 10.20.0.2/24 dev vt1 && ip -n ngtb link set vt1 up &&
	 ip -n ngta addr add 10.20.1.1/24 dev vt0 && ip -n ngtb addr add 10.20.1.2/24 dev vt1"
# udp_tunnel NS LOCAL REMOTE INNER PEER: FreeBSD's udp.tunnel
ng_tunnel() {
	_n="$NGCTL -N $1"
	$_n mkpeer iface dummy inet &&
		$_n mkpeer ng0: ksocket inet inet/dgram/udp &&
		$_n msg ng0:inet bind inet/$2:4028 &&
		$_n msg ng0:inet connect inet/$3:4028 &&
		ip -n "$1" link set ng0 mtu 1472 &&
		ip -n "$1" addr add "$4" peer "$5" dev ng0 &&
		ip -n "$1" link set ng0 up
}
expect_ok "netgraph: udp.tunnel in ngta" ng_tunnel ngta 10.20.0.1 10.20.0.2 10.21.0.1 10.21.0.2
expect_ok "netgraph: udp.tunnel in ngtb" ng_tunnel ngtb 10.20.0.2 10.20.0.1 10.21.0.2 10.21.0.1
# linux_tunnel NS NAME LOCAL REMOTE INNER PEER [ENCAP...]
linux_tunnel() {
	_ns=$1 _dev=$2 _l=$3 _r=$4 _in=$5 _peer=$6
	shift 6
	ip -n "$_ns" link add "$_dev" type ipip local "$_l" remote "$_r" "$@" &&
		ip -n "$_ns" link set "$_dev" mtu 1472 &&
		ip -n "$_ns" addr add "$_in" peer "$_peer" dev "$_dev" &&
		ip -n "$_ns" link set "$_dev" up
}
# (fou's netlink family and its encapsulation appear with its module)
modprobe fou 2>/dev/null
have_ipip=1
linux_tunnel ngta ipt 10.20.0.1 10.20.0.2 10.22.0.1 10.22.0.2 2>/dev/null &&
	linux_tunnel ngtb ipt 10.20.0.2 10.20.0.1 10.22.0.2 10.22.0.1 || have_ipip=0
have_fou=$have_ipip
fou_tunnels() {
	ip -n ngta fou add port 5555 ipproto 4 &&
		ip -n ngtb fou add port 5555 ipproto 4 &&
		linux_tunnel ngta fout 10.20.1.1 10.20.1.2 10.23.0.1 10.23.0.2 \
			encap fou encap-sport 5555 encap-dport 5555 &&
		linux_tunnel ngtb fout 10.20.1.2 10.20.1.1 10.23.0.2 10.23.0.1 \
			encap fou encap-sport 5555 encap-dport 5555
}
if [ $have_fou = 1 ] && ! out=$(fou_tunnels 2>&1); then
	have_fou=0
	tap_diag "fou: $out"
fi
paths="direct:10.20.0.2 netgraph:10.21.0.2"
[ $have_ipip = 1 ] && paths="$paths ipip:10.22.0.2"
[ $have_fou = 1 ] && paths="$paths fou:10.23.0.2"
[ $have_ipip = 1 ] || skip "ipip and fou beside it" "this kernel has no ipip module"
[ $have_ipip = 0 ] || [ $have_fou = 1 ] || skip "fou beside ipip" "ip fou failed (above)"
for p in $paths; do
	expect_ok "${p%%:*}: ngta pings ${p#*:}" ip netns exec ngta ping -c 1 -W 5 "${p#*:}"
done

# round NAME ADDR R: one transfer, round R; its MB/s for bench_line
round() {
	ip netns exec ngtb timeout 120 ngbench tcp-sink -l "$2:5001" -w 60 >sink.out 2>&1 &
	_sink=$!
	_i=0
	while ! ip netns exec ngtb grep -q ':1389 00000000:0000 0A' /proc/net/tcp; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || break
		sleep 0.1
	done
	ip netns exec ngta timeout 120 ngbench tcp-source -d "$2:5001" -n "${MB}M" >/dev/null
	wait $_sink
	_out=$(cat sink.out)
	expect_eq "$(kv bytes "$_out")" "$size" "$1 round $3: $MB MB arrive"
	tap_diag "$1 round $3: $(kv mbps "$_out") MB/s"
	bench_add tunnel "$1" "$(kv mbps "$_out")"
}

phase "rounds"
r=1
while [ $r -le "$ROUNDS" ]; do
	for p in $paths; do
		round "${p%%:*}" "${p#*:}" $r
	done
	r=$((r + 1))
done

names='' ratios=''
for p in $paths; do
	names="$names ${p%%:*}"
	[ "${p%%:*}" = netgraph ] || ratios="$ratios netgraph/${p%%:*}"
done
bench_line tunnel MB/s "$names" "$ratios" "TCP through the tunnel, $MB MB"
# which path the tunnel's datagrams took (direct: softirq and at once;
# the rest: the socket's queue and the node's workers)
for ns in ngta ngtb; do
	tap_diag "$ns ksocket: $($NGCTL -N $ns status ng0:inet 2>&1 | grep -E '^(rx|tx):' | tr '\n' ' ')"
done
bench_cleanup
tap_done
