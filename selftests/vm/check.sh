#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: the whole test pipeline.
#
#   provision (apt packages, stock kernel images)
#   -> debug kernel (built once, cached in $NG_CACHE), in the background:
#      on a cold run everything up to the stock guests runs beside its build
#   -> the modules for each kernel with W=1 (warnings fail), in the
#      background (the debug kernel's when it is built), beside
#   -> the packaging and documentation checks, ngctl-nl and the other
#      tools, the host-side tests; `make deb` and a DKMS build of the
#      packaged sources for each stock kernel (package-check.sh), in the
#      background
#   -> one initramfs per kernel (with the tools and the fuzz corpus)
#   -> boot the guests under QEMU/TCG, NG_LANES of them at a time (the
#      debug kernel's join the queue at the front when they are ready)
#   -> parse KUnit KTAP, selftest TAP and kernel reports from the logs
#   -> KTAP summary per kernel, then the last line "N passed, N failed[, N skipped]"
#
# Logs: build/logs/<run>/ (build/logs/latest points at the newest run).
# Environment:
#   NG_KERNELS       subset/order of "debug stock-6.1 stock-6.12" (default: all)
#   NG_TESTS         only these selftests, e.g. "ng_hub ng_tee" (default: all)
#   NG_TEST_TIMEOUT  seconds per selftest script in the guest (default 300,
#                    900 with more than one lane: a hang guard; the
#                    budgets below warn about slow scripts)
#   NG_VM_TIMEOUT    host-side limit per VM (default: from the number of scripts)
#   NG_LANES         guests that run at the same time (default 2)
#   NG_VM_SMP        vCPUs per guest (default 1 with more than one lane, else 2)
#   NG_SHARDS        guests per kernel, e.g. "debug=3 stock-6.12=2" (default
#                    "debug=NG_LANES"; the scripts are split between them)
#   NG_CACHE         cache directory (default /var/cache/netgraph-linux)
#   NG_FUZZ_RUNS     libFuzzer runs of tools/ngparse-test (default 1000000)
#   NG_SKIP_PROVISION=1  don't run provision.sh
#
# Timing: every phase's seconds go to build/logs/<run>/timing.tsv and into a
# table at the end (before the last line); a phase over its budget (the
# table `budgets` below) prints "# timing: WARNING ...", a figure, not a
# failure.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${NG_REPO:-$(cd "$here/../.." && pwd)}
. "$here/lib.sh"

outroot="$repo/build"
mkdir -p "$outroot"
# One `make check` per checkout at a time: they share build/work, and more
# guests than cores would run into each other's time limits.
exec 8>"$outroot/.check.lock"
if ! flock -n 8; then
	progress "check: another make check is running in this checkout, waiting for it"
	flock 8
fi
t_start=$SECONDS
run=$(date +%Y%m%d-%H%M%S)
logs="$outroot/logs/$run"
work="$outroot/work"
mkdir -p "$logs" "$work"
ln -sfn "$run" "$outroot/logs/latest"
kernels=${NG_KERNELS:-debug stock-6.1 stock-6.12}
lanes=${NG_LANES:-2}
[ "$lanes" -ge 1 ] 2>/dev/null || die "NG_LANES must be a number >= 1"
# Guests that share the cores run slower: more time per script then.
if [ "$lanes" -gt 1 ]; then
	export NG_TEST_TIMEOUT=${NG_TEST_TIMEOUT:-900}
else
	export NG_TEST_TIMEOUT=${NG_TEST_TIMEOUT:-300}
fi

declare -A timing=()
: >"$logs/host.host.tsv"

# Budgets in seconds per phase: the first pattern that matches a phase's
# name counts.  Phases: provision, debug-kernel (cache lookup, or the build
# on a cold run), tools (ngctl-nl, libnetgraph, nghook-nl, ngparse-replay),
# host-tests (ngctl-nl's suite, ngparse round trips and fuzzing, the YNL
# spec against the uapi header), packaging (package-check.sh: make deb,
# the packages unpacked, DKMS for the stock kernels; a background job),
# prepare (all kernels' modules and initramfs, wall clock), per kernel K
# modules/K,
# initramfs/K, guest/K (QEMU, boot to power-off; guest/K#N for shard N)
# and test/K/SCRIPT (the guest's NG-TEST-END secs), then guests (all
# guests, wall clock) and total.
budgets=(
	"provision		600"
	"debug-kernel		2400"
	"tools			120"
	"host-tests		240"
	"packaging		300"
	"prepare		420"
	"modules/*		300"
	"initramfs/*		60"
	"guest/debug*		900"
	"guest/*		480"
	"test/debug/*		300"
	"test/*/ng_ksocket*	180"
	"test/*/ng_bench_*	240"
	"test/*			120"
	"guests			1200"
	"total			1800"
)
: >"$logs/timing.raw"

# phase_time NAME SECS: one phase's time (safe from background jobs: one
# short append per line).
phase_time() { printf '%s\t%s\n' "$1" "$2" >>"$logs/timing.raw"; }

# budget_of PHASE: its budget in seconds.
budget_of() {
	local b pat
	for b in "${budgets[@]}"; do
		read -r pat b <<<"$b"
		# shellcheck disable=SC2053 # a glob on purpose
		[[ $1 == $pat ]] && { echo "$b"; return; }
	done
	echo 0
}

# test_secs K: "K<TAB>SCRIPT<TAB>SECS" of every block K's guests finished,
# by name (guest:modules#N: the one of shard N).
test_secs() {
	local f n
	for f in "$logs/$1.results" "$logs/$1".shard*.results; do
		[ -f "$f" ] || continue
		n=${f%.results}
		n=${n##*.shard}
		[ "$f" = "$logs/$1.results" ] && n=
		tr -d '\r' <"$f" | awk -v k="$1" -v n="$n" '/^NG-TEST-END / {
			name = $2
			if (name == "guest:modules" && n != "") name = name "#" n
			for (i = 3; i <= NF; i++) if ($i ~ /^secs=/) print k "\t" name "\t" substr($i, 6)
		}'
	done | sort -t$'\t' -k2,2
}

# timing_table: timing.tsv (phase, seconds, budget, "over" or "ok") from
# the recorded phases and the guests' NG-TEST-END markers, in pipeline
# order; the table and the budget warnings on stdout.
timing_table() {
	local k f name secs budget st over=()
	{
		for name in provision debug-kernel tools host-tests packaging prepare; do
			awk -F'\t' -v n="$name" '$1 == n' "$logs/timing.raw"
		done
		for k in $kernels; do
			for name in modules initramfs; do
				awk -F'\t' -v n="$name/$k" '$1 == n' "$logs/timing.raw"
			done
			awk -F'\t' -v n="guest/$k" '$1 == n || index($1, n "#") == 1' "$logs/timing.raw" | sort -V
			test_secs "$k" | awk -F'\t' '{ print "test/" $1 "/" $2 "\t" $3 }'
		done
		for name in guests total; do
			awk -F'\t' -v n="$name" '$1 == n' "$logs/timing.raw"
		done
	} | while IFS=$'\t' read -r name secs; do
		budget=$(budget_of "$name")
		st=ok
		[ "$budget" -gt 0 ] && [ "$secs" -gt "$budget" ] && st=over
		printf '%s\t%s\t%s\t%s\n' "$name" "$secs" "$budget" "$st"
	done >"$logs/timing.tsv"
	printf '# timing: %-36s %6s %7s\n' phase secs budget
	while IFS=$'\t' read -r name secs budget st; do
		printf '# timing: %-36s %6s %7s%s\n' "$name" "$secs" "$budget" "$([ "$st" = over ] && echo '  OVER')"
		[ "$st" = over ] && over+=("$name $secs $budget")
	done <"$logs/timing.tsv"
	for f in "${over[@]}"; do
		read -r name secs budget <<<"$f"
		echo "# timing: WARNING phase $name took ${secs}s, budget ${budget}s"
	done
}

# record KERNEL STATUS NAME [DETAIL...]: a host-side result for a summary.
# Newlines in DETAIL become a literal \n, tabs spaces (one TSV line each).
record() {
	local k=$1 st=$2 name=$3 detail=""
	shift 3
	[ $# -gt 0 ] && detail=$(printf '%s\n' "$@" |
		awk 'BEGIN { ORS = "" } { gsub(/\t/, " "); if (NR > 1) print "\\n"; print }')
	printf '%s\t%s\t%s\n' "$st" "$name" "$detail" >>"$logs/$k.host.tsv"
}

# log_tail FILE: the last lines of a log, for a result's detail.
log_tail() { tail -n "${2:-15}" "$1" 2>/dev/null | cut -c1-200; }

# finish: every summary, the totals, timing, and the last line.
finished=0
finish() {
	local p=0 f=0 s=0 cp cf cs k
	finished=1
	echo
	echo "================ summary ================"
	for k in host $kernels; do
		[ -f "$logs/$k.summary" ] || continue
		cat "$logs/$k.summary"
		read -r cp cf cs <"$logs/$k.counts"
		p=$((p + cp)) f=$((f + cf)) s=$((s + cs))
	done
	local total=$((SECONDS - t_start)) temp
	temp=${timing[kernel_mode]:-unknown}
	# Benchmarks print "# bench: ..." lines (figures, never pass/fail):
	# the kernels side by side in bench.txt (the lines themselves
	# below), bench.json and, with gnuplot, bench.png.
	local bres=()
	for k in $kernels; do
		grep -aqs '^# bench: ' "$logs/$k.results" && bres+=("$k=$logs/$k.results")
	done
	if [ ${#bres[@]} -gt 0 ]; then
		python3 "$here/bench-report.py" --text "$logs/bench.txt" \
			--json "$logs/bench.json" --png "$logs/bench.png" "${bres[@]}"
		for k in $kernels; do
			[ -f "$logs/$k.results" ] || continue
			grep -a '^# bench: ' "$logs/$k.results" | sed "s/^# bench: /# bench [$k]: /"
		done | tee -a "$logs/bench.txt"
		[ -f "$logs/bench.png" ] && echo "# bench: table $logs/bench.txt, chart $logs/bench.png"
	fi
	temp=${timing[kernel_mode]:-unknown}
	echo
	case $temp in
	cold) echo "# timing: total ${total}s, cold run (the debug kernel was built: $(cat "$work/kernel.secs" 2>/dev/null || echo "?" )s)" ;;
	warm) echo "# timing: total ${total}s, warm run (the debug kernel came from the cache)" ;;
	*) echo "# timing: total ${total}s (no debug kernel in this run)" ;;
	esac
	phase_time total "$total"
	timing_table
	# Each script's latest time, for the next run's shards (split_tests).
	for k in $kernels; do test_secs "$k"; done >"$work/test-secs.new"
	if [ -s "$work/test-secs.new" ]; then
		awk -F'\t' 'NR == FNR { new[$1 FS $2] = 1; print; next } !(($1 FS $2) in new)' \
			"$work/test-secs.new" "$outroot/test-secs.tsv" 2>/dev/null >"$work/test-secs.tsv" ||
			cp "$work/test-secs.new" "$work/test-secs.tsv"
		mv "$work/test-secs.tsv" "$outroot/test-secs.tsv"
	fi
	local parts
	parts=$(awk -F'\t' '$1 !~ /^test\// && $1 != "total" { printf " %s=%ss", $1, $2 }' "$logs/timing.tsv")
	printf '%s %s total=%s%s\n' "$(date -Is)" "$temp" "$total" "$parts" >>"$NG_CACHE/timings.log"
	local last
	for temp in cold warm; do
		last=$(grep " $temp total=" "$NG_CACHE/timings.log" | tail -n1 | cut -d' ' -f1,3)
		[ -n "$last" ] && echo "# timing: last $temp run: ${last#* } (${last%% *})"
	done
	echo "# logs: $logs"
	if [ "$s" -gt 0 ]; then
		echo "$p passed, $f failed, $s skipped" | tee "$logs/result.txt"
	else
		echo "$p passed, $f failed" | tee "$logs/result.txt"
	fi
	[ "$f" -eq 0 ]
	exit
}

summarize_host() {
	python3 "$here/parse-results.py" --name host --host-only \
		--host "$logs/host.host.tsv" --counts "$logs/host.counts" >"$logs/host.summary"
}

# stop_guests: empty the guest queue, stop the lanes and every guest
# (run-vm.sh stops its QEMU on SIGTERM).
lane_pids=()
# Background jobs still running (each cleared once reaped, so that no
# stale process ID is ever signalled): kernel -> its module build, the
# debug kernel's build and the debug guests' preparation.
declare -A mjob=()
kjob= djob= pjob=
# killtree PID: PID and every process below it (a job's subshell, its
# build script, make and the compilers)
killtree() {
	local c
	for c in $(pgrep -P "$1"); do
		killtree "$c"
	done
	kill "$1" 2>/dev/null
}
stop_guests() {
	local f p
	[ -n "${queue:-}" ] && [ -f "$queue" ] && : >"$queue" && rm -f "$queue.pending"
	[ ${#lane_pids[@]} -gt 0 ] && kill "${lane_pids[@]}" 2>/dev/null
	for p in "${mjob[@]}" $djob $kjob $pjob; do
		killtree "$p"
	done
	for f in "$work"/*/*.pid; do
		[ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null
	done
}

# Whatever stops this script early, no guest outlives it and the output
# still ends with the counts.
on_exit() {
	local rc=$?
	stop_guests
	[ "$finished" = 1 ] && return
	finished=1
	record host "not ok" "check.sh ran to the end" "it stopped early (status $rc), see the messages above"
	summarize_host
	finish
}
trap on_exit EXIT
trap 'exit 130' INT TERM

for k in $kernels; do
	case $k in
	debug | stock-6.1 | stock-6.12) ;;
	*) die "unknown kernel '$k' in NG_KERNELS (debug stock-6.1 stock-6.12)" ;;
	esac
done

# ---------------------------------------------------------------- provision
t=$SECONDS
if [ "${NG_SKIP_PROVISION:-0}" != 1 ]; then
	progress "check: provisioning (packages, stock kernel images)"
	if "$here/provision.sh" >"$logs/provision.log" 2>&1; then
		record host ok "provision: packages and stock kernels"
	else
		cat "$logs/provision.log" >&2
		record host "not ok" "provision: packages and stock kernels" "$(log_tail "$logs/provision.log")"
		summarize_host
		finish
	fi
fi
timing[provision]=$((SECONDS - t))
phase_time provision "${timing[provision]}"
command -v python3 >/dev/null || die "python3 missing (provision.sh installs it)"

# ------------------------------------------------------------- debug kernel
# Built (or taken from the cache) by a background job: on a cold run the
# tools, the host tests, the stock kernels' modules and their guests run
# beside the build, and the debug guests join the queue when it is done.
# The job writes the tree's path to build/work/kdir ("" when the build
# failed); debug_kdir reads it once the job has ended.
kdir=
rm -f "$work/kdir" "$work/kernel.secs"
if [[ " $kernels " == *" debug "* ]]; then
	key=$("$here/build-kernel.sh" --print-key)
	if [ -f "$NG_CACHE/kernel/$key/done" ]; then
		timing[kernel_mode]=warm
	else
		timing[kernel_mode]=cold
	fi
	(
		t=$SECONDS
		if d=$("$here/build-kernel.sh" 2> >(tee "$logs/build-kernel.log" >&2)); then
			record host ok "build: debug kernel ($key)"
			cp "$d/.config" "$logs/debug.config"
		else
			d=
			record host "not ok" "build: debug kernel ($key)" "$(log_tail "$logs/build-kernel.log")"
		fi
		echo "$((SECONDS - t))" >"$work/kernel.secs"
		phase_time debug-kernel $((SECONDS - t))
		echo "$d" >"$work/kdir.new"
		mv "$work/kdir.new" "$work/kdir"
	) &
	kjob=$!
fi
# debug_kdir: wait for the kernel job's build/work/kdir (from any
# subshell: only the main shell could wait for the job), set kdir
debug_kdir() {
	while [ ! -f "$work/kdir" ] && [ -n "$kjob" ] && kill -0 "$kjob" 2>/dev/null; do
		sleep 1
	done
	kdir=$(cat "$work/kdir" 2>/dev/null)
}

# -------------------------------------------------------------- per kernel
# Two stages: all kernels' modules and initramfs are built concurrently,
# then the guests run in NG_LANES lanes (default 2, one per core): each
# lane takes the next guest from a queue (longest first) until none is
# left, so the debug guest runs next to the stock ones instead of before
# them.  Each guest gets NG_VM_SMP vCPUs (default 1 when lanes share the
# cores: two single-vCPU guests beat two 2-vCPU guests fighting over two
# cores under TCG).
if [ "$lanes" -gt 1 ]; then
	export NG_VM_SMP=${NG_VM_SMP:-1}
else
	export NG_VM_SMP=${NG_VM_SMP:-2}
fi

# The selftests every guest runs: selftests/ng_*.sh, or NG_TESTS of them.
# The benchmarks (ng_bench_*.sh: figures, `make bench`) only when NG_TESTS
# names them.
all_tests=()
for f in "$repo"/selftests/ng_*.sh; do
	[ -f "$f" ] || continue
	f=${f##*/}
	if [ -n "${NG_TESTS:-}" ]; then
		case " $NG_TESTS " in
		*" ${f%.sh} "* | *" $f "*) ;;
		*) continue ;;
		esac
	else
		case $f in ng_bench_*) continue ;; esac
	fi
	all_tests+=("$f")
done

# kernel_setup K: kind, src (tree for mkinitramfs), kd (KDIR for the
# modules), image, config of kernel K.
kernel_setup() {
	local ver
	case $1 in
	debug)
		[ -n "$kdir" ] || kdir=$(cat "$work/kdir" 2>/dev/null)
		kind=debug src=$kdir kd=$kdir
		image=${kdir:+$kdir/arch/x86/boot/bzImage}
		config=${kdir:+$kdir/.config}
		;;
	stock-6.1 | stock-6.12)
		if [ "$1" = stock-6.1 ]; then ver=$(stock_61_version); else ver=$(stock_612_version); fi
		kind=stock kd=/usr/src/linux-headers-$ver
		src=$NG_CACHE/stock/$ver/root
		image=$src/boot/vmlinuz-$ver
		config=$src/boot/config-$ver
		;;
	esac
}

# prepare_modules K: K's modules in build/work/K/mod; prepare_initramfs K:
# its initramfs (after the host tests: it holds the tools they built and
# the fuzz corpus).  Both write build/work/K/noboot with the reason when
# K's guest cannot boot.
prepare_modules() {
	local k=$1 kw=$work/$1 t
	kernel_setup "$k"
	rm -f "$kw/noboot" "$kw/initrd.gz"
	if [ -z "$src" ] || [ ! -f "$image" ]; then
		echo "no kernel image (see the host section)" >"$kw/noboot"
		return
	fi
	t=$SECONDS
	if "$here/build-modules.sh" "$kd" "$kw/mod" 2> >(tee "$logs/$k.build-modules.out" >&2); then
		record "$k" ok "build: modules W=1 without warnings"
	else
		record "$k" "not ok" "build: modules W=1 without warnings" \
			"$(grep -iE 'error|warning' "$kw/mod/build.log" 2>/dev/null | head -n 12 ||
				log_tail "$logs/$k.build-modules.out")"
	fi
	cp "$kw/mod/build.log" "$logs/$k.modules-build.log" 2>/dev/null
	phase_time "modules/$k" $((SECONDS - t))
	ls "$kw/mod/modules/"*.ko >/dev/null 2>&1 || echo "no modules were built" >"$kw/noboot"
}
prepare_initramfs() {
	local k=$1 kw=$work/$1 t
	[ -f "$kw/noboot" ] && return
	kernel_setup "$k"
	t=$SECONDS
	if "$here/mkinitramfs.sh" "$kind" "$src" "$kw/mod" "$kw/initrd.gz" \
		2> >(tee "$logs/$k.initramfs.log" >&2); then
		record "$k" ok "initramfs"
	else
		record "$k" "not ok" "initramfs" "$(log_tail "$logs/$k.initramfs.log")"
		echo "no initramfs" >"$kw/noboot"
	fi
	phase_time "initramfs/$k" $((SECONDS - t))
}

# split_tests KERNEL N: all_tests in N shards of about equal time (the
# longest first, each to the shard with the least so far; KUnit counts in
# shard 1), one line per shard: "SHARD COMMA-LIST".  Times: the last run's
# from build/test-secs.tsv (written at the end of every run), else those
# of a measured run shipped in selftests/vm/test-secs.seed (a fresh clone,
# as in CI), else 40 s.
secs_file() { cat "$here/test-secs.seed" "$outroot/test-secs.tsv" 2>/dev/null; }
split_tests() {
	local k=$1 n=$2 t secs
	for t in "${all_tests[@]}"; do
		secs=$(secs_file | awk -F'\t' -v k="$k" -v t="$t" '$1 == k && $2 == t { s = $3 } END { print s }')
		echo "${secs:-40} $t"
	done | sort -k1,1nr -k2 | awk -v n="$n" -v kunit="$(secs_file | awk -F'\t' -v k="$k" \
		'$1 == k && $2 == "guest:kunit" { s = $3 } END { print s + 0 }')" '
		BEGIN { for (i = 1; i <= n; i++) load[i] = 0; load[1] = kunit }
		{
			best = 1
			for (i = 2; i <= n; i++) if (load[i] < load[best]) best = i
			load[best] += $1
			list[best] = list[best] (list[best] == "" ? "" : ",") $2
		}
		END { for (i = 1; i <= n; i++) if (list[i] != "") print i, list[i] }'
}

# The guest queue: one line per guest, "KERNEL SHARD TESTS" (SHARD: 0 for
# a kernel's only guest, else its number; TESTS: a comma list for
# ngvm.tests, "-" for all), longest first.
# The debug guest takes three times as long as a stock one: its scripts
# are split over several guests (NG_SHARDS, default "debug=LANES"), which
# then run side by side (KUnit in the first; every one unloads the modules
# and scans kmemleak; parse-results.py merges them into one summary).
# On a cold run the stock guests start while the debug kernel still
# builds: $queue.pending exists until the debug guests are queued (at the
# front), and a lane that finds the queue empty waits for them.
queue=$work/guest.queue
: >"$queue"
rm -f "$queue.pending"

# queue_kernel K [front]: K's guest (or its shards) into the queue, at the
# end or at the front; their names in build/work/K/guests.
queue_kernel() {
	local k=$1 nshards=1 t lines
	[ -f "$work/$k/noboot" ] && return 0
	for t in ${NG_SHARDS-debug=$lanes}; do
		[ "${t%%=*}" = "$k" ] && nshards=${t#*=}
	done
	[ "$nshards" -le "${#all_tests[@]}" ] || nshards=${#all_tests[@]}
	if [ "$nshards" -gt 1 ]; then
		lines=$(split_tests "$k" "$nshards" | sed "s/^/$k /")
		awk '{ print $1 ".shard" $2 }' <<<"$lines" >"$work/$k/guests"
	else
		# always the list: the guest would run every script it has,
		# the benchmarks (left out unless NG_TESTS names them) too
		lines="$k 0 $(IFS=,; echo "${all_tests[*]:-none}")"
		echo "$k" >"$work/$k/guests"
	fi
	if [ "${2:-}" = front ]; then
		flock "$queue.lock" sh -c 'printf "%s\n" "$2" | cat - "$1" >"$1.new" && mv "$1.new" "$1"' \
			_ "$queue" "$lines"
	else
		flock "$queue.lock" sh -c 'printf "%s\n" "$2" >>"$1"' _ "$queue" "$lines"
	fi
}

# The modules of every kernel build from here on, beside the checks, the
# tools and the host tests; the initramfs come after the host tests.  The
# debug kernel's job waits for its kernel, then for the host tests
# (build/work/host.env: what they give the guests), and queues its guests.
progress "check: modules for: $kernels"
# Two or three kernel builds at once: fewer make jobs each.
[ -n "${NG_JOBS:-}" ] || export NG_JOBS=$(( $(nproc) ))
djob=
rm -f "$work/host.env"
for k in $kernels; do
	mkdir -p "$work/$k"
	rm -f "$work/$k/"*.rc "$work/$k/"*.pid "$work/$k/guests" "$work/$k/noboot"
	: >"$logs/$k.host.tsv"
	if [ "$k" = debug ]; then
		touch "$queue.pending"
		(
			debug_kdir
			prepare_modules debug
			while [ ! -f "$work/host.env" ]; do sleep 1; done
			. "$work/host.env"
			prepare_initramfs debug
			queue_kernel debug front
			rm -f "$queue.pending"
		) &
		djob=$!
	else
		prepare_modules "$k" &
		mjob[$k]=$!
	fi
done

# ---------------------------------------------------------------- packaging
# The Debian packages and DKMS (package-check.sh), beside the module
# builds: `make deb`, the packages unpacked with dpkg into a staging root,
# dkms build and install of the packaged sources for each stock kernel in
# trees of its own (never the host's /var/lib/dkms or /lib/modules).  Its
# results are recorded after the host tests; the stock guests get the
# installed root as /pkg (selftests/ng_package.sh).
pkvers=()
for k in $kernels; do
	case $k in
	stock-6.1) pkvers+=("$(stock_61_version)") ;;
	stock-6.12) pkvers+=("$(stock_612_version)") ;;
	esac
done
rm -rf "$work/pkg/guest"
if command -v dkms >/dev/null && command -v dpkg-buildpackage >/dev/null; then
	(
		t=$SECONDS
		"$here/package-check.sh" "$work/pkg" "${pkvers[@]}" >"$logs/package-check.tap" \
			2>"$logs/package-check.err"
		echo $? >"$work/pkg.rc"
		phase_time packaging $((SECONDS - t))
	) &
	pjob=$!
else
	record host "not ok" "packaging: make deb and DKMS" "no dkms or dpkg-buildpackage (provision.sh installs them)"
fi
# pkg_results: package-check.sh's TAP, once it has ended, and its status
pkg_results() {
	wait "$pjob"
	pjob=
	cat "$logs/package-check.tap"
	return "$(cat "$work/pkg.rc" 2>/dev/null || echo 1)"
}

# dkms.conf must install every module Kbuild builds (the KUnit one aside)
kb_mods=$(sed -n 's/^obj-m += //p' "$repo/Kbuild" | tr ' ' '\n' |
	sed -n 's/\.o$//p' | grep -vx netgraph_kunit | sort -u)
dk_mods=$(sed -n 's/^BUILT_MODULE_NAME\[[0-9]*\]="\(.*\)"$/\1/p' "$repo/dkms.conf" | sort -u)
missing=$(comm -23 <(echo "$kb_mods") <(echo "$dk_mods") | tr '\n' ' ')
if [ -n "$kb_mods" ] && [ -z "$missing" ]; then
	record host ok "packaging: dkms.conf installs every module of Kbuild"
else
	record host "not ok" "packaging: dkms.conf installs every module of Kbuild" \
		"missing from dkms.conf: ${missing:-(no module found in Kbuild)}"
fi

# every node type module has what Documentation/new-type.rst lists as checked
for m in $kb_mods; do
	[ "$m" = netgraph ] && continue
	t=${m#ng_} miss=()
	grep -qsE "^NG_TYPE_MODULE(_WITH|_NOAUTOLOAD)?\(" "$repo/kernel/$m.c" || miss+=("kernel/$m.c with NG_TYPE_MODULE")
	[ -f "$repo/uapi/$m.h" ] || miss+=("uapi/$m.h")
	[ -f "$repo/Documentation/man/$m.4" ] || miss+=("Documentation/man/$m.4")
	[ "$(grep -cx "\.BR $m (4)[,.]\?" "$repo/Documentation/man/netgraph.4")" -ge 2 ] ||
		miss+=("netgraph.4 naming $m(4) in its list and SEE ALSO")
	grep -qsE "^require_module .*\<$m\>" "$repo"/selftests/ng_*.sh ||
		miss+=("a selftest with require_module $m")
	grep -qs "\"$t\"" "$repo/tools/ngfuzz/gen.c" || miss+=("\"$t\" in tools/ngfuzz/gen.c")
	grep -qs "\"$m\"" "$repo/tools/ngfuzz/kcov.c" || miss+=("\"$m\" in tools/ngfuzz/kcov.c")
	grep -qs "\`$m\`" "$repo/README.md" || miss+=("\`$m\` in README.md")
	if [ ${#miss[@]} -eq 0 ]; then
		record host ok "node-type checklist: $m"
	else
		record host "not ok" "node-type checklist: $m" "missing: ${miss[*]}"
	fi
done

# ----------------------------------------------------------- documentation
# every man page renders with man -l without a warning (man's own set,
# then all of groff's)
for f in "$repo"/tools/*/*.[1-9] "$repo"/Documentation/man/*.[1-9]; do
	[ -f "$f" ] || continue
	# (a `make tools` in the tree leaves libnetgraph.so.1 there)
	case $f in *.so.[0-9]) continue ;; esac
	page=${f#"$repo"/}
	out=$(LC_ALL=C.UTF-8 MANWIDTH=80 MAN_DISABLE_SECCOMP=1 \
		man --warnings -l "$f" 2>&1 >"$work/man.txt"
		groff -man -wall -z -Tutf8 "$f" 2>&1)
	if [ -z "$out" ] && [ -s "$work/man.txt" ]; then
		record host ok "man: $page renders without warnings"
	else
		record host "not ok" "man: $page renders without warnings" \
			"${out:-man printed nothing}"
	fi
done

# the kernel-doc comments parse, and describe every parameter, member and
# return value (scripts/kernel-doc -Wall of the 6.12 headers package)
kdoc=/usr/src/linux-headers-$(stock_612_version)/scripts/kernel-doc
if [ -x "$kdoc" ]; then
	out=$(cd "$repo" && "$kdoc" -none -Wall kernel/*.[ch] 2>&1)
	if [ -z "$out" ]; then
		record host ok "kernel-doc: kernel/*.[ch] without warnings"
	else
		record host "not ok" "kernel-doc: kernel/*.[ch] without warnings" "$out"
	fi
else
	record host skip "kernel-doc: kernel/*.[ch] without warnings" \
		"no $kdoc (provision.sh installs the 6.12 headers)"
fi

# -------------------------------------------------------------------- tools
t=$SECONDS
progress "check: building ngctl-nl"
ngctl=
rm -rf "$work/tools-src"
mkdir -p "$work/tools-src"
for d in tools uapi kernel; do
	[ -d "$repo/$d" ] && cp -a "$repo/$d" "$work/tools-src/"
done
tlog="$logs/tools-build.log"
if [ ! -f "$work/tools-src/tools/ngctl-nl/Makefile" ]; then
	record host "not ok" "build: ngctl-nl" "tools/ngctl-nl/Makefile does not exist yet"
	progress "check: no tools/ngctl-nl/Makefile, the guests get no ngctl-nl"
else
	make -C "$work/tools-src/tools/ngctl-nl" clean >/dev/null 2>&1
	if make -C "$work/tools-src/tools/ngctl-nl" >"$tlog" 2>&1 &&
		[ -x "$work/tools-src/tools/ngctl-nl/ngctl-nl" ]; then
		ngctl="$work/tools-src/tools/ngctl-nl/ngctl-nl"
		record host ok "build: ngctl-nl"
		if grep -qiE 'warning:' "$tlog"; then
			record host "not ok" "build: ngctl-nl without warnings" "$(grep -iE 'warning:' "$tlog" | head -n 10)"
		else
			record host ok "build: ngctl-nl without warnings"
		fi
	else
		record host "not ok" "build: ngctl-nl" "$(log_tail "$tlog")"
	fi
fi
# The guests get ngctl-nl linked statically: the scripts run it a few
# thousand times, and under TCG a dynamic exec costs twice as much.  The
# only warnings allowed are glibc's about libnl's NSS callers.
guest_ngctl=$ngctl
slog="$logs/ngctl-nl-static-build.log"
if [ -n "$ngctl" ]; then
	if make -C "$work/tools-src/tools/ngctl-nl" static >"$slog" 2>&1 &&
		[ -x "$ngctl.static" ]; then
		guest_ngctl=$ngctl.static
		warn=$(grep -iE 'warning:' "$slog" | grep -v 'in statically linked applications requires at runtime')
		if [ -z "$warn" ]; then
			record host ok "build: ngctl-nl linked statically for the guests, without warnings"
		else
			record host "not ok" "build: ngctl-nl linked statically for the guests, without warnings" "$warn"
		fi
	else
		record host "not ok" "build: ngctl-nl linked statically for the guests" "$(log_tail "$slog")"
	fi
fi
export NG_NGCTL=${guest_ngctl:-/nonexistent}

# libnetgraph and its test program (tests/ngsock_test, run in the guests by
# selftests/ng_socket.sh); the guests get our other programs via NG_TOOLS.
NG_TOOLS=${NG_TOOLS:-}
if [ -f "$work/tools-src/tools/libnetgraph/Makefile" ]; then
	progress "check: building libnetgraph"
	llog="$logs/libnetgraph-build.log"
	lng="$work/tools-src/tools/libnetgraph"
	make -C "$lng" clean >/dev/null 2>&1
	if make -C "$lng" >"$llog" 2>&1 && [ -x "$lng/tests/ngsock_test" ] &&
		[ -x "$lng/tests/ngevent_test" ]; then
		record host ok "build: libnetgraph"
		if grep -qiE 'warning:' "$llog"; then
			record host "not ok" "build: libnetgraph without warnings" "$(grep -iE 'warning:' "$llog" | head -n 10)"
		else
			record host ok "build: libnetgraph without warnings"
		fi
		NG_TOOLS="$NG_TOOLS $lng/tests/ngsock_test:/usr/bin/ngsock_test"
		NG_TOOLS="$NG_TOOLS $lng/tests/ngevent_test:/usr/bin/ngevent_test"
		# As a user would: install into a staging root, then build the
		# FreeBSD-style test program from the installed <netgraph.h> and
		# libnetgraph.pc alone (pkg-config also sees the system's own
		# .pc files: libnetgraph.pc requires libnl-genl-3.0).
		stage="$work/stage"
		rm -rf "$stage"
		if make -C "$lng" install DESTDIR="$stage" PREFIX=/usr >>"$llog" 2>&1 &&
			PKG_CONFIG_SYSROOT_DIR="$stage" \
			PKG_CONFIG_LIBDIR="$stage/usr/lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)" \
			sh -c 'cc -Wall -Wextra -Werror $(pkg-config --cflags libnetgraph) -o "$1" "$2" \
				$(pkg-config --static --libs libnetgraph)' _ \
				"$work/ngsock_test.installed" "$lng/tests/ngsock_test.c" >>"$llog" 2>&1; then
			record host ok "libnetgraph: installed, a FreeBSD-style program builds from <netgraph.h> and pkg-config alone"
		else
			record host "not ok" "libnetgraph: installed, a FreeBSD-style program builds from <netgraph.h> and pkg-config alone" "$(log_tail "$llog")"
		fi
		# the Linux extension API, the netlink core: a program built from
		# the installed <netgraph/ngnl.h> runs on the installed shared
		# library (a dry run: the request is printed, nothing is sent)
		cat >"$work/ngnl_user.c" <<-'EOF'
		#include <netgraph/ngnl.h>
		int main(void)
		{
			struct ngnl *h;

			if (ngnl_open(&h, NULL, NGNL_F_DRYRUN))
				return 1;
			if (ngnl_mkpeer(h, "x:", "hub", "a", "b", NULL))
				return 1;
			ngnl_close(h);
			return 0;
		}
		EOF
		if PKG_CONFIG_SYSROOT_DIR="$stage" \
			PKG_CONFIG_LIBDIR="$stage/usr/lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)" \
			sh -c 'cc -Wall -Wextra -Werror $(pkg-config --cflags libnetgraph) -o "$1" "$2" \
				$(pkg-config --libs libnetgraph)' _ \
				"$work/ngnl_user" "$work/ngnl_user.c" >>"$llog" 2>&1 &&
			LD_LIBRARY_PATH="$stage/usr/lib" "$work/ngnl_user" >"$work/ngnl_user.out" 2>&1 &&
			grep -qx 'request NETGRAPH_CMD_MKPEER' "$work/ngnl_user.out"; then
			record host ok "libnetgraph: a program of the netlink core's API builds from <netgraph/ngnl.h> and runs on the installed library"
		else
			record host "not ok" "libnetgraph: a program of the netlink core's API builds from <netgraph/ngnl.h> and runs on the installed library" \
				"$(cat "$work/ngnl_user.out" 2>/dev/null; log_tail "$llog")"
		fi
		# tests/bsdprog.c (ngctl's and mpd5's idioms; ng_bsdprog.sh runs it
		# in the guests), from the installed headers alone and linked with
		# the installed libnetgraph.so as a user would; the guests get that
		# library beside their libc, as a distribution installs it.
		if PKG_CONFIG_SYSROOT_DIR="$stage" \
			PKG_CONFIG_LIBDIR="$stage/usr/lib/pkgconfig:$(pkg-config --variable pc_path pkg-config)" \
			sh -c 'cc -Wall -Wextra -Werror $(pkg-config --cflags libnetgraph) -o "$1" "$2" \
				$(pkg-config --libs libnetgraph)' _ \
				"$work/bsdprog" "$lng/tests/bsdprog.c" >>"$llog" 2>&1; then
			record host ok "libnetgraph: a program with ngctl's and mpd5's idioms builds from the installed headers"
			libc=$(ldd "$work/bsdprog" | awk '$1 ~ /^libc\.so/ {print $3}')
			NG_TOOLS="$NG_TOOLS $work/bsdprog:/usr/bin/bsdprog"
			NG_TOOLS="$NG_TOOLS $stage/usr/lib/libnetgraph.so.1:${libc%/*}/libnetgraph.so.1"
		else
			record host "not ok" "libnetgraph: a program with ngctl's and mpd5's idioms builds from the installed headers" "$(log_tail "$llog")"
		fi
		# every node type's header, under FreeBSD's name, all in one unit
		hdrs=$(cd "$repo/uapi" && ls ng_*.h)
		for h in $hdrs; do
			echo "#include <netgraph/$h>"
		done >"$work/types.c"
		echo 'int main(void) { return 0; }' >>"$work/types.c"
		if [ -n "$hdrs" ] &&
			cc -Wall -Wextra -Werror -I"$stage/usr/include" -o "$work/types" \
				"$work/types.c" >>"$llog" 2>&1; then
			record host ok "libnetgraph: every node type's header installs as <netgraph/ng_TYPE.h>"
		else
			record host "not ok" "libnetgraph: every node type's header installs as <netgraph/ng_TYPE.h>" \
				"$(log_tail "$llog")"
		fi
	else
		record host "not ok" "build: libnetgraph" "$(log_tail "$llog")"
	fi
fi
# guest_tool NAME LOG BINARY: a tool built (results for the build and for
# warnings in its LOG), to be installed as the guests' /usr/bin/NAME.
guest_tool() {
	record host ok "build: $1"
	if grep -qiE 'warning:' "$2"; then
		record host "not ok" "build: $1 without warnings" "$(grep -iE 'warning:' "$2" | head -n 10)"
	else
		record host ok "build: $1 without warnings"
	fi
	NG_TOOLS="$NG_TOOLS $3:/usr/bin/$1"
}
if [ -f "$work/tools-src/tools/nghook-nl/Makefile" ]; then
	hlog="$logs/nghook-nl-build.log"
	nh="$work/tools-src/tools/nghook-nl"
	make -C "$nh" clean >/dev/null 2>&1
	if make -C "$nh" >"$hlog" 2>&1 && [ -x "$nh/nghook-nl" ]; then
		guest_tool nghook-nl "$hlog" "$nh/nghook-nl"
	else
		record host "not ok" "build: nghook-nl" "$(log_tail "$hlog")"
	fi
fi
# ngfuzz, the netlink fuzzer run by selftests/ng_fuzz.sh (-Werror build)
if [ -f "$work/tools-src/tools/ngfuzz/Makefile" ]; then
	nf="$work/tools-src/tools/ngfuzz"
	if make -C "$nf" clean all >"$logs/ngfuzz-build.log" 2>&1 && [ -x "$nf/ngfuzz" ]; then
		record host ok "build: ngfuzz without warnings"
		NG_TOOLS="$NG_TOOLS $nf/ngfuzz:/usr/bin/ngfuzz"
	else
		record host "not ok" "build: ngfuzz without warnings" "$(log_tail "$logs/ngfuzz-build.log")"
	fi
fi
# ngbench, the benchmarks' sources, sinks and userland relays (-Werror)
if [ -f "$work/tools-src/tools/ngbench/Makefile" ]; then
	nb="$work/tools-src/tools/ngbench"
	if make -C "$nb" clean all >"$logs/ngbench-build.log" 2>&1 && [ -x "$nb/ngbench" ]; then
		record host ok "build: ngbench without warnings"
		NG_TOOLS="$NG_TOOLS $nb/ngbench:/usr/bin/ngbench"
	else
		record host "not ok" "build: ngbench without warnings" "$(log_tail "$logs/ngbench-build.log")"
	fi
fi
export NG_TOOLS

phase_time tools $((SECONDS - t))
t=$SECONDS

# host_tap NAME LOG CMD...: run a host-side TAP suite; each of its
# "ok N - desc" / "not ok N - desc" lines becomes one host result.
host_tap() {
	local name=$1 log=$2 line st desc
	shift 2
	"$@" >"$log" 2>&1
	local rc=$?
	while IFS= read -r line; do
		case $line in
		"not ok "*) st="not ok" desc=${line#not ok } ;;
		"ok "*) st=ok desc=${line#ok } ;;
		*) continue ;;
		esac
		desc=${desc#* - }
		case $desc in
		*"# SKIP"*) record host skip "$name: ${desc%% # SKIP*}" "${desc#*# SKIP}" ;;
		*) record host "$st" "$name: $desc" ;;
		esac
	done <"$log"
	[ $rc -eq 0 ] || grep -q '^not ok ' "$log" ||
		record host "not ok" "$name: suite exited $rc" "$(log_tail "$log")"
}
if [ -n "$ngctl" ]; then
	host_tap ngctl-nl "$logs/ngctl-nl-test.log" make -C "$work/tools-src/tools/ngctl-nl" test
fi
# kernel/ng_parse.c built for userland: round trips and errors, then a
# bounded libFuzzer run (NG_FUZZ_RUNS); a fuzz finding is a failure.
# The corpus it ends with (seeds and new inputs) goes to the guests, where
# ngparse-replay sends it through the kernel's conversion messages.
NG_TOOLS=${NG_TOOLS:-}
NG_GUEST_DIRS=${NG_GUEST_DIRS:-}
if [ -f "$work/tools-src/tools/ngparse-test/Makefile" ]; then
	progress "check: ng_parse host tests and fuzzing"
	rm -rf "$work/fuzz-corpus"
	FUZZ_CORPUS_OUT="$work/fuzz-corpus" \
		host_tap ngparse "$logs/ngparse-test.log" make -C "$work/tools-src/tools/ngparse-test" \
		clean test FUZZ_RUNS="${NG_FUZZ_RUNS:-1000000}"
	[ -d "$work/fuzz-corpus" ] && NG_GUEST_DIRS="$NG_GUEST_DIRS $work/fuzz-corpus:/selftests/corpus"
	if [ -n "$ngctl" ]; then
		if make -C "$work/tools-src/tools/ngparse-test" replay >"$logs/ngparse-replay-build.log" 2>&1; then
			record host ok "build: ngparse-replay"
			NG_TOOLS="$NG_TOOLS $work/tools-src/tools/ngparse-test/ngparse-replay:/usr/bin/ngparse-replay"
		else
			record host "not ok" "build: ngparse-replay" "$(log_tail "$logs/ngparse-replay-build.log")"
		fi
	fi
fi
export NG_TOOLS NG_GUEST_DIRS
# The YNL spec against uapi/netgraph_genl.h (selftests/vm/ynl-check.sh,
# with the kernel's YNL tools, cached on first use).
progress "check: the YNL spec against uapi/netgraph_genl.h"
host_tap ynl "$logs/ynl-check.log" "$here/ynl-check.sh"
# ngynl (tools/ynl): a client on the C library YNL generates from the spec,
# run in the guests by selftests/ng_ynl.sh
if [ -f "$work/tools-src/tools/ynl/Makefile" ]; then
	ylog="$logs/ngynl-build.log"
	yt="$work/tools-src/tools/ynl"
	if ynl=$("$here/ynl-check.sh" --tools 2>"$ylog") &&
		make -C "$yt" clean all YNL="$ynl" PYTHON="${NG_PYTHON:-/usr/bin/python3}" \
			SPEC="$repo/Documentation/netlink/specs/netgraph.yaml" >>"$ylog" 2>&1 &&
		[ -x "$yt/ngynl" ]; then
		guest_tool ngynl "$ylog" "$yt/ngynl"
	else
		record host "not ok" "build: ngynl" "$(log_tail "$ylog")"
	fi
fi
export NG_TOOLS
phase_time host-tests $((SECONDS - t))
if [ -n "$pjob" ]; then
	progress "check: waiting for the packaging checks (make deb, DKMS)"
	tw=$SECONDS
	host_tap packaging "$logs/package-check.log" pkg_results
	progress "check: packaging checks done, $((SECONDS - tw)) s after the host tests"
	[ -d "$work/pkg/guest" ] && NG_GUEST_DIRS="$NG_GUEST_DIRS $work/pkg/guest:/pkg"
	export NG_GUEST_DIRS
fi
summarize_host

# ------------------------------------------------------------ initramfs
# (the phase "prepare": from here until the guests start; the module
# builds are phases of their own)
t_prep=$SECONDS
progress "check: initramfs for: $kernels"
declare -p NG_TOOLS NG_GUEST_DIRS NG_NGCTL >"$work/host.env.new"
mv "$work/host.env.new" "$work/host.env"
pids=()
for k in $kernels; do
	[ -n "${mjob[$k]:-}" ] || continue
	wait "${mjob[$k]}"
	unset 'mjob[$k]'
	prepare_initramfs "$k" &
	pids+=($!)
done
[ ${#pids[@]} -eq 0 ] || wait "${pids[@]}"
# A cached debug kernel: its modules are built beside the stock ones, its
# guests (the longest) go first.  A cold one: the stock guests go first.
if [ -n "$djob" ] && [ "${timing[kernel_mode]:-}" = warm ]; then
	wait "$djob"
	djob=
fi
phase_time prepare $((SECONDS - t_prep))
for k in stock-6.1 stock-6.12; do
	[[ " $kernels " == *" $k "* ]] && queue_kernel "$k"
done

# guest_limit KIND NTESTS: the host-side limit of one guest in seconds.
# Lanes share the cores, so more than one lane gets half again as long.
guest_limit() {
	local l
	if [ "$1" = debug ]; then
		l=$((600 + $2 * 120))
		[ "$l" -le 2700 ] || l=2700	# the debug guest needs ~20 min under TCG
	else
		l=$((300 + $2 * 60))
		[ "$l" -le 900 ] || l=900
	fi
	[ "$lanes" -gt 1 ] && l=$((l * 3 / 2))
	echo "${NG_VM_TIMEOUT:-$l}"
}

# run_guest KERNEL SHARD TESTS: boot one guest, logs in build/logs/<run>/
# NAME.log and NAME.results (NAME: KERNEL, or KERNEL.shardN); its QEMU
# status goes to build/work/KERNEL/NAME.rc ("STATUS LIMIT").
run_guest() {
	local k=$1 shard=$2 tests=$3 n limit rc=0 t=$SECONDS pid name=$1 phase=guest/$1
	local args=()
	[ "$shard" = 0 ] || name=$k.shard$shard phase=$phase#$shard
	[ "$shard" -gt 1 ] && args+=(ngvm.kunit=0)
	kernel_setup "$k"
	if [ "$tests" = - ]; then
		n=${#all_tests[@]}
	else
		n=$(tr ',' '\n' <<<"$tests" | grep -c .)
		args+=("ngvm.tests=$tests")
	fi
	limit=$(guest_limit "$kind" "$n")
	NG_VM_TIMEOUT=$limit "$here/run-vm.sh" "$image" "$work/$k/initrd.gz" "$logs/$name.log" \
		"${args[@]}" &
	pid=$!
	echo "$pid" >"$work/$k/$name.pid"
	wait "$pid" || rc=$?
	rm -f "$work/$k/$name.pid"
	echo "$rc $limit" >"$work/$k/$name.rc"
	phase_time "$phase" $((SECONDS - t))
}

# lane: run guests from the queue until it is empty.
lane() {
	local line pending
	while :; do
		# pending is read before the queue: the debug guests are queued
		# before it goes, so an empty queue after it went is the end
		pending=0
		[ -e "$queue.pending" ] && pending=1
		# (sed -i makes a new file: the lock is on another one)
		line=$(flock "$queue.lock" sh -c 'head -n1 "$1"; sed -i 1d "$1"' _ "$queue")
		if [ -z "$line" ]; then
			[ $pending = 1 ] || return 0
			# the debug guests' job died without queueing them
			[ -n "$djob" ] && kill -0 "$djob" 2>/dev/null || return 0
			sleep 2
			continue
		fi
		# shellcheck disable=SC2086 # three words
		run_guest $line
	done
}

t=$SECONDS
progress "check: $(wc -l <"$queue") guest(s) in $lanes lane(s), $NG_VM_SMP vCPU(s) each"
for _ in $(seq "$lanes"); do
	lane &
	lane_pids+=($!)
done
wait "${lane_pids[@]}"
lane_pids=()
phase_time guests $((SECONDS - t))
[ -n "$djob" ] && wait "$djob"
[ -n "$kjob" ] && wait "$kjob"
djob= kjob=
debug_kdir
summarize_host

for k in $kernels; do
	kernel_setup "$k"
	if [ -f "$work/$k/noboot" ]; then
		python3 "$here/parse-results.py" --name "$k" --console /dev/null \
			--no-boot "$(cat "$work/$k/noboot")" \
			--host "$logs/$k.host.tsv" --counts "$logs/$k.counts" >"$logs/$k.summary"
	else
		# One guest (K) or shards (K.shard1, K.shard2...): one "QEMU
		# exited normally" for all of them.
		detail=() cargs=()
		for name in $(cat "$work/$k/guests"); do
			rc="?" limit=0
			[ -f "$work/$k/$name.rc" ] && read -r rc limit <"$work/$k/$name.rc"
			pre=
			[ "$name" = "$k" ] || pre="$name: "
			case $rc in
			0) ;;
			124) detail+=("${pre}killed by the host after ${limit}s") ;;
			*) detail+=("${pre}exit status $rc" "$(log_tail "$logs/$name.log" 5)") ;;
			esac
			cargs+=(--console "$logs/$name.log" --results "$logs/$name.results")
		done
		if [ ${#detail[@]} -eq 0 ]; then
			record "$k" ok "boot: QEMU exited normally"
		else
			record "$k" "not ok" "boot: QEMU exited normally" "${detail[@]}"
		fi
		python3 "$here/parse-results.py" --name "$k" "${cargs[@]}" --config "$config" \
			--host "$logs/$k.host.tsv" --counts "$logs/$k.counts" >"$logs/$k.summary"
	fi
	read -r cp cf cs <"$logs/$k.counts"
	progress "check: $k: $cp passed, $cf failed, $cs skipped"
done

finish
