#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Systematic fault injection (debug kernel): each control operation is
# repeated with its n-th allocation failing, n = 1, 2, ... until it makes
# fewer than n and succeeds.  Every failure must be clean: an errno, the
# graph exactly as before (no half-built node or hook), and nothing leaked
# (kmemleak scans after all scripts) or reported (KASAN, lockdep, WARN).
# ENOBUFS is netlink saying it lost the request or its answer: then the
# operation may have happened, and only the scans judge it.
# ngctl-nl arms /proc/thread-self/fail-nth before each request when
# NGCTL_NL_FAIL_NTH is set (tools/ngctl-nl/lib/ngnl.c).
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub ng_ksocket
[ -e /proc/self/fail-nth ] || skip_all "no fault injection (fail-nth) in this kernel"
FS=/sys/kernel/debug/failslab
[ -w $FS/ignore-gfp-wait ] || skip_all "no failslab in debugfs"
# fail GFP_KERNEL allocations too, quietly
echo N >$FS/ignore-gfp-wait
echo 0 >$FS/verbose
ns_create ngfail
N="ns_exec ngfail $NGCTL"
MAXN=${NG_FAILNTH_MAX:-300}

$N mkpeer hub x y >/dev/null && $N name '[1]:' h && $N msg h: 1082189597:1 >/dev/null ||
	skip_all "cannot build the base graph"

# state: the namespace's graph as text (every node, hook and peer)
state() {
	$N dot
}

# The sweeps stop starting when the script's time is nearly up; the ones
# left are reported as skipped (make fuzz has the time for all of them).
T_END=$(($(date +%s) + ${NG_TEST_TIMEOUT:-300} - 60))

# sweep DESC SETUP UNDO CMD...: SETUP (a command line for ngctl-nl -f, or
# empty) builds what CMD needs, UNDO what a successful CMD made.
sweep() {
	_desc=$1 _setup=$2 _undo=$3
	shift 3
	if [ "$(date +%s)" -ge "$T_END" ]; then
		skip "$_desc" "no time left in this run (NG_TEST_TIMEOUT ${NG_TEST_TIMEOUT:-300} s)"
		return
	fi
	_n=1 _failed=0 _lost=0 _bad= _late=
	while [ $_n -le "$MAXN" ]; do
		if [ "$(date +%s)" -ge $((T_END + 40)) ]; then
			_late=1
			break
		fi
		[ -n "$_setup" ] && printf '%s\n' "$_setup" | $N -f - >/dev/null 2>&1
		_before=$(state)
		_out=$(NGCTL_NL_FAIL_NTH=$_n "$@" 2>&1)
		_rc=$?
		case $_out in
		*"not reached"*)
			if [ $_rc -ne 0 ]; then
				_bad="without a fault it failed: $_out"
			fi
			break ;;
		esac
		if [ $_rc -ne 0 ]; then
			_failed=$((_failed + 1))
			case $_out in
			*"No buffer space available"*)
				# netlink lost the request or its answer (the
				# ack): the outcome is unknown, as netlink says
				_lost=$((_lost + 1)) ;;
			*"ngctl-nl: "*": "*)
				if [ "$(state)" != "$_before" ]; then
					_bad="allocation $_n failed ($_out) and the graph changed"
					break
				fi ;;
			*) _bad="allocation $_n: no errno in '$_out'"; break ;;
			esac
		fi
		[ -n "$_undo" ] && printf '%s\n' "$_undo" | $N -f - >/dev/null 2>&1
		_n=$((_n + 1))
	done
	[ -n "$_undo" ] && printf '%s\n' "$_undo" | $N -f - >/dev/null 2>&1
	if [ -n "$_bad" ]; then
		fail "$_desc"
		tap_diag "$_bad"
	elif [ -n "$_late" ]; then
		skip "$_desc" "stopped at allocation $_n, no time left ($_failed failures so far, each clean)"
	elif [ $_n -gt "$MAXN" ]; then
		fail "$_desc"
		tap_diag "still reaching allocation $MAXN"
	else
		pass "$_desc: $((_n - 1)) allocations, $_failed failures ($_lost in netlink, ENOBUFS), each clean"
	fi
}

# most telling first: the later ones may not fit the time on the debug kernel
sweep "mkpeer" "" "rmhook h: a" $N mkpeer h: hub a b
sweep "mkpeer ksocket (a UDP socket)" "" "rmhook h: k" $N mkpeer h: ksocket k inet/dgram/udp
sweep "connect" "mkpeer h: hub c d
name h:c c" "rmhook h: e" $N connect h: c: e f
$N shutdown c: 2>/dev/null
sweep "msg nodeinfo" "" "" $N msg h: nodeinfo
sweep "ksocket bind (ASCII)" "mkpeer h: ksocket b inet/dgram/udp" "rmhook h: b" \
	$N msg h:b bind inet/127.0.0.1:6100
sweep "name" "mkpeer h: hub nn x" "shutdown h:nn" $N name h:nn named
sweep "shutdown" "mkpeer h: hub s x" "" $N shutdown h:s
sweep "rmhook" "mkpeer h: hub r x" "" $N rmhook h: r
sweep "inject" "mkpeer h: hub i x" "" $N inject h: i 1 2 3 4
$N rmhook h: i 2>/dev/null
sweep "ksocket TCP listen" "mkpeer h: ksocket l inet/stream/tcp
msg h:l bind inet/127.0.0.1:6101" "rmhook h: l" $N msg h:l listen 4
sweep "msg listnodes" "" "" $N msg h: listnodes
sweep "stats" "" "" $N stats

echo Y >$FS/ignore-gfp-wait
expect_ok "the graph still works" $N mkpeer h: hub z x
$N shutdown h:
tap_done
