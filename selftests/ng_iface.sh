#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The iface node type: its interface (name, flags, MTU bounds, what ip-link
# may not do to it), its messages with their replies and errors, its hooks,
# and FreeBSD's share/examples/netgraph/udp.tunnel between two namespaces
# joined by a veth pair: ping over IPv4 and IPv6 and a byte-exact TCP
# transfer through iface + ksocket on each side.  Then what a user in a
# namespace of their own may do with it, and the module's unload.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase, le32

require_module netgraph ng_iface ng_ksocket ng_hole ng_hub
require_cmd socat ping
ns_create ngif nga ngb ngmv
N="$NGCTL -N ngif"
FLOW=851672669
TAB=$(printf '\t')

# ---------------------------------------------------------------- interface
phase "interface"
# As FreeBSD's examples make one: from ngctl's own node, whose hook goes
# away with the process; the node stays without hooks.
expect_ok "mkpeer iface dummy inet" $N mkpeer iface dummy inet
expect_ok "ip link shows ng0" ip -n ngif -d link show ng0
expect_match "$NG_OUT" "<POINTOPOINT,MULTICAST,NOARP>" "ng0 is point-to-point, multicast, no ARP, down"
expect_match "$NG_OUT" "mtu 1500 " "MTU 1500 (NG_IFACE_MTU_DEFAULT)"
expect_match "$NG_OUT" "link/none" "no link-layer header (ARPHRD_NONE)"
wait_for 10 sh -c "$N show ng0: | grep -q 'Num hooks: 0'"
expect_ok "the node is named after its interface" $N show ng0:
expect_match "$NG_OUT" "^  Name: ng0 +Type: iface +ID: [0-9a-f]{8} +Num hooks: 0$" \
	"ng0: type iface, no hooks once ngctl-nl's node is gone"
expect_ok "getifname" $N msg ng0: getifname
expect_match "$NG_OUT" "^Args:$TAB\"ng0\"$" "getifname answers \"ng0\""
expect_ok "getifindex" $N msg ng0: getifindex
expect_match "$NG_OUT" "^Args:$TAB$(ip netns exec ngif cat /sys/class/net/ng0/ifindex)$" \
	"getifindex answers the interface's ifindex"
expect_ok "a second iface" $N mkpeer iface dummy inet6
expect_ok "it is ng1" ip -n ngif link show ng1
# a hub named ng2 (on ngctl-nl's own node while the script runs), then an
# iface on it: its interface is ng2, the node stays unnamed
expect_ok "a hub named ng2 and an iface on it" sh -c "printf '%s\n' 'mkpeer . hub a b' \
	'name .:a ng2' 'mkpeer ng2: iface c inet' | $N -f -"
expect_ok "its interface is ng2" ip -n ngif link show ng2
expect_ok "show ng2:c" $N show ng2:c
expect_match "$NG_OUT" "^  Name: <unnamed> +Type: iface " "its node stays unnamed: ng2 was taken (as FreeBSD)"

# ---------------------------------------------------------------- hooks
phase "hooks"
expect_fail_extack EPFNOSUPPORT "iface: the hooks are inet and inet6" \
	"hook atm is refused" $N mkpeer ng0: hole atm h
expect_ok "hook inet" $N mkpeer ng0: hole inet h
expect_fail_errno EEXIST "a second inet hook is refused" $N mkpeer ng0: hole inet h2
expect_ok "hook inet6 beside it" $N mkpeer ng0: hole inet6 h6
expect_ok "rmhook inet" $N rmhook ng0: inet
expect_ok "the node stays" $N show ng0:
expect_match "$NG_OUT" "Num hooks: 1$" "one hook left (inet6)"

# ---------------------------------------------------------------- messages
phase "messages"
expect_fail_extack EADDRNOTAVAIL "iface: the interface has no IPv4 address" \
	"getipaddr without an address" $N msg ng0: getipaddr
ip -n ngif addr add 10.9.0.1/24 dev ng0
ip -n ngif addr add 10.9.1.1/16 dev ng0
expect_ok "getipaddr" $N msg ng0: getipaddr
expect_match "$NG_OUT" "^Args:$TAB\{ ipaddr=10\.9\.0\.1 netmask=255\.255\.255\.0 \}$" \
	"getipaddr answers the first address and its mask (cisco's message)"
ip -n ngif link set ng0 up
expect_fail_extack EBUSY "iface: the interface is up" "broadcast while up" \
	$N msg ng0: broadcast
ip -n ngif link set ng0 down
expect_ok "broadcast while down" $N msg ng0: broadcast
expect_match "$(ip -n ngif link show ng0)" "<BROADCAST,MULTICAST,NOARP>" "ng0 is now a broadcast interface"
expect_ok "point2point" $N msg ng0: point2point
expect_match "$(ip -n ngif link show ng0)" "<POINTOPOINT,MULTICAST,NOARP>" "and point-to-point again"
expect_fail_errno EINVAL "an unknown command" $N msg ng0: 1108312559:99
ip -n ngif link set ng0 up
expect_ok "NGM_LINK_IS_DOWN" $N msg ng0: $FLOW:33
expect_eq "$(ip netns exec ngif cat /sys/class/net/ng0/carrier)" 0 "turns the carrier off"
expect_ok "NGM_LINK_IS_UP" $N msg ng0: $FLOW:32
expect_eq "$(ip netns exec ngif cat /sys/class/net/ng0/carrier)" 1 "and on"

# ---------------------------------------------------------------- ip-link
phase "ip-link"
expect_fail "MTU 71 is refused (NG_IFACE_MTU_MIN 72)" ip -n ngif link set ng0 mtu 71
expect_ok "MTU 72" ip -n ngif link set ng0 mtu 72
expect_ok "MTU 65535" ip -n ngif link set ng0 mtu 65535
expect_fail "MTU 65536 is refused" ip -n ngif link set ng0 mtu 65536
ip -n ngif link set ng0 mtu 1500
expect_fail "ip link add type ng_iface is refused: mkpeer makes them" \
	ip -n ngif link add x type ng_iface
expect_match "$(ip -n ngif -d link show ng0)" " ng_iface " "ip -d link: kind ng_iface"
expect_ok "a rename" ip -n ngif link set ng1 name tun7
expect_ok "getifname after it" $N msg ng1: getifname
expect_match "$NG_OUT" "^Args:$TAB\"tun7\"$" "getifname follows the interface's name"
expect_ok "shutdown ng1:" $N shutdown ng1:
expect_fail "its interface is gone" ip -n ngif link show tun7
expect_ok "the next iface takes the free unit ng1" $N mkpeer ng2: iface d inet
expect_ok "ng1" ip -n ngif link show ng1

# ---------------------------------------------------------------- netns
# An interface moves (FreeBSD's ifconfig ng1 vnet) while its node stays;
# deleted there, or with that namespace, it takes its node along, and it
# never falls back into the initial namespace.
phase "netns"
expect_ok "ng1 moves to ngmv" ip -n ngif link set ng1 netns ngmv
expect_ok "it is there" ip -n ngmv link show ng1
expect_fail "and no longer in ngif" ip -n ngif link show ng1
expect_ok "its node stays in ngif's graph" $N msg ng1: getifindex
expect_match "$NG_OUT" "^Args:$TAB$(ip netns exec ngmv cat /sys/class/net/ng1/ifindex)$" \
	"getifindex answers its index in ngmv"
expect_ok "ip link del ng1 in ngmv" ip -n ngmv link del ng1
wait_for 10 sh -c "! $N show ng1: >/dev/null 2>&1"
ok $? "its node went with it"
expect_ok "one more iface (ng1 again)" $N mkpeer ng2: iface e inet
expect_ok "moves to ngmv" ip -n ngif link set ng1 netns ngmv
expect_ok "delete ngmv" ip netns del ngmv
wait_for 10 sh -c "! $N show ng1: >/dev/null 2>&1"
ok $? "its node went with the namespace"
expect_fail "the interface did not fall back into the initial namespace" ip link show ng1
expect_ok "ip link del ng0 in its own namespace" ip -n ngif link del ng0
wait_for 10 sh -c "! $N show ng0: >/dev/null 2>&1"
ok $? "its node went with it"

# ---------------------------------------------------------------- udp.tunnel
# FreeBSD's share/examples/netgraph/udp.tunnel, with ip(8) for ifconfig,
# on each side of a veth pair: 192.168.77.1 (nga) <-> 192.168.77.2 (ngb),
# the tunnel's inside 10.0.0.1 <-> 10.0.0.2 (and fd00::1 <-> fd00::2 over
# a second ksocket on inet6).
phase "udp.tunnel"
ip link add va netns nga type veth peer name vb netns ngb
ip -n nga addr add 192.168.77.1/24 dev va && ip -n nga link set va up
ip -n ngb addr add 192.168.77.2/24 dev vb && ip -n ngb link set vb up
tunnel() {	# tunnel NS LOCAL REMOTE IN_LOCAL IN_REMOTE IN6_LOCAL IN6_REMOTE
	_n="$NGCTL -N $1"
	$_n mkpeer iface dummy inet &&
		wait_for 10 sh -c "$_n show ng0: | grep -q 'Num hooks: 0'" &&
		$_n mkpeer ng0: ksocket inet inet/dgram/udp &&
		$_n msg ng0:inet bind inet/$2:4028 &&
		$_n msg ng0:inet connect inet/$3:4028 &&
		$_n mkpeer ng0: ksocket inet6 inet/dgram/udp &&
		$_n msg ng0:inet6 bind inet/$2:4029 &&
		$_n msg ng0:inet6 connect inet/$3:4029 &&
		ip -n "$1" link set ng0 up &&
		ip -n "$1" addr add "$4" peer "$5" dev ng0 &&
		ip -n "$1" addr add "$6" peer "$7" dev ng0
}
# (up before the addresses: Linux adds the route to an IPv6 peer only once
# the address is usable, which it never becomes on a down interface)
expect_ok "nga: the tunnel's end" tunnel nga 192.168.77.1 192.168.77.2 10.0.0.1 10.0.0.2 fd00::1 fd00::2
expect_ok "ngb: the other end" tunnel ngb 192.168.77.2 192.168.77.1 10.0.0.2 10.0.0.1 fd00::2 fd00::1
expect_ok "ping 10.0.0.2 through the tunnel" ip netns exec nga ping -c 2 -W 5 10.0.0.2
rx=$(ip netns exec ngb cat /sys/class/net/ng0/statistics/rx_packets)
ok "[ ${rx:-0} -ge 2 ]" "ngb's ng0 received them from its inet hook ($rx packets)"
expect_ok "ping fd00::2 through the tunnel (inet6 hook)" ip netns exec nga ping -c 2 -W 5 fd00::2
rx6=$(ip netns exec ngb cat /sys/class/net/ng0/statistics/rx_packets)
ok "[ ${rx6:-0} -ge $((rx + 2)) ]" "and these from its inet6 hook ($((rx6 - rx)) packets)"
phase "tcp"
# (small: TCP through two ksocket queues and UDP receive buffers that
# overflow in bursts crawls under TCG; make bench measures, this checks)
if [ "$NG_KIND" = debug ]; then KB=256; else KB=1024; fi
head -c $((KB * 1024)) /dev/urandom >data
ip netns exec ngb timeout 120 socat -u TCP4-LISTEN:5001,bind=10.0.0.2,reuseaddr OPEN:out,creat,trunc &
lpid=$!
# (polled inside the namespace: one ip netns exec per try is slow)
ip netns exec ngb sh -c 'i=0; while [ $i -lt 300 ]; do
	grep -q ":1389 00000000:0000 0A" /proc/net/tcp && exit 0; i=$((i + 1)); sleep 0.2; done; exit 1'
ok $? "ngb listens on 10.0.0.2:5001"
t0=$(date +%s)
expect_ok "a ${KB} KiB TCP transfer through the tunnel (MTU 1500: fragmented outside)" \
	ip netns exec nga timeout 120 socat -u OPEN:data TCP4:10.0.0.2:5001
wait "$lpid"
tap_diag "${KB} KiB in $(($(date +%s) - t0)) s"
expect_eq "$(md5sum <out)" "$(md5sum <data)" "byte-exact"

phase "netns deletion"
# Deleting a namespace with a tunnel end in it while packets arrive: ngb
# floods nga's end with UDP (8 KiB datagrams, fragmented inside and out).
ip netns exec ngb timeout 60 socat -u /dev/zero UDP4-SENDTO:10.0.0.1:9 &
fpid=$!
wait_for 20 sh -c '[ "$(ip netns exec nga cat /sys/class/net/ng0/statistics/rx_packets)" -gt 100 ]'
ok $? "the flood reaches nga's ng0"
expect_ok "delete nga while the flood arrives" ip netns del nga
expect_ok "nga is gone (its veth end with it)" wait_for 30 sh -c '! ip -n ngb link show vb'
kill "$fpid" 2>/dev/null
wait "$fpid" 2>/dev/null
expect_ok "ngb's tunnel end is still there" $NGCTL -N ngb show ng0:

# ---------------------------------------------------------------- unprivileged
phase "unprivileged"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's iface lives in nobody's namespace" "unprivileged user namespaces are disabled here"
else
	# nobody makes one, moves it into a second namespace of its own and
	# ends that namespace: the interface must not fall back into the
	# initial one (where a device without rtnl_link_ops would go)
	cat >unpriv.sh <<-'EOF'
		$NGCTL mkpeer iface d inet || exit 1
		ip link show ng0 >/dev/null || exit 2
		unshare -n sleep 60 &
		pid=$!
		me=$(readlink /proc/self/ns/net)
		wait_for 10 sh -c "[ \"\$(readlink /proc/$pid/ns/net)\" != '$me' ]" || exit 3
		ip link set ng0 netns "$pid" || exit 4
		kill "$pid"
		wait "$pid"
		wait_for 10 sh -c "! $NGCTL show ng0: >/dev/null 2>&1" || exit 5
		! ip link show ng0 2>/dev/null || exit 6
	EOF
	expect_ok "nobody makes an iface in a namespace of its own, moves it to another and ends that one" \
		$UNOBODY unshare -Urn sh -c ". $NG_SELFTESTS/lib.sh; . ./unpriv.sh"
	expect_fail "nobody's ng0 did not land in the initial namespace" ip link show ng0
fi

# ---------------------------------------------------------------- unload
phase "unload"
expect_fail "rmmod ng_iface with nodes left is refused" rmmod ng_iface
ip netns del ngif
ip netns del ngb
wait_for 30 sh -c '[ "$(cat /sys/module/ng_iface/refcnt)" = 0 ]'
expect_ok "rmmod ng_iface once their namespaces are gone" rmmod ng_iface
expect_ok "modprobe ng_iface again" modprobe ng_iface

tap_done
