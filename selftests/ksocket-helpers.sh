# SPDX-License-Identifier: GPL-2.0
# Helpers of the ksocket selftests (sourced after lib.sh, with $N the
# ngctl-nl command and $X the command prefix of the test netns).
KS=942710669		# NGM_KSOCKET_COOKIE
BIND=$KS:1 LISTEN=$KS:2 ACCEPT=$KS:3 CONNECT=$KS:4
GETNAME=$KS:5 GETPEERNAME=$KS:6 SETOPT=$KS:7 GETOPT=$KS:8

# The debug kernel is ~50x slower: a smaller transfer, clients that wait
# longer for their answers.
if [ "$NG_KIND" = debug ]; then
	BIGMB=8 HOLD=12 FLOODK=2000
else
	BIGMB=100 HOLD=2 FLOODK=20000
fi
T0=$(date +%s)
# phase NAME: a diagnostic with the seconds since the script started
phase() {
	tap_diag "phase $1 at $(($(date +%s) - T0))s"
}

# The helpers below run no program (a process costs 100-300 ms on the
# debug kernel): shell builtins only.
# sa_in A.B.C.D PORT / sa_in6_lo PORT / sa_un PATH / sa_un_abs NAME:
# struct sockaddr bytes
sa_in() {
	_port=$2 _ifs=$IFS
	IFS=.
	# shellcheck disable=SC2086 # split at the dots
	set -- $1
	IFS=$_ifs
	echo "2 0 $((_port >> 8)) $((_port & 255)) $1 $2 $3 $4 0 0 0 0 0 0 0 0"
}
sa_in6_lo() {
	echo "10 0 $(($1 >> 8)) $(($1 & 255)) 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 1 0 0 0 0"
}
sa_un() {
	echo "1 0 \"$1\""
}
# sa_un_abs NAME: an abstract AF_UNIX address, exactly NAME after the NUL
sa_un_abs() {
	echo "1 0 0 $(printf %s "$1" | od -An -tu1)"
}
le32() {	# le32 N: four little-endian byte values
	echo "$(($1 & 255)) $((($1 >> 8) & 255)) $((($1 >> 16) & 255)) $((($1 >> 24) & 255))"
}

# reply_hex OUTPUT: the bytes of the "Args:" dump, space separated, in hex
# (columns 8-55 of its "0000:  01 02 ..." lines)
reply_hex() {
	_rh=
	while IFS= read -r _l; do
		case $_l in
		[0-9a-f][0-9a-f][0-9a-f][0-9a-f]:\ \ *) _rh="$_rh ${_l:7:48}" ;;
		esac
	done <<EOF
$1
EOF
	# shellcheck disable=SC2086 # one word per byte
	set -- $_rh
	echo "$*"
}
# reply_id OUTPUT: the first four reply bytes as a little-endian hex ID
reply_id() {
	# shellcheck disable=SC2046
	set -- $(reply_hex "$1")
	printf '%x' $((0x$4 << 24 | 0x$3 << 16 | 0x$2 << 8 | 0x$1))
}
# hexof BYTES...: byte values (decimal) as reply_hex prints them
hexof() {
	[ $# -gt 0 ] || { echo; return; }
	_hx=$(printf '%02x ' "$@")
	echo "${_hx% }"
}
# mknode TYPE: a standalone node; prints its hex ID
mknode() {
	$N -d mkpeer "$1" x y 2>&1 | sed -n 's/.*node \[\([0-9a-f]*\)\].*/\1/p'
}
# wait_listen PORT: until a TCP socket listens on PORT in the test netns
# (probing with a connection would use up a one-shot socat listener)
wait_listen() {
	_p=$(printf ':%04X ' "$1")
	wait_for 10 $X sh -c "cat /proc/net/tcp /proc/net/tcp6 | grep '$_p' | grep -q ' 0A '"
}
# wait_udp PORT: until a UDP socket is bound to PORT in the test netns
wait_udp() {
	_p=$(printf ':%04X ' "$1")
	wait_for 10 $X sh -c "cat /proc/net/udp /proc/net/udp6 | grep -q '$_p'"
}
# accept_one LISTENER: accept a connection; prints the clone's hex ID.  An
# accept sent before the connection arrived replies late, and a netlink
# request gets no late reply: then the clone is the ksocket node without
# hooks that appears.
accept_one() {
	_out=$($N msg "$1:" $ACCEPT 2>&1) || return 1
	if [ -n "$(reply_hex "$_out")" ]; then
		reply_id "$_out"
		return 0
	fi
	_i=0
	while [ $_i -lt 50 ]; do
		_id=$($N list | awk '$4 == "ksocket" && $9 == 0 {print $6; exit}')
		if [ -n "$_id" ]; then
			printf '%x' "0x$_id"
			return 0
		fi
		sleep 0.2
		_i=$((_i + 1))
	done
	return 1
}
# status PATH KEY: a counter from the node's status text ("rx: packets N")
ks_stat() {
	$N status "$1" | awk -v k="$2" -v f="$3" '$1 == k":" { for (i = 2; i < NF; i++) if ($i == f) print $(i + 1) }'
}
