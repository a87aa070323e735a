#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ether node type: a node for each Ethernet interface, named after it,
# renamed and gone with it; every message with its reply and errors;
# FreeBSD's share/examples/netgraph/ether.bridge run as written (two veths
# and the local host on one bridge) with ping and byte-exact TCP both
# through the wire side (lower) and the host side (upper); orphans; the
# link state reaching a neighbour; the receive handler a Linux bridge
# holds; deletion of an attached device and of its namespace under
# traffic; nobody's interfaces in nobody's namespace; the module's unload.
#
# Namespaces: nge holds ve0 and vx0 and their nodes (FreeBSD's host);
# ngeb holds ve1 (ve0's peer, 10.9.0.2), ngec vx1 (vx0's peer, 10.9.0.3).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase

require_module netgraph ng_ether ng_bridge ng_eiface
require_cmd socat ping
ns_create nge ngeb ngec
N="$NGCTL -N nge"
TAB=$(printf '\t')

# node_id NODE: its ID as ngctl prints it, or nothing
node_id() {
	$N show "$1" 2>/dev/null | sed -n 's/.* ID: \([0-9a-f]*\) .*/\1/p'
}
for ns in nge ngeb ngec; do
	ip netns exec $ns sysctl -qw net.ipv6.conf.all.disable_ipv6=1 \
		net.ipv6.conf.default.disable_ipv6=1
done

# ---------------------------------------------------------------- nodes
phase "nodes"
expect_ok "a veth pair ve0/ve1" ip -n nge link add ve0 type veth peer name ve1 netns ngeb
expect_ok "a veth pair vx0/vx1" ip -n nge link add vx0 type veth peer name vx1 netns ngec
wait_for 10 $N show ve0:
ok $? "ve0 has its node"
expect_ok "show ve0:" $N show ve0:
expect_match "$NG_OUT" "^  Name: ve0 +Type: ether +ID: [0-9a-f]+ +Num hooks: 0$" \
	"named after it, type ether, no hooks"
wait_for 10 $N show vx0:
ok $? "vx0 has its node"
expect_fail "ve1 has its node in its own namespace, not here" $N show ve1:
expect_ok "... there" $NGCTL -N ngeb show ve1:
expect_fail "lo has none" $N show lo:
expect_fail_errno EINVAL "mkpeer ether is refused (FreeBSD: EINVAL)" $N mkpeer ether x y
expect_ok "getifname" $N msg ve0: getifname
expect_match "$NG_OUT" "^Args:$TAB\"ve0\"$" "getifname answers \"ve0\""
expect_ok "getifindex" $N msg ve0: getifindex
expect_match "$NG_OUT" "^Args:$TAB$(ip netns exec nge cat /sys/class/net/ve0/ifindex)$" \
	"getifindex answers its index"
expect_ok "getenaddr" $N msg ve0: getenaddr
expect_match "$NG_OUT" "^Args:$TAB$(mac_of nge ve0)$" "getenaddr answers its address"
expect_ok "ip link add ve.5 (a VLAN device)" ip -n nge link add link ve0 name ve.5 type vlan id 5
wait_for 10 $N show ve_5:
ok $? "its node is named ve_5 (FreeBSD's names: '.' and ':' become '_')"
id=$(node_id ve_5:)
expect_ok "rename ve.5 to vv5" ip -n nge link set ve.5 name vv5
wait_for 10 $N show vv5:
ok $? "the node follows the rename"
expect_eq "$(node_id vv5:)" "$id" "the same node (ID $id)"
expect_ok "ip link del vv5" ip -n nge link del vv5
wait_for 10 sh -c "! $N show '[$id]:' >/dev/null 2>&1"
ok $? "its node went with it"

# ---------------------------------------------------------------- messages
phase "messages"
expect_ok "getpromisc" $N msg ve0: getpromisc
expect_match "$NG_OUT" "^Args:${TAB}0$" "not promiscuous"
expect_ok "setpromisc 1" $N msg ve0: setpromisc 1
expect_match "$(ip -n nge -d link show ve0)" " promiscuity 1 " "ve0 is promiscuous"
expect_ok "getpromisc" $N msg ve0: getpromisc
expect_match "$NG_OUT" "^Args:${TAB}1$" "getpromisc answers 1"
expect_ok "setpromisc 1 again" $N msg ve0: setpromisc 1
expect_match "$(ip -n nge -d link show ve0)" " promiscuity 1 " "counted once"
expect_ok "setpromisc 0" $N msg ve0: setpromisc 0
expect_match "$(ip -n nge -d link show ve0)" " promiscuity 0 " "ve0 is not promiscuous any more"
expect_ok "getautosrc" $N msg ve0: getautosrc
expect_match "$NG_OUT" "^Args:${TAB}1$" "autosrc is on (FreeBSD's default)"
expect_ok "setautosrc 0" $N msg ve0: setautosrc 0
expect_ok "getautosrc" $N msg ve0: getautosrc
expect_match "$NG_OUT" "^Args:${TAB}0$" "autosrc is off"
expect_ok "setautosrc 1" $N msg ve0: setautosrc 1
mac0=$(mac_of nge ve0)
expect_ok "setenaddr" $N msg ve0: setenaddr 02:00:00:09:00:01
expect_eq "$(mac_of nge ve0)" "02:00:00:09:00:01" "ve0 has the new address"
expect_ok "getenaddr" $N msg ve0: getenaddr
expect_match "$NG_OUT" "^Args:${TAB}02:00:00:09:00:01$" "getenaddr answers it"
expect_fail_errno EADDRNOTAVAIL "setenaddr of a multicast address" $N msg ve0: setenaddr 01:00:00:09:00:01
expect_ok "setenaddr back" $N msg ve0: setenaddr "$mac0"
expect_ok "addmulti" $N msg ve0: addmulti 01:00:5e:01:02:03
expect_match "$(ip -n nge maddr show dev ve0)" "link +01:00:5e:01:02:03" "ve0 listens to it"
expect_ok "addmulti again (added once)" $N msg ve0: addmulti 01:00:5e:01:02:03
expect_fail_extack EINVAL "ether: not a multicast address" "addmulti of a unicast address" \
	$N msg ve0: addmulti 02:00:5e:01:02:03
expect_fail_extack ENOENT "ether: the node did not add that address" "delmulti of another" \
	$N msg ve0: delmulti 01:00:5e:01:02:04
expect_ok "delmulti" $N msg ve0: delmulti 01:00:5e:01:02:03
! ip -n nge maddr show dev ve0 | grep -q 01:00:5e:01:02:03
ok $? "ve0 does not listen to it any more"
expect_fail_extack EINVAL "ether: hooks are lower, upper, divert and orphans" "hook foo is refused" \
	$N mkpeer ve0: hole foo x
expect_fail_errno EINVAL "an unknown command" $N msg ve0: 917786906:99
expect_ok "setpromisc 1 and addmulti, then shutdown" sh -c \
	"$N msg ve0: setpromisc 1 && $N msg ve0: addmulti 01:00:5e:01:02:05 && $N mkpeer ve0: hole upper x"
id=$(node_id ve0:)
expect_ok "shutdown ve0: (FreeBSD: resets the node, which stays)" $N shutdown ve0:
expect_ok "ve0: is still there" $N show ve0:
expect_match "$NG_OUT" "Num hooks: 0" "without its hooks"
expect_eq "$(node_id ve0:)" "$id" "the same node"
expect_match "$(ip -n nge -d link show ve0)" " promiscuity 0 " "and not promiscuous"
expect_ok "delmulti after the reset" $N msg ve0: delmulti 01:00:5e:01:02:05
expect_ok "setpromisc 1 and setautosrc 0, no hook, then shutdown" sh -c \
	"$N msg ve0: setpromisc 1 && $N msg ve0: setautosrc 0 && $N shutdown ve0:"
expect_match "$(ip -n nge -d link show ve0)" " promiscuity 0 " "reset without hooks too: not promiscuous"
expect_ok "getautosrc" $N msg ve0: getautosrc
expect_match "$NG_OUT" "^Args:${TAB}1$" "autosrc on again"

# ---------------------------------------------------------------- ether.bridge
# FreeBSD's share/examples/netgraph/ether.bridge, bridge_start, as written
# (ifconfig up becomes ip link set up): BRIDGE_IFACES="ve0 vx0",
# LOCAL_IFACES="ve0".
phase "ether.bridge"
ip -n nge addr add 10.9.0.1/24 dev ve0
ip -n ngeb addr add 10.9.0.2/24 dev ve1
ip -n ngec addr add 10.9.0.3/24 dev vx1
ip -n ngeb link set ve1 up
ip -n ngec link set vx1 up
bridge_start() {
	for ETHER in ve0 vx0; do
		$N kill ${ETHER}: >/dev/null 2>&1
	done
	for ETHER in ve0 vx0 ve0; do
		$N info ${ETHER}: >/dev/null 2>&1 || return 1
		ip -n nge link set ${ETHER} up || return 1
	done
	$N mkpeer ve0: bridge lower link0 || return 1
	$N name ve0:lower br || return 1
	$N connect vx0: br: lower link1 || return 1
	$N connect ve0: br: upper link2 || return 1
	for ETHER in ve0 vx0; do
		$N msg ${ETHER}: setpromisc 1 || return 1
		$N msg ${ETHER}: setautosrc 0 || return 1
	done
}
expect_ok "bridge_start" bridge_start
expect_ok "ngeb pings ngec through the bridge (ve0 lower, vx0 lower)" \
	ip netns exec ngeb ping -c 2 -W 5 10.9.0.3
expect_ok "the host pings ngeb (ve0 upper, ve0 lower)" ip netns exec nge ping -c 2 -W 5 10.9.0.2
expect_ok "the host pings ngec (ve0 upper, vx0 lower)" ip netns exec nge ping -c 2 -W 5 10.9.0.3
expect_ok "gettable" $N msg br: gettable
expect_match "$NG_OUT" "\{ addr=$(mac_of ngeb ve1) hook=\"link0\"" "ve1's address learned on link0"
expect_match "$NG_OUT" "\{ addr=$(mac_of ngec vx1) hook=\"link1\"" "vx1's address learned on link1"
expect_match "$NG_OUT" "\{ addr=$(mac_of nge ve0) hook=\"link2\"" "the host's on link2 (upper)"

if [ "$NG_KIND" = debug ]; then KB=128; else KB=2048; fi
head -c $((KB * 1024)) /dev/urandom >data
# tcp_to NS-FROM NS-TO ADDR PORT: $KB KiB, byte-exact
tcp_to() {
	ip netns exec "$2" timeout 120 socat -u TCP4-LISTEN:$4,bind=$3,reuseaddr OPEN:out,creat,trunc &
	_l=$!
	_hex=$(printf '%04X' "$4")
	ip netns exec "$2" sh -c "i=0; while [ \$i -lt 300 ]; do
		grep -q \":$_hex 00000000:0000 0A\" /proc/net/tcp && exit 0; i=\$((i + 1)); sleep 0.2; done; exit 1"
	ip netns exec "$1" timeout 120 socat -u OPEN:data TCP4:$3:$4
	_rc=$?
	wait "$_l"
	[ $_rc = 0 ] && [ "$(md5sum <out)" = "$(md5sum <data)" ]
}
expect_ok "${KB} KiB over TCP from the host to ngec, byte-exact (GSO from the host, segmented)" \
	tcp_to nge ngec 10.9.0.3 5001
expect_ok "${KB} KiB over TCP from ngeb to ngec, byte-exact (veth's GSO frames, segmented)" \
	tcp_to ngeb ngec 10.9.0.3 5002
if [ "$NG_KIND" != debug ]; then	# (the debug kernel: the two above)
	expect_ok "${KB} KiB over TCP from ngec to the host, byte-exact (into the host by upper)" \
		tcp_to ngec nge 10.9.0.1 5003
fi
expect_ok "getstats 1" $N msg br: getstats 1
p=$(printf '%s\n' "$NG_OUT" | sed -n 's/.* xmitPackets=\([0-9]*\) .*/\1/p')
[ "${p:-0}" -gt $((KB * 2 / 3)) ]
ok $? "the transfers to ngec crossed link1 as frames ($p, at most 1514 bytes each)"

# ---------------------------------------------------------------- rx_handler
phase "receive handler"
expect_ok "a veth pair vy0/vy1" ip -n nge link add vy0 type veth peer name vy1
expect_ok "a Linux bridge takes vy0" sh -c \
	"ip -n nge link add lbr type bridge && ip -n nge link set vy0 master lbr"
wait_for 10 $N show vy0:
ok $? "vy0 has its node"
expect_fail_extack EBUSY "ether: (vy0's|the interface's) receive handler is taken" \
	"its lower cannot be connected while the Linux bridge holds the device" $N mkpeer vy0: hole lower x
expect_ok "its upper can (no receive handler)" $N mkpeer vy0: hole upper x
expect_ok "vy0 leaves the Linux bridge" ip -n nge link set vy0 nomaster
expect_ok "now lower connects" $N mkpeer vy0: hole lower x
expect_ok "rename vy0, attached, to vy9" ip -n nge link set vy0 name vy9
wait_for 10 $N show vy9:
ok $? "the node follows the rename"
expect_ok "show vy9:" $N show vy9:
expect_match "$NG_OUT" "^  lower +<unnamed> +hole " "with its hook lower"
expect_ok "and back" ip -n nge link set vy9 name vy0
wait_for 10 $N show vy0:
ok $? "the node follows"
expect_fail "and the Linux bridge cannot take vy0 back" ip -n nge link set vy0 master lbr
expect_ok "shutdown vy0: (hooks go, the node stays)" $N shutdown vy0:
expect_ok "the Linux bridge takes it again" ip -n nge link set vy0 master lbr

# ---------------------------------------------------------------- orphans
# ngeb sends frames of an unknown EtherType (0x88b5) to ve0 and IPv4 to
# the host; vx0's node takes ve0's orphans to the wire towards ngec.
phase "orphans"
expect_ok "shutdown br" $N shutdown br:
expect_ok "reset ve0 and vx0" sh -c "$N shutdown ve0: && $N shutdown vx0:"
expect_ok "connect ve0: vx0: orphans lower" $N connect ve0: vx0: orphans lower
ip netns exec ngec timeout 20 socat -u INTERFACE:vx1 OPEN:cap,creat,trunc &
cpid=$!
# (its packet socket is open)
wait_for 10 sh -c "ip netns exec ngec cat /proc/net/packet | awk 'NR > 1' | grep -q ."
mac_raw() {	# mac_raw aa:bb:cc:dd:ee:ff: its six bytes
	for _b in $(echo "$1" | tr ':' ' '); do
		printf "\\$(printf %o "0x$_b")"
	done
}
# a frame to ve0 from ve1, EtherType 0x88b5, 46 bytes of text
frame() {
	mac_raw "$(mac_of nge ve0)"
	mac_raw "$(mac_of ngeb ve1)"
	printf '\210\265NGETHER-ORPHAN-FRAME-0123456789abcdefghijkl'
}
frame >frame.bin
ip netns exec ngeb socat -u OPEN:frame.bin INTERFACE:ve1 2>/dev/null
ok $? "ngeb sent it"
expect_ok "the host still pings ngeb (IPv4 is no orphan)" ip netns exec nge ping -c 1 -W 5 10.9.0.2
wait_for 10 grep -q NGETHER-ORPHAN-FRAME cap
ok $? "the orphan reached ngec by vx0's lower"
kill "$cpid" 2>/dev/null
wait "$cpid" 2>/dev/null

# ---------------------------------------------------------------- link state
# ve0's lower to an eiface: FreeBSD's ether tells lower when the link goes
# up or down, and an eiface takes that as its carrier.
phase "link state"
expect_ok "reset ve0 and vx0" sh -c "$N shutdown ve0: && $N shutdown vx0:"
expect_ok "an eiface on ve0's lower" $N mkpeer ve0: eiface lower ether
ei=$($N msg ve0:lower getifname | sed -n "s/^Args:$TAB\"\(.*\)\"$/\1/p")
ip -n nge link set "$ei" up
expect_ok "ngeb sets ve1 down: ve0 loses its carrier" ip -n ngeb link set ve1 down
wait_for 10 sh -c "[ \"\$(ip netns exec nge cat /sys/class/net/$ei/carrier)\" = 0 ]"
ok $? "$ei lost its carrier (NGM_LINK_IS_DOWN)"
expect_ok "ve1 up again" ip -n ngeb link set ve1 up
wait_for 10 sh -c "[ \"\$(ip netns exec nge cat /sys/class/net/$ei/carrier)\" = 1 ]"
ok $? "$ei has its carrier again (NGM_LINK_IS_UP)"
expect_ok "shutdown the eiface" $N shutdown ve0:lower

# ---------------------------------------------------------------- teardown
phase "teardown"
expect_ok "ve0 lower and upper joined: the graph is a wire" $N connect ve0: ve0: lower upper
expect_ok "ngeb pings the host through it" ip netns exec ngeb ping -c 2 -W 5 10.9.0.1
tx=$(dev_stat ngeb ve1 tx_packets)
ip netns exec ngeb ping -A -w 5 10.9.0.1 >/dev/null 2>&1 &
fpid=$!
wait_for 10 dev_stat_above ngeb ve1 tx_packets $((tx + 10))
ok $? "the flood is on its way"
id=$(node_id ve0:)
expect_ok "ip link del ve0 under a ping flood" ip -n nge link del ve0
wait_for 10 sh -c "! $N show '[$id]:' >/dev/null 2>&1"
ok $? "ve0's node went with it"
wait "$fpid"
expect_ok "a new veth pair between a namespace of its own and ngeb" sh -c \
	"ip netns add ngex && ip -n ngex link add vz0 type veth peer name vz1 netns ngeb"
wait_for 10 $NGCTL -N ngex show vz0:
ok $? "vz0 has its node"
expect_ok "vz0 lower and upper joined" $NGCTL -N ngex connect vz0: vz0: lower upper
ip -n ngex addr add 10.10.0.1/24 dev vz0
ip -n ngeb addr add 10.10.0.2/24 dev vz1
ip -n ngex link set vz0 up
ip -n ngeb link set vz1 up
expect_ok "ngeb pings ngex through vz0's node" ip netns exec ngeb ping -c 1 -W 5 10.10.0.1
tx=$(dev_stat ngeb vz1 tx_packets)
ip netns exec ngeb ping -A -w 5 10.10.0.1 >/dev/null 2>&1 &
fpid=$!
wait_for 10 dev_stat_above ngeb vz1 tx_packets $((tx + 10))
ok $? "the flood is on its way"
expect_ok "delete the namespace under a ping flood" ip netns del ngex
wait "$fpid"
expect_ok "vx0 moves to ngeb" ip -n nge link set vx0 netns ngeb
wait_for 10 sh -c "! $N show vx0: >/dev/null 2>&1"
ok $? "vx0's node left nge's graph"
wait_for 10 $NGCTL -N ngeb show vx0:
ok $? "and vx0 has a node in ngeb's"

# ---------------------------------------------------------------- unprivileged
phase "unprivileged"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's interfaces have nodes in nobody's namespace" "unprivileged user namespaces are disabled here"
else
	expect_ok "nobody, admin of a namespace of its own, makes a veth pair and joins its node's lower and upper" \
		$UNOBODY unshare -Urn sh -c "ip link add n0 type veth peer name n1 &&
			i=0; while ! $NGCTL show n0: >/dev/null 2>&1; do
				i=\$((i + 1)); [ \$i -lt 50 ] || exit 1; sleep 0.2; done
			$NGCTL connect n0: n0: lower upper && $NGCTL msg n0: setpromisc 1 &&
			ip -d link show n0 | grep -q ' promiscuity 1 '"
	ip link add vt0 type veth peer name vt1
	wait_for 10 $NGCTL show vt0:
	ok $? "vt0, in the initial namespace, has its node"
	expect_fail_errno EPERM "nobody cannot set it promiscuous" \
		$UNOBODY $NGCTL msg vt0: setpromisc 1
	expect_fail_errno EPERM "nor connect its lower" $UNOBODY $NGCTL mkpeer vt0: hole lower x
	ip link del vt0
fi

# ---------------------------------------------------------------- unload
# The nodes do not hold the module (any user's interfaces have them):
# rmmod removes every node, hooks and all (FreeBSD refuses).
phase "unload"
expect_eq "$(modinfo -F alias ng_ether)" "" "no netgraph-type-ether alias: mkpeer never loads it"
expect_ok "a hook on vx0's node, in ngeb" $NGCTL -N ngeb mkpeer vx0: hole lower x
expect_ok "rmmod ng_ether with nodes and hooks left" rmmod ng_ether
expect_fail "vx0 has no node any more" $NGCTL -N ngeb show vx0:
expect_fail "mkpeer ether, the module unloaded" $N mkpeer ether x y
! test -d /sys/module/ng_ether
ok $? "mkpeer did not load ng_ether"
expect_ok "modprobe ng_ether again" modprobe ng_ether
wait_for 10 $NGCTL -N ngeb show vx0:
ok $? "vx0 has a node again"
expect_ok "detach it" $NGCTL -N ngeb msg vx0: detach
wait_for 10 sh -c "! $NGCTL -N ngeb show vx0: >/dev/null 2>&1"
ok $? "detached: vx0 has no node"
expect_ok "rmmod ng_ether (the next test starts without it)" rmmod ng_ether
