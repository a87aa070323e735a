#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Churn soak: everything at once for a bounded time, on every vCPU the
# guest has: graph churn by ngfuzz in short-lived network namespaces (each
# dies with its graph, sockets and traffic in it), UDP and TCP ksocket
# relays, an iface, and an eiface behind a bridge carrying traffic (with a
# veth on the bridge by its ether node) in namespaces deleted under them,
# and the netgraph type modules unloaded and reloaded while requests
# autoload them.  The kernel's health is judged by the runner (KASAN, lockdep,
# kmemleak, WARN...); here: every loop made progress, nothing hung, no
# namespace or socket was left behind, and the graph and the modules
# still work.
#
# Bound: NG_CHURN_SECONDS (ngvm.churn_seconds=; default 60, make fuzz
# gives it more).
. "$(dirname "$0")/lib.sh"

FUZZ=${NGFUZZ:-/usr/bin/ngfuzz}
[ -x "$FUZZ" ] || skip_all "no $FUZZ in this guest"
require_module netgraph ng_echo ng_hole ng_tee ng_hub ng_one2many ng_ksocket ng_iface ng_eiface ng_bridge ng_ether
require_cmd socat timeout

T=$(ng_conf NG_CHURN_SECONDS ngvm.churn_seconds)
T=${T:-60}
TT=${NG_TEST_TIMEOUT:-300}
[ "$T" -le $((TT - 90)) ] || T=$((TT - 90))
END=$(($(date +%s) + T))
. "$(dirname "$0")/ksocket-helpers.sh"
tap_diag "churn for ${T}s on $(grep -c ^processor /proc/cpuinfo) vCPU(s)"

nsbefore=$(ls /run/netns 2>/dev/null | wc -l)
# each node holds its type's module: back to these counts when every
# namespace the soak made is gone
ksref=$(cat /sys/module/ng_ksocket/refcnt)
hubref=$(cat /sys/module/ng_hub/refcnt)
ifref=$(cat /sys/module/ng_iface/refcnt)
# (ether's nodes do not hold the module: `types` counts them)
ether_nodes() { $NGCTL types | awk '$1 == "ether" {print $2}'; }
etherref=$(ether_nodes)
tcpbefore=$(awk 'NR > 1' /proc/net/tcp /proc/net/tcp6 2>/dev/null | wc -l)

# ---------------------------------------------------------------- loops
# Each loop runs until END and leaves its count of rounds in a file.

# 1. graph churn: ngfuzz in two new network namespaces, a new seed each
#    round; the namespaces die with everything the requests made
fuzz_loop() {
	_i=0
	while [ "$(date +%s)" -lt $END ]; do
		# rounds of half the time: making the namespaces is slow on
		# the debug kernel
		_left=$((END - $(date +%s)))
		[ $_left -gt $(((T + 1) / 2)) ] && _left=$(((T + 1) / 2))
		[ $_left -lt 3 ] && break
		"$FUZZ" -s $((7000 + _i)) -n 2 -j 1 -t $_left -N 1000000 \
			-P $((31000 + (_i % 8) * 16)) >fuzz.$_i.out 2>&1 ||
			echo "round $_i: exit $?" >>fuzz.err
		grep '^ngfuzz: seed ' fuzz.$_i.out >>fuzz.sum
		rm -f fuzz.$_i.out
		_i=$((_i + 1))
	done
	echo $_i >fuzz.rounds
}

# 2. traffic: a netns with a UDP relay and a TCP relay of ksocket nodes,
#    and an iface and an eiface (behind a bridge) whose packets go out of
#    the hub to both
#    relays (and each other), socat pushing data through all of them,
#    deleted while the data flows
relay_loop() {
	_i=0
	while [ "$(date +%s)" -lt $((END - 5)) ]; do
		_ns=ngchurn$_i
		ip netns add $_ns || break
		ip -n $_ns link set lo up
		ip -n $_ns link add ve0 type veth peer name ve1
		_x="ip netns exec $_ns"
		# the graph in one ngctl-nl run (a process costs seconds on
		# the debug kernel): UDP 6200 -> ua -> ub -> 6201 (a socat
		# sink), and a TCP listener whose accepted connection stays
		cat >relay.cmds <<-EOF
			mkpeer hub x y
			name [1]: h
			msg h: 1082189597:1
			mkpeer h: ksocket ua inet/dgram/udp
			name h:ua ua
			mkpeer ua: ksocket inet/dgram/udp inet/dgram/udp
			msg ua: $BIND $(sa_in 127.0.0.1 6200)
			msg ua:inet/dgram/udp $CONNECT $(sa_in 127.0.0.1 6201)
			mkpeer h: ksocket tl inet/stream/tcp
			msg h:tl $BIND $(sa_in 127.0.0.1 6202)
			msg h:tl $LISTEN $(le32 8)
			msg h:tl $ACCEPT
			mkpeer h: iface ni inet
			mkpeer h: bridge nb link0
			mkpeer h:nb eiface link1 ether
			connect ve0: h:nb lower link2
			connect ve0: h:nb upper link3
		EOF
		$_x $NGCTL -f relay.cmds >/dev/null 2>&1
		$_x timeout 10 socat -u UDP4-RECV:6201 /dev/null >/dev/null 2>&1 &
		_pids=$!
		$_x timeout 10 socat -u -b1000 OPEN:/dev/zero UDP4-SENDTO:127.0.0.1:6200 >/dev/null 2>&1 &
		_pids="$_pids $!"
		# (linger=0: killed, the client resets instead of waiting in
		# FIN_WAIT2 for a FIN that no one sends, holding the namespace)
		$_x timeout 10 socat -u OPEN:/dev/zero TCP4:127.0.0.1:6202,linger=0 >/dev/null 2>&1 &
		_pids="$_pids $!"
		ip -n $_ns addr add 10.1.0.1 peer 10.1.0.2 dev ng0 &&
			ip -n $_ns link set ng0 up &&
			ip -n $_ns addr add 10.1.1.1/24 dev ngeth0 &&
			ip -n $_ns link set ngeth0 up &&
			ip -n $_ns link set ve0 up && ip -n $_ns link set ve1 up
		$_x timeout 10 socat -u -b1000 OPEN:/dev/zero UDP4-SENDTO:10.1.0.2:9 >/dev/null 2>&1 &
		_pids="$_pids $!"
		$_x timeout 10 socat -u -b1000 OPEN:/dev/zero UDP4-SENDTO:10.1.1.255:9,broadcast >/dev/null 2>&1 &
		_pids="$_pids $!"
		# a second of traffic, then the namespace goes: its last
		# processes are stopped, so it ends with the data in flight
		sleep 1
		ip netns del $_ns
		kill $_pids 2>/dev/null
		wait $_pids 2>/dev/null
		_i=$((_i + 1))
	done
	echo $_i >relay.rounds
}

# 3. modules: unload and load the types no namespace above keeps busy for
#    long, while mkpeer asks for them (autoload by alias) in a namespace
#    of its own; EBUSY (in use) and a lost race are clean outcomes
mod_loop() {
	_i=0 _ok=0
	while [ "$(date +%s)" -lt $END ]; do
		modprobe -r ng_one2many ng_tee 2>/dev/null && _ok=$((_ok + 1))
		modprobe ng_one2many 2>/dev/null
		modprobe ng_tee 2>/dev/null
		_i=$((_i + 1))
	done
	echo "$_i $_ok" >mod.rounds
}
autoload_loop() {
	_i=0 _made=0
	while [ "$(date +%s)" -lt $END ]; do
		printf '%s\n' "mkpeer m: tee a left" "mkpeer m: one2many b one" \
			"rmhook m: a" "rmhook m: b" |
			ns_exec ngchurnmod $NGCTL -f - >autoload.out 2>&1
		grep -q 'mkpeer.*No such' autoload.out || _made=$((_made + 1))
		_i=$((_i + 1))
	done
	echo "$_i $_made" >autoload.rounds
}

ns_create ngchurnmod
# a persistent hub "m" the tee and one2many nodes come and go on
ns_exec ngchurnmod $NGCTL mkpeer hub x y >/dev/null &&
	ns_exec ngchurnmod $NGCTL name '[1]:' m &&
	ns_exec ngchurnmod $NGCTL msg m: 1082189597:1 >/dev/null ||
	skip_all "cannot build the hub the autoload loop uses"
fuzz_loop &
p1=$!
relay_loop &
p2=$!
mod_loop &
p3=$!
autoload_loop &
p4=$!

# everything must be back within the bound plus a grace period
hung=
for p in $p1 $p2 $p3 $p4; do
	while kill -0 $p 2>/dev/null; do
		if [ "$(date +%s)" -gt $((END + 60)) ]; then
			hung="$hung $p"
			break
		fi
		sleep 1
	done
done
expect_eq "$hung" "" "every loop ended within ${T}s plus 60s"
[ -n "$hung" ] && kill $hung 2>/dev/null
wait

# ---------------------------------------------------------------- checks
fr=$(cat fuzz.rounds 2>/dev/null)
ok "[ ${fr:-0} -ge 1 ]" "graph churn: ${fr:-0} rounds of ngfuzz in two new namespaces"
[ -s fuzz.sum ] && tap_diag "$(awk '{n += $5} END {print n " requests in all"}' fuzz.sum)"
expect_eq "$(cat fuzz.err 2>/dev/null)" "" "graph churn: every ngfuzz round exited 0"
rr=$(cat relay.rounds 2>/dev/null)
ok "[ ${rr:-0} -ge 1 ]" "traffic: ${rr:-0} namespaces with UDP and TCP relays deleted under traffic"
set -- $(cat mod.rounds 2>/dev/null)
ok "[ ${1:-0} -ge 1 ]" "modules: ${1:-0} unload/load rounds (${2:-0} unloaded both)"
set -- $(cat autoload.rounds 2>/dev/null)
ok "[ ${1:-0} -ge 1 ]" "autoload: ${1:-0} rounds, the nodes made in ${2:-0}"

ns_cleanup
# what the deleted namespaces held goes with them (TCP sockets by RCU and
# timers: give them a moment)
expect_eq "$(ls /run/netns 2>/dev/null | wc -l)" "$nsbefore" "no namespace left behind"
refs_back() {
	[ "$(cat /sys/module/ng_ksocket/refcnt)" -le "$ksref" ] &&
		[ "$(cat /sys/module/ng_hub/refcnt)" -le "$hubref" ] &&
		[ "$(cat /sys/module/ng_iface/refcnt)" -le "$ifref" ] &&
		[ "$(ether_nodes)" -le "$etherref" ]
}
wait_for 60 refs_back
ok $? "every node of the deleted namespaces is gone (module use counts: ng_ksocket $(cat /sys/module/ng_ksocket/refcnt) of $ksref, ng_hub $(cat /sys/module/ng_hub/refcnt) of $hubref, ng_iface $(cat /sys/module/ng_iface/refcnt) of $ifref, ether nodes $(ether_nodes) of $etherref)"
wait_for 30 sh -c "[ \$(awk 'NR > 1' /proc/net/tcp /proc/net/tcp6 2>/dev/null | wc -l) -le $tcpbefore ]"
ok $? "no TCP socket left in the initial namespace's tables"

expect_ok "ng_ether unloads" rmmod ng_ether
modprobe ng_tee && modprobe ng_one2many
expect_ok "the types load again" modprobe ng_tee
out=$($NGCTL -d mkpeer hub x y 2>&1)
id=$(printf '%s\n' "$out" | sed -n 's/.*node \[\([0-9a-f]*\)\].*/\1/p' | head -n1)
ok "[ -n \"$id\" ]" "the graph still works: a fresh mkpeer hub"
[ -n "$id" ] && expect_ok "and a tee on it" $NGCTL mkpeer "[$id]:" tee a left
[ -n "$id" ] && $NGCTL shutdown "[$id]:" 2>/dev/null
tap_done
