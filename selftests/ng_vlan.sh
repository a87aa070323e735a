#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The vlan node type as a VLAN switch port: an eiface's frames (the
# trunk, in a namespace with Linux VLAN interfaces 10 and 20 on it) into
# downstream, VLANs 10 and 20 out to an eiface each, in namespaces of
# their own, untagged frames to a fourth through nomatch.  ping and a
# byte-exact TCP transfer per VLAN; every message in ASCII with its reply
# and errors; a user in a namespace of their own; the module's unload.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/ksocket-helpers.sh"	# phase

require_module netgraph ng_vlan ng_eiface
require_cmd socat ping
ns_create ngv ngv0 ngv1 ngv2 ngv3
N="$NGCTL -N ngv"
TAB=$(printf '\t')

# ---------------------------------------------------------------- graph
phase "graph"
expect_ok "the trunk's eiface" $N mkpeer eiface dummy ether
expect_ok "a vlan node on its ether, by downstream" $N mkpeer ngeth0: vlan ether downstream
expect_ok "named vl" $N name ngeth0:ether vl
expect_ok "eiface on v10" $N mkpeer vl: eiface v10 ether
expect_ok "eiface on v20" $N mkpeer vl: eiface v20 ether
expect_ok "eiface on nomatch" $N mkpeer vl: eiface nomatch ether
expect_ok "addfilter v10" $N msg vl: addfilter '{ hook="v10" vid=10 }'
expect_ok "addfilter v20 (FreeBSD's old field name, a priority)" $N msg vl: addfilter '{ hook="v20" vlan=20 pcp=5 }'
expect_ok "gettable" $N msg vl: gettable
expect_eq "$(printf '%s\n' "$NG_OUT" | sed -n 2p)" \
	"Args:$TAB{ n=2 filter=[ { hook=\"v10\" vlan=10 vid=10 } { hook=\"v20\" vlan=20 vid=20 pcp=5 } ] }" \
	"both filters, in FreeBSD's ASCII form"
for i in 0 1 2 3; do
	expect_ok "ngeth$i moves to ngv$i" ip -n ngv link set ngeth$i netns ngv$i
	ip -n ngv$i link set ngeth$i up
done
have_vlan=0
if ip -n ngv0 link add link ngeth0 name ngeth0.10 type vlan id 10 2>/dev/null; then
	have_vlan=1
	ip -n ngv0 link add link ngeth0 name ngeth0.20 type vlan id 20
	ip -n ngv0 addr add 10.10.0.1/24 dev ngeth0.10
	ip -n ngv0 addr add 10.20.0.1/24 dev ngeth0.20
	ip -n ngv0 link set ngeth0.10 up
	ip -n ngv0 link set ngeth0.20 up
fi
ip -n ngv0 addr add 10.99.0.1/24 dev ngeth0
ip -n ngv1 addr add 10.10.0.2/24 dev ngeth1
ip -n ngv2 addr add 10.20.0.2/24 dev ngeth2
ip -n ngv3 addr add 10.99.0.2/24 dev ngeth3

# ---------------------------------------------------------------- traffic
phase "traffic"
if [ $have_vlan = 0 ]; then
	skip "VLANs 10 and 20 from Linux VLAN interfaces" "this kernel has no 802.1Q (ip link add type vlan failed)"
else
	expect_ok "ngv0's VLAN 10 pings ngv1" ip netns exec ngv0 ping -c 2 -W 5 10.10.0.2
	expect_ok "ngv0's VLAN 20 pings ngv2" ip netns exec ngv0 ping -c 2 -W 5 10.20.0.2
	expect_fail "VLAN 10 does not reach VLAN 20's host" \
		ip netns exec ngv0 ping -c 1 -W 1 -I ngeth0.10 10.20.0.2
	if [ "$NG_KIND" = debug ]; then KB=256; else KB=1024; fi
	head -c $((KB * 1024)) /dev/urandom >data
	ip netns exec ngv2 timeout 120 socat -u TCP4-LISTEN:5004,bind=10.20.0.2,reuseaddr OPEN:out,creat,trunc &
	lpid=$!
	ip netns exec ngv2 sh -c 'i=0; while [ $i -lt 300 ]; do
		grep -q ":138C 00000000:0000 0A" /proc/net/tcp && exit 0; i=$((i + 1)); sleep 0.2; done; exit 1'
	ok $? "ngv2 listens on 10.20.0.2:5004"
	expect_ok "${KB} KiB over TCP on VLAN 20" \
		ip netns exec ngv0 timeout 120 socat -u OPEN:data TCP4:10.20.0.2:5004
	wait "$lpid"
	expect_eq "$(md5sum <out)" "$(md5sum <data)" "byte-exact"
fi
expect_ok "untagged frames go through nomatch: ngv0 pings ngv3" \
	ip netns exec ngv0 ping -c 2 -W 5 10.99.0.2
expect_ok "delvidflt 20" $N msg vl: delvidflt 20
if [ $have_vlan = 1 ]; then
	expect_fail "VLAN 20 is cut off" ip netns exec ngv0 ping -c 1 -W 1 10.20.0.2
fi
expect_ok "addfilter v20 again" $N msg vl: addfilter '{ hook="v20" vid=20 }'
if [ $have_vlan = 1 ]; then
	expect_ok "and back" ip netns exec ngv0 ping -c 1 -W 5 10.20.0.2
fi

# ---------------------------------------------------------------- messages
phase "messages"
m() {	# m DESC WANT CMD...: a get-command's reply
	_d=$1 _w=$2
	shift 2
	expect_ok "$_d" $N msg vl: "$@" &&
		expect_eq "$(printf '%s\n' "$NG_OUT" | sed -n 2p)" "Args:$TAB$_w" "$_d: the reply"
}
m "getdecap: off" "0x0" getdecap
m "getencap: from filters" "0x1" getencap
m "getencapproto: 802.1Q" "0x8100" getencapproto
expect_ok "setdecap 1" $N msg vl: setdecap 1
m "getdecap: on" "0x1" getdecap
expect_ok "setencap 3" $N msg vl: setencap 3
m "getencap: from filters and nomatch" "0x3" getencap
expect_ok "setencapproto 0x88a8" $N msg vl: setencapproto 0x88a8
m "getencapproto: 802.1ad" "0x88a8" getencapproto
expect_ok "setencapproto back" $N msg vl: setencapproto 0x8100
expect_fail_extack EINVAL "vlan: vid is 0..4095" "addfilter of VID 4096" \
	$N msg vl: addfilter '{ hook="v10" vid=4096 }'
expect_fail_extack EEXIST "vlan: the hook has a filter" "a second filter on v10" \
	$N msg vl: addfilter '{ hook="v10" vid=11 }'
expect_fail_extack EINVAL "vlan: downstream and nomatch take no filter" "a filter on nomatch" \
	$N msg vl: addfilter '{ hook="nomatch" vid=30 }'
expect_fail_extack ENOENT "vlan: no such hook" "a filter on a missing hook" \
	$N msg vl: addfilter '{ hook="v30" vid=30 }'
expect_fail_extack ENOENT "vlan: no such filter" "delfilter of a hook without one" \
	$N msg vl: delfilter '"nomatch"'
expect_fail_errno EINVAL "an unknown command" $N msg vl: 1068486472:99

# ---------------------------------------------------------------- unprivileged
phase "unprivileged"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's vlan node" "unprivileged user namespaces are disabled here"
else
	expect_ok "nobody, admin of a namespace of its own, filters a VLAN" \
		$UNOBODY unshare -Urn sh -c "$NGCTL mkpeer eiface d ether &&
			$NGCTL mkpeer ngeth0: vlan ether downstream &&
			$NGCTL mkpeer ngeth0:ether eiface v7 ether &&
			$NGCTL msg ngeth0:ether addfilter '{ hook=\"v7\" vid=7 }' &&
			$NGCTL msg ngeth0:ether gettable | grep -q 'n=1'"
fi

# ---------------------------------------------------------------- unload
phase "unload"
expect_fail "rmmod ng_vlan with a node left is refused" rmmod ng_vlan
expect_ok "shutdown vl" $N shutdown vl:
wait_for 30 sh -c '[ "$(cat /sys/module/ng_vlan/refcnt)" = 0 ]'
expect_ok "rmmod ng_vlan once no vlan node is left" rmmod ng_vlan
expect_ok "modprobe ng_vlan again" modprobe ng_vlan
