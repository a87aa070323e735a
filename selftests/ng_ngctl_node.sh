#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ngctl-nl's own node, as FreeBSD ngctl's: "." (and any path without ':')
# is a socket node of ngctl-nl's, made on first use and named with -n
# (default "ngctl<pid>"); "write" sends data out of its hooks, and what
# comes back is printed ("Rec'd data packet on hook ..." and a hex dump)
# after each command of a file or stdin, and at the prompt.  The node goes
# away with the process.  Runs in a fresh netns.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_echo ng_hub
ns_create ngself
N="$NGCTL -N ngself"

# echo on our hook e: what we write comes back on e
out=$(printf '%s\n' 'mkpeer . echo e any' 'write e "hi" 0x21' 'show -n .' \
	'msg . nodeinfo' | $N -n me -f - 2>&1)
rc=$?
ok $rc "a script using . runs"
want_data=$(printf 'Rec'"'"'d data packet on hook "e":\n0000:  68 69 21                                         hi!')
expect_match "$out" "^Rec'd data packet on hook \"e\":$" "write: the echo comes back on hook e and is printed"
expect_eq "$(printf '%s\n' "$out" | grep -A1 "^Rec'd data packet" | sed 's/ *$//')" "$want_data" "the data's hex dump"
expect_match "$out" "^  Name: me +Type: socket +ID: [0-9a-f]{8} +Num hooks: 1$" "show .: the own node, named by -n, type socket"
expect_match "$out" "^Args:	\{ name=\"me\" type=\"socket\" id=0x[0-9a-f]+ hooks=1 \}$" "msg . nodeinfo answers for the own node"
expect_ok "list after the process exited" $N list
expect_eq "$NG_OUT" "There are 0 total nodes:" "the own node and the echo on its hook are gone"

# a hub on two of our hooks: what goes out of one comes back on the other
out=$(printf '%s\n' 'mkpeer . hub a in1' 'connect . a b in2' 'write a 1 2 3' \
	'rmhook b' 'write a 4' 'list' | $N -f - 2>&1)
ok $? "a script with a hub on two own hooks runs"
expect_eq "$(printf '%s\n' "$out" | grep -c "^Rec'd data packet on hook \"b\":$")" 1 \
	"hub: the packet written on a comes back on b, once"
expect_match "$out" "^0000:  01 02 03 " "hub: its bytes"
expect_match "$out" "^  Name: ngctl[0-9]+ +Type: socket +ID: [0-9a-f]{8} +Num hooks: 1$" \
	"default name ngctl<pid>; one hook after rmhook b"

# the own node dies with the process, even a killed one
sl=$(mktemp)
( echo 'mkpeer . hole h in'; sleep 300 ) | $N -n sleeper -f - >"$sl" 2>&1 &
# (wait_for runs a new sh: no lib.sh functions there)
wait_for 30 sh -c "$NGCTL -N ngself list | grep -q 'Name: sleeper'"
$N list | grep -q "Name: sleeper" || tap_diag "ngctl-nl -n sleeper printed: $(cat "$sl")"
ok '$N list | grep -q "Name: sleeper"' "a node named sleeper while the process lives"
killall -9 ngctl-nl
wait_for 10 sh -c "! $NGCTL -N ngself list | grep -q 'Name: sleeper'"
ok '! $N list | grep -q "Name: sleeper"' "killed with SIGKILL: its node is gone"
expect_eq "$($N list | head -n1)" "There are 0 total nodes:" "and the hole on its hook with it"
rm -f "$sl"

# errors: write without a node's hook, relative paths that do not exist
expect_fail_errno EHOSTUNREACH "write on a hook the node does not have" $N write nosuch 1
expect_fail_errno ENOENT "a relative path through a missing hook" $N show nosuch.x
tap_done
