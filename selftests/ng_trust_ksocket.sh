#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The trust boundary of ksocket (Documentation/security.rst): a ksocket
# acts for the user whose request made it, never for the kernel; it opens
# only the sockets of its allow-list; and none of its TCP sockets outlives
# its namespace.  Each case is a regression test of a finding of issue 10.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_hub
require_cmd setpriv unshare socat
ns_create ngtks
N="$NGCTL -N ngtks"
X="ip netns exec ngtks"
. "$(dirname "$0")/ksocket-helpers.sh"

expect_ok "hub to hang sockets on" $N mkpeer hub x y
$N name '[1]:' h
$N msg h: 1082189597:1 >/dev/null	# setpersistent

# ---- the allow-list (item 2: 16/dgram/0 made a kernel AF_NETLINK socket
# whose first packet oopsed the kernel)
expect_fail_extack EAFNOSUPPORT "family 16 is not one of|family not supported" \
	"family 16 (netlink) is refused" $N mkpeer h: ksocket a 16/dgram/0
expect_fail_extack EAFNOSUPPORT "family 17 is not one of|family not supported" \
	"family 17 (packet) is refused" $N mkpeer h: ksocket a 17/raw/768
expect_fail_extack ESOCKTNOSUPPORT "type 5 is not supported|type not supported" \
	"inet/seqpacket (SCTP) is refused" $N mkpeer h: ksocket a inet/seqpacket/0
expect_fail_extack ESOCKTNOSUPPORT "type 3 is not supported|type not supported" \
	"local/raw is refused" $N mkpeer h: ksocket a local/raw/0
expect_fail_extack EPROTONOSUPPORT "protocol 47 is not supported|protocol not supported" \
	"inet/dgram/gre is refused" $N mkpeer h: ksocket a inet/dgram/gre
expect_fail_extack EPROTONOSUPPORT "protocol 17 is not supported|protocol not supported" \
	"inet/stream/udp is refused" $N mkpeer h: ksocket a inet/stream/udp
expect_ok "inet/dgram/udp is allowed" $N mkpeer h: ksocket a inet/dgram/udp
expect_ok "inet6/raw/icmp6 is allowed (root has CAP_NET_RAW)" $N mkpeer h: ksocket b inet6/raw/icmp6
expect_ok "local/seqpacket/0 is allowed" $N mkpeer h: ksocket c local/seqpacket/0
for k in a b c; do $N rmhook h: $k; done

# ---- the requester's credentials (item 1: every socket operation ran as
# the kernel).  nobody, admin of a user and network namespace of its own,
# may drive netgraph there; its ksocket must be refused what its own
# socket(2) is refused.
mkdir -m 0700 "$NG_TMPDIR/priv"
$X socat UNIX-LISTEN:"$NG_TMPDIR/priv/s",fork /dev/null &
spid=$!
wait_for 10 test -S "$NG_TMPDIR/priv/s" || fail "root's socket in a 0700 directory"
if ! $UNOBODY unshare -Urn true 2>/dev/null; then
	skip "nobody's ksocket cannot reach root's AF_UNIX socket" \
		"unprivileged user namespaces are disabled here"
	skip "nobody's ksocket cannot force its send buffer" \
		"unprivileged user namespaces are disabled here"
	skip "nobody's ksocket cannot open a raw socket without CAP_NET_RAW" \
		"unprivileged user namespaces are disabled here"
else
	expect_fail "nobody's own connect(2) to it is refused (the control)" \
		$UNOBODY socat -u /dev/null UNIX-CONNECT:"$NG_TMPDIR/priv/s"
	# In its namespace nobody is root: mkpeer, then connect as binary.
	usetup="$NGCTL mkpeer hub x y && $NGCTL name [1]: h && $NGCTL mkpeer h: ksocket k"
	# (and outside the initial namespace no path name at all: a peer
	# outside could keep the socket past the namespace's end)
	expect_fail_errno EPERM "nobody's ksocket cannot reach root's AF_UNIX socket" \
		$UNOBODY unshare -Urn sh -c "$usetup local/stream/0 &&
			exec $NGCTL msg h:k $CONNECT 1 0 '\"$NG_TMPDIR/priv/s\"'"
	expect_match "$NG_OUT" "path names only in the initial network namespace|Operation not permitted" \
		"  refused as a path name outside the initial namespace"
	expect_fail_errno EPERM "nor bind one of its own (which a peer outside could hold)" \
		$UNOBODY unshare -Urn sh -c "$usetup local/dgram/0 &&
			exec $NGCTL msg h:k $BIND 1 0 '\"/tmp/nobody-ks\"'"
	# SO_SNDBUFFORCE needs CAP_NET_ADMIN in the initial namespace
	expect_fail_errno EPERM "nobody's ksocket cannot force its send buffer (SO_SNDBUFFORCE)" \
		$UNOBODY unshare -Urn sh -c "$usetup inet/dgram/udp &&
			exec $NGCTL msg h:k $SETOPT $(le32 1) $(le32 32) $(le32 1048576)"
	# without CAP_NET_RAW in its namespace (dropped), no raw socket
	expect_fail_errno EPERM "nobody's ksocket cannot open a raw socket without CAP_NET_RAW" \
		$UNOBODY unshare -Urn setpriv --inh-caps=-net_raw --bounding-set=-net_raw -- \
			sh -c "$usetup inet/raw/udp"
	expect_match "$NG_OUT" "mkpeer: Operation not permitted" "  the mkpeer, as its hook connects"
	expect_ok "with CAP_NET_RAW in its namespace it can" \
		$UNOBODY unshare -Urn sh -c "$usetup inet/raw/udp"
fi
expect_ok "root's ksocket may force its send buffer" $N mkpeer h: ksocket k inet/dgram/udp
expect_ok "  (setopt SO_SNDBUFFORCE)" $N msg h:k $SETOPT $(le32 1) $(le32 32) $(le32 1048576)
# A namespace admin with less privilege than the node's creator cannot
# make the node act (with the creator's credentials): a process with
# CAP_NET_ADMIN alone, in the same namespace, binding root's socket to
# port 80.
NETADMIN="setpriv --inh-caps=-all --bounding-set=-all,+net_admin --"
expect_fail_errno EPERM "an admin with CAP_NET_ADMIN alone cannot drive root's ksocket" \
	$X $NETADMIN $NGCTL msg h:k $BIND $(sa_in 127.0.0.1 80)
expect_match "$NG_OUT" "privileges the requester lacks|Operation not permitted" "  the extack says why"
expect_ok "  while root can" $N msg h:k $BIND $(sa_in 127.0.0.1 80)
# Nor a process of the creator's user that lacks one of its supplementary
# groups: the socket would reach what only that group may reach.
GUSER="setpriv --reuid=$NG_UNPRIV_UID --regid=$NG_UNPRIV_GID --inh-caps=+net_admin --ambient-caps=+net_admin"
expect_ok "a user with CAP_NET_ADMIN in group 4242 makes a ksocket" \
	$X $GUSER --groups=4242 -- $NGCTL mkpeer h: ksocket g inet/dgram/udp
expect_fail_errno EPERM "the same user and capabilities without group 4242 cannot drive it" \
	$X $GUSER --clear-groups -- $NGCTL msg h:g $BIND $(sa_in 127.0.0.1 5091)
expect_match "$NG_OUT" "privileges the requester lacks|Operation not permitted" "  the extack says why"
expect_ok "  with the group it can" \
	$X $GUSER --groups=4242 -- $NGCTL msg h:g $BIND $(sa_in 127.0.0.1 5091)
$N rmhook h: g
# Nor take a connection root's listener accepted: the accepted socket
# sends with root's credentials too.
$N mkpeer h: ksocket al inet/stream/tcp
$N name h:al al
$N msg al: $BIND $(sa_in 127.0.0.1 5090) >/dev/null
$N msg al: $LISTEN $(le32 4) >/dev/null
$X sh -c "timeout 60 socat -u /dev/zero TCP4:127.0.0.1:5090" >/dev/null 2>&1 &
cpid=$!
id=$(accept_one al)
expect_ne "$id" "" "root's listener accepted a connection"
expect_fail_errno EPERM "an admin with CAP_NET_ADMIN alone cannot take root's accepted connection" \
	$X $NETADMIN $NGCTL mkpeer "[$id]:" hole x in
expect_match "$NG_OUT" "privileges the requester lacks|Operation not permitted" "  the extack says why"
# (the refused hook took the embryonic node with it, as a removed hook
# does; shutdown, a generic message, is open to such an admin anyway)
kill $cpid 2>/dev/null
wait $cpid 2>/dev/null
$X sh -c "timeout 60 socat -u /dev/zero TCP4:127.0.0.1:5090" >/dev/null 2>&1 &
cpid=$!
id=$(accept_one al)
expect_ok "  while root can" $N mkpeer "[$id]:" hole x in
$N shutdown "[$id]:"
$N shutdown al:
kill $cpid 2>/dev/null
wait $cpid 2>/dev/null
$N rmhook h: k
kill $spid 2>/dev/null
wait $spid 2>/dev/null

# ---- a ksocket's queue is bounded in bytes (item 6: each node held up to
# 512 packets of any size).  An unconnected stream socket keeps what it
# is sent until it connects: 139 packets of 60000 bytes fit in 8 MiB,
# the 140th does not, and a stream that cannot take all its bytes is
# reset and its node goes.
expect_ok "an unconnected TCP ksocket" $N mkpeer h: ksocket q inet/stream/tcp
$N name h:q q
head -c 60000 /dev/zero >big
i=0
while [ $i -lt 139 ]; do echo "inject q: inet/stream/tcp -f big"; i=$((i + 1)); done >inj.cmds
expect_ok "  139 packets of 60000 bytes" $N -f inj.cmds
queued=$(ks_stat q: tx queued)
qbytes=$(ks_stat q: tx bytes)
expect_eq "$queued $qbytes $(ks_stat q: tx queue-full)" "139 8340000 0" \
	"  all held, under the 8 MiB bound"
expect_fail_errno ENOBUFS "the 140th is refused" $N inject q: inet/stream/tcp -f big
wait_for 10 sh -c "! $N show q: >/dev/null 2>&1"
ok $? "  and the stream's node went (its connection is reset)"

# ---- memory a ksocket's worker allocates is the creator's (item 6: the
# packets a ksocket received were charged to no one).  The nodes are made
# from a memory cgroup of their own: a UDP ksocket whose packets go, by
# the hub, to an unconnected TCP ksocket that keeps them (up to 8 MiB);
# the flood comes from outside the cgroup.
if ! memcg_new ngtks; then
	skip "received packets are charged to the creator's memory cgroup" "$_why"
else
	printf '%s\n' "mkpeer h: ksocket mt inet/stream/tcp" "name h:mt mt" \
		"mkpeer h: ksocket mu inet/dgram/udp" "name h:mu mu" >mem.cmds
	expect_ok "nodes made from memory cgroup ngtks" \
		sh -c "echo \$\$ >$CG/ngtks/cgroup.procs && exec $N -f mem.cmds"
	expect_ok "  bind the UDP one" $N msg mu: $BIND $(sa_in 127.0.0.1 6310)
	before=$(cat $CG/ngtks/memory.current)
	# (paced, one 60000-byte datagram per socat: past 8 MiB or 512
	# packets the stream's queue overflows and its node goes)
	$X timeout 60 sh -c "while :; do
		socat -u -b 60000 OPEN:/dev/zero,readbytes=60000 UDP4-SENDTO:127.0.0.1:6310
		sleep 0.05; done" >/dev/null 2>&1 &
	fpid=$!
	mt_full() { [ "$(ks_stat mt: tx bytes)" -ge $((6 << 20)) ] 2>/dev/null; }
	wait_for 50 mt_full
	ok $? "  6 MiB received and held in the TCP ksocket's queue"
	after=$(cat $CG/ngtks/memory.current)
	kill $fpid 2>/dev/null
	wait $fpid 2>/dev/null
	tap_diag "memory.current of ngtks: $before -> $after bytes"
	ok "[ $((after - before)) -ge $((5 << 20)) ]" \
		"received packets are charged to the creator's memory cgroup (+$(((after - before) >> 10)) KiB)"
	$N shutdown mu:
	$N shutdown mt:
	rmdir $CG/ngtks 2>/dev/null
fi

# ---- TCP sockets and the namespace's end (item 7: on 6.1 kernel TCP
# sockets of a deleted namespace lived on).  All peers are ksocket nodes
# (kernel sockets, no process in the namespace); after the namespace is
# deleted the count of TCP sockets must come back to where it was.
# (sockstat's "alloc" counts the TCP sockets of every namespace)
tcp_objs() {
	awk '$1 == "TCP:" { for (i = 2; i < NF; i++) if ($i == "alloc") print $(i + 1) }' /proc/net/sockstat
}
tcp_back_to() {
	[ "$(tcp_objs)" -le "$1" ]
}
if [ -z "$(tcp_objs)" ]; then
	skip "no TCP socket of a deleted namespace is left" "no TCP alloc count in /proc/net/sockstat"
else
	ns_create ngtcp
	Nt="$NGCTL -N ngtcp"
	$Nt mkpeer hub x y && $Nt name '[1]:' t && $Nt msg t: 1082189597:1 >/dev/null &&
		$Nt mkpeer t: ksocket l inet/stream/tcp && $Nt name t:l l &&
		$Nt msg l: $BIND $(sa_in 127.0.0.1 5300) && $Nt msg l: $LISTEN $(le32 8) ||
		fail "a ksocket listener in the doomed namespace"
	base=$(tcp_objs)
	for c in c1 c2; do
		$Nt mkpeer t: ksocket $c inet/stream/tcp
		$Nt msg t:$c $CONNECT $(sa_in 127.0.0.1 5300) >/dev/null 2>&1
	done
	N="$Nt" accepted=0
	for c in c1 c2; do
		id=$(accept_one l) && $Nt mkpeer "[$id]:" hub x y >/dev/null && accepted=$((accepted + 1))
	done
	N="$NGCTL -N ngtks"
	expect_eq "$accepted" 2 "two connections accepted into clones"
	tap_diag "TCP objects: $base before the connections, $(tcp_objs) with them"
	ip netns del ngtcp
	_ng_netns=${_ng_netns% ngtcp}
	ok 'wait_for 30 tcp_back_to "$((base - 1))"' \
		"no TCP socket of the deleted namespace is left after 30 s (now $(tcp_objs))"
fi

$N shutdown h:
tap_done
