#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# Host-side tests of ngctl-nl: everything that can be checked without the
# netgraph kernel module.  Run by "make test" (from tools/ngctl-nl).
#
#  - help, "help <cmd>" and "<cmd> --help" for every command of the table;
#  - command lookup: aliases, prefixes, case, unknown/ambiguous -> exit 64;
#  - usage errors -> exit 64, the missing family -> exit 71, kernel errnos;
#  - -f files (comments, blank lines, the first failure), stdin, read, quit;
#  - request encoding with NGCTL_NL_DRYRUN=1, which prints each netlink
#    request (one attribute a line, binary ones in hex) instead of sending
#    it: the ng_mesg built by msg, mkpeer without PATH, inject's DATA, ...;
#  - tests/libtest: libnetgraph's netlink core (ngnl.h) against the
#    kernel's "nlctrl" family (real ACK, error, extack and dump handling).
#
# Output: TAP ("ok N - ...", "not ok N - ...", the plan "1..N"), then the
# last line "N passed, N failed".  Exit status 0 when nothing failed.

cd "$(dirname "$0")" || exit 1
NG=${NGCTL_NL:-./ngctl-nl}
LIBTEST=${NGNL_LIBTEST:-./tests/libtest}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/ngctl-nl-test.XXXXXX") || exit 1
trap 'rm -rf "$TMP"' EXIT INT TERM
unset NGCTL_NL_DRYRUN NGCTL_NL_FAMILY

n=0
passed=0
failed=0

pass() {
	n=$((n + 1))
	passed=$((passed + 1))
	echo "ok $n - $*"
}
fail() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $*"
}
skip() {
	n=$((n + 1))
	passed=$((passed + 1))
	echo "ok $n - $1 # SKIP $2"
}
diag() {
	printf '%s\n' "$*" | sed 's/^/# /'
}

# run CMD...: run with stdin from /dev/null; sets $out, $err and $rc.
run() {
	"$@" </dev/null >"$TMP/out" 2>"$TMP/err"
	rc=$?
	out=$(cat "$TMP/out")
	err=$(cat "$TMP/err")
}

# check_rc WANT DESC
check_rc() {
	if [ "$rc" = "$1" ]; then
		pass "$2"
	else
		fail "$2"
		diag "exit status $rc, wanted $1" "stdout: $out" "stderr: $err"
	fi
}

# check_eq GOT WANT DESC
check_eq() {
	if [ "$1" = "$2" ]; then
		pass "$3"
	else
		fail "$3"
		diag "wanted: $2" "   got: $1"
	fi
}

# check_has TEXT FIXED-STRING DESC
check_has() {
	if printf '%s\n' "$1" | grep -qF -- "$2"; then
		pass "$3"
	else
		fail "$3"
		diag "no '$2' in:" "$1"
	fi
}

# check_lacks TEXT FIXED-STRING DESC
check_lacks() {
	if printf '%s\n' "$1" | grep -qF -- "$2"; then
		fail "$3"
		diag "unexpected '$2' in:" "$1"
	else
		pass "$3"
	fi
}

# ---- helpers for the expected ng_mesg bytes (host byte order) ----

if [ "$(printf '\001\000' | od -An -tx2 | tr -d ' ')" = 0001 ]; then
	LITTLE=1
else
	LITTLE=0
fi

u32hex() {
	_v=$1
	_b0=$((_v & 255)) _b1=$((_v >> 8 & 255))
	_b2=$((_v >> 16 & 255)) _b3=$((_v >> 24 & 255))
	if [ $LITTLE = 1 ]; then
		printf '%02x%02x%02x%02x' $_b0 $_b1 $_b2 $_b3
	else
		printf '%02x%02x%02x%02x' $_b3 $_b2 $_b1 $_b0
	fi
}

strhex() {
	printf '%s' "$1" | od -An -v -tx1 | tr -d ' \n'
}

# cmdstr field: the string NUL-padded to 32 bytes
cmdstrhex() {
	_h=$(strhex "$1")
	while [ ${#_h} -lt 64 ]; do
		_h="${_h}00"
	done
	printf '%s' "$_h"
}

# mesghex ARGLEN CMD TOKEN COOKIE CMDSTR ARGHEX
mesghex() {
	printf '08000000%s%s00000000%s%s%s%s' "$(u32hex "$1")" "$(u32hex "$2")" \
		"$(u32hex "$3")" "$(u32hex "$4")" "$(cmdstrhex "$5")" "$6"
}

GENERIC=1137070366

# ---------------------------------------------------------------- build

if [ -x "$NG" ]; then
	pass "ngctl-nl is built"
else
	fail "ngctl-nl is built"
	echo "1..$n"
	echo "$passed passed, $failed failed"
	exit 1
fi

# ---------------------------------------------------------------- help

COMMANDS="config connect debug dot help inject list mkpeer monitor msg name
rawmsg read rmhook show shutdown stats status types write quit"

run "$NG" help
check_rc 0 "help exits 0"
summary=$out
check_eq "$(printf '%s\n' "$out" | head -n1)" "Available commands:" \
	"help starts with 'Available commands:'"
listed=$(printf '%s\n' "$summary" | sed -n 's/^  \([a-z]*\) .*/\1/p' |
	tr '\n' ' ')
check_eq "$listed" "$(echo $COMMANDS) " "help lists exactly the command table"

for c in $COMMANDS; do
	if printf '%s\n' "$summary" | grep -qE "^  $c +[^ ]"; then
		pass "help has a summary line for $c"
	else
		fail "help has a summary line for $c"
	fi
	run "$NG" help "$c"
	helpout=$out
	if [ $rc = 0 ] && printf '%s\n' "$out" | head -n1 |
		grep -qE "^usage:    $c( |\$)" &&
		printf '%s\n' "$out" | grep -q '^Summary:  '; then
		pass "help $c: usage and summary"
	else
		fail "help $c: usage and summary"
		diag "exit $rc" "$out" "$err"
	fi
	run "$NG" "$c" --help
	if [ $rc = 0 ] && [ "$out" = "$helpout" ]; then
		pass "$c --help is help $c"
	else
		fail "$c --help is help $c"
		diag "exit $rc" "$out" "$err"
	fi
done

run "$NG" help
width_ok=1
for c in $COMMANDS; do
	"$NG" help "$c" | sed -n '/^Description:/,$p' | sed 1d >"$TMP/desc"
	if awk 'length($0) > 72 { bad = 1 } END { exit bad }' "$TMP/desc"; then
		:
	else
		width_ok=0
		diag "help $c has lines over 72 columns"
	fi
done
[ $width_ok = 1 ] && pass "descriptions are wrapped" ||
	fail "descriptions are wrapped"

run "$NG" help mkpeer
check_has "$out" "standalone" "mkpeer help documents the standalone extension"
run "$NG" help monitor
check_has "$out" 'node-new [<id>] <type> ["<name>"]' \
	"monitor help documents the event format"
run "$NG" help msg
check_has "$out" "Args:" "msg help documents the reply format"

# ---------------------------------------------------------------- lookup

run "$NG" ls --help
check_eq "$(printf '%s\n' "$out" | head -n1)" "usage:    list [-ln]" \
	"alias ls is list"
run "$NG" help kill
check_eq "$(printf '%s\n' "$out" | head -n2 | tr '\n' '|')" \
	"usage:    shutdown <path>|Aliases:  kill, rmnode|" \
	"alias kill is shutdown, aliases listed"
run "$NG" '?'
check_eq "$(printf '%s\n' "$out" | head -n1)" "Available commands:" \
	"alias ? is help"
run "$NG" SHO --help
check_eq "$(printf '%s\n' "$out" | head -n1)" "usage:    show [-n] <path>" \
	"unique prefix in upper case: SHO is show"
run "$NG" mkp --help
check_eq "$(printf '%s\n' "$out" | head -n1)" \
	"usage:    mkpeer [path] <type> <hook> <peerhook>" "prefix mkp is mkpeer"
run "$NG" disc --help
check_eq "$(printf '%s\n' "$out" | head -n1)" "usage:    rmhook [path] <hook>" \
	"prefix of an alias: disc is rmhook (disconnect)"
run "$NG" stats --help
check_eq "$(printf '%s\n' "$out" | head -n1)" "usage:    stats" \
	"an exact name wins over longer names: stats"
missing=
for c in nodes deferred loop_drops queue_drops msg_loop_drops \
	msg_queue_drops limit_hits; do
	printf '%s\n' "$out" | grep -q "^ *$c: " || missing="$missing $c"
done
check_eq "$missing" "" "stats --help describes every counter the kernel reports"

run "$NG" s
check_rc 64 "ambiguous command exits 64"
check_eq "$err" 'ngctl-nl: "s": ambiguous command' "ambiguous command message"
run "$NG" stat
check_rc 64 "stat is ambiguous (stats, status)"
run "$NG" frobnicate
check_rc 64 "unknown command exits 64"
check_eq "$err" 'ngctl-nl: "frobnicate": unknown command' \
	"unknown command message"
run "$NG" help frobnicate
check_rc 64 "help of an unknown command exits 64"

# ---------------------------------------------------------------- usage

run "$NG" mkpeer a
check_rc 64 "mkpeer with one argument exits 64"
check_eq "$err" "ngctl-nl: usage: mkpeer [path] <type> <hook> <peerhook>" \
	"the usage line is printed"
run "$NG" list extra
check_rc 64 "list with an operand exits 64"
run "$NG" list -x
check_rc 64 "list with an unknown option exits 64"
run "$NG" show
check_rc 64 "show without a path exits 64"
run "$NG" name a:
check_rc 64 "name without a name exits 64"
run "$NG" quit now
check_rc 64 "quit with an argument exits 64"
run "$NG" debug -3
check_rc 64 "debug with a negative level exits 64"
run "$NG" -z list
check_rc 64 "an unknown option exits 64"
check_has "$err" "usage: ngctl-nl [-dj] [-f file|-] [-n name] [-N netns] [command ...]" \
	"an unknown option prints the program usage"
run "$NG" -n mynode help
check_rc 0 "-n name is accepted"
run "$NG" quit
check_rc 0 "quit exits 0"
run "$NG" debug
check_eq "$out" "Current debug level is 0" "debug shows the level"
run "$NG" -d -d debug
check_eq "$out" "Current debug level is 2" "-d raises the debug level"

# ---------------------------------------------------------------- kernel access

if [ -d /sys/module/netgraph ]; then
	skip "missing netgraph family: exit 71 and message" "netgraph.ko is loaded"
else
	run "$NG" list
	check_rc 71 "missing netgraph family exits 71"
	check_eq "$err" \
		"ngctl-nl: netgraph family not found: is netgraph.ko loaded?" \
		"missing netgraph family message"
fi
NGCTL_NL_FAMILY=ngnl-nofamily run "$NG" mkpeer hub a b
check_rc 71 "missing family (forced) exits 71"
check_eq "$err" \
	"ngctl-nl: ngnl-nofamily family not found: is netgraph.ko loaded?" \
	"missing family (forced) message"
run "$NG" help
check_rc 0 "help works without the family"

# Point the tool at nlctrl: NETGRAPH_CMD_GET_NODE (6) is no nlctrl
# operation, so the kernel answers EOPNOTSUPP.
NGCTL_NL_FAMILY=nlctrl run "$NG" list
if [ $rc = 71 ] && [ "$err" = "ngctl-nl: list: Operation not supported" ]; then
	pass "a kernel errno is printed as 'ngctl-nl: <cmd>: <strerror>', exit 71"
else
	fail "a kernel errno is printed as 'ngctl-nl: <cmd>: <strerror>', exit 71"
	diag "exit $rc" "$err"
fi
NGCTL_NL_FAMILY=nlctrl run "$NG" -d show foo:
check_has "$err" "result -95 (Operation not supported)" \
	"-d traces requests and results on stderr"

# ---------------------------------------------------------------- files

cat >"$TMP/ok" <<'EOF'
# a comment

   # an indented comment
help
	
help list
EOF
run "$NG" -f "$TMP/ok"
check_rc 0 "-f with comments and blank lines exits 0"
check_eq "$(printf '%s\n' "$out" | grep -c 'Available commands:')" 1 \
	"-f ran help"
check_has "$out" "usage:    list [-ln]" "-f ran help list"

cat >"$TMP/bad" <<'EOF'
# line 1
help
nosuchcommand
help
EOF
run "$NG" -f "$TMP/bad"
check_rc 71 "-f stops at the first failure with exit 71"
check_eq "$err" "$(printf '%s\n%s' 'ngctl-nl: "nosuchcommand": unknown command' \
	'ngctl-nl: line 3: error in file')" "-f names the failing line"
check_eq "$(printf '%s\n' "$out" | grep -c 'Available commands:')" 1 \
	"-f ran nothing after the failure"

printf 'mkpeer a\n' >"$TMP/usage"
run "$NG" -f "$TMP/usage"
check_rc 71 "a usage error in -f also exits 71"
check_has "$err" "ngctl-nl: line 1: error in file" "usage error line reported"

printf 'help\nquit\nnosuchcommand\n' >"$TMP/quit"
run "$NG" -f "$TMP/quit"
check_rc 0 "quit ends -f successfully"

printf 'help list\n' | "$NG" -f - >"$TMP/out" 2>&1
check_eq "$(head -n1 "$TMP/out")" "usage:    list [-ln]" "-f - reads stdin"
printf 'help show\n' | "$NG" >"$TMP/out" 2>&1
check_eq "$(head -n1 "$TMP/out")" "usage:    show [-n] <path>" \
	"no command and stdin not a tty: commands from stdin"

printf 'help types\n' >"$TMP/inner"
printf 'read %s\nsource %s\n. %s\n' "$TMP/inner" "$TMP/inner" "$TMP/inner" \
	>"$TMP/outer"
run "$NG" -f "$TMP/outer"
check_eq "$(printf '%s\n' "$out" | grep -c '^usage:    types')" 3 \
	"read, source and . run a file"
run "$NG" read "$TMP/nonexistent"
check_rc 71 "read of a missing file exits 71"
run "$NG" -f "$TMP/nonexistent"
check_rc 66 "-f of a missing file exits 66 (EX_NOINPUT, as FreeBSD)"
run "$NG" -N ngctl-nl-no-such-netns list
check_rc 71 "-N of a missing network namespace exits 71"
check_has "$err" 'netns "ngctl-nl-no-such-netns": No such file or directory' \
	"-N names the namespace it could not enter"

printf 'help "unterminated\n' >"$TMP/quote"
run "$NG" -f "$TMP/quote"
check_rc 71 "unterminated quote in -f fails"
check_has "$err" "unterminated quoted string" "unterminated quote message"

if command -v script >/dev/null 2>&1; then
	printf 'help quit\nquit\n' >"$TMP/tty-in"
	script -qec "$NG" /dev/null <"$TMP/tty-in" >"$TMP/tty-out" 2>&1
	tty_out=$(tr -d '\r' <"$TMP/tty-out")
	# (the pty echoes the typed lines when they arrive: before the first
	# prompt, or after it on a loaded machine)
	if printf '%s\n' "$tty_out" | grep -q '^Available commands:' &&
		printf '%s\n' "$tty_out" | grep -q '^+ ' &&
		printf '%s\n' "$tty_out" | grep -q '^\(+ \)\?usage:    quit'; then
		pass "interactive mode: summary, '+ ' prompt, commands"
	else
		fail "interactive mode: summary, '+ ' prompt, commands"
		diag "$tty_out"
	fi
else
	skip "interactive mode" "no script(1)"
fi

# ---------------------------------------------------------------- encoding

export NGCTL_NL_DRYRUN=1

# -j: JSON (no reply in a dry run: empty dumps, no status)
run "$NG" -j list
check_eq "$out" "$(printf 'request NETGRAPH_CMD_GET_NODE dump\n[]')" "-j list: an empty array"
run "$NG" -j types
check_eq "$out" "$(printf 'request NETGRAPH_CMD_GET_TYPE dump\n[]')" "-j types: an empty array"
run "$NG" -j status 'a\"b:'
check_eq "$(printf '%s\n' "$out" | tail -n1)" '{"path":"a\\\"b:","status":null}' \
	"-j status: JSON escapes in the path, null without a reply"

# msg <name> [ASCII]: an NGM_ASCII2BINARY to the node, carrying a whole
# ng_mesg whose cmdstr is the name and whose data is the text (NUL ended).
A2B=$((0x3000000d))
run "$NG" msg foo: nodeinfo
want=$(mesghex 57 $A2B 2 $GENERIC ascii2binary "$(mesghex 1 0 1 0 nodeinfo 00)")
check_eq "$out" "$(printf 'request NETGRAPH_CMD_MSG\n  PATH "foo:"\n  MSG %s' "$want")" \
	"msg nodeinfo: ascii2binary carrying the name and an empty text"

run "$NG" msg foo: setconfig '{' 'xmitAlg=2' '}'
want=$(mesghex 70 $A2B 2 $GENERIC ascii2binary \
	"$(mesghex 14 0 1 0 setconfig "$(printf '{ xmitAlg=2 }' | od -An -tx1 | tr -d ' \n')00")")
check_eq "$(printf '%s\n' "$out" | sed -n 's/^  MSG //p')" "$want" \
	"msg ASCII from argv: words joined by single spaces"

printf '%s\n' 'msg  foo:  name   { name="a  b\t" }  ' >"$TMP/ascii"
run "$NG" -f "$TMP/ascii"
txt='{ name="a  b\t" }'
want=$(mesghex $((56 + ${#txt} + 1)) $A2B 2 $GENERIC ascii2binary \
	"$(mesghex $((${#txt} + 1)) 0 1 0 name "$(printf '%s' "$txt" | od -An -tx1 | tr -d ' \n')00")")
check_eq "$(printf '%s\n' "$out" | sed -n 's/^  MSG //p')" "$want" \
	"msg ASCII from a file: the text as typed (quotes, escapes, spaces kept)"

run "$NG" msg '[1f]:' 0x1234:7 1 -1 255 0x10 -128 '"a\tb"'
want=$(mesghex 9 7 1 $((0x1234)) cmd7 "01ffff1080610962""00")
check_eq "$(printf '%s\n' "$out" | sed -n 's/^  MSG //p')" "$want" \
	"msg <cookie>:<cmd> with bytes and a quoted string (argv)"

run "$NG" msg a: 4294967295:0
want=$(mesghex 0 0 1 4294967295 cmd0 "")
check_eq "$(printf '%s\n' "$out" | sed -n 's/^  MSG //p')" "$want" \
	"msg decimal cookie 4294967295, cmdstr cmd0"

cat >"$TMP/msgs" <<'EOF'
msg "x y:" textstatus
msg a: 915433206:1 "in0" 0 0 "q\"\\\x41\101\n"
EOF
run "$NG" -f "$TMP/msgs"
check_has "$out" '  PATH "x y:"' "quoted path with a space"
want1=$(mesghex 57 $A2B 2 $GENERIC ascii2binary "$(mesghex 1 0 1 0 textstatus 00)")
want2=$(mesghex 13 1 3 915433206 cmd1 "696e3000""0000""71225c41410a00")
check_eq "$(printf '%s\n' "$out" | sed -n 's/^  MSG //p' | tr '\n' ' ')" \
	"$want1 $want2 " \
	"msg from a file: a name, then bytes with C escapes; tokens 1, 2, 3"

for bad in 256 -129 0x100 abc '"open' '"a\0"' '"\q"'; do
	run "$NG" msg a: 1:2 "$bad"
	check_rc 64 "msg argument $bad is a usage error"
done
for bad in abcdefghijklmnopqrstuvwxyzabcdef 1: :2 -1:2 1:0x 99999999999:1; do
	run "$NG" msg a: "$bad"
	check_rc 64 "msg command $bad is a usage error"
done
check_has "$err" "usage: msg <path> <command> [args ...]" \
	"msg usage line printed"

run "$NG" mkpeer hub a b
check_eq "$out" "$(printf 'request NETGRAPH_CMD_MKPEER\n  TYPE "hub"\n  OURHOOK "a"\n  PEERHOOK "b"')" \
	"mkpeer without a path: standalone, no PATH attribute"
# "." is ngctl-nl's own node; a dry run has none and shows it as "[0]:"
run "$NG" mkpeer . hub a b
check_has "$out" '  PATH "[0]:"' "mkpeer with path '.': the own node"
run "$NG" mkpeer .: hub a b
check_has "$out" '  PATH "[0]:"' "mkpeer with path '.:': the own node"
run "$NG" mkpeer a.b hub c d
check_has "$out" '  PATH "[0]:a.b"' "a path without ':' is relative to the own node"
run "$NG" mkpeer foo:h hub a b
check_eq "$out" "$(printf 'request NETGRAPH_CMD_MKPEER\n  PATH "foo:h"\n  TYPE "hub"\n  OURHOOK "a"\n  PEERHOOK "b"')" \
	"mkpeer with a path sends PATH"

run "$NG" connect a: b:c d e
check_eq "$out" "$(printf 'request NETGRAPH_CMD_CONNECT\n  PATH "a:"\n  PEERPATH "b:c"\n  OURHOOK "d"\n  PEERHOOK "e"')" \
	"connect encoding"
run "$NG" join b: c d
check_has "$out" '  PATH "[0]:"' "connect without a path: the own node"
run "$NG" rmhook h
check_eq "$out" "$(printf 'request NETGRAPH_CMD_RMHOOK\n  PATH "[0]:"\n  OURHOOK "h"')" \
	"rmhook without a path: the own node"
run "$NG" kill '[2a]:'
check_eq "$out" "$(printf 'request NETGRAPH_CMD_SHUTDOWN\n  PATH "[2a]:"')" \
	"shutdown encoding"
printf 'name foo: "a b\\tc"\n' >"$TMP/name"
run "$NG" -f "$TMP/name"
check_eq "$out" "$(printf 'request NETGRAPH_CMD_NAME\n  PATH "foo:"\n  NAME "a b\\x09c"')" \
	"name with a quoted argument"

run "$NG" list
check_eq "$out" "$(printf 'request NETGRAPH_CMD_GET_NODE dump\nThere are 0 total nodes:')" \
	"list: GET_NODE dump without flags"
run "$NG" list -n
check_eq "$out" "$(printf 'request NETGRAPH_CMD_GET_NODE dump\n  FLAGS 0x1\nThere are 0 total named nodes:')" \
	"list -n: GET_NODE dump with NETGRAPH_F_NAMED"
run "$NG" show -n foo:
check_eq "$(printf '%s\n' "$out" | head -n2 | tr '\n' '|')" \
	'request NETGRAPH_CMD_GET_NODE|  PATH "foo:"|' "show: GET_NODE do with PATH"
run "$NG" types
check_eq "$out" "$(printf 'request NETGRAPH_CMD_GET_TYPE dump\nThere are 0 total types:')" \
	"types: GET_TYPE dump"
run "$NG" dot -c
check_has "$out" "digraph netgraph {" "dot -c: a digraph"
run "$NG" dot "$TMP/g.dot"
check_eq "$(head -n1 "$TMP/g.dot")" "graph netgraph {" "dot writes the file"
run "$NG" stats
check_has "$out" "request NETGRAPH_CMD_GET_STATS" "stats: GET_STATS"

run "$NG" inject a: in 1 0xff '"xy"' -1
check_eq "$out" "$(printf 'request NETGRAPH_CMD_INJECT\n  PATH "a:"\n  OURHOOK "in"\n  DATA 01ff7879ff')" \
	"inject: bytes and a string without NUL"
printf 'hello' >"$TMP/payload"
run "$NG" inject a: in -f "$TMP/payload"
check_has "$out" "  DATA 68656c6c6f" "inject -f file"
run "$NG" inject a: in
check_has "$out" "  DATA (empty)" "inject without bytes: empty packet"
run "$NG" inject a: in 300
check_rc 64 "inject with a bad byte exits 64"

run "$NG" status foo:
want=$(mesghex 0 $((0x3000000b)) 1 $GENERIC textstatus "")
check_has "$out" "  MSG $want" "status sends textstatus"
run "$NG" config foo: a "b c"
want=$(mesghex 6 14 1 $GENERIC textconfig "$(strhex 'a b c')00")
check_has "$out" "  MSG $want" "config joins its arguments"

unset NGCTL_NL_DRYRUN

# ---------------------------------------------------------------- completion
# bash completion (completion/ngctl-nl) of what needs no graph; the guest
# test selftests/ng_completion.sh completes paths, types and hooks.
comp() {
	bash -c '. completion/ngctl-nl && COMP_LINE=$1 && COMP_POINT=${#1} &&
		_ngctl_nl && echo "${COMPREPLY[*]}"' _ "$1"
}
check_eq "$(comp "$NG mk")" "mkpeer" "completion: a command from its prefix"
check_eq "$(comp "$NG help sh")" "show shutdown" "completion: help completes a command"
check_eq "$(comp "$NG -")" "-d -f -n -N" "completion: the options"
check_eq "$(comp "$NG " | wc -w)" "$("$NG" help | grep -c '^  [a-z]')" \
	"completion: every command of the help list"
check_eq "$(comp "$NG -f test.s")" "test.sh" "completion: -f takes a file"

# ---------------------------------------------------------------- library

if [ -x "$LIBTEST" ]; then
	"$LIBTEST" >"$TMP/lib" 2>&1
	while IFS= read -r line; do
		case $line in
		"ok - "*) pass "lib: ${line#ok - }" ;;
		"not ok - "*) fail "lib: ${line#not ok - }" ;;
		"skip - "*) skip "lib" "${line#skip - }" ;;
		*) diag "$line" ;;
		esac
	done <"$TMP/lib"
else
	fail "tests/libtest is built"
fi

# interactive mode: on a terminal with no command, the summary, then "+ "
if command -v script >/dev/null 2>&1; then
	out=$(printf 'help quit\nquit\n' | script -qec "$NG" /dev/null 2>&1 | tr -d '\r')
	case $out in
	*"Available commands:"*"+ "*"usage:"*"quit"*) pass "interactive: help summary, '+ ' prompt, commands run" ;;
	*) fail "interactive: help summary, '+ ' prompt, commands run"; diag "$out" ;;
	esac
else
	skip "interactive mode" "script(1) from bsdutils is not installed"
fi

echo "1..$n"
echo "$passed passed, $failed failed"
[ $failed = 0 ]
