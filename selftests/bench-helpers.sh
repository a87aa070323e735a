# SPDX-License-Identifier: GPL-2.0
# Helpers of the benchmarks (selftests/ng_bench_*.sh), sourced after
# lib.sh.  A benchmark's figures are "# bench:" lines, one per metric, in
# one format that selftests/vm/bench-report.py reads:
#
#	# bench: METRIC PATH=VALUE... UNIT [A/B=RATIO...] [(NOTE)]
#	# bench: udp64 direct=69900 crelay=7950 socat=3600 ksocket=16600 pps ksocket/direct=0.24 (median of 3)
#
# METRIC and PATH are words ([A-Za-z0-9_.-]); each VALUE is the median of
# the rounds; a RATIO divides two of the line's values.

[ "$NG_KIND" = debug ] &&
	skip_all "debug kernel: KASAN and lockdep make throughput figures meaningless; runs on the stock kernels"
ROUNDS=${NG_BENCH_ROUNDS:-3}
bench_dir=$(mktemp -d)

# bench_add METRIC PATH VALUE: one round's figure
bench_add() {
	echo "$3" >>"$bench_dir/$1.$2"
}
# median METRIC PATH: the median of its rounds (0 without any)
median() {
	sort -n "$bench_dir/$1.$2" 2>/dev/null |
		awk '{ v[NR] = $1 } END { print (NR ? v[int((NR + 1) / 2)] : 0) }'
}
# ratio A B: A / B with two decimals, "n/a" when B is 0
ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "n/a" }'
}
# bench_line METRIC UNIT "PATH..." "A/B..." [NOTE]: the "# bench:" line of
# METRIC from the medians of its PATHs, with the ratios A/B
bench_line() {
	_bl="$1" _m=$1 _note=${5:-}
	for _p in $3; do
		_bl="$_bl $_p=$(median "$1" "$_p")"
	done
	_bl="$_bl $2"
	for _r in $4; do
		_bl="$_bl $_r=$(ratio "$(median "$1" "${_r%/*}")" "$(median "$1" "${_r#*/}")")"
	done
	# ("median of N" when the first path had N > 1 rounds)
	# shellcheck disable=SC2086 # one word per path
	set -- $3
	_n=$(wc -l <"$bench_dir/$_m.$1" 2>/dev/null || echo 0)
	_bl="$_bl ("
	[ "$_n" -le 1 ] || _bl="${_bl}median of $_n, "
	tap_diag "bench: $_bl${_note:+$_note, }$NG_KVER)"
}
# kv KEY OUTPUT: the value of KEY=VALUE in ngbench's OUTPUT (0 without)
kv() {
	_kv=$(printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1)
	echo "${_kv:-0}"
}
bench_cleanup() {
	rm -rf "$bench_dir"
}
# now_ms: a clock in milliseconds, for differences (bash's EPOCHREALTIME
# where there is one, else /proc/uptime's hundredths)
now_ms() {
	if [ -n "${EPOCHREALTIME:-}" ]; then
		_nm=${EPOCHREALTIME%.*}${EPOCHREALTIME#*.}
		echo "${_nm%???}"
	else
		awk '{ printf "%d\n", $1 * 1000 }' /proc/uptime
	fi
}
# per_sec COUNT MS: COUNT per second in MS milliseconds
per_sec() {
	awk -v n="$1" -v ms="$2" 'BEGIN { if (ms > 0) printf "%.0f", n * 1000 / ms; else print 0 }'
}
# bench_no_strays NETNS: no process is left in NETNS (a relay that
# outlived its round would take CPU from the next ones)
bench_no_strays() {
	wait_for 5 sh -c "[ -z \"\$(ip netns pids $1)\" ]"
	expect_eq "$(ip netns pids "$1" | wc -l)" 0 "no process outlives its round"
}
