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
	_bl="$1"
	for _p in $3; do
		_bl="$_bl $_p=$(median "$1" "$_p")"
	done
	_bl="$_bl $2"
	for _r in $4; do
		_bl="$_bl $_r=$(ratio "$(median "$1" "${_r%/*}")" "$(median "$1" "${_r#*/}")")"
	done
	tap_diag "bench: $_bl (median of $ROUNDS${5:+, $5}, $NG_KVER)"
}
# kv KEY OUTPUT: the value of KEY=VALUE in ngbench's OUTPUT (0 without)
kv() {
	_kv=$(printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p" | head -n 1)
	echo "${_kv:-0}"
}
bench_cleanup() {
	rm -rf "$bench_dir"
}
