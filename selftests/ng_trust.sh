#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The trust boundary of the graph core (Documentation/security.rst): what
# a namespace admin sends cannot read past a field, loop forever, multiply
# without end, outlive its namespace or pass the per-namespace limits.
# Each case is a regression test of a finding of issue 10.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_tee ng_hole
P=/sys/module/netgraph/parameters
ns_create ngtrust ngring nghubs
N="ns_exec ngtrust $NGCTL"
R="ns_exec ngring $NGCTL"
H="ns_exec nghubs $NGCTL"

# u32 N: four byte values, little-endian (the guest is x86).
u32() {
	echo "$(($1 & 255)) $(($1 >> 8 & 255)) $(($1 >> 16 & 255)) $(($1 >> 24 & 255))"
}
GENERIC=1137070366
FLOW=851672669
# hdr ARGLEN CMD COOKIE: the first 24 bytes of a struct ng_msghdr
# (version 8, token 1); cmdstr follows.
hdr() {
	echo "8 0 0 0 $(u32 "$1") $(u32 "$2") 0 0 0 0 1 0 0 0 $(u32 "$3")"
}
# stat NAME [NGCTL]: one counter of `ngctl-nl stats` (default: in ngtrust).
stat() {
	${2:-$N} stats | sed -n "s/^$1: //p"
}

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N mkpeer h: hole a in >/dev/null ||
	skip_all "cannot build the base graph"

# ---- a cmdstr without its NUL (item 4: the extack's %s ran past it)
A32='"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"'
expect_fail_errno EINVAL "a message whose cmdstr fills its field is refused" \
	$N rawmsg h: $(hdr 3 4 $GENERIC) "$A32" '"BBB"'
expect_match "$NG_OUT" "kernel: message cmdstr is not NUL-terminated" \
	"the extack names the cmdstr"
expect_fail_errno EINVAL "the same with no arguments at all" \
	$N rawmsg h: $(hdr 0 4 $GENERIC) "$A32"
# The same message with a terminated cmdstr reaches the argument check.
expect_fail_errno EINVAL "with a terminated cmdstr the arguments are checked" \
	$N rawmsg h: $(hdr 3 4 $GENERIC) '"name"' $(seq 5 32 | sed 's/.*/0/') '"BBB"'
expect_match "$NG_OUT" "name needs 32 bytes of arguments, got 3|wrong argument length" \
	"the extack says what the arguments lack, and nothing after the name"
# (the netlink policy's minimum length refuses it before ng_msg_check)
expect_fail_errno ERANGE "a header shorter than struct ng_mesg" $N rawmsg h: 8 0 0 0

$N shutdown h:
tap_done
