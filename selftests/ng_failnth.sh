#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# Systematic fault injection (debug kernel): every control operation of
# the family (and the messages and ksocket operations behind them) is
# repeated with its n-th allocation failing, n = 1, 2, ... until it makes
# fewer than n and succeeds.  Every failure must be clean: an errno, the
# graph exactly as before (no half-built node or hook), and nothing leaked
# (kmemleak scans after all scripts) or reported (KASAN, lockdep, WARN).
# The sweep is ngfuzz -F (tools/ngfuzz/failnth.c), in a namespace of its
# own; this script turns its PASS/FAIL/SKIP lines into TAP.
. "$(dirname "$0")/lib.sh"

FUZZ=${NGFUZZ:-/usr/bin/ngfuzz}
[ -x "$FUZZ" ] || skip_all "no $FUZZ in this guest"
require_module netgraph ng_hub ng_hole ng_ksocket
[ -e /proc/self/fail-nth ] || skip_all "no fault injection (fail-nth) in this kernel"
FS=/sys/kernel/debug/failslab
PA=/sys/kernel/debug/fail_page_alloc
[ -w $FS/ignore-gfp-wait ] || skip_all "no failslab in debugfs"
# fail GFP_KERNEL allocations too, order-0 pages as well, quietly
for f in $FS $PA; do
	[ -d $f ] || continue
	echo N >$f/ignore-gfp-wait
	echo 0 >$f/verbose
done
[ -w $PA/min-order ] && echo 0 >$PA/min-order

# Everything within the script's time, with a margin for the checks after
T=$((${NG_TEST_TIMEOUT:-300} - 60))
ns_create ngfail
ns_exec ngfail "$FUZZ" -F -t "$T" ${NG_FAILNTH_MAX:+-M $NG_FAILNTH_MAX} \
	>sweep.out 2>sweep.err
rc=$?
while IFS='|' read -r kind desc why; do
	case $kind in
	PASS) pass "$desc" ;;
	FAIL) fail "$desc"; tap_diag "$why" ;;
	SKIP) skip "$desc" "$why" ;;
	ngfuzz:*) tap_diag "$kind" ;;
	esac
done <sweep.out
head -n 40 sweep.err | sed 's/^/# err: /'
grep -q '^ngfuzz: fail-nth sweep' sweep.out
ok $? "the sweep ran to its end (exit $rc)"

for f in $FS $PA; do
	[ -d $f ] && echo Y >$f/ignore-gfp-wait
done
[ -w $PA/min-order ] && echo 1 >$PA/min-order
expect_ok "the graph still works" ns_exec ngfail $NGCTL mkpeer hub x y
ns_cleanup ngfail
tap_done
