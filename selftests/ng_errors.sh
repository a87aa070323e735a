#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Every generic error case: the errno FreeBSD returns and the kernel's
# extack text, as printed by ngctl-nl.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_hole
ns_inside ngerr
N="ns_exec ngerr $NGCTL"

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N mkpeer h: hole a in >/dev/null ||
	skip_all "cannot build the base graph"


expect_fail_extack ENXIO "unknown node type" "mkpeer of an unknown type" $N mkpeer h: nosuchtype b c
expect_fail_extack ENOENT "not found" "mkpeer on a missing node" $N mkpeer nosuch: hub b c
expect_fail_extack EEXIST "already has a hook|hook name already in use" "mkpeer with an existing hook" $N mkpeer h: hub a b
expect_fail_extack EINVAL "hook name contains" "mkpeer with '.' in a hook name" $N mkpeer h: hub b.c d
expect_fail_extack EINVAL "hook name contains" "mkpeer with ':' in the peer hook" $N mkpeer h: hub b c:d
expect_fail_extack EINVAL "more than one ':'" "address with two colons" $N show a:b:
expect_fail_extack EINVAL "node part of the address contains" "'.' in the node part" $N show a.b:c
expect_fail_extack EINVAL "empty hook name" "empty hook in a path" $N show h:a..b
expect_fail_extack ENOENT "has no hook|not found" "a relative path: a hook of ngctl-nl's own node" $N show a
expect_fail_extack ENOENT "has no hook|not found" "missing hook in a path" $N show h:nohook
expect_fail_extack ENOENT "not found" "missing node by ID" $N show '[ffff]:'
expect_fail_extack EADDRINUSE "already in use" "duplicate name" $N name h:a h
expect_fail_extack EINVAL "contains '.' or ':'" "name with a dot" $N name h: a.b
expect_fail_extack EINVAL "form of an ID" "name of the form [hex]" $N name h: '[1f]'
expect_fail_extack EINVAL "longer than 31" "name of 32 characters" $N name h: 0123456789abcdef0123456789abcdef
expect_fail_extack ENOENT "not found" "connect to a missing node" $N connect h: nosuch: b c
expect_fail_extack EEXIST "already has a hook|already in use" "connect with an existing hook" $N connect h: h:a a x
expect_fail_extack ENOENT "not found" "shutdown of a missing node" $N shutdown nosuch:
expect_fail_extack ENOENT "not found" "rmhook on a missing node" $N rmhook nosuch: a
expect_fail_extack EINVAL "unknown generic command" "unknown generic message" $N msg h: 1137070366:99
expect_fail_extack EINVAL "." "hub refuses an unknown command" $N msg h: 1082189597:7
expect_fail_extack EINVAL "not a whole struct ng_mesg" "binary2ascii without a message" $N msg h: 1137070366:0x3000000c

expect_ok "rmhook of a missing hook succeeds (FreeBSD)" $N rmhook h: nosuchhook
expect_ok "renaming to the same name is a no-op" $N name h: h
expect_ok "a node can be renamed" $N name h: h2
expect_fail_errno ENOENT "the old name is gone" $N show h:
$N name h2: h

# the type module stays while it has nodes, and loads on demand
rmmod ng_hub 2>/dev/null
expect_ok "ng_hub is still loaded while hubs exist" test -d /sys/module/ng_hub
if rmmod ng_tee 2>/dev/null || ! test -d /sys/module/ng_tee; then
	expect_ok "mkpeer of tee autoloads ng_tee" $N mkpeer h: tee t left
	expect_ok "ng_tee was loaded by request_module" test -d /sys/module/ng_tee
else
	skip "autoload of ng_tee" "ng_tee is in use by another test"
fi
expect_ok "shutdown h:" $N shutdown h:
tap_done
