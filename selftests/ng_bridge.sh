#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The bridge node type as FreeBSD's jails use it (jng): one bridge, an
# eiface on each link, each interface in a namespace of its own.  ARP,
# ping and a byte-exact TCP transfer between them; the table the bridge
# learned and every message in ASCII with its reply and errors; a loop
# (a second bridge joined to the first twice) detected, muted and bounded;
# the bridge shut down under a flood; nobody's bridge in nobody's
# namespace; the module's unload.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase

require_module netgraph ng_bridge ng_eiface
require_cmd socat ping
ns_create ngb ngb0 ngb1 ngb2
N="$NGCTL -N ngb"
TAB=$(printf '\t')

# ---------------------------------------------------------------- bridge
phase "bridge"
expect_ok "an eiface" $N mkpeer eiface dummy ether
expect_ok "a bridge on its ether, by link0" $N mkpeer ngeth0: bridge ether link0
expect_ok "named br" $N name ngeth0:ether br
for i in 1 2; do
	expect_ok "eiface on link$i" $N mkpeer br: eiface link$i ether
done
expect_ok "show br" $N show br:
expect_match "$NG_OUT" "^  Name: br +Type: bridge +ID: [0-9a-f]{8} +Num hooks: 3$" "br: type bridge, 3 hooks"
brid=$(printf '%s\n' "$NG_OUT" | sed -n 's/.* ID: 0*\([0-9a-f]*\) .*/\1/p')
for i in 0 1 2; do
	expect_ok "ngeth$i moves to ngb$i" ip -n ngb link set ngeth$i netns ngb$i
	ip -n ngb$i addr add 10.6.0.$((i + 1))/24 dev ngeth$i
	ip -n ngb$i addr add fd06::$((i + 1))/64 dev ngeth$i nodad
	ip -n ngb$i link set ngeth$i up
done
expect_ok "ngb0 pings ngb1 through the bridge" ip netns exec ngb0 ping -c 2 -W 5 10.6.0.2
expect_ok "ngb0 pings ngb2" ip netns exec ngb0 ping -c 2 -W 5 10.6.0.3
expect_ok "ngb1 pings ngb2 over IPv6" ip netns exec ngb1 ping -c 2 -W 5 fd06::3
expect_ok "gettable" $N msg br: gettable
for i in 0 1 2; do
	expect_match "$NG_OUT" "\{ addr=$(mac_of ngb$i ngeth$i) hook=\"link$i\"( age=[0-9]+)?( staleness=[0-9]+)? \}" \
		"ngeth$i's address learned on link$i"
done
expect_match "$NG_OUT" "^Args:$TAB\{ numHosts=3 hosts=\[" "three hosts"

if [ "$NG_KIND" = debug ]; then KB=256; else KB=1024; fi
head -c $((KB * 1024)) /dev/urandom >data
ip netns exec ngb2 timeout 120 socat -u TCP4-LISTEN:5003,bind=10.6.0.3,reuseaddr OPEN:out,creat,trunc &
lpid=$!
ip netns exec ngb2 sh -c 'i=0; while [ $i -lt 300 ]; do
	grep -q ":138B 00000000:0000 0A" /proc/net/tcp && exit 0; i=$((i + 1)); sleep 0.2; done; exit 1'
ok $? "ngb2 listens on 10.6.0.3:5003"
expect_ok "${KB} KiB over TCP from ngb0 to ngb2" \
	ip netns exec ngb0 timeout 120 socat -u OPEN:data TCP4:10.6.0.3:5003
wait "$lpid"
expect_eq "$(md5sum <out)" "$(md5sum <data)" "byte-exact"
expect_ok "getstats 1" $N msg br: getstats 1
expect_match "$NG_OUT" "^Args:$TAB\{ recvOctets=[0-9]+ recvPackets=[0-9]+ recvMulticast=[0-9]+ .*xmitPackets=[0-9]+ " \
	"link1's counters, FreeBSD's names"
expect_ok "getstats 2" $N msg br: getstats 2
p=$(printf '%s\n' "$NG_OUT" | sed -n 's/.* recvPackets=\([0-9]*\) .*/\1/p')
[ "${p:-0}" -gt 10 ]
ok $? "link2 received the transfer's acknowledgements ($p frames)"
u=$(printf '%s\n' "$NG_OUT" | sed -n 's/.* recvUnknown=\([0-9]*\) .*/\1/p')
[ "${u:-0}" -lt 5 ]
ok $? "and almost none of them was to an unknown host (${u:-0}): the bridge learned"

# ---------------------------------------------------------------- messages
phase "messages"
expect_ok "getconfig" $N msg br: getconfig
expect_eq "$(printf '%s\n' "$NG_OUT" | sed -n 2p)" \
	"Args:$TAB{ debugLevel=1 loopTimeout=60 maxStaleness=900 minStableAge=1 }" "FreeBSD's defaults"
expect_ok "setconfig" $N msg br: setconfig '{ debugLevel=2 loopTimeout=30 maxStaleness=600 minStableAge=2 }'
expect_ok "getconfig" $N msg br: getconfig
expect_eq "$(printf '%s\n' "$NG_OUT" | sed -n 2p)" \
	"Args:$TAB{ debugLevel=2 loopTimeout=30 maxStaleness=600 minStableAge=2 }" "the new configuration"
expect_ok "movehost" $N msg br: movehost '{ addr=02:00:00:00:00:99 hook="link1" }'
expect_ok "gettable" $N msg br: gettable
expect_match "$NG_OUT" "\{ addr=02:00:00:00:00:99 hook=\"link1\"" "the moved host is on link1"
expect_fail_extack EINVAL "bridge: a host has a unicast address" "movehost of a multicast address" \
	$N msg br: movehost '{ addr=01:00:00:00:00:99 hook="link1" }'
expect_fail_extack ENOENT "bridge: no such link" "movehost to a missing hook" \
	$N msg br: movehost '{ addr=02:00:00:00:00:98 hook="link7" }'
# (kernels before 6.2 cannot format an extack message: a fixed text)
expect_fail_extack ENOTCONN "bridge: no hook link7|bridge: no such link" "getstats of a missing link" \
	$N msg br: getstats 7
expect_fail_extack ENOTCONN "bridge: no hook uplink1|bridge: no such link" "getstats -1: uplink1" \
	$N msg br: getstats -1
expect_ok "getclrstats 1" $N msg br: getclrstats 1
expect_ok "clrstats 2" $N msg br: clrstats 2
expect_ok "getstats 2" $N msg br: getstats 2
p=$(printf '%s\n' "$NG_OUT" | sed -n 's/.* recvPackets=\([0-9]*\) .*/\1/p')
[ "${p:-0}" -le 3 ]
ok $? "cleared: link2's counters start again from zero (${p:-0} frames since: the namespaces' own multicasts)"
expect_ok "reset" $N msg br: reset
expect_ok "gettable" $N msg br: gettable
! printf '%s\n' "$NG_OUT" | grep -q 02:00:00:00:00:99
ok $? "reset forgot the hosts (the namespaces' own traffic may bring theirs back)"
expect_fail_extack EINVAL "bridge: hooks are link<N> and uplink<N>" "hook link01 is refused" \
	$N mkpeer br: eiface link01 ether
expect_fail_extack EINVAL "bridge: hooks are link<N> and uplink<N>" "hook uplink0 is refused" \
	$N mkpeer br: eiface uplink0 ether
expect_fail_extack ELOOP "bridge: a link cannot lead back to the bridge itself" \
	"a link from the bridge to itself is refused" $N connect br: br: link8 link9
expect_fail_errno EINVAL "an unknown command" $N msg br: 1569321993:99

# ---------------------------------------------------------------- loop
# A second bridge joined to br by link3 and link4: every broadcast comes
# back.  A host seen on two links too fast mutes the later link (which
# one depends on the order the copies come back in: FreeBSD's algorithm
# may mute the host's own link), and the storm stops (the graph bounds a
# packet's hops and copies anyway).
phase "loop"
# stat LINK FIELD: a counter of br's link (ASCII omits the zero ones)
stat() {
	_v=$($N msg br: getstats "$1" 2>/dev/null | sed -n "s/.* $2=\([0-9]*\).*/\1/p")
	echo "${_v:-0}"
}
expect_ok "a second bridge on br's link3" $N mkpeer br: bridge link3 link0
expect_ok "named br2" $N name br:link3 br2
expect_ok "joined again: br link4 to br2 link1, a loop" $N connect br: br2: link4 link1
dmesg -C 2>/dev/null
ip -n ngb0 neigh flush dev ngeth0
ip netns exec ngb0 ping -c 3 -i 0.3 -W 1 10.6.0.2 >/dev/null 2>&1
d=0
for l in 0 3 4; do
	d=$((d + $(stat $l loopDetects)))
done
[ "$d" -ge 1 ]
ok $? "br detected the loop ($d detections)"
expect_match "$(dmesg)" "\[$brid\]: loopback detected on link[034]" "debugLevel 2 logs it, with br's ID"
counts() {
	echo "$(stat 3 recvPackets) $(stat 3 loopDrops) $(stat 4 recvPackets) $(stat 4 loopDrops)"
}
quiet=1
for i in 1 2 3 4 5; do
	t1=$(counts)
	sleep 1
	[ "$(counts)" = "$t1" ] && quiet=0 && break
done
ok $quiet "the storm is over: a second passes with nothing coming back on link3 and link4"
expect_ok "shutdown br2: the loop is gone" $N shutdown br2:
expect_ok "reset br: links unmuted" $N msg br: reset
expect_ok "ngb0 pings ngb1 again" ip netns exec ngb0 ping -c 2 -W 5 10.6.0.2

# ---------------------------------------------------------------- teardown
phase "teardown"
tx=$(dev_stat ngb0 ngeth0 tx_packets)
ip netns exec ngb0 ping -A -w 5 10.6.0.3 >/dev/null 2>&1 &
fpid=$!
wait_for 10 dev_stat_above ngb0 ngeth0 tx_packets $((tx + 10))
ok $? "the flood is on its way"
expect_ok "shutdown br under a ping flood" $N shutdown br:
wait "$fpid"
wait_for 10 sh -c "[ \"\$(ip netns exec ngb0 cat /sys/class/net/ngeth0/carrier)\" = 0 ]"
ok $? "ngeth0 lost its carrier with the bridge"
expect_fail "br is gone" $N show br:

# ---------------------------------------------------------------- unprivileged
phase "unprivileged"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's bridge lives in nobody's namespace" "unprivileged user namespaces are disabled here"
else
	expect_ok "nobody, admin of a namespace of its own, bridges two eifaces" \
		$UNOBODY unshare -Urn sh -c "$NGCTL mkpeer eiface d ether &&
			$NGCTL mkpeer ngeth0: bridge ether link0 &&
			$NGCTL mkpeer ngeth0:ether eiface link1 ether &&
			$NGCTL msg ngeth0:ether movehost '{ addr=02:00:00:00:00:01 hook=\"link1\" }' &&
			$NGCTL msg ngeth0:ether gettable | grep -q 'numHosts=1'"
fi

# ---------------------------------------------------------------- unload
phase "unload"
expect_ok "one more bridge" $N mkpeer ngeth1: bridge ether link0
expect_fail "rmmod ng_bridge with a node left is refused" rmmod ng_bridge
expect_ok "shutdown it" $N shutdown ngeth1:ether
wait_for 30 sh -c '[ "$(cat /sys/module/ng_bridge/refcnt)" = 0 ]'
expect_ok "rmmod ng_bridge once no bridge is left" rmmod ng_bridge
expect_ok "modprobe ng_bridge again" modprobe ng_bridge
