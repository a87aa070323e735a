#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ngctl-nl's prompt (on a pty, through script(1)), as FreeBSD's ngctl's:
# it prints what arrives on its own node while it waits for a line.  The
# case FreeBSD's ngctl can miss: ksocket's connect answers EINPROGRESS at
# once and sends its real result later, as a reply to the node that
# asked; at the prompt that reply is printed when it comes.  Then data
# written on the hook goes out over TCP, and what the peer sends comes
# back as "Rec'd data packet".
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket
require_cmd script
require_cmd socat
ns_create ngprompt
X="ns_exec ngprompt"
d=$(mktemp -d)

# the TCP peer: prints what it gets, answers "pong"
# (in a process group of its own, ended once it has the data: not through
# ns_exec, a function, whose background subshell would not be the group)
ip netns exec ngprompt setsid sh -c "(echo pong; sleep 20) | timeout 20 socat TCP4-LISTEN:7100,reuseaddr - >'$d/peer.out'" &
peer=$!
wait_for 10 $X sh -c "grep -q ':1BBC ' /proc/net/tcp"

{
	echo 'mkpeer . ksocket k inet/stream/tcp'
	echo 'msg k connect inet/127.0.0.1:7100'
	wait_for 20 grep -q "^Rec'd data packet" "$d/out"
	echo 'write k "ping"'
	wait_for 20 grep -qx ping "$d/peer.out"
	echo 'quit'
} | $X script -qfec "$NGCTL -n me" /dev/null >"$d/out" 2>&1
ok $? "the prompt ran and quit"
tr -d '\r' <"$d/out" >"$d/clean"
tap_diag "$(cat "$d/clean")"
expect_match "$(cat "$d/clean")" "msg: Operation now in progress" "connect answers EINPROGRESS at once"
expect_match "$(cat "$d/clean")" "^Rec'd response \"connect\" \(4\) from \"\[[0-9a-f]+\]:\":$" \
	"the late connect reply is printed when it arrives"
expect_match "$(cat "$d/clean")" "^Args:	0$" "its result: 0, connected"
expect_match "$(cat "$d/clean")" "^Rec'd data packet on hook \"k\":$" "the peer's data comes back on hook k"
expect_match "$(cat "$d/clean")" "^0000:  70 6f 6e 67 0a " "the bytes: pong"
kill -- "-$peer" 2>/dev/null
wait $peer 2>/dev/null
expect_eq "$(cat "$d/peer.out")" "ping" "write k sent ping over TCP"
rm -rf "$d"
tap_done
