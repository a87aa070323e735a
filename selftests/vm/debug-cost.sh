#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# What each debugging option of the debug kernel costs, measured: the same
# selftests in the same debug guest, once as built and once per variant
# with one option turned off on the kernel command line, two guests at a
# time; a table of seconds and ratios to the baseline on stdout.
#
# Usage: debug-cost.sh [TESTS]     (default: ng_hub1000,ng_fuzz)
#
# ng_fuzz runs 60 s (ngvm.fuzz_seconds=60): its column is the fuzzer's
# requests per second as root, not seconds.
#
# Needs a `make check` (or NG_KERNELS=debug make check) before it: the
# cached debug kernel and build/work/debug/initrd.gz.  Options that have
# no switch on the command line (KASAN, full preemption) are measured by
# building another kernel (selftests/vm/README.md, "What the debug kernel
# costs").  Logs in build/logs/debug-cost/.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"
root=$(cd "$here/../.." && pwd)

tests=${1:-ng_hub1000,ng_fuzz}
kdir=$("$here/build-kernel.sh" 2>/dev/null) || die "no debug kernel (run make check)"
image=$kdir/arch/x86/boot/bzImage
initrd=$root/build/work/debug/initrd.gz
[ -f "$initrd" ] || die "no $initrd (run NG_KERNELS=debug make check first)"
logs=$root/build/logs/debug-cost
mkdir -p "$logs"

# name|kernel arguments
variants=(
	"baseline|"
	"kmemleak off|kmemleak=off"
	"debug objects off|no_debug_objects"
	"lock proving off|lockdep.prove_locking=0"
	"all three off|kmemleak=off no_debug_objects lockdep.prove_locking=0"
)

run() {	# run INDEX
	local v=${variants[$1]}
	local args=${v#*|}
	# shellcheck disable=SC2086
	NG_VM_SMP=1 NG_VM_TIMEOUT=1800 "$here/run-vm.sh" "$image" "$initrd" \
		"$logs/v$1.log" ngvm.kunit=0 "ngvm.tests=$tests" \
		ngvm.fuzz_seconds=60 $args \
		>/dev/null 2>&1 || true
}

# secs LOG SCRIPT: the guest's NG-TEST-END seconds of one script (for
# ng_fuzz.sh: the first run's requests per second)
secs() {
	if [ "$2" = ng_fuzz.sh ]; then
		sed -n 's/^# ngfuzz: seed .* rate \([0-9]*\)\/s.*/\1/p' \
			"${1%.log}.results" | head -n1
		return
	fi
	sed -n "s/^NG-TEST-END $2 rc=[0-9]* secs=\([0-9]*\).*/\1/p" \
		"${1%.log}.results" | tr -d '\r' | head -n1
}

# boot LOG: seconds from power-on to the first test (its end's uptime
# less its own seconds)
boot() {
	tr -d '\r' <"${1%.log}.results" | awk '/^NG-TEST-END /{
		for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
		printf "%d\n", v["uptime"] - v["secs"]; exit }'
}

# leakscan LOG: seconds from the module unload to the guest's end (the
# final kmemleak scans, with their 12 s of waiting)
leakscan() {
	tr -d '\r' <"${1%.log}.results" | awk '
		/^NG-TEST-END guest:modules /{ for (i = 1; i <= NF; i++) if ($i ~ /^uptime=/) m = substr($i, 8) }
		/^NG-GUEST-END /{ for (i = 1; i <= NF; i++) if ($i ~ /^uptime=/) e = substr($i, 8) }
		END { if (m && e) printf "%d\n", e - m }'
}

# NG_COST_TABLE=1: only the table, from the logs of an earlier run
i=0
[ "${NG_COST_TABLE:-0}" = 1 ] && i=${#variants[@]}
while [ $i -lt ${#variants[@]} ]; do
	progress "debug-cost: ${variants[$i]%%|*}${variants[$((i + 1))]:+ and ${variants[$((i + 1))]%%|*}}"
	run $i &
	p1=$!
	p2=
	if [ $((i + 1)) -lt ${#variants[@]} ]; then
		run $((i + 1)) &
		p2=$!
	fi
	wait $p1 ${p2:+$p2}
	i=$((i + 2))
done

IFS=, read -ra tl <<<"$tests"
printf "%-20s %6s" variant boot
for t in "${tl[@]}"; do printf ' %16s' "$t"; done
printf ' %8s %6s %9s\n' total ratio leakscan
base=
for i in "${!variants[@]}"; do
	log=$logs/v$i.log
	[ -s "${log%.log}.results" ] || continue
	tot=0
	printf '%-20s %6s' "${variants[$i]%%|*}" "$(boot "$log")"
	for t in "${tl[@]}"; do
		s=$(secs "$log" "$t.sh")
		printf ' %16s' "${s:--}"
		[ "$t" = ng_fuzz ] || tot=$((tot + ${s:-0}))
	done
	[ -n "$base" ] || base=$tot
	printf ' %8s %6s %9s\n' "$tot" \
		"$(awk -v a="$tot" -v b="$base" 'BEGIN{if(b)printf "%.2f", a/b}')" \
		"$(leakscan "$log")"
done
