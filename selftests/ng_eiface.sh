#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The eiface node type: its Ethernet interface (name, random address, MTU
# bounds, carrier that follows the hook), its messages with their replies
# and errors, and two eifaces joined ether to ether as an Ethernet link
# between two namespaces (one interface moved there, as FreeBSD gives one
# to a jail): ARP, ping over IPv4 and IPv6, a byte-exact TCP transfer;
# then the deletion of that namespace, a user in a namespace of their own,
# and the module's unload.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase, reply_hex, hexof

require_module netgraph ng_eiface ng_hole
require_cmd socat ping
ns_create ngei ngej
N="$NGCTL -N ngei"
FLOW=851672669
EC=948105892		# NGM_EIFACE_COOKIE
TAB=$(printf '\t')

# ---------------------------------------------------------------- interface
phase "interface"
expect_ok "mkpeer eiface dummy ether" $N mkpeer eiface dummy ether
expect_ok "ip link shows ngeth0" ip -n ngei -d link show ngeth0
expect_match "$NG_OUT" "<BROADCAST,MULTICAST>" "ngeth0 is a broadcast, multicast interface, down"
expect_match "$NG_OUT" "mtu 1500 " "MTU 1500"
expect_match "$NG_OUT" "link/ether [0-9a-f][26ae]:" "a random, locally administered unicast address"
expect_match "$NG_OUT" " ng_eiface " "ip -d link: kind ng_eiface"
wait_for 10 sh -c "$N show ngeth0: | grep -q 'Num hooks: 0'"
expect_ok "the node is named after its interface" $N show ngeth0:
expect_match "$NG_OUT" "^  Name: ngeth0 +Type: eiface +ID: [0-9a-f]{8} +Num hooks: 0$" \
	"ngeth0: type eiface, no hooks once ngctl-nl's node is gone"
expect_ok "getifname" $N msg ngeth0: getifname
expect_match "$NG_OUT" "^Args:$TAB\"ngeth0\"$" "getifname answers \"ngeth0\""
expect_fail "ip link add type ng_eiface is refused: mkpeer makes them" \
	ip -n ngei link add x type ng_eiface
expect_fail "MTU 71 is refused (NG_EIFACE_MTU_MIN 72)" ip -n ngei link set ngeth0 mtu 71
expect_ok "MTU 9018 (NG_EIFACE_MTU_MAX)" ip -n ngei link set ngeth0 mtu 9018
expect_fail "MTU 9019 is refused" ip -n ngei link set ngeth0 mtu 9019
ip -n ngei link set ngeth0 mtu 1500

# ---------------------------------------------------------------- messages
phase "messages"
expect_ok "set 02:11:22:33:44:55" $N msg ngeth0: set 02:11:22:33:44:55
expect_match "$(ip -n ngei link show ngeth0)" "link/ether 02:11:22:33:44:55 " "the interface has it"
expect_fail_extack EINVAL "eiface: set takes 6 bytes" "set with 5 bytes" \
	$N msg ngeth0: $EC:3 1 2 3 4 5
expect_fail_extack EADDRNOTAVAIL "eiface: set needs a unicast, non-zero address" \
	"set a multicast address" $N msg ngeth0: set 01:00:5e:00:00:01
expect_fail_errno EADDRNOTAVAIL "set the all-zero address" $N msg ngeth0: set 00:00:00:00:00:00
expect_fail_errno EINVAL "an unknown command" $N msg ngeth0: $EC:99
ip -n ngei addr add 10.5.0.1/24 dev ngeth0
ip -n ngei addr add fd05::1/64 dev ngeth0 nodad
expect_ok "getifaddrs" $N msg ngeth0: $EC:2
h=$(reply_hex "$NG_OUT")
expect_match "$h" "^02 00 00 00 0a 05 00 01 00 00 00 00 00 00 00 00 " \
	"getifaddrs: the IPv4 address first, a struct sockaddr_in"
expect_match "$h" "0a 00 00 00 00 00 00 00 fd 05 00 00 00 00 00 00 00 00 00 00 00 00 00 01 00 00 00 00" \
	"then the IPv6 one, a struct sockaddr_in6"

# ---------------------------------------------------------------- carrier
phase "carrier"
ip -n ngei link set ngeth0 up
expect_match "$(ip -n ngei link show ngeth0)" "NO-CARRIER" "no carrier without a hook"
expect_ok "set while the interface is up (as FreeBSD)" $N msg ngeth0: set 02:11:22:33:44:66
expect_match "$(ip -n ngei link show ngeth0)" "link/ether 02:11:22:33:44:66 " "the running interface has it"
expect_ok "hook ether" $N mkpeer ngeth0: hole ether h
expect_eq "$(ip netns exec ngei cat /sys/class/net/ngeth0/carrier)" 1 "the hook brings the carrier"
expect_ok "NGM_LINK_IS_DOWN" $N msg ngeth0: $FLOW:33
expect_eq "$(ip netns exec ngei cat /sys/class/net/ngeth0/carrier)" 0 "turns it off"
expect_ok "NGM_LINK_IS_UP" $N msg ngeth0: $FLOW:32
expect_eq "$(ip netns exec ngei cat /sys/class/net/ngeth0/carrier)" 1 "and on"
expect_fail_extack EPFNOSUPPORT "eiface: the hook is ether" "hook lower is refused" \
	$N mkpeer ngeth0: hole lower h
expect_ok "rmhook ether" $N rmhook ngeth0: ether
expect_eq "$(ip netns exec ngei cat /sys/class/net/ngeth0/carrier)" 0 "the carrier goes with the hook"
expect_ok "the node stays" $N show ngeth0:

# ---------------------------------------------------------------- link
# Two eifaces joined ether to ether are an Ethernet cable; ngeth1 moves to
# ngej (FreeBSD's ifconfig ngeth1 vnet) while both nodes stay in ngei.
phase "link"
expect_ok "a second eiface on ngeth0's ether" $N mkpeer ngeth0: eiface ether ether
expect_ok "it is ngeth1" ip -n ngei link show ngeth1
expect_ok "ngeth1 moves to ngej" ip -n ngei link set ngeth1 netns ngej
ip -n ngej addr add 10.5.0.2/24 dev ngeth1
ip -n ngej link set ngeth1 up
ip -n ngej addr add fd05::2/64 dev ngeth1 nodad
expect_ok "ping 10.5.0.2 over the link (ARP first)" ip netns exec ngei ping -c 2 -W 5 10.5.0.2
expect_match "$(ip -n ngei neigh show 10.5.0.2)" "lladdr $(ip -n ngej link show ngeth1 | sed -n 's/.*link\/ether \([0-9a-f:]*\) .*/\1/p')" \
	"ARP resolved ngeth1's address"
expect_ok "ping fd05::2 (neighbour discovery)" ip netns exec ngei ping -c 2 -W 5 fd05::2
if [ "$NG_KIND" = debug ]; then KB=1024; else KB=8192; fi
head -c $((KB * 1024)) /dev/urandom >data
ip netns exec ngej timeout 120 socat -u TCP4-LISTEN:5002,bind=10.5.0.2,reuseaddr OPEN:out,creat,trunc &
lpid=$!
ip netns exec ngej sh -c 'i=0; while [ $i -lt 300 ]; do
	grep -q ":138A 00000000:0000 0A" /proc/net/tcp && exit 0; i=$((i + 1)); sleep 0.2; done; exit 1'
ok $? "ngej listens on 10.5.0.2:5002"
t0=$(date +%s)
expect_ok "a ${KB} KiB TCP transfer over the link" \
	ip netns exec ngei timeout 120 socat -u OPEN:data TCP4:10.5.0.2:5002
wait "$lpid"
tap_diag "${KB} KiB in $(($(date +%s) - t0)) s"
expect_eq "$(md5sum <out)" "$(md5sum <data)" "byte-exact"

# ---------------------------------------------------------------- netns
phase "netns"
ip netns exec ngei ping -c 1 -W 1 10.5.0.2 >/dev/null 2>&1
expect_ok "delete ngej, ngeth1's namespace" ip netns del ngej
wait_for 10 sh -c "! $N show ngeth1: >/dev/null 2>&1"
ok $? "ngeth1's node went with it"
expect_fail "ngeth1 did not fall back into the initial namespace" ip link show ngeth1
wait_for 10 sh -c "[ \"\$(ip netns exec ngei cat /sys/class/net/ngeth0/carrier)\" = 0 ]"
ok $? "ngeth0 lost its carrier with its peer"
expect_ok "ip link del ngeth0" ip -n ngei link del ngeth0
wait_for 10 sh -c "! $N show ngeth0: >/dev/null 2>&1"
ok $? "its node went with it"

# ---------------------------------------------------------------- unprivileged
phase "unprivileged"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's eiface lives in nobody's namespace" "unprivileged user namespaces are disabled here"
else
	expect_ok "nobody, admin of a namespace of its own, makes an eiface and sets its address" \
		$UNOBODY unshare -Urn sh -c "$NGCTL mkpeer eiface d ether &&
			$NGCTL msg ngeth0: set 02:00:00:00:00:07 &&
			ip link show ngeth0 | grep -q 02:00:00:00:00:07"
	expect_fail "nobody's ngeth0 did not land in the initial namespace" ip link show ngeth0
fi

# ---------------------------------------------------------------- unload
phase "unload"
expect_ok "one more eiface" $N mkpeer eiface dummy ether
expect_fail "rmmod ng_eiface with a node left is refused" rmmod ng_eiface
ip netns del ngei
wait_for 30 sh -c '[ "$(cat /sys/module/ng_eiface/refcnt)" = 0 ]'
expect_ok "rmmod ng_eiface once its namespace is gone" rmmod ng_eiface
expect_ok "modprobe ng_eiface again" modprobe ng_eiface

tap_done
