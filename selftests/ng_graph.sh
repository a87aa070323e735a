#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Build a small graph with ngctl-nl and compare list/show/types output with
# FreeBSD ngctl's formats.  Runs in a fresh netns so node IDs start at 1.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole ng_tee
ns_inside nggraph
N="ns_exec nggraph $NGCTL"

expect_ok "mkpeer without a path creates a standalone hub" $N mkpeer hub x y
expect_eq "$NG_OUT" "" "mkpeer prints nothing on success"
expect_ok "name [1]: h" $N name '[1]:' h
expect_ok "mkpeer h: hole a in" $N mkpeer h: hole a in
expect_ok "mkpeer h: tee b left" $N mkpeer h: tee b left
expect_ok "mkpeer h:b hole right r (relative path through a hook)" \
	$N mkpeer h:b hole right r

line() {	# line NAME TYPE ID HOOKS
	printf '  Name: %-15s Type: %-15s ID: %08x   Num hooks: %d\n' "$@"
}
want=$(printf 'There are 4 total nodes:\n'
	line h hub 1 2
	line '<unnamed>' hole 2 1
	line '<unnamed>' tee 3 2
	line '<unnamed>' hole 4 1)
expect_ok "list" $N list
expect_eq "$NG_OUT" "$want" "list output matches FreeBSD's format"

want=$(printf 'There are 1 total named nodes:\n'; line h hub 1 2)
expect_ok "list -n" $N list -n
expect_eq "$NG_OUT" "$want" "list -n lists named nodes only"

row() { printf '  %-15s %-15s %-12s %-15s %-15s\n' "$@"; }
want=$(line h hub 1 2
	row "Local hook" "Peer name" "Peer type" "Peer ID" "Peer hook"
	row "----------" "---------" "---------" "-------" "---------"
	row a '<unnamed>' hole 00000002 in
	row b '<unnamed>' tee 00000003 left)
expect_ok "show h:" $N show h:
expect_eq "$NG_OUT" "$want" "show output matches FreeBSD's format"

expect_ok "show -n h:" $N show -n h:
expect_eq "$NG_OUT" "$(line h hub 1 2)" "show -n omits the hooks"

expect_ok "show through a path h:b.right" $N show -n h:b.right
expect_eq "$NG_OUT" "$(line '<unnamed>' hole 4 1)" "path h:b.right reaches the second hole"

expect_ok "status of a hub" $N status h:
expect_eq "$NG_OUT" 'No status available for "h:"' "a type without status text: FreeBSD's message"

expect_ok "types" $N types
expect_match "$NG_OUT" "hub +[0-9]+" "types lists hub"
expect_match "$NG_OUT" "hole +[0-9]+" "types lists hole"

# -j: the same in JSON, exactly
node() {	# node ID TYPE HOOKS [NAME]: one node's JSON members
	printf '"id":%d,%s"type":"%s","numhooks":%d' "$1" "${4:+\"name\":\"$4\",}" "$2" "$3"
}
expect_ok "-j list" $N -j list
json_check list
expect_eq "$NG_OUT" "[{$(node 1 hub 2 h)},{$(node 2 hole 1)},{$(node 3 tee 2)},{$(node 4 hole 1)}]" \
	"-j list: every node, a name only where there is one"
expect_ok "-j list -n" $N -j list -n
expect_eq "$NG_OUT" "[{$(node 1 hub 2 h)}]" "-j list -n: the named node"
expect_ok "-j show h:" $N -j show h:
json_check show
expect_eq "$NG_OUT" "{$(node 1 hub 2 h),\"hooks\":[{\"hook\":\"a\",\"peer\":{$(node 2 hole 1)},\"peerhook\":\"in\"},{\"hook\":\"b\",\"peer\":{$(node 3 tee 2)},\"peerhook\":\"left\"}]}" \
	"-j show h:: the node and its hooks with their peers"
expect_ok "-j show -n h:" $N -j show -n h:
expect_eq "$NG_OUT" "{$(node 1 hub 2 h)}" "-j show -n: no hooks member"
expect_ok "-j status h:" $N -j status h:
json_check status
expect_eq "$NG_OUT" '{"path":"h:","status":null}' "-j status: null when the type has no status text"
expect_ok "-j types" $N -j types
json_check types
expect_match "$NG_OUT" '^\[.*\{"type":"hub","numnodes":[0-9]+\}.*\]$' "-j types: an array with the hub type"
expect_ok "-j stats" $N -j stats
json_check stats
expect_match "$NG_OUT" '^\{"nodes":4,"deferred":[0-9]+,.*"limit_hits":[0-9]+\}$' "-j stats: the counters, 4 nodes"

expect_ok "dot" $N dot
expect_match "$NG_OUT" "^graph netgraph" "dot output is a graphviz graph"
expect_match "$NG_OUT" '\[1\]:' "dot output labels node [1]:"

# rmhook removes both ends; the hole dies with its last hook (FreeBSD)
expect_ok "rmhook h: a" $N rmhook h: a
expect_fail_errno ENOENT "the hole on h:a is gone" $N show '[2]:'
expect_ok "show h: after rmhook" $N show -n h:
expect_eq "$NG_OUT" "$(line h hub 1 1)" "the hub has one hook left"

# the tee bypass: shutting the tee down joins its neighbours (FreeBSD close())
expect_ok "shutdown the tee" $N shutdown '[3]:'
expect_ok "show h: after tee shutdown" $N show h:
expect_match "$NG_OUT" "hole +00000004" "hub and second hole are joined after the tee went"

expect_ok "shutdown h:" $N shutdown h:
expect_ok "list after shutdown" $N list
expect_eq "$(printf '%s\n' "$NG_OUT" | head -n1)" "There are 0 total nodes:" \
	"the last hole died with its hook: graph empty"

# one-shot, -f file and stdin modes
cat >cmds <<'CMDS'
# a comment
mkpeer hub x y

name [5]: fromfile
CMDS
expect_ok "ngctl-nl -f file" $N -f cmds
expect_ok "named node from the file exists" $N show -n fromfile:
printf 'shutdown fromfile:\n' >cmds2
expect_ok "ngctl-nl reads commands from stdin" sh -c "ip netns exec nggraph $NGCTL <cmds2"
expect_fail_errno ENOENT "node shut down from stdin" $N show fromfile:

printf 'mkpeer hub x y\nshow nosuch:\nname [7]: never\n' >bad
expect_fail "-f stops at the first failing line" $N -f bad
expect_match "$NG_OUT" "line 2" "-f names the failing line"
expect_fail_errno ENOENT "lines after the failure did not run" $N show never:

$N help >/dev/null 2>&1
expect_eq "$?" 0 "help exits 0"
$N nosuchcommand >/dev/null 2>&1
expect_eq "$?" 64 "unknown command exits 64 (EX_USAGE)"
# (last: the tool's own node takes a node ID the tests above count on)
expect_ok "-j status of the tool's own socket node (lines of text)" $N -j status .
json_check status_text
expect_match "$NG_OUT" '"status":"owner socket: [0-9]+\\ncontrol socket' "-j status: the text's newlines escaped"

tap_done
