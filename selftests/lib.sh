# SPDX-License-Identifier: GPL-2.0
# TAP helpers for the netgraph selftests (selftests/ng_*.sh), sourced:
#
#	. "$(dirname "$0")/lib.sh"
#	tap_plan 3                      # optional; tap_done prints a trailing plan otherwise
#	expect_ok "load ng_hub" modprobe ng_hub
#	expect_eq "$(cat /sys/module/ng_hub/refcnt)" 0 "ng_hub unused"
#	expect_fail_errno ENOENT "mkpeer on a missing path" $NGCTL mkpeer nope: hub a b
#	tap_done                        # exit status: 0 all passed, 1 something failed
#
# Works under bash and busybox ash (the guest's /bin/sh).  Output is TAP 13:
# "ok N - description", "not ok N - description", "# diagnostics",
# "ok N - description # SKIP reason".  Everything else a script prints is
# ignored by the parser but kept in the logs.
#
# Environment provided by the QEMU guest runner (see selftests/vm/guest-init.sh):
#	NGCTL		the CLI, /usr/bin/ngctl-nl
#	NG_KIND		"debug" (self-built KASAN/lockdep/kmemleak kernel) or "stock"
#	NG_KVER		uname -r of the guest kernel
#	NG_SELFTESTS	directory holding the ng_*.sh scripts and this file
#	NG_TMPDIR	an empty scratch directory (also the cwd) for this script
#	NG_TEST_TIMEOUT	seconds before the runner kills the script's process group

NGCTL=${NGCTL:-/usr/bin/ngctl-nl}
NG_UNPRIV_UID=${NG_UNPRIV_UID:-65534}
NG_UNPRIV_GID=${NG_UNPRIV_GID:-65534}
# UNOBODY CMD...: run CMD as the unprivileged user, with no groups
UNOBODY="setpriv --reuid=$NG_UNPRIV_UID --regid=$NG_UNPRIV_GID --clear-groups --"
# Exit status of ngctl-nl when the kernel (or the CLI) reports an errno.
NG_CLI_ERRNO_EXIT=${NG_CLI_ERRNO_EXIT:-71}

_tap_n=0
_tap_failed=0
_tap_planned=

# tap_plan N: print the plan up front.
tap_plan() {
	_tap_planned=$1
	echo "1..$1"
}

# json_check NAME: $NG_OUT (a command's JSON output) goes to the results
# channel as NG-JSON lines; the host parses it with Python's json module
# (parse-results.py) and records "json: NAME parses" in this script.
json_check() {
	printf '%s\n' "$NG_OUT" | sed "s/^/NG-JSON $1 /"
	echo "NG-JSON-END $1"
}

# tap_diag MSG...: a diagnostic line (each line of MSG prefixed with "# ").
tap_diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# _tap_desc TEXT: TEXT as a TAP description in $_td (newlines as spaces,
# '#' escaped), without a subshell: every process costs on the debug kernel.
_tap_desc() {
	_td=$*
	_td=${_td//$'\n'/ }
	_td=${_td//#/\\#}
}

# Step times: each result's microseconds since the previous one (or the
# script's start) go to $NG_TMPDIR/.tap-steps; tap_done prints the slowest
# as "# slowest step" diagnostics, for the suite's time table.
_tap_us() {
	_tu=${EPOCHREALTIME:-}
	[ -n "$_tu" ] && _tu=${_tu%.*}${_tu#*.}
}
_tap_us
_tap_t0=$_tu
_tap_steps=${NG_TMPDIR:+$NG_TMPDIR/.tap-steps}
_tap_step() {	# _tap_step N DESC: the time up to result N
	[ -n "$_tap_steps" ] && [ -n "$_tap_t0" ] || return 0
	_tap_us
	echo "$((_tu - _tap_t0)) $1 $2" >>"$_tap_steps"
	_tap_t0=$_tu
}

_tap_result() {	# _tap_result pass|fail DESC [DIRECTIVE]
	_tap_n=$((_tap_n + 1))
	_tap_desc "$2"
	_tap_step "$_tap_n" "$_td"
	if [ "$1" = pass ]; then
		echo "ok $_tap_n - $_td${3:+ # $3}"
	else
		_tap_failed=$((_tap_failed + 1))
		echo "not ok $_tap_n - $_td${3:+ # $3}"
	fi
}

# pass DESC / fail DESC: record a result directly.
pass() { _tap_result pass "$*"; }
fail() { _tap_result fail "$*"; }

# ok COND DESC: COND is either an exit status (0 passes) or a shell
# condition that is eval'ed, e.g. ok "$?" "loaded"; ok '[ -d /sys/module/netgraph ]' "netgraph loaded".
ok() {
	_cond=$1
	shift
	case $_cond in
	'' | *[!0-9]*)
		if eval "$_cond"; then _tap_result pass "$*"; else _tap_result fail "$*"; fi ;;
	*)
		if [ "$_cond" -eq 0 ]; then _tap_result pass "$*"; else _tap_result fail "$*"; fi ;;
	esac
}

# expect_eq ACTUAL EXPECTED DESC
expect_eq() {
	if [ "$1" = "$2" ]; then
		_tap_result pass "$3"
	else
		_tap_result fail "$3"
		tap_diag "expected: '$2'"
		tap_diag "     got: '$1'"
	fi
}

# expect_ne ACTUAL UNEXPECTED DESC
expect_ne() {
	if [ "$1" != "$2" ]; then
		_tap_result pass "$3"
	else
		_tap_result fail "$3"
		tap_diag "did not expect: '$2'"
	fi
}

# _has_line TEXT ERE: a line of TEXT matches ERE (as grep -qE).  Under
# bash without a process: each costs a few hundred ms on the debug kernel.
# (bash's syntax in a string: ash must not parse it.)
if [ -n "${BASH_VERSION:-}" ]; then
	eval '_has_line() {
		while IFS= read -r _hl; do
			[[ $_hl =~ $2 ]] && return 0
		done <<<"$1"
		return 1
	}'
else
	_has_line() { printf '%s\n' "$1" | grep -qE -- "$2"; }
fi

# expect_match TEXT PATTERN DESC: PATTERN is a grep -E regular expression.
expect_match() {
	if _has_line "$1" "$2"; then
		_tap_result pass "$3"
	else
		_tap_result fail "$3"
		tap_diag "no match for /$2/ in:"
		tap_diag "$1"
	fi
}

# expect_ok DESC CMD...: CMD must exit 0; its output is shown on failure.
# The output of the last expect_* command is kept in $NG_OUT.
expect_ok() {
	_desc=$1
	shift
	NG_OUT=$("$@" 2>&1)
	_rc=$?
	if [ $_rc -eq 0 ]; then
		_tap_result pass "$_desc"
	else
		_tap_result fail "$_desc"
		tap_diag "command: $*"
		tap_diag "exit status $_rc, output:"
		tap_diag "$NG_OUT"
	fi
	return $_rc
}

# expect_fail DESC CMD...: CMD must exit non-zero.
expect_fail() {
	_desc=$1
	shift
	NG_OUT=$("$@" 2>&1)
	_rc=$?
	if [ $_rc -ne 0 ]; then
		_tap_result pass "$_desc"
		return 0
	fi
	_tap_result fail "$_desc"
	tap_diag "command: $*"
	tap_diag "succeeded unexpectedly, output:"
	tap_diag "$NG_OUT"
	return 1
}

# errno_text NAME: glibc's strerror() text for a symbolic errno name
# (_errno_text NAME: the same in $_et, without a subshell).
errno_text() {
	_errno_text "$1"
	echo "$_et"
}
_errno_text() {
	case $1 in
	EPERM) _et="Operation not permitted" ;;
	ENOENT) _et="No such file or directory" ;;
	ESRCH) _et="No such process" ;;
	EINTR) _et="Interrupted system call" ;;
	EIO) _et="Input/output error" ;;
	ENXIO) _et="No such device or address" ;;
	E2BIG) _et="Argument list too long" ;;
	EBADF) _et="Bad file descriptor" ;;
	EAGAIN | EWOULDBLOCK) _et="Resource temporarily unavailable" ;;
	ENOMEM) _et="Cannot allocate memory" ;;
	EACCES) _et="Permission denied" ;;
	EFAULT) _et="Bad address" ;;
	EBUSY) _et="Device or resource busy" ;;
	EEXIST) _et="File exists" ;;
	ENODEV) _et="No such device" ;;
	ENOTDIR) _et="Not a directory" ;;
	EISDIR) _et="Is a directory" ;;
	EINVAL) _et="Invalid argument" ;;
	ENOSPC) _et="No space left on device" ;;
	ERANGE) _et="Numerical result out of range" ;;
	EDEADLK) _et="Resource deadlock avoided" ;;
	ENAMETOOLONG) _et="File name too long" ;;
	ENOSYS) _et="Function not implemented" ;;
	ENOTEMPTY) _et="Directory not empty" ;;
	ELOOP) _et="Too many levels of symbolic links" ;;
	ENOMSG) _et="No message of desired type" ;;
	ENODATA) _et="No data available" ;;
	ENOLINK) _et="Link has been severed" ;;
	EPROTO) _et="Protocol error" ;;
	EBADMSG) _et="Bad message" ;;
	EOVERFLOW) _et="Value too large for defined data type" ;;
	EMSGSIZE) _et="Message too long" ;;
	EPROTOTYPE) _et="Protocol wrong type for socket" ;;
	ENOPROTOOPT) _et="Protocol not available" ;;
	EPROTONOSUPPORT) _et="Protocol not supported" ;;
	ESOCKTNOSUPPORT) _et="Socket type not supported" ;;
	EOPNOTSUPP | ENOTSUP) _et="Operation not supported" ;;
	EAFNOSUPPORT) _et="Address family not supported by protocol" ;;
	EADDRINUSE) _et="Address already in use" ;;
	EADDRNOTAVAIL) _et="Cannot assign requested address" ;;
	ENETDOWN) _et="Network is down" ;;
	ENETUNREACH) _et="Network is unreachable" ;;
	ECONNABORTED) _et="Software caused connection abort" ;;
	ECONNRESET) _et="Connection reset by peer" ;;
	ENOBUFS) _et="No buffer space available" ;;
	EISCONN) _et="Transport endpoint is already connected" ;;
	EPFNOSUPPORT) _et="Protocol family not supported" ;;
	ENOTCONN) _et="Transport endpoint is not connected" ;;
	ETIMEDOUT) _et="Connection timed out" ;;
	ECONNREFUSED) _et="Connection refused" ;;
	EHOSTUNREACH) _et="No route to host" ;;
	EALREADY) _et="Operation already in progress" ;;
	EINPROGRESS) _et="Operation now in progress" ;;
	*) _et="$1" ;;	# not a known name: taken as the message text itself
	esac
}

# expect_fail_errno ERRNO DESC CMD...: CMD (normally $NGCTL ...) must fail
# with exit status $NG_CLI_ERRNO_EXIT (71) and print ": <strerror(ERRNO)>",
# as in "ngctl-nl: mkpeer: No such file or directory (kernel: ...)".
# ERRNO is a symbolic name (ENOENT) or the message text itself.
expect_fail_errno() {
	_errno_text "$1"
	_want=$_et
	_desc=$2
	shift 2
	NG_OUT=$("$@" 2>&1)
	_rc=$?
	if [ $_rc -eq "$NG_CLI_ERRNO_EXIT" ] && case $NG_OUT in *": $_want"*) true ;; *) false ;; esac; then
		_tap_result pass "$_desc"
		return 0
	fi
	_tap_result fail "$_desc"
	tap_diag "command: $*"
	tap_diag "expected exit $NG_CLI_ERRNO_EXIT and ': $_want', got exit $_rc, output:"
	tap_diag "$NG_OUT"
	return 1
}

# expect_fail_extack ERRNO REGEX DESC CMD...: CMD must fail with ERRNO and
# ngctl-nl's "(kernel: ...)" must match the extended regex REGEX.
expect_fail_extack() {
	_e=$1 _x=$2 _d=$3
	shift 3
	expect_fail_errno "$_e" "$_d" "$@"
	expect_match "$NG_OUT" "\(kernel: .*($_x)" "$_d: the kernel says '$_x'"
}

# skip DESC REASON: a test that could not run here.
skip() {
	_tap_n=$((_tap_n + 1))
	_tap_desc "${2:-no reason given}"
	_tap_r=$_td
	_tap_desc "$1"
	_tap_step "$_tap_n" "$_td"
	echo "ok $_tap_n - $_td # SKIP $_tap_r"
}

# skip_all REASON: nothing in this script can run here; exits 4 (kselftest "skip").
skip_all() {
	echo "1..0 # SKIP $*"
	exit 4
}

# ng_conf VAR KEY: a setting of the run, from the environment, the
# guest's /etc/netgraph-vm.conf or the kernel command line (KEY=value),
# the first that has it; e.g. ng_conf NG_FUZZ_SECONDS ngvm.fuzz_seconds
ng_conf() {
	eval "_v=\${$1:-}"
	[ -n "$_v" ] || _v=$(sed -n "s/^$1=//p" /etc/netgraph-vm.conf 2>/dev/null | tr -d '"')
	[ -n "$_v" ] || _v=$(tr ' ' '\n' </proc/cmdline 2>/dev/null | sed -n "s/^$2=//p")
	echo "$_v"
}

# run_unpriv CMD...: run CMD as uid/gid 65534 (nobody/nogroup), no
# supplementary groups, no capabilities (bounding, inheritable and ambient
# sets cleared).
run_unpriv() {
	setpriv --reuid="$NG_UNPRIV_UID" --regid="$NG_UNPRIV_GID" --clear-groups \
		--inh-caps=-all --ambient-caps=-all --bounding-set=-all -- "$@"
}

# require_module NAME...: modprobe each, skip the whole script if one fails.
require_module() {
	for _m in "$@"; do
		modprobe "$_m" 2>/dev/null || skip_all "module $_m not available"
	done
}

# require_cmd CMD...: skip the whole script unless every CMD is in $PATH.
require_cmd() {
	for _c in "$@"; do
		command -v "$_c" >/dev/null 2>&1 || skip_all "$_c not installed"
	done
}

# memcg_new NAME: a fresh memory cgroup $CG/NAME (cgroup v2, mounted at
# CG=/sys/fs/cgroup if need be); fails with the reason in $_why when the
# kernel has no memory controller.
memcg_new() {
	CG=/sys/fs/cgroup
	mkdir -p $CG 2>/dev/null
	grep -q "^[^ ]* $CG cgroup2 " /proc/mounts || mount -t cgroup2 none $CG 2>/dev/null
	if ! grep -qw memory $CG/cgroup.controllers 2>/dev/null; then
		_why="no memory controller in this kernel (the debug kernel has no CONFIG_MEMCG)"
		return 1
	fi
	echo +memory >$CG/cgroup.subtree_control 2>/dev/null
	rmdir "$CG/$1" 2>/dev/null
	mkdir "$CG/$1"
}

# Network namespaces.  ns_create NAME...: new netns (lo up), removed by
# ns_cleanup (registered on EXIT by the first ns_create).
_ng_netns=
ns_create() {
	for _ns in "$@"; do
		ip netns add "$_ns" || return 1
		ip -n "$_ns" link set lo up
		_ng_netns="$_ng_netns $_ns"
	done
	trap ns_cleanup EXIT
}
ns_exec() {	# ns_exec NAME CMD...
	_ns=$1
	shift
	if [ "${NG_INSIDE_NETNS:-}" = "$_ns" ]; then
		"$@"
	else
		ip netns exec "$_ns" "$@"
	fi
}
# ns_inside NAME: the rest of the script runs inside a new network
# namespace NAME (lo up).  The script starts itself again, once, under
# "ip netns exec"; inside, ns_exec NAME runs its command directly, which
# spares every command the mount namespace and sysfs mount of "ip netns
# exec" (a good part of a second each on the debug kernel).  Call it
# before any test; /sys/kernel/debug is not mounted inside (scripts that
# need it use ns_create).
ns_inside() {
	[ "${NG_INSIDE_NETNS:-}" = "$1" ] && return 0
	ns_create "$1" || skip_all "cannot create network namespace $1"
	NG_INSIDE_NETNS=$1 ip netns exec "$1" /bin/sh "$0"
	_rc=$?
	ns_cleanup
	trap - EXIT
	exit $_rc
}
ns_cleanup() {
	for _ns in $_ng_netns; do
		ip netns del "$_ns" 2>/dev/null
	done
	_ng_netns=
}

# mac_of NS IFNAME: the Ethernet address of interface IFNAME of namespace NS
mac_of() {
	ip -n "$1" link show "$2" | sed -n 's/.*link\/ether \([0-9a-f:]*\) .*/\1/p'
}

# dev_stat NS DEV NAME: counter NAME (rx_packets, tx_packets, ...) of
# interface DEV of namespace NS, 0 when there is none.
dev_stat() {
	ip netns exec "$1" cat "/sys/class/net/$2/statistics/$3" 2>/dev/null || echo 0
}
# dev_stat_above NS DEV NAME VALUE: the counter has passed VALUE.
dev_stat_above() {
	[ "$(dev_stat "$1" "$2" "$3")" -gt "$4" ]
}

# wait_for SECS CMD...: retry CMD every 0.2 s until it succeeds or SECS pass.
wait_for() {
	_left=$(($1 * 5))
	shift
	while ! "$@" >/dev/null 2>&1; do
		_left=$((_left - 1))
		[ $_left -gt 0 ] || return 1
		sleep 0.2
	done
}

# tap_done: print the trailing plan when none was given, check the plan,
# and exit 1 if any test failed, else 0.
tap_done() {
	if [ -n "$_tap_steps" ] && [ -s "$_tap_steps" ]; then
		sort -n -r "$_tap_steps" | head -n 5 | while read -r _us _n _d; do
			printf '# slowest step: %d.%02d s up to %s - %s\n' \
				$((_us / 1000000)) $((_us / 10000 % 100)) "$_n" "$_d"
		done
	fi
	if [ -z "$_tap_planned" ]; then
		echo "1..$_tap_n"
	elif [ "$_tap_planned" -ne "$_tap_n" ]; then
		tap_diag "planned $_tap_planned tests but ran $_tap_n"
		exit 1
	fi
	[ "$_tap_failed" -eq 0 ] || exit 1
	exit 0
}
