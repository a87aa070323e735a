#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ksocket node's UDP paths without its workers (kernel/ksock_udp.c):
# datagrams taken from UDP in softirq and packets handed to IP as they
# are, the "direct" counters that tell them apart, and the cases the
# direct send leaves to the socket's own path (which must still work):
# IPv4-mapped destinations, multicast, datagrams larger than the path MTU.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_echo ng_hub
require_cmd socat
ns_create ngku
N="$NGCTL -N ngku"
X="ip netns exec ngku"
. "$(dirname "$0")/ksocket-helpers.sh"

expect_ok "hub to hang the nodes on" $N mkpeer hub x y
expect_ok "name it h" $N name '[1]:' h
expect_ok "make it persistent" $N msg h: 1082189597:1

phase "echo"
# ksocket (unconnected, bound) <-> echo: the reply goes to each sender by
# the source address the softirq path put in the packet's metadata
$N mkpeer h: echo e4 x
expect_ok "IPv4 ksocket on an echo" $N mkpeer h:e4 ksocket y inet/dgram/udp
$N name h:e4.y k4
expect_ok "bind 127.0.0.1:5101" $N msg k4: $BIND $(sa_in 127.0.0.1 5101)
($X sh -c "echo one | socat -t2 - UDP4:127.0.0.1:5101" >c1 2>&1 &
 $X sh -c "echo two | socat -t2 - UDP4:127.0.0.1:5101" >c2 2>&1 &
 $X sh -c "echo three | socat -t2 - UDP4:127.0.0.1:5101" >c3 2>&1 &
 wait)
expect_eq "$(cat c1) $(cat c2) $(cat c3)" "one two three" "each of three senders got its own datagram back"
# (a datagram that comes while the CPU is due to switch tasks waits in
# the socket for the worker instead: direct is at least one, not three)
expect_eq "$(ks_stat k4: rx packets)" 3 "the three went out of the hook"
ok "[ \"\$(ks_stat k4: rx direct)\" -ge 1 ]" "  taken from UDP's softirq path (rx direct $(ks_stat k4: rx direct) of 3)"
expect_eq "$(ks_stat k4: tx packets) $(ks_stat k4: tx direct)" "3 3" "the three replies went to IP as they were (tx direct 3)"

$N mkpeer h: echo e6 x
expect_ok "IPv6 ksocket on an echo" $N mkpeer h:e6 ksocket y inet6/dgram/udp
$N name h:e6.y k6
expect_ok "bind [::1]:5102" $N msg k6: $BIND $(sa_in6_lo 5102)
$X sh -c "echo six | socat -t2 - 'UDP6:[::1]:5102'" >c6 2>&1
expect_eq "$(cat c6)" "six" "IPv6: the sender got its datagram back"
expect_eq "$(ks_stat k6: tx packets) $(ks_stat k6: tx direct)" "1 1" "IPv6: the reply went to IP as it was (tx direct)"

# An IPv4 datagram to an IPv6 socket: its source as recvmsg() gives it,
# IPv4-mapped, so the reply (by the socket's own path) finds its way back.
$X sh -c "echo mapped | socat -t2 - UDP4:127.0.0.1:5102" >c7 2>&1
expect_eq "$(cat c7)" "mapped" "IPv4 sender to the IPv6 socket got its reply (v4-mapped source)"
expect_eq "$(ks_stat k6: tx packets) $(ks_stat k6: tx direct)" "2 1" "  its reply sent by the socket's own path"
ok "[ \"\$(ks_stat k6: rx direct)\" -ge 1 ]" "IPv6: taken in softirq too (rx direct $(ks_stat k6: rx direct) of 2)"

phase "fallbacks"
# wait_bound PORT: a UDP socket bound to PORT (wait_udp also matches the
# ksocket connected to it)
wait_bound() {
	_p=$(printf ':%04X' "$1")
	wait_for 10 $X awk -v p="$_p" 'substr($2, length($2) - 4) == p { f = 1 } END { exit !f }' /proc/net/udp
}
# recv PORT FILE [SOCAT-OPTS]: a socat receiving on PORT into FILE, in the
# background (its pid in $rpid); got FILE N: until FILE holds N bytes,
# then the receiver goes (socat would only notice a closed pipe at its
# next datagram)
recv() {
	$X sh -c "exec timeout 10 socat -u -b 65536 UDP4-RECV:$1$3 - >$2" &
	rpid=$!
	wait_bound "$1"
}
got() {
	wait_for 10 sh -c "[ \"\$(wc -c <$1)\" -ge $2 ]"
	kill $rpid 2>/dev/null
	wait $rpid 2>/dev/null
}
# A connected socket: data injected into the hook goes to the peer.
expect_ok "a connected UDP ksocket" $N mkpeer h: ksocket kc inet/dgram/udp
$N name h:kc kc
expect_ok "connect 127.0.0.1:5103" $N msg kc: $CONNECT $(sa_in 127.0.0.1 5103)
recv 5103 r1
$N inject kc: inet/dgram/udp '"small"'
got r1 5
expect_eq "$(cat r1)" "small" "an injected packet reached the connected peer"
expect_eq "$(ks_stat kc: tx direct)" 1 "  directly"

# Larger than the path MTU: the socket's own path fragments it.
expect_ok "loopback MTU 1500" $X ip link set lo mtu 1500
head -c 3000 /dev/zero | tr '\0' 'x' >big
recv 5103 r2
$N inject kc: inet/dgram/udp -f big
got r2 3000
expect_eq "$(wc -c <r2 | tr -d ' ')" 3000 "a 3000-byte packet arrived whole over a 1500-byte MTU"
expect_eq "$(ks_stat kc: tx packets) $(ks_stat kc: tx direct)" "2 1" "  by the socket's own path (tx direct unchanged)"
$X ip link set lo mtu 65536

# Multicast: the socket's own path (multicast interface, TTL, loop).
expect_ok "a multicast route" sh -c "$X ip link set lo multicast on && $X ip route add 224.0.0.0/4 dev lo"
expect_ok "a UDP ksocket connected to 239.1.2.3:5104" sh -c \
	"$N mkpeer h: ksocket km inet/dgram/udp && $N name h:km km && $N msg km: $CONNECT $(sa_in 239.1.2.3 5104)"
recv 5104 r3 ,ip-add-membership=239.1.2.3:127.0.0.1
$N inject km: inet/dgram/udp '"group"'
got r3 5
expect_eq "$(cat r3)" "group" "a packet to a multicast group arrived"
expect_eq "$(ks_stat km: tx packets) $(ks_stat km: tx direct)" "1 0" "  by the socket's own path"

phase "order"
# A flood through a relay of two ksockets whose reader is told to stop
# and go on (FreeBSD's flow messages) over and over: each stop leaves
# datagrams in the socket for the worker, each go lets new ones take the
# softirq path again.  None may overtake one that waited (nor on the way
# out, where tx_work and rcvdata take turns).
if command -v ngbench >/dev/null 2>&1; then
	FLOW=851672669
	ko=$(mknode ksocket)
	expect_ok "a relay: ko bound to 5105, its peer connected to 5106" sh -c \
		"$N mkpeer [$ko]: ksocket inet/dgram/udp inet/dgram/udp &&
		 $N name [$ko]: ko && $N name ko:inet/dgram/udp kp &&
		 $N msg ko: $BIND $(sa_in 127.0.0.1 5105) &&
		 $N msg kp: $CONNECT $(sa_in 127.0.0.1 5106)"
	$X timeout 30 ngbench udp-sink -l 127.0.0.1:5106 -t 4 -w 10 -v >order.out 2>&1 &
	spid=$!
	wait_bound 5106
	$X timeout 30 ngbench udp-source -d 127.0.0.1:5105 -s 64 -t 5 -v >/dev/null 2>&1 &
	i=0
	while [ $i -lt 20 ]; do
		$N msg ko: $FLOW:34 >/dev/null 2>&1
		sleep 0.05
		$N msg ko: $FLOW:35 >/dev/null 2>&1
		sleep 0.05
		i=$((i + 1))
	done
	wait $spid
	tap_diag "sink: $(cat order.out)"
	tap_diag "ko: rx $(ks_stat ko: rx packets) packets, $(ks_stat ko: rx direct) direct, $(ks_stat ko: rx stalls) stalls"
	pk=$(sed -n 's/^packets=\([0-9]*\) .*/\1/p' order.out)
	late=$(sed -n 's/.* reordered=\([0-9]*\).*/\1/p' order.out)
	ok "[ \"${pk:-0}\" -gt 0 ]" "datagrams crossed the relay (${pk:-none})"
	expect_eq "$late" 0 "  none overtook an earlier one"
	rx=$(ks_stat ko: rx packets) rd=$(ks_stat ko: rx direct)
	ok "[ \"${rd:-0}\" -gt 0 ] && [ \"${rd:-0}\" -lt \"${rx:-0}\" ]" \
		"  taken both in softirq and by the worker (${rd:-?} of ${rx:-?} direct)"
	$N shutdown ko:
	$N shutdown kp:
else
	skip "datagram order" "ngbench is not in the guest"
fi

phase "checksum"
# Datagrams that wait in the socket (the reader told to stop) are taken
# by the worker as the packets UDP queued: one with a wrong checksum
# never reaches the graph (UDP checks before the encapsulation hook,
# ng_ksock_udp_recv() again for what it takes), one without (0, IPv4)
# does.
FLOW=851672669
expect_ok "a ksocket kq bound to 5107, told to stop reading" sh -c \
	"$N mkpeer h: ksocket kq inet/dgram/udp && $N name h:kq kq &&
	 $N msg kq: $BIND $(sa_in 127.0.0.1 5107) && $N msg kq: $FLOW:34"
# udp_raw SUM PAYLOAD: a UDP datagram from port 5000 to 5107 with the
# checksum field SUM (4 hex digits), through a raw IP socket
udp_raw() {
	_len=$(printf '%04x' $((8 + ${#2})))
	printf "\\x13\\x88\\x13\\xf3\\x${_len%??}\\x${_len#??}\\x${1%??}\\x${1#??}%s" "$2" |
		$X socat -u - IP4-SENDTO:127.0.0.1:17
}
expect_ok "a good datagram" sh -c "echo -n good | $X socat -u - UDP4-SENDTO:127.0.0.1:5107"
expect_ok "one with a wrong checksum" udp_raw 0001 bad
expect_ok "one without a checksum" udp_raw 0000 nil
expect_eq "$(ks_stat kq: rx packets)" 0 "  all wait in the socket"
expect_ok "kq told to read again" $N msg kq: $FLOW:35
wait_for 10 sh -c "[ \"\$($N status kq: | awk '\$1 == \"rx:\" { print \$3 }')\" -ge 2 ]"
sleep 0.5
expect_eq "$(ks_stat kq: rx packets) $(ks_stat kq: rx direct)" "2 0" \
	"the worker took the good one and the one without a checksum, not the bad one"
$N shutdown kq:

$N shutdown h:
tap_done
