#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Control messages in text: "ngctl-nl msg <path> <name> <ASCII>" for the
# generic messages and every base node type, compared byte for byte with
# FreeBSD ngctl's output format ("Rec'd response ..." then "Args:<TAB>...").
# Errors of the parser: the errno and, on kernels with formatted extack
# messages (6.2+), the byte offset and what was expected.
# Runs in a fresh netns, so node IDs start at 1.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole ng_tee ng_one2many ng_echo
ns_inside ngascii
N="ns_exec ngascii $NGCTL"
TAB=$(printf '\t')

# reply ID CMDSTR CMD ARGS: the two lines ngctl-nl prints for a reply.
reply() {
	printf 'Rec'"'"'d response "%s" (%s) from "[%x]:":\n' "$2" "$3" "$1"
	if [ -n "$4" ]; then printf 'Args:\t%s' "$4"; else printf 'No arguments'; fi
}
# m DESC WANT-ARGS ID CMDSTR CMD NGCTL-ARGS...: msg must print this reply.
m() {
	_d=$1 _w=$2 _id=$3 _c=$4 _n=$5
	shift 5
	expect_ok "$_d" $N msg "$@" &&
		expect_eq "$NG_OUT" "$(reply "$_id" "$_c" "$_n" "$_w")" "$_d: exact output"
}
# quiet DESC NGCTL-ARGS...: a message without a reply prints nothing.
quiet() {
	_d=$1
	shift
	expect_ok "$_d" $N msg "$@" && expect_eq "$NG_OUT" "" "$_d: no output"
}

# Formatted extack texts exist from 6.2 on; 6.1 gets a fixed text.
case $NG_KVER in
[0-5].* | 6.[01].* | 6.[01]) FMT=0 ;;
*) FMT=1 ;;
esac
# perr ERRNO EXTACK DESC NGCTL-ARGS...: a parse error with its errno and,
# where the kernel can say it, the exact extack text.
perr() {
	_e=$1 _x=$2 _d=$3
	shift 3
	expect_fail_errno "$_e" "$_d" $N msg "$@"
	if [ $FMT = 1 ]; then
		expect_eq "$NG_OUT" "ngctl-nl: msg: $(errno_text "$_e") (kernel: $_x)" "$_d: extack names the offset"
	else
		expect_match "$NG_OUT" "\(kernel: cannot convert the message arguments\)" "$_d: 6.1's fixed extack text"
	fi
}

# ---------------------------------------------------------------- graph
# [1] hub "h"; [2] hole on h:b; [3] tee on h:c; [4] one2many on the tee's
# right; [5] hole on the one2many's many0; [6] a standalone echo.
expect_ok "standalone hub" $N mkpeer hub x y
expect_ok "name it h" $N name '[1]:' h
expect_ok "hole on h:b" $N mkpeer h: hole b in
expect_ok "tee on h:c" $N mkpeer h: tee c left
expect_ok "one2many on the tee's right" $N mkpeer h:c one2many right one
expect_ok "hole on many0" $N mkpeer h:c.right hole many0 in
expect_ok "standalone echo" $N mkpeer echo x y

# ---------------------------------------------------------------- generic
m "nodeinfo" '{ name="h" type="hub" id=0x1 hooks=2 }' 1 nodeinfo 805306374 h: nodeinfo
m "nodeinfo of an unnamed node: no name field" '{ type="echo" id=0x6 }' 6 nodeinfo 805306374 '[6]:' nodeinfo
m "listhooks" '{ nodeinfo={ name="h" type="hub" id=0x1 hooks=2 } linkinfo=[ { ourhook="b" peerhook="in" nodeinfo={ type="hole" id=0x2 hooks=1 } } { ourhook="c" peerhook="left" nodeinfo={ type="tee" id=0x3 hooks=2 } } ] }' \
	1 listhooks 805306375 h: listhooks
m "listnames" '{ numnames=1 nodeinfo=[ { name="h" type="hub" id=0x1 hooks=2 } ] }' 1 listnames 805306376 h: listnames
m "listnodes" '{ numnames=6 nodeinfo=[ { name="h" type="hub" id=0x1 hooks=2 } { type="hole" id=0x2 hooks=1 } { type="tee" id=0x3 hooks=2 } { type="one2many" id=0x4 hooks=2 } { type="hole" id=0x5 hooks=1 } { type="echo" id=0x6 } ] }' \
	1 listnodes 805306377 h: listnodes
expect_ok "listtypes" $N msg h: listtypes
expect_match "$NG_OUT" "^Args:$TAB\{ numtypes=[0-9]+ typeinfo=\[ .*\{ typename=\"one2many\" numnodes=1 \}" "listtypes: one2many with its node count"
quiet "name in text" h: name '{ name="hh" }'
expect_ok "the new name resolves" $N show -n hh:
quiet "name back" hh: name '{ name="h" }'
quiet "mkpeer in text" h: mkpeer '{ type="hole" ourhook="z" peerhook="in" }'
quiet "connect in text" h: connect '{ path="h:z" ourhook="y" peerhook="in2" }'
expect_ok "show the new hooks" $N show h:z
expect_match "$NG_OUT" "^  in2 +h +hub +00000001 +y" "connect made h:y <-> hole:in2"
quiet "rmhook in text" h: rmhook '{ hook="y" }'
quiet "rmhook the other" h: rmhook '{ hook="z" }'
m "ascii2binary: the node builds the binary form of a text message" \
	'{ version=8 arglen=32 cmd=1 typecookie=915433206 cmdstr="getstats" data=[ 0x69 0x6e ] }' \
	2 ascii2binary 805306381 h:b ascii2binary '{ version=8 cmdstr="getstats" arglen=5 data=[ 34 105 110 34 0 ] }'

# ---------------------------------------------------------------- hole
expect_ok "a frame into the hole" $N inject h:b in 1 2 3 4 5
expect_ok "another" $N inject h:b in 1 2 3
m "hole getstats" '{ frames=2 octets=8 }' 2 getstats 1 h:b getstats '"in"'
m "hole getclrstats" '{ frames=2 octets=8 }' 2 getclrstats 3 h:b getclrstats '"in"'
m "hole stats cleared: every field at its default" '{}' 2 getstats 1 h:b getstats '"in"'
quiet "hole clrstats" h:b clrstats '"in"'
expect_fail_errno ENOENT "hole getstats of a missing hook" $N msg h:b getstats '"nosuch"'

# ---------------------------------------------------------------- tee, one2many
m "one2many getconfig: many0 enabled by connecting it" '{ xmitAlg=1 failAlg=1 enabledLinks=[ 1 ] }' 4 getconfig 1 h:c.right getconfig
expect_ok "a frame through tee and one2many" $N inject h:c left 9 9 9 9
m "tee getstats" '{ right={ outOctets=4 outFrames=1 } left={ inOctets=4 inFrames=1 } }' 3 getstats 1 h:c getstats
m "tee getclrstats" '{ right={ outOctets=4 outFrames=1 } left={ inOctets=4 inFrames=1 } }' 3 getclrstats 3 h:c getclrstats
m "tee cleared" '{}' 3 getstats 1 h:c getstats
quiet "tee clrstats" h:c clrstats
m "one2many getstats of one (-1)" '{ recvOctets=4 recvPackets=1 }' 4 getstats 2 h:c.right getstats -1
m "one2many getstats of many0" '{ xmitOctets=4 xmitPackets=1 }' 4 getstats 2 h:c.right getstats 0
m "many0's hole counted it" '{ frames=1 octets=4 }' 5 getstats 1 h:c.right.many0 getstats '"in"'
quiet "one2many setconfig" h:c.right setconfig '{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 0 1 ] }'
m "one2many getconfig after setconfig (defaults omitted)" '{ xmitAlg=2 failAlg=1 enabledLinks=[ 1 2=1 ] }' 4 getconfig 1 h:c.right getconfig
quiet "one2many setconfig with an index" h:c.right setconfig '{ enabledLinks=[ 63=1 ] xmitAlg=3 failAlg=1 }'
m "index 63 round-trips" '{ xmitAlg=3 failAlg=1 enabledLinks=[ 63=1 ] }' 4 getconfig 1 h:c.right getconfig
m "one2many getclrstats" '{ recvOctets=4 recvPackets=1 }' 4 getclrstats 4 h:c.right getclrstats -1
quiet "one2many clrstats" h:c.right clrstats 0

# ---------------------------------------------------------------- hub
quiet "hub setpersistent" h: setpersistent
expect_ok "rmhook b" $N rmhook h: b
expect_ok "rmhook c" $N rmhook h: c
expect_ok "a persistent hub outlives its last hook" $N show -n h:

# ---------------------------------------------------------------- errors
perr ENOENT 'ascii2binary: at byte 12: a field name, not "bogus"' "unknown field" \
	'[4]:' setconfig '{ xmitAlg=2 bogus=1 }'
perr EALREADY 'ascii2binary: at byte 12: field "xmitAlg" only once' "repeated field" \
	'[4]:' setconfig '{ xmitAlg=2 xmitAlg=1 }'
perr E2BIG 'ascii2binary: at byte 17: an index below 64' "index out of range" \
	'[4]:' setconfig '{ enabledLinks=[ 64=1 ] }'
perr ERANGE 'ascii2binary: at byte 10: integer out of range -2147483648..4294967295' "overflowing u32" \
	'[4]:' setconfig '{ xmitAlg=4294967296 }'
perr EINVAL "ascii2binary: at byte 11: expected '}' to close the '{' at 0" "unterminated brace" \
	'[4]:' setconfig '{ xmitAlg=2'
perr EINVAL 'ascii2binary: at byte 0: expected a quoted string' "hook name not quoted" \
	'[5]:' getstats in
expect_fail_errno EINVAL "unterminated string" $N msg '[5]:' getstats '"in'
expect_fail_errno ENOSYS "unknown command name" $N msg '[4]:' nosuchcmd
expect_match "$NG_OUT" 'one2many knows no command "nosuchcmd"|cannot|unknown' "unknown command: the extack says so"
expect_fail_errno ENOSYS "echo has no commands of its own" $N msg '[6]:' getstats
expect_fail_errno ERANGE "binary output over 20 KiB refused" $N msg h: ascii2binary '{ arglen=30000 }'
[ $FMT = 1 ] && expect_match "$NG_OUT" "kernel: ascii2binary: at byte [0-9]+: " "oversized output: the extack gives the offset"
expect_fail_errno E2BIG "nested data longer than its arglen" $N msg h: ascii2binary '{ cmdstr="getstats" data=[ 34 105 110 34 0 ] }'

# ---------------------------------------------------------------- binary form
expect_ok "cookie:cmd still sends bytes (hole getstats)" $N msg '[5]:' 915433206:1 '"in"' 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0
expect_eq "$(printf '%s\n' "$NG_OUT" | sed -n 1,2p)" "$(printf 'Rec'"'"'d response "cmd1" (1) from "[5]:":\nArgs:')" "binary form: a hex dump under Args:"

tap_done
