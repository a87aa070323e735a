# SPDX-License-Identifier: GPL-2.0
# Helpers shared by the netgraph selftests (sourced after lib.sh).

# reply_u64 OUTPUT [OFFSET]: the little-endian u64 at byte OFFSET (0 or 8)
# of the first "Args:" hex dump line in ngctl-nl msg OUTPUT
# ("0000:  01 00 00 00 00 00 00 00 04 00 ...").
reply_u64() {
	_line=$(printf '%s\n' "$1" | grep -m1 '^0000:')
	[ -n "$_line" ] || { echo ""; return; }
	# shellcheck disable=SC2086
	set -- $_line
	shift	# the offset column
	[ "${2:-0}" = 8 ] && shift 8
	_v=0 _i=8
	while [ $_i -ge 1 ]; do
		eval "_b=\${$_i}"
		_v=$((_v * 256 + 0x$_b))
		_i=$((_i - 1))
	done
	echo "$_v"
}

# hookbuf NAME: NAME as the 32 byte values of a NUL-padded hook buffer, for
# ngctl-nl msg arguments (hookbuf_v NAME: the same in $_hb, without the
# subshell of $(hookbuf NAME): in a loop of a thousand, forks cost
# seconds on stock kernels and minutes on the debug kernel).
hookbuf_v() {
	_hb="\"$1\""
	_i=$((${#1} + 1))
	while [ $_i -lt 32 ]; do
		_hb="$_hb 0"
		_i=$((_i + 1))
	done
}
hookbuf() {
	hookbuf_v "$1"
	printf '%s' "$_hb"
}

# ng_stat NGCTL-CMD KEY: one counter from "ngctl-nl stats".
ng_stat() {
	$1 stats | awk -v k="$2:" '$1 == k {print $2}'
}
