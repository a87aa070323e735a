#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# nghook-nl (FreeBSD's nghook on libnetgraph): data piped both ways through
# an echo node, the hex dump, loopback (-l), a program on the hook (-e) and
# messages sent after connecting (-m).
. "$(dirname "$0")/lib.sh"

H=${NGHOOK:-/usr/bin/nghook-nl}
[ -x "$H" ] || skip_all "no $H (tools/nghook-nl not built)"
require_module netgraph ng_hub ng_echo
require_cmd timeout
ns_inside ngnh
N="ns_exec ngnh $NGCTL"
X=

# mk TYPE NAME: a standalone node of TYPE called NAME.
mk() {
	$N mkpeer "$1" x y >/dev/null || return 1
	_id=$($N list | awk -v t="$1" '$2 == "<unnamed>" && $4 == t { print $6; exit }')
	[ -n "$_id" ] && $N name "[$_id]:" "$2"
}

# hooks_of NAME N: wait up to 5 s until NAME: has N hooks.
hooks_of() {
	_i=0
	while [ $_i -lt 50 ]; do
		$N show -n "$1:" 2>/dev/null | grep -q "Num hooks: $2\$" && return 0
		sleep 0.1
		_i=$((_i + 1))
	done
	return 1
}

ok 'mk echo e1' "echo node e1"
out=$(printf hello | $X timeout 10 "$H" e1: in 2>err.txt)
rc=$?
expect_eq "$out" "hello" "stdin to the hook, the echo back to stdout"
expect_eq "$rc" 71 "EOF on stdin ends nghook-nl with EX_OSERR (as FreeBSD)"
expect_match "$(cat err.txt)" "EOF\\(stdin\\)" "and says EOF(stdin)"

ok 'mk echo e2' "echo node e2"
out=$(printf 'AB\001' | $X timeout 10 "$H" -a e2: in 2>/dev/null)
expect_match "$out" "^0000:  41 42 01 +AB\\.\$" "-a: hex and ASCII dump"

# -S reads from descriptor 1, -s writes to descriptor 0 (FreeBSD's swaps)
ok 'mk echo e3' "echo node e3"
printf swap >in3.txt
: >out3.txt
$X timeout 10 "$H" -s -S e3: in 1<in3.txt 0>out3.txt 2>/dev/null
expect_eq "$(cat out3.txt)" "swap" "-s -S: input from fd 1, the echo written to fd 0"

# echo_back DATA PATH HOOK: DATA into HOOK of PATH by an nghook-nl whose
# input stays open until something comes back (10 s at most, not a fixed
# sleep); prints what came back
echo_back() {
	rm -f back.out
	(
		printf '%s' "$1"
		_i=0
		while [ $_i -lt 100 ] && [ ! -s back.out ]; do
			sleep 0.1
			_i=$((_i + 1))
		done
	) | $X timeout 12 "$H" "$2" "$3" >back.out 2>/dev/null
	cat back.out
}

ok 'mk hub h1' "hub h1"
# -n: a background job's standard input is /dev/null, whose EOF would end it.
$X "$H" -n -l h1: a >/dev/null 2>&1 &
loop=$!
ok 'hooks_of h1 1' "-l: the looping nghook-nl is connected"
out=$(echo_back xyz h1: b)
expect_eq "$out" "xyz" "-l: the packet comes back through the hub"
kill $loop
wait $loop 2>/dev/null

ok 'mk hub h2' "hub h2"
$X "$H" -e h2: a cat >/dev/null 2>&1 &
prog=$!
ok 'hooks_of h2 1' "-e: the nghook-nl running cat is connected"
out=$(echo_back abc h2: b)
expect_eq "$out" "abc" "-e: cat on the hook sends the packet back"
kill $prog
wait $prog 2>/dev/null

ok 'mk hub p1' "hub p1"
$X "$H" -n -m setpersistent p1: c >/dev/null 2>&1 &
pid=$!
ok 'hooks_of p1 1' "-n -m: connected"
kill $pid
wait $pid 2>/dev/null
ok 'hooks_of p1 0' "-m setpersistent: the hub outlives its last hook"
expect_ok "shutdown p1" $N shutdown p1:

_i=0
while [ $_i -lt 50 ] && ! $N list | grep -q "There are 0 total nodes"; do
	sleep 0.1
	_i=$((_i + 1))
done
expect_ok "list" $N list
expect_match "$NG_OUT" "There are 0 total nodes" "every nghook-nl node went with its process"
tap_done
