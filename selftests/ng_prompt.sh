#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ngctl-nl's prompt (on a pty, through script(1)), as FreeBSD's ngctl's:
# it prints what arrives on its own node while it waits for a line.  The
# case FreeBSD's ngctl can miss: ksocket's connect answers EINPROGRESS at
# once and sends its real result later, as a reply to the node that
# asked; at the prompt that reply is printed when it comes.  Then data
# written on the hook goes out over TCP, and what the peer sends comes
# back as "Rec'd data packet".  Then line editing and history (libedit).
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_ksocket ng_echo
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

# Line editing (libedit): the up arrow recalls the line before, which runs
# again; the history outlives the session in $HOME/.ngctl_history.
# (Each key goes once the prompt is there: typed ahead, it would reach
# the terminal before libedit takes it over.)
h=$d/home
mkdir -p "$h"
up=$(printf '\033[A')
n_rec() { grep -c "^Rec'd data packet on hook \"e\":" "$1" 2>/dev/null; }
rec_is() { [ "$(n_rec "$1" | tr -d '\r')" = "$2" ]; }
{
	wait_for 10 grep -q '+ ' "$d/ed1"
	echo 'mkpeer . echo e e'
	echo 'write e "ping"'
	wait_for 10 rec_is "$d/ed1" 1
	printf '%s\n' "$up"
	wait_for 10 rec_is "$d/ed1" 2
	echo 'quit'
} | $X env HOME="$h" script -qfec "$NGCTL -n ed1" /dev/null >"$d/ed1" 2>&1
ok $? "a session with line editing ran and quit"
tr -d '\r' <"$d/ed1" >"$d/ed1.clean"
tap_diag "$(cat "$d/ed1.clean")"
expect_eq "$(n_rec "$d/ed1.clean")" 2 "the up arrow recalled 'write e \"ping\"' and it ran again"
expect_eq "$(grep -c "unknown command" "$d/ed1.clean")" 0 "the arrow's escape sequence never reached the parser"
ok '[ -f "$h/.ngctl_history" ]' "the history is saved in \$HOME/.ngctl_history"
expect_eq "$(grep -c 'ping' "$h/.ngctl_history")" 1 "the line is in it once"
{
	wait_for 10 grep -q '+ ' "$d/ed2"
	echo 'mkpeer . echo e e'
	wait_for 10 sh -c "[ \$(grep -o '+ ' '$d/ed2' | wc -l) -ge 2 ]"
	# the history now: mkpeer, write, quit (the last session's), mkpeer
	printf '%s%s%s\n' "$up" "$up" "$up"
	wait_for 10 rec_is "$d/ed2" 1
	echo 'quit'
} | $X env HOME="$h" script -qfec "$NGCTL -n ed2" /dev/null >"$d/ed2" 2>&1
tr -d '\r' <"$d/ed2" >"$d/ed2.clean"
tap_diag "$(cat "$d/ed2.clean")"
expect_eq "$(n_rec "$d/ed2.clean")" 1 "the next session recalls the last one's write from the history file"
rm -rf "$d"
tap_done
