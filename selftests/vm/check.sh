#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# `make check`: the whole test pipeline.
#
#   provision (apt packages, stock kernel images)
#   -> debug kernel (built once, cached in $NG_CACHE)
#   -> ngctl-nl, and the modules for each kernel with W=1 (warnings fail)
#   -> one initramfs per kernel -> boot each under QEMU/TCG
#   -> parse KUnit KTAP, selftest TAP and kernel reports from the logs
#   -> KTAP summary per kernel, then the last line "N passed, N failed[, N skipped]"
#
# Logs: build/logs/<run>/ (build/logs/latest points at the newest run).
# Environment:
#   NG_KERNELS       subset/order of "debug stock-6.1 stock-6.12" (default: all)
#   NG_TESTS         only these selftests, e.g. "ng_hub ng_tee" (default: all)
#   NG_TEST_TIMEOUT  seconds per selftest script in the guest (default 300)
#   NG_VM_TIMEOUT    host-side limit per VM (default: from the number of scripts)
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
# One `make check` per checkout at a time: they share build/work, and two
# TCG guests on two cores would run into each other's time limits.
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
export NG_TEST_TIMEOUT=${NG_TEST_TIMEOUT:-300}

declare -A timing=()
: >"$logs/host.host.tsv"

# Budgets in seconds per phase: the first pattern that matches a phase's
# name counts.  Phases: provision, debug-kernel (cache lookup, or the build
# on a cold run), tools (ngctl-nl, libnetgraph, nghook-nl, ngparse-replay),
# host-tests (ngctl-nl's suite, ngparse round trips and fuzzing), per
# kernel K modules/K, initramfs/K, guest/K (QEMU, boot to power-off) and
# test/K/SCRIPT (the guest's NG-TEST-END secs), then guests (all guests,
# wall clock) and total.
budgets=(
	"provision		600"
	"debug-kernel		2400"
	"tools			120"
	"host-tests		240"
	"modules/debug		300"
	"modules/*		180"
	"initramfs/*		60"
	"guest/debug*		1500"
	"guest/*		480"
	"test/debug/*		240"
	"test/*			90"
	"guests			1500"
	"total			2400"
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

# timing_table: timing.tsv (phase, seconds, budget, "over" or "ok") from
# the recorded phases and the guests' NG-TEST-END markers, in pipeline
# order; the table and the budget warnings on stdout.
timing_table() {
	local k f name secs budget st over=()
	{
		for name in provision debug-kernel tools host-tests; do
			awk -F'\t' -v n="$name" '$1 == n' "$logs/timing.raw"
		done
		for k in $kernels; do
			for name in modules initramfs; do
				awk -F'\t' -v n="$name/$k" '$1 == n' "$logs/timing.raw"
			done
			awk -F'\t' -v n="guest/$k" '$1 == n || index($1, n "#") == 1' "$logs/timing.raw"
			for f in "$logs/$k.results" "$logs/$k".[0-9]*.results; do
				[ -f "$f" ] || continue
				tr -d '\r' <"$f" | awk -v k="$k" '/^NG-TEST-END / {
					for (i = 3; i <= NF; i++) if ($i ~ /^secs=/) print "test/" k "/" $2 "\t" substr($i, 6)
				}'
			done
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
	# Benchmarks print "# bench: ..." lines (figures, never pass/fail).
	for k in $kernels; do
		[ -f "$logs/$k.results" ] || continue
		grep -a '^# bench: ' "$logs/$k.results" | sed "s/^# bench: /# bench [$k]: /"
	done | tee "$logs/bench.txt"
	temp=${timing[kernel_mode]:-unknown}
	echo
	case $temp in
	cold) echo "# timing: total ${total}s, cold run (the debug kernel was built: ${timing[kernel]}s)" ;;
	warm) echo "# timing: total ${total}s, warm run (the debug kernel came from the cache)" ;;
	*) echo "# timing: total ${total}s (no debug kernel in this run)" ;;
	esac
	phase_time total "$total"
	timing_table
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

# Whatever stops this script early, the output still ends with the counts.
on_exit() {
	local rc=$?
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
kdir=
if [[ " $kernels " == *" debug "* ]]; then
	t=$SECONDS
	key=$("$here/build-kernel.sh" --print-key)
	if [ -f "$NG_CACHE/kernel/$key/done" ]; then
		timing[kernel_mode]=warm
	else
		timing[kernel_mode]=cold
	fi
	if kdir=$("$here/build-kernel.sh" 2> >(tee "$logs/build-kernel.log" >&2)); then
		record host ok "build: debug kernel ($key)"
		cp "$kdir/.config" "$logs/debug.config"
	else
		kdir=
		record host "not ok" "build: debug kernel ($key)" "$(log_tail "$logs/build-kernel.log")"
	fi
	timing[kernel]=$((SECONDS - t))
	phase_time debug-kernel "${timing[kernel]}"
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
export NG_NGCTL=${ngctl:-/nonexistent}

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
		# libnetgraph.pc alone.
		stage="$work/stage"
		rm -rf "$stage"
		if make -C "$lng" install DESTDIR="$stage" PREFIX=/usr >>"$llog" 2>&1 &&
			PKG_CONFIG_SYSROOT_DIR="$stage" PKG_CONFIG_LIBDIR="$stage/usr/lib/pkgconfig" \
			sh -c 'cc -Wall -Wextra -Werror $(pkg-config --cflags libnetgraph) -o "$1" "$2" \
				$(pkg-config --static --libs libnetgraph)' _ \
				"$work/ngsock_test.installed" "$lng/tests/ngsock_test.c" >>"$llog" 2>&1; then
			record host ok "libnetgraph: installed, a FreeBSD-style program builds from <netgraph.h> and pkg-config alone"
		else
			record host "not ok" "libnetgraph: installed, a FreeBSD-style program builds from <netgraph.h> and pkg-config alone" "$(log_tail "$llog")"
		fi
	else
		record host "not ok" "build: libnetgraph" "$(log_tail "$llog")"
	fi
fi
if [ -f "$work/tools-src/tools/nghook-nl/Makefile" ]; then
	hlog="$logs/nghook-nl-build.log"
	nh="$work/tools-src/tools/nghook-nl"
	make -C "$nh" clean >/dev/null 2>&1
	if make -C "$nh" >"$hlog" 2>&1 && [ -x "$nh/nghook-nl" ]; then
		record host ok "build: nghook-nl"
		if grep -qiE 'warning:' "$hlog"; then
			record host "not ok" "build: nghook-nl without warnings" "$(grep -iE 'warning:' "$hlog" | head -n 10)"
		else
			record host ok "build: nghook-nl without warnings"
		fi
		NG_TOOLS="$NG_TOOLS $nh/nghook-nl:/usr/bin/nghook-nl"
	else
		record host "not ok" "build: nghook-nl" "$(log_tail "$hlog")"
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
phase_time host-tests $((SECONDS - t))
summarize_host

# -------------------------------------------------------------- per kernel
nscripts=$(ls "$repo"/selftests/ng_*.sh 2>/dev/null | wc -l)
append=()
[ -n "${NG_TESTS:-}" ] && append+=("ngvm.tests=$(echo "$NG_TESTS" | tr ' ' ',')")

t_guests=$SECONDS
for k in $kernels; do
	: >"$logs/$k.host.tsv"
	kw="$work/$k"
	mkdir -p "$kw"
	case $k in
	debug)
		src=$kdir
		image=${kdir:+$kdir/arch/x86/boot/bzImage}
		config=${kdir:+$kdir/.config}
		kind=debug
		limit=${NG_VM_TIMEOUT:-$((600 + nscripts * 120))}
		[ "$limit" -le 2700 ] || limit=2700	# the debug guest needs ~20 min under TCG
		;;
	stock-6.1 | stock-6.12)
		if [ $k = stock-6.1 ]; then ver=$(stock_61_version); else ver=$(stock_612_version); fi
		kdir_s=/usr/src/linux-headers-$ver
		src=$NG_CACHE/stock/$ver/root
		image=$src/boot/vmlinuz-$ver
		config=$src/boot/config-$ver
		kind=stock
		limit=${NG_VM_TIMEOUT:-$((300 + nscripts * 60))}
		[ "$limit" -le 900 ] || limit=900
		;;
	*) die "unknown kernel '$k' in NG_KERNELS" ;;
	esac
	noboot=
	if [ -z "$src" ] || [ ! -f "$image" ]; then
		noboot="no kernel image (see the host section)"
	else
		kd=$([ $kind = debug ] && echo "$kdir" || echo "$kdir_s")
		t=$SECONDS
		if "$here/build-modules.sh" "$kd" "$kw/mod" 2> >(tee "$logs/$k.build-modules.out" >&2); then
			record "$k" ok "build: modules W=1 without warnings"
		else
			cp "$kw/mod/build.log" "$logs/$k.modules-build.log" 2>/dev/null
			record "$k" "not ok" "build: modules W=1 without warnings" \
				"$(grep -iE 'error|warning' "$kw/mod/build.log" 2>/dev/null | head -n 12 ||
					log_tail "$logs/$k.build-modules.out")"
		fi
		cp "$kw/mod/build.log" "$logs/$k.modules-build.log" 2>/dev/null
		phase_time "modules/$k" $((SECONDS - t))
		t=$SECONDS
		if ! ls "$kw/mod/modules/"*.ko >/dev/null 2>&1; then
			noboot="no modules were built"
		elif "$here/mkinitramfs.sh" "$kind" "$src" "$kw/mod" "$kw/initrd.gz" \
			2> >(tee "$logs/$k.initramfs.log" >&2); then
			record "$k" ok "initramfs"
		else
			record "$k" "not ok" "initramfs" "$(log_tail "$logs/$k.initramfs.log")"
			noboot="no initramfs"
		fi
		phase_time "initramfs/$k" $((SECONDS - t))
	fi
	if [ -z "$noboot" ]; then
		t=$SECONDS
		rc=0
		NG_VM_TIMEOUT=$limit "$here/run-vm.sh" "$image" "$kw/initrd.gz" "$logs/$k.log" \
			"${append[@]}" || rc=$?
		phase_time "guest/$k" $((SECONDS - t))
		case $rc in
		0) record "$k" ok "boot: QEMU exited normally" ;;
		124) record "$k" "not ok" "boot: QEMU exited normally" "killed by the host after ${limit}s" ;;
		*) record "$k" "not ok" "boot: QEMU exited normally" "exit status $rc" "$(log_tail "$logs/$k.log" 5)" ;;
		esac
		python3 "$here/parse-results.py" --name "$k" --console "$logs/$k.log" \
			--results "$logs/$k.results" --config "$config" \
			--host "$logs/$k.host.tsv" --counts "$logs/$k.counts" >"$logs/$k.summary"
	else
		python3 "$here/parse-results.py" --name "$k" --console /dev/null --no-boot "$noboot" \
			--host "$logs/$k.host.tsv" --counts "$logs/$k.counts" >"$logs/$k.summary"
	fi
	read -r cp cf cs <"$logs/$k.counts"
	progress "check: $k: $cp passed, $cf failed, $cs skipped"
done
phase_time guests $((SECONDS - t_guests))

finish
