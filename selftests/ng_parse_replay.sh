#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The host fuzzer's corpus (its seeds and the inputs this run's fuzzing
# kept), replayed through the kernel's ascii2binary and binary2ascii by
# ngparse-replay (tools/ngparse-test/replay.c): every input as text and as
# binary arguments of 17 commands of the generic messages, hole, tee and
# one2many.  A parser errno is fine; any other errno, a round trip that
# does not hold, or a KASAN/UBSAN report on the console (the runner's scan)
# is a failure.  NG_REPLAY_MAX caps the inputs (default: all).
. "$(dirname "$0")/lib.sh"

corpus=${NG_CORPUS:-$NG_SELFTESTS/corpus}
require_module netgraph ng_hub ng_hole ng_tee ng_one2many
command -v ngparse-replay >/dev/null 2>&1 || {
	tap_plan 1
	fail "ngparse-replay is in the guest (check.sh builds it from tools/ngparse-test)"
	tap_done
}
[ -d "$corpus" ] && [ -n "$(ls "$corpus")" ] || {
	tap_plan 1
	fail "a fuzz corpus in $corpus (check.sh copies it from the host's fuzz run)"
	tap_done
}
ns_inside ngreplay
N="ns_exec ngreplay $NGCTL"
$N mkpeer hub x y && $N name '[1]:' h &&
	$N mkpeer h: hole a in && $N name h:a ho &&
	$N mkpeer h: tee b left && $N name h:b te &&
	$N mkpeer te: one2many right one && $N name te:right o2 || {
	tap_plan 1
	fail "build the graph"
	tap_done
}
tap_diag "corpus: $(ls "$corpus" | wc -l) inputs"
ns_exec ngreplay ngparse-replay ${NG_REPLAY_MAX:+-n $NG_REPLAY_MAX} "$corpus"
