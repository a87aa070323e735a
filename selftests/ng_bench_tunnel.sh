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
# Source and sink are socat with 64 KiB buffers, from a file to a file
# (tmpfs); the clock runs from the source's start to the sink's end.
# Each path runs NG_BENCH_ROUNDS (3) times, alternating, NG_BENCH_MB (100)
# MB each; the byte count of each transfer is checked (the content is
# ng_iface.sh's business).  The figures are "# bench:" lines; under TCG
# only the ratios mean anything.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase

[ "$NG_KIND" = debug ] &&
	skip_all "debug kernel: KASAN and lockdep make throughput figures meaningless; runs on the stock kernels"
require_module netgraph ng_iface ng_ksocket
require_cmd socat
MB=${NG_BENCH_MB:-100}
ROUNDS=${NG_BENCH_ROUNDS:-3}
ns_create ngta ngtb
d=$(mktemp -d)
head -c "$((MB * 1024 * 1024))" /dev/urandom >"$d/src"
size=$(wc -c <"$d/src")

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

# round NAME ADDR: one transfer; its MB/s appended to $d/rates.NAME
round() {
	rm -f "$d/out"
	ip netns exec ngtb timeout 120 socat -u -b 65536 \
		TCP4-LISTEN:5001,bind=$2,reuseaddr "OPEN:$d/out,creat,trunc" &
	_sink=$!
	_i=0
	while ! ip netns exec ngtb grep -q ':1389 00000000:0000 0A' /proc/net/tcp; do
		_i=$((_i + 1))
		[ $_i -lt 100 ] || break
		sleep 0.1
	done
	# (/proc/uptime: hundredths of a second, where date has no %N)
	_t0=$(cut -d' ' -f1 /proc/uptime)
	ip netns exec ngta timeout 120 socat -u -b 65536 "OPEN:$d/src" TCP4:$2:5001
	wait $_sink
	_t1=$(cut -d' ' -f1 /proc/uptime)
	_got=$(wc -c <"$d/out" 2>/dev/null || echo 0)
	expect_eq "$_got" "$size" "$1 round $3: $MB MB arrive"
	_rate=$(awk -v a="$_t0" -v b="$_t1" -v mb="$MB" 'BEGIN { if (b > a) printf "%.1f", mb / (b - a); else print 0 }')
	tap_diag "$1 round $3: $_rate MB/s"
	echo "$_rate" >>"$d/rates.$1"
}

phase "rounds"
r=1
while [ $r -le "$ROUNDS" ]; do
	for p in $paths; do
		round "${p%%:*}" "${p#*:}" $r
	done
	r=$((r + 1))
done

median() { sort -n "$1" | awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'; }
line="TCP through a tunnel, $MB MB, median of $ROUNDS:"
for p in $paths; do
	line="$line ${p%%:*} $(median "$d/rates.${p%%:*}") MB/s,"
done
ng=$(median "$d/rates.netgraph")
line="$line netgraph/direct $(ratio "$ng" "$(median "$d/rates.direct")")"
[ $have_fou = 1 ] && line="$line, netgraph/fou $(ratio "$ng" "$(median "$d/rates.fou")")"
[ $have_ipip = 1 ] && line="$line, netgraph/ipip $(ratio "$ng" "$(median "$d/rates.ipip")")"
tap_diag "bench: $line ($NG_KVER)"
rm -rf "$d"
tap_done
