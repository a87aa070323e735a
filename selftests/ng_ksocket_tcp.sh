#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ksocket node type over TCP and AF_UNIX streams: accept into cloned
# nodes with several clients at once (IPv4, IPv6, AF_UNIX stream and
# seqpacket), a late accept and an embryonic clone dying with its
# listener, an asynchronous connect with EINPROGRESS, data and EOF
# towards a socat server, and a refused connect.  Messages in binary, as
# in ng_ksocket.sh.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_echo ng_hub ng_hole
require_cmd socat
ns_inside ngkstcp
N=$NGCTL
X=
. "$(dirname "$0")/ksocket-helpers.sh"
cd "$(mktemp -d)" || exit 1

expect_ok "hub to hang sockets on" $N mkpeer hub x y
expect_ok "name it h" $N name '[1]:' h
expect_ok "make it persistent" $N msg h: 1082189597:1

# ---------------------------------------------------------------- TCP accept
phase "TCP accept"
# Accept one connection: clients connect first, accept then replies at once.
tcp_accept_n() {	# tcp_accept_n DESC HOOK SOCKADDR SOCAT-ADDR N
	$N mkpeer h: ksocket ls_$1 "$2" || { fail "$1: mkpeer"; return; }
	$N name h:ls_$1 ls_$1
	expect_ok "$1: bind" $N msg ls_$1: $BIND $3
	expect_ok "$1: listen" $N msg ls_$1: $LISTEN $(le32 8)
	# each client sends its line and keeps the connection until the line
	# is back (at most HOLD s), then its EOF ends it
	i=1
	while [ $i -le $5 ]; do
		$X sh -c "(echo client-$i; w=0; while [ \$w -lt $((HOLD * 5)) ]; do
			read -r l <tc$i; [ \"\$l\" = client-$i ] && break; sleep 0.2; w=\$((w + 1)); done) |
			socat -t$((HOLD + 2)) - '$4'" >tc$i 2>&1 &
		i=$((i + 1))
	done
	got=0 i=1 ids=
	while [ $i -le $5 ]; do
		id=$(accept_one ls_$1)
		if [ -n "$id" ]; then
			$N mkpeer "[$id]:" echo x y && got=$((got + 1))
			ids="$ids $id"
		fi
		i=$((i + 1))
	done
	expect_eq "$got" "$5" "$1: accepted $5 connections into cloned nodes"
	wait
	i=1 replies=0
	while [ $i -le $5 ]; do
		[ "$(cat tc$i)" = "client-$i" ] && replies=$((replies + 1))
		i=$((i + 1))
	done
	expect_eq "$replies" "$5" "$1: every client got its own line back through its clone and an echo"
	$N shutdown ls_$1:
	for id in $ids; do $N shutdown "[$id]:"; done
}
tcp_accept_n tcp4 inet/stream/tcp "$(sa_in 127.0.0.1 5010)" TCP4:127.0.0.1:5010 3
tcp_accept_n tcp6 inet6/stream/tcp "$(sa_in6_lo 5011)" 'TCP6:[::1]:5011' 2
# (abstract names: outside the initial namespace there are no path names)
tcp_accept_n unixs local/stream/0 "$(sa_un_abs kss)" ABSTRACT-CONNECT:kss 2
tcp_accept_n unixq local/seqpacket/0 "$(sa_un_abs ksq)" ABSTRACT-CONNECT:ksq,socktype=5 2

# an accept with no connection pending replies late; the clone dies with
# its listener while it is embryonic
expect_ok "embryo: listener" $N mkpeer h: ksocket emb inet/stream/tcp
$N name h:emb emb
$N msg emb: $BIND $(sa_in 127.0.0.1 5012) >/dev/null
$N msg emb: $LISTEN $(le32 4) >/dev/null
expect_ok "accept with nothing pending returns at once" $N msg emb: $ACCEPT
expect_fail_errno EALREADY "a second accept while one waits" $N msg emb: $ACCEPT
$X socat -t1 /dev/null TCP4:127.0.0.1:5012 >/dev/null 2>&1
wait_for 5 sh -c "$N list | grep -c 'Type: ksocket' | grep -qx 2"
expect_eq "$($N list | grep -c 'Type: ksocket')" 2 "the late accept made a cloned node"
$N shutdown emb:
wait_for 5 sh -c "! $N list | grep -q 'Type: ksocket'"
expect_eq "$($N list | grep -c 'Type: ksocket')" 0 "the embryonic clone died with its listener"

# ---------------------------------------------------------------- TCP connect
phase "TCP connect"
expect_ok "tcp client node" $N mkpeer h: ksocket tc inet/stream/tcp
$N name h:tc tc
# (a bound, not a wait: the server ends at the EOF the test sends)
$X sh -c "timeout $((HOLD * 10 + 20)) socat -u TCP4-LISTEN:5020,reuseaddr OPEN:srv.out,creat" &
spid=$!
wait_listen 5020
expect_fail_errno EINPROGRESS "connect returns EINPROGRESS" $N msg tc: $CONNECT $(sa_in 127.0.0.1 5020)
wait_for 5 $N msg tc: $GETPEERNAME
expect_ok "getpeername once connected" $N msg tc: $GETPEERNAME
expect_eq "$(reply_hex "$NG_OUT")" "$(hexof $(sa_in 127.0.0.1 5020))" "peer is 127.0.0.1:5020"
expect_ok "inject data towards the socket" $N inject tc: inet/stream/tcp '"hello-tcp"'
expect_ok "inject EOF (a zero-length packet shuts the sending side)" $N inject tc: inet/stream/tcp
wait $spid
expect_eq "$(tr -d '\0' <srv.out)" "hello-tcp" "the server got the data, then EOF"
$N shutdown tc:
expect_ok "connect to a closed port" $N mkpeer h: ksocket tr inet/stream/tcp
$N name h:tr tr
expect_fail_errno EINPROGRESS "connect (refused later)" $N msg tr: $CONNECT $(sa_in 127.0.0.1 5021)
wait_for 10 sh -c "! $N status tr: | grep -q connecting"
ok $? "the connect ends (refused)"
expect_fail_errno ENOTCONN "no peer after a refused connect" $N msg tr: $GETPEERNAME
$N shutdown tr:

phase "stream overflow"
# A stream whose queue overflows (data pushed in faster than the peer
# reads, by no neighbour that stops when told) is not sent on with a
# hole in it: the connection is reset and the node goes.
# est5022: the established connections to or from port 5022 (the
# listener is 0A); none5022: there are none
est5022() {
	$X cat /proc/net/tcp | awk '$4 == "01" && ($2 ~ /:139E$/ || $3 ~ /:139E$/)' | wc -l
}
none5022() { [ "$(est5022)" -eq 0 ]; }
expect_ok "tcp node to a server that reads nothing" $N mkpeer h: ksocket to inet/stream/tcp
$N name h:to to
$X sh -c "timeout 60 socat -u TCP4-LISTEN:5022,reuseaddr,rcvbuf=4096 SYSTEM:'sleep 50'" >/dev/null 2>&1 &
spid=$!
wait_listen 5022
expect_ok "  its send buffer 4 KiB (SO_SNDBUF)" $N msg to: $SETOPT $(le32 1) $(le32 7) $(le32 4096)
$N msg to: $CONNECT $(sa_in 127.0.0.1 5022) >/dev/null 2>&1
wait_for 5 $N msg to: $GETPEERNAME
expect_eq "$(est5022 | tr -d ' ')" 2 "  connected (both ends established)"
head -c 1000 /dev/zero >chunk
i=0
while [ $i -lt 700 ]; do echo "inject to: inet/stream/tcp -f chunk"; i=$((i + 1)); done >flood.ngctl
$N -f flood.ngctl >/dev/null 2>&1
wait_for 10 sh -c "! $N show to: >/dev/null 2>&1"
ok $? "700 packets for a queue of 512: the node went"
wait_for 10 none5022
expect_eq "$(est5022 | tr -d ' ')" 0 "  and the connection was reset (none established)"
kill $spid 2>/dev/null
wait $spid 2>/dev/null

$N shutdown h:
tap_done
