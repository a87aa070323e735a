#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ksocket node type, part 2: two ksocket nodes relaying UDP and TCP
# (a large TCP transfer checked byte for byte), and teardown with traffic
# in flight (shutdown, netns deletion, rmmod).
#
# Messages are sent in binary (ngctl-nl msg PATH COOKIE:CMD bytes...):
# socket addresses in the Linux struct sockaddr layout, host byte order
# for the integers.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_echo ng_hub ng_hole
require_cmd socat
ns_create ngks
N="$NGCTL -N ngks"
X="ip netns exec ngks"
. "$(dirname "$0")/ksocket-helpers.sh"

expect_ok "hub to hang sockets on" $N mkpeer hub x y
expect_ok "name it h" $N name '[1]:' h
expect_ok "make it persistent" $N msg h: 1082189597:1

# ---------------------------------------------------------------- relays
phase "relays"
# UDP: client -> ka (bound 5030) -> kb (connected to 5031) -> socat
ka=$(mknode ksocket)
expect_ne "$ka" "" "standalone ksocket node"
expect_ok "two ksocket nodes hook to hook" $N mkpeer "[$ka]:" ksocket inet/dgram/udp inet/dgram/udp
$N name "[$ka]:" ka
$N name "ka:inet/dgram/udp" kb
expect_ok "ka: bind 5030" $N msg ka: $BIND $(sa_in 127.0.0.1 5030)
expect_ok "kb: connect 5031" $N msg kb: $CONNECT $(sa_in 127.0.0.1 5031)
$X sh -c "timeout 5 socat -u UDP4-RECV:5031 - | head -c 9" >relay.out &
rpid=$!
wait_udp 5031
$X sh -c "echo relayed | socat -u - UDP4-SENDTO:127.0.0.1:5030"
wait $rpid
expect_eq "$(cat relay.out)" "relayed" "UDP relayed through two ksocket nodes"
# no worker sent it (ng_ksocket_udp.sh checks the receiving side)
expect_eq "$(ks_stat kb: tx direct)" 1 "kb handed the packet to IP itself (tx direct)"
$N shutdown ka:
wait_for 5 sh -c "! $N list | grep -q 'Type: ksocket'"
expect_eq "$($N list | grep -c 'Type: ksocket')" 0 "both relay nodes gone after shutting one down"

phase "tcp relay"
# TCP: client -> listener clone -> kb (connected to the server), byte-exact
dd if=/dev/urandom of=big bs=1M count=$BIGMB 2>/dev/null
want=$(md5sum <big | cut -d' ' -f1)
expect_ok "tcp relay: listener" $N mkpeer h: ksocket rl inet/stream/tcp
$N name h:rl rl
$N msg rl: $BIND $(sa_in 127.0.0.1 5040) >/dev/null
$N msg rl: $LISTEN $(le32 4) >/dev/null
$X sh -c "timeout 200 socat -u TCP4-LISTEN:5041,reuseaddr - | md5sum | cut -d' ' -f1" >relay.md5 &
spid=$!
wait_listen 5041
$X sh -c "timeout 200 socat -u OPEN:big TCP4:127.0.0.1:5040" &
cpid=$!
id=$(accept_one rl)
expect_ne "$id" "" "tcp relay: accepted the client"
expect_ok "tcp relay: clone -> new ksocket" $N mkpeer "[$id]:" ksocket x inet/stream/tcp
$N name "[$id]:x" rb
$N msg rb: $CONNECT $(sa_in 127.0.0.1 5041) >/dev/null 2>&1
start=$(date +%s)
wait $cpid
wait $spid
secs=$(($(date +%s) - start))
expect_eq "$(cat relay.md5)" "$want" "tcp relay: $BIGMB MB arrive byte-exact (${secs}s)"
tap_diag "relay status (clone):"
tap_diag "$($N status "[$id]:" 2>&1)"
tap_diag "$($N status rb: 2>&1)"
$N shutdown rb:

phase "flow control"
# FreeBSD's flow messages between the two: a sink that reads nothing for
# a while behind small socket buffers fills rb's queue, rb tells the clone
# (NGM_HIGH_WATER_PASSED), the clone stops reading; then all arrives.
$X sh -c "timeout 200 socat -u TCP4-LISTEN:5043,reuseaddr,rcvbuf=4096 - | { sleep 5; md5sum | cut -d' ' -f1; }" >flow.md5 &
spid=$!
wait_listen 5043
$X sh -c "timeout 200 socat -u OPEN:big TCP4:127.0.0.1:5040" &
cpid=$!
id=$(accept_one rl)
expect_ne "$id" "" "flow: accepted the client"
expect_ok "flow: clone -> new ksocket" $N mkpeer "[$id]:" ksocket x inet/stream/tcp
$N name "[$id]:x" rf
expect_ok "flow: SO_SNDBUF 4096 on the sending side" $N msg rf: $SETOPT $(le32 1) $(le32 7) $(le32 4096)
$N msg rf: $CONNECT $(sa_in 127.0.0.1 5043) >/dev/null 2>&1
stalled() { [ "$(ks_stat "[$id]:" rx stalls)" -ge 1 ] 2>/dev/null; }
wait_for 60 stalled
ok $? "flow: the clone stopped reading when told (rx stalls $(ks_stat "[$id]:" rx stalls))"
wait $cpid
wait $spid
expect_eq "$(cat flow.md5)" "$want" "flow: $BIGMB MB arrive byte-exact"
expect_eq "$(ks_stat rf: tx queue-full)" 0 "flow: nothing was refused by the full queue"
$N shutdown rf:
$N shutdown rl:

# Any node may stop a ksocket reading: here the user, by message.
FLOW=851672669
expect_ok "a TCP ksocket on the hub (its data goes nowhere)" $N mkpeer h: ksocket fh inet/stream/tcp
$N name h:fh fh
expect_ok "  told NGM_HIGH_WATER_PASSED" $N msg fh: $FLOW:34
$X sh -c "timeout 60 socat -u OPEN:big TCP4-LISTEN:5047,reuseaddr" &
spid=$!
wait_listen 5047
$N msg fh: $CONNECT $(sa_in 127.0.0.1 5047) >/dev/null 2>&1
fh_stalled() { [ "$(ks_stat fh: rx stalls)" -ge 1 ] 2>/dev/null; }
wait_for 30 fh_stalled
ok $? "  it does not read (rx stalls $(ks_stat fh: rx stalls))"
expect_eq "$(ks_stat fh: rx packets)" 0 "  nothing went out of its hook"
expect_ok "  told NGM_LOW_WATER_PASSED" $N msg fh: $FLOW:35
fh_all() { [ "$(ks_stat fh: rx octets)" -ge $((BIGMB << 20)) ] 2>/dev/null; }
wait_for 60 fh_all
ok $? "  then it reads all $BIGMB MB ($(ks_stat fh: rx octets) bytes)"
kill $spid 2>/dev/null
wait $spid 2>/dev/null
$N shutdown fh:
rm -f big

# ---------------------------------------------------------------- teardown
phase "teardown"
# traffic in flight: an echo loop flooded by socat, then shutdown / netns del / rmmod
# flood PORT [NETNS]: background UDP senders in a process group of their
# own, which flood_stop ends once the flood has served (waiting for it to
# drain took over 100 s on the debug kernel)
flood() {
	ip netns exec "${2:-ngks}" setsid sh -c "dd if=/dev/zero bs=1k count=$FLOODK 2>/dev/null |
		timeout 30 socat -u -b1000 - UDP4-SENDTO:127.0.0.1:$1" >/dev/null 2>&1 &
	flood_pid=$!
}
flood_stop() {
	kill -- "-$flood_pid" 2>/dev/null
	wait "$flood_pid" 2>/dev/null
}
# flowing PATH: the ksocket node PATH has received datagrams (a flood is on)
flowing() {
	wait_for 20 sh -c "$N status $1 2>&1 | grep -q 'rx: packets [1-9]'" ||
		tap_diag "$1: no datagram arrived within 20 s"
}
# a TCP relay shut down in the middle of a transfer
$N mkpeer h: ksocket ml inet/stream/tcp
$N name h:ml ml
$N msg ml: $BIND $(sa_in 127.0.0.1 5045) >/dev/null
$N msg ml: $LISTEN $(le32 4) >/dev/null
$X sh -c "timeout 120 socat -u TCP4-LISTEN:5046,reuseaddr /dev/null" &
wait_listen 5046
$X sh -c "timeout 120 socat -u /dev/zero TCP4:127.0.0.1:5045" >/dev/null 2>&1 &
id=$(accept_one ml)
$N mkpeer "[$id]:" ksocket x inet/stream/tcp
$N name "[$id]:x" mb
$N msg mb: $CONNECT $(sa_in 127.0.0.1 5046) >/dev/null 2>&1
wait_for 20 sh -c "$N status mb: 2>&1 | grep -q 'tx: packets [1-9]'"
expect_match "$($N status mb: 2>&1)" "tx: packets [1-9]" "mid-transfer: data is flowing"
expect_ok "mid-transfer: shut the relay down" $N shutdown mb:
expect_fail "mid-transfer: the clone died with its hook" $N show "[$id]:"
$N shutdown ml:
wait
phase "floods"

$N mkpeer h: echo fe x
$N mkpeer h:fe ksocket y inet/dgram/udp
$N name h:fe.y fl
$N msg fl: $BIND $(sa_in 127.0.0.1 5050) >/dev/null
flood 5050
flowing fl:
expect_ok "shutdown during a flood" $N shutdown fl:
flood_stop

ns_create ngks2
ns_exec ngks2 $NGCTL mkpeer hub x y
ns_exec ngks2 $NGCTL name '[1]:' h2
ns_exec ngks2 $NGCTL mkpeer h2: echo e x
ns_exec ngks2 $NGCTL mkpeer h2:e ksocket y inet/dgram/udp
ns_exec ngks2 $NGCTL msg h2:e.y $BIND $(sa_in 127.0.0.1 5060) >/dev/null
flood 5060 ngks2
wait_for 20 sh -c "$NGCTL -N ngks2 status h2:e.y 2>&1 | grep -q 'rx: packets [1-9]'" ||
	tap_diag "ngks2: no datagram arrived within 20 s"
ip netns del ngks2
flood_stop
wait_for 20 sh -c "[ \"\$(awk '\$1 == \"ng_ksocket\" {print \$3}' /proc/modules)\" = 0 ]" || true
expect_eq "$(awk '$1 == "ng_ksocket" {print $3}' /proc/modules)" 0 \
	"netns deleted during a flood: its ksocket nodes are gone"

$N mkpeer h: echo fr x
$N mkpeer h:fr ksocket y inet/dgram/udp
$N name h:fr.y fr
$N msg fr: $BIND $(sa_in 127.0.0.1 5070) >/dev/null
flood 5070
flowing fr:
expect_fail "rmmod ng_ksocket while a node exists is refused" rmmod ng_ksocket
phase "rmmod refused"
$N shutdown fr:
phase "fr shut down"
flood_stop
phase "floods over"
$N shutdown h:
expect_ok "rmmod ng_ksocket once its nodes are gone" rmmod ng_ksocket
tap_done
