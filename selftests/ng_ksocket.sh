#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The ksocket node type: hook names, the socket messages, UDP/TCP over IPv4
# and IPv6 and AF_UNIX against socat, an in-kernel UDP echo, TCP accept,
# two ksocket nodes relaying UDP and TCP (byte-exact), and teardown with
# traffic in flight (TCP accept and connect in ng_ksocket_tcp.sh, relays
# and teardown in ng_ksocket_relay.sh: each script stays well inside the
# runner's time limit on the debug kernel).
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

# ---------------------------------------------------------------- hooks
phase "hooks"
expect_ok "hub to hang sockets on" $N mkpeer hub x y
expect_ok "name it h" $N name '[1]:' h
expect_ok "make it persistent (it outlives refused hooks)" $N msg h: 1082189597:1
expect_fail_errno EINVAL "hook inet/nosuch/udp is refused" \
	$N mkpeer h: ksocket bad inet/nosuch/udp
expect_fail_errno EINVAL "hook with two fields is refused" \
	$N mkpeer h: ksocket bad inet/dgram
expect_ok "inet/dgram/udp creates a UDP socket" $N mkpeer h: ksocket u4 inet/dgram/udp
expect_ok "name it u4" $N name h:u4 u4
expect_fail_errno EISCONN "a second hook is refused" $N mkpeer u4: hole two in
expect_ok "2/2/17 (numbers) works" $N mkpeer h: ksocket n4 2/2/17
expect_ok "inet6/dgram/udp (protocol alias for inet6)" $N mkpeer h: ksocket u6 inet6/dgram/udp
expect_ok "inet6/stream/tcp" $N mkpeer h: ksocket t6 inet6/stream/tcp
expect_ok "local/dgram/ (empty protocol)" $N mkpeer h: ksocket ud local/dgram/
expect_ok "unix/stream/0" $N mkpeer h: ksocket us unix/stream/0
expect_fail_errno EINVAL "local/dgram/udp: protocol aliases are for inet only" \
	$N mkpeer h: ksocket bad local/dgram/udp
expect_fail_errno EPROTONOSUPPORT "inet/dgram/tcp: the socket layer's error" \
	$N mkpeer h: ksocket bad inet/dgram/tcp
expect_ok "rmhook h: n4" $N rmhook h: n4
expect_fail_errno ENOENT "the node died with its hook" $N show h:n4
for hk in u6 t6 ud us; do $N rmhook h: $hk; done

# ---------------------------------------------------------------- messages
phase "messages"
expect_ok "bind u4 to 127.0.0.1:5000" $N msg u4: $BIND $(sa_in 127.0.0.1 5000)
expect_ok "getname" $N msg u4: $GETNAME
expect_eq "$(reply_hex "$NG_OUT")" "$(hexof $(sa_in 127.0.0.1 5000))" \
	"getname returns the bound sockaddr_in"
expect_fail_errno ENOTCONN "getpeername before connect" $N msg u4: $GETPEERNAME
expect_fail_errno EINVAL "bind with a 1-byte address" $N msg u4: $BIND 2
expect_fail_errno EADDRINUSE "a second socket cannot bind the same port" \
	sh -c "$N mkpeer h: ksocket dup inet/dgram/udp && $N msg h:dup $BIND $(sa_in 127.0.0.1 5000)"
$N rmhook h: dup
# SOL_SOCKET=1 SO_MARK=36 (SO_SETFIB's Linux counterpart), SO_RCVBUF=8
expect_ok "setopt SO_MARK 7" $N msg u4: $SETOPT $(le32 1) $(le32 36) $(le32 7)
expect_ok "getopt SO_MARK" $N msg u4: $GETOPT $(le32 1) $(le32 36)
expect_eq "$(reply_hex "$NG_OUT")" "$(hexof $(le32 1) $(le32 36) $(le32 7))" \
	"getopt returns level, name and the value 7"
expect_fail_errno EINVAL "getopt with a value is refused" $N msg u4: $GETOPT $(le32 1) $(le32 36) 0
expect_fail_errno ENOPROTOOPT "getopt of an unknown option" $N msg u4: $GETOPT $(le32 1) $(le32 9999)
expect_fail_errno EINVAL "accept on a socket that does not listen" $N msg u4: $ACCEPT
expect_fail_errno EINVAL "unknown ksocket command" $N msg u4: $KS:99
expect_ok "connect u4 to 127.0.0.1:5999 (UDP: at once)" $N msg u4: $CONNECT $(sa_in 127.0.0.1 5999)
expect_ok "getpeername after connect" $N msg u4: $GETPEERNAME
expect_eq "$(reply_hex "$NG_OUT")" "$(hexof $(sa_in 127.0.0.1 5999))" \
	"getpeername returns the peer"
expect_ok "status text" $N status u4:
expect_match "$NG_OUT" "family 2 type 2 protocol 17 connected" "status shows the socket"
$N shutdown u4:

# ---------------------------------------------------------------- ASCII
phase "ASCII"
# ngctl-nl msg PATH NAME TEXT: the node's ascii2binary and binary2ascii
expect_ok "ascii: a UDP socket" $N mkpeer h: ksocket a4 inet/dgram/udp
$N name h:a4 a4
expect_ok "ascii: bind inet/127.0.0.1:5100" $N msg a4: bind inet/127.0.0.1:5100
expect_ok "ascii: getname" $N msg a4: getname
expect_match "$NG_OUT" "Args:	inet/127\.0\.0\.1:5100$" "ascii: getname prints inet/127.0.0.1:5100"
expect_ok "ascii: setopt SO_MARK (the Japanese page's SO_SETFIB example on Linux)" \
	$N msg a4: setopt '{ level=1 name=36 value=[ 2 ] }'
expect_ok "ascii: getopt" $N msg a4: getopt '{ level=1 name=36 }'
expect_match "$NG_OUT" "Args:	\{ level=1 name=36 value=\[ 0x02 0x00 0x00 0x00 \] \}" \
	"ascii: getopt prints the value"
expect_fail_errno ENOENT "ascii: FreeBSD's literal example (field data=) is ENOENT there too" \
	$N msg a4: setopt '{ level=0xffff name=0x1014 data=[ 2 ] }'
expect_fail_errno EINVAL "ascii: a malformed address" $N msg a4: connect inet/127.0.0.1:99999
expect_ok "ascii: connect inet/127.0.0.1:5101" $N msg a4: connect inet/127.0.0.1:5101
expect_ok "ascii: getpeername" $N msg a4: getpeername
expect_match "$NG_OUT" "Args:	inet/127\.0\.0\.1:5101$" "ascii: getpeername prints the peer"
$N shutdown a4:
expect_ok "ascii: an IPv6 socket" $N mkpeer h: ksocket a6 inet6/dgram/udp
$N name h:a6 a6
expect_ok "ascii: bind inet6/[::1]:5102" $N msg a6: bind 'inet6/[::1]:5102'
expect_ok "ascii: getname (inet6)" $N msg a6: getname
expect_match "$NG_OUT" "Args:	inet6/\[::1\]:5102$" "ascii: getname prints inet6/[::1]:5102"
$N shutdown a6:
expect_ok "ascii: an AF_UNIX socket" $N mkpeer h: ksocket au local/dgram/0
$N name h:au au
# outside the initial namespace AF_UNIX names are abstract (security.rst)
expect_fail_errno EPERM "ascii: bind to a path name outside the initial namespace" \
	$N msg au: bind 'local/"/tmp/ksa"'
expect_ok "ascii: bind local/\"\\x00ksa\"" $N msg au: bind 'local/"\x00ksa"'
expect_ok "ascii: getname (local)" $N msg au: getname
expect_match "$NG_OUT" 'Args:	local/"\\x00ksa"$' "ascii: getname prints local/\"\\x00ksa\""
$N shutdown au:
expect_ok "ascii: a TCP listener" $N mkpeer h: ksocket al inet/stream/tcp
$N name h:al al
$N msg al: bind inet/127.0.0.1:5103 >/dev/null
$N msg al: listen 4 >/dev/null
$X sh -c "timeout 10 socat -u /dev/null TCP4:127.0.0.1:5103,sourceport=5104" >/dev/null 2>&1
expect_ok "ascii: accept" $N msg al: accept
expect_match "$NG_OUT" "Args:	\{ nodeid=0x[0-9a-f]+ addr=inet/127\.0\.0\.1:5104 \}" \
	"ascii: the accept reply names the clone and the peer"
$N shutdown al:

# ---------------------------------------------------------------- UDP echo
phase "UDP echo"
# ksocket (unconnected, bound) <-> echo: each sender gets its own datagram back
echo_ks() {	# echo_ks DESC HOOK: a ksocket named ks_DESC hung on an echo node
	$N mkpeer h: echo e_$1 x
	$N mkpeer h:e_$1 ksocket y "$2" || { fail "$1: mkpeer"; return 1; }
	$N name h:e_$1.y ks_$1
}
udp_echo() {	# udp_echo DESC HOOK SOCKADDR SOCAT-ADDR [SOCAT-ADDR2]
	echo_ks "$1" "$2" || return
	expect_ok "$1: bind" $N msg ks_$1: $BIND $3
	($X sh -c "echo one-$1 | socat -t2 - '$4'" >c1 2>&1 &
	 $X sh -c "echo two-$1 | socat -t2 - '${5:-$4}'" >c2 2>&1 &
	 wait)
	expect_eq "$(cat c1)" "one-$1" "$1: first sender got its reply"
	expect_eq "$(cat c2)" "two-$1" "$1: second sender got its reply"
	$N shutdown ks_$1:
}
udp_echo udp4 inet/dgram/udp "$(sa_in 127.0.0.1 5001)" UDP4:127.0.0.1:5001
udp_echo udp6 inet6/dgram/udp "$(sa_in6_lo 5002)" 'UDP6:[::1]:5002'
# AF_UNIX: each sender binds a short abstract name (the reply address must
# fit the packet metadata: 26 bytes).  Abstract names belong to the
# namespace, so the worker may send to them.
udp_echo unixd local/dgram/0 "$(sa_un_abs ksd)" \
	ABSTRACT-SENDTO:ksd,bind=kc1 ABSTRACT-SENDTO:ksd,bind=kc2
# Path names exist only in the initial namespace.  There, a path is looked
# up in a task's filesystem, and the worker that sends the reply acts for
# no task (Documentation/security.rst): a sender bound to a path gets no
# reply, and the drop is counted.
Nns=$N
N=$NGCTL	# the initial namespace
id=$(mknode echo)
$N name "[$id]:" e_unixp
$N mkpeer e_unixp: ksocket x local/dgram/0
$N name e_unixp:x ks_unixp
expect_ok "unixp: bind a path (initial namespace)" $N msg ks_unixp: $BIND $(sa_un /tmp/ksd)
echo one | socat -t2 - UNIX-SENDTO:/tmp/ksd,bind=/tmp/kc1 >c1 2>&1
expect_eq "$(cat c1)" "" "unixp: no reply is sent to a path from the worker"
ok '[ "$(ks_stat ks_unixp: tx errors)" -ge 1 ]' "unixp: the refused reply is counted (tx errors)"
$N shutdown ks_unixp:
$N shutdown e_unixp:
N=$Nns
rm -f /tmp/ksd /tmp/kc1

# The same echo, in text, with OpenBSD nc as the client (IPv4 and IPv6)
nc_echo() {	# nc_echo DESC HOOK BIND-TEXT NC-ARGS...
	_d=$1 _h=$2 _b=$3
	shift 3
	echo_ks "$_d" "$_h" || return
	expect_ok "$_d: bind $_b" $N msg ks_$_d: bind "$_b"
	$X sh -c "echo via-$_d | nc -u -w 2 $*" >c3 2>&1
	expect_eq "$(cat c3)" "via-$_d" "$_d: the nc client got its datagram back"
	$N shutdown ks_$_d:
}
nc_echo nc4 inet/dgram/udp inet/127.0.0.1:5003 127.0.0.1 5003
nc_echo nc6 inet6/dgram/udp 'inet6/[::1]:5004' -6 ::1 5004

$N shutdown h:
tap_done
