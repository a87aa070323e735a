#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# /init of the netgraph test VM, run as pid 1 by /bin/sh (bash in the
# initramfs; POSIX sh only, so it also works under busybox ash).
#
# Console (ttyS0): kernel log, progress, and a copy of all test output.
# Results (ttyS1, when QEMU provides it): only the runner's markers and test
# output, never interleaved with kernel messages; check.sh parses TAP there.
#
# Sequence (mode "test", the default):
#   mounts, lo up, kernel.modprobe=/sbin/modprobe
#   debug kernel: kmemleak baseline (scan, then clear what was reported)
#   block guest:kunit    modprobe netgraph_kunit (KTAP on the console), rmmod it
#   block ng_*.sh        every selftests/ng_*.sh in sorted order, each in its own
#                        session with a timeout (the process group is killed)
#   block guest:modules  modprobe every netgraph module, then rmmod them all
#   debug kernel: two kmemleak scans, the kmemleak report between markers
#   NG-GUEST-END, poweroff -f
# Kernel command line knobs (read from /proc/cmdline):
#   ngvm.mode=test|demo|shell  ngvm.tests=ng_hub,ng_tee  ngvm.timeout=SECS
#   ngvm.kunit=0 (no KUnit block: another guest of a sharded run has it)
#
# Markers (one line each, on both channels):
#   NG-GUEST-BEGIN kind=K kver=V mode=M
#   NG-TEST-BEGIN NAME
#   NG-TEST-END NAME rc=N secs=S [timeout=T]
#   NG-KUNIT-BEGIN / NG-KUNIT-END       (console: the KTAP is printed between)
#   NG-KMEMLEAK-BEGIN / NG-KMEMLEAK-END
#   NG-GUEST-END

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
export HOME=/root LANG=C LC_ALL=C TERM=dumb
umask 022

NG_SELFTESTS=/selftests
NG_RES=/dev/null
[ -f /etc/netgraph-vm.conf ] && . /etc/netgraph-vm.conf
: "${NG_KIND:=stock}" "${NG_KVER:=$(uname -r)}" "${NG_TEST_TIMEOUT:=300}"
: "${NG_MODULES:=}"
export NG_KIND NG_KVER NG_SELFTESTS NG_TEST_TIMEOUT NGCTL=/usr/bin/ngctl-nl

# say LINE: a marker or runner message on the console and the results channel.
say() {
	echo "$*"
	echo "$*" >>"$NG_RES"
}

# ---------------------------------------------------------------------------
# Blocks of the runner's own checks (run through run_block like a selftest).

block_kunit() {
	n=0
	failed=0
	tapline() {	# tapline 0|1 DESC
		n=$((n + 1))
		if [ "$1" -eq 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
	}
	if ! modinfo netgraph_kunit >/dev/null 2>&1; then
		echo "1..1"
		echo "not ok 1 - netgraph_kunit.ko is in the initramfs (kernel has CONFIG_KUNIT)"
		exit 1
	fi
	echo "1..2"
	echo "NG-KUNIT-BEGIN" >/dev/console
	modprobe netgraph_kunit
	rc=$?
	# Let printk reach the console before the end marker.
	sleep 1
	echo "NG-KUNIT-END" >/dev/console
	tapline $rc "modprobe netgraph_kunit"
	for r in /sys/kernel/debug/kunit/*/results; do
		[ -f "$r" ] || continue
		s=${r%/results}
		echo "# debugfs results of suite ${s##*/}:"
		sed 's/^/#   /' "$r"
	done
	if [ $rc -eq 0 ]; then
		rmmod netgraph_kunit
		tapline $? "rmmod netgraph_kunit"
	else
		n=$((n + 1))
		echo "ok $n - rmmod netgraph_kunit # SKIP it did not load"
	fi
	exit $failed
}

block_modules() {
	n=0
	failed=0
	mods=
	for m in $NG_MODULES; do
		[ "$m" = netgraph_kunit ] || mods="$mods $m"
	done
	set -- $mods
	echo "1..$(($# + 1))"
	for m in "$@"; do
		n=$((n + 1))
		if out=$(modprobe "$m" 2>&1); then
			echo "ok $n - modprobe $m"
		else
			echo "not ok $n - modprobe $m"
			echo "$out" | sed 's/^/# /'
			failed=1
		fi
	done
	# Unload in dependency order: repeatedly remove the ones nobody uses.
	tries=0
	while :; do
		left=
		for m in $NG_MODULES; do
			[ -d "/sys/module/$m" ] && left="$left $m"
		done
		[ -n "$left" ] || break
		tries=$((tries + 1))
		[ $tries -le 10 ] || break
		for m in $left; do
			[ "$(cat "/sys/module/$m/refcnt" 2>/dev/null)" = 0 ] && rmmod "$m" 2>/dev/null
		done
		sleep 0.5
	done
	n=$((n + 1))
	if [ -z "$left" ]; then
		echo "ok $n - rmmod of all netgraph modules"
	else
		echo "not ok $n - rmmod of all netgraph modules"
		for m in $left; do
			echo "# still loaded: $m refcnt=$(cat "/sys/module/$m/refcnt" 2>/dev/null)"
			rmmod "$m" 2>&1 | sed 's/^/#   /'
		done
		lsmod | sed 's/^/# /'
		failed=1
	fi
	exit $failed
}

# The built-in demo (make demo) when the tree has no selftests/demo.sh.
block_demo() {
	run() {
		echo "+ $*"
		"$@" 2>&1
		echo
	}
	modprobe netgraph || exit 1
	run ngctl-nl mkpeer hub x y
	run ngctl-nl name '[1]:' h
	run ngctl-nl mkpeer h: tee a left
	run ngctl-nl name h:a t
	run ngctl-nl mkpeer t: echo right any
	run ngctl-nl mkpeer h: hole b in
	run ngctl-nl mkpeer h: one2many c one
	run ngctl-nl list
	run ngctl-nl show h:
	run ngctl-nl show t:
	run ngctl-nl types
	run ngctl-nl dot
	run lsmod
	exit 0
}

case ${1:-} in
--block)
	"block_$2"
	exit 2
	;;
esac

# ---------------------------------------------------------------------------
# pid 1 from here on.

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null
mount -t tmpfs -o mode=1777 tmpfs /tmp
mount -t tmpfs -o mode=755 tmpfs /run
mkdir -p /dev/pts /run/netns
mount -t devpts devpts /dev/pts 2>/dev/null
ln -sf /proc/self/fd /dev/fd
ln -sf /proc/self/fd/0 /dev/stdin
ln -sf /proc/self/fd/1 /dev/stdout
ln -sf /proc/self/fd/2 /dev/stderr
echo /sbin/modprobe >/proc/sys/kernel/modprobe
hostname ngvm
ip link set lo up

mode=test
only=
kunit=1
for arg in $(cat /proc/cmdline); do
	case $arg in
	ngvm.mode=*) mode=${arg#*=} ;;
	ngvm.tests=*) only=$(echo "${arg#*=}" | tr ',' ' ') ;;
	ngvm.timeout=*) NG_TEST_TIMEOUT=${arg#*=} ;;
	ngvm.kunit=*) kunit=${arg#*=} ;;
	esac
done

if stty -F /dev/ttyS1 raw -echo 2>/dev/null; then
	NG_RES=/dev/ttyS1
fi

finish() {
	sync
	say "NG-GUEST-END uptime=$(cut -d" " -f1 /proc/uptime)"
	sleep 1
	poweroff -f
	# Not reached unless power-off failed; panic=-1 + -no-reboot ends QEMU.
	exit 1
}

# run_block NAME CMD...: run CMD in its own session with a timeout; its
# output goes to the console and the results channel between markers.
run_block() {
	name=$1
	shift
	dir=/tmp/ng-tests/$name
	mkdir -p "$dir"
	rm -f /tmp/ng-fifo /tmp/ng-timedout
	mkfifo /tmp/ng-fifo
	say "NG-TEST-BEGIN $name"
	tee -a "$NG_RES" </tmp/ng-fifo &
	teepid=$!
	start=$(date +%s)
	(cd "$dir" && NG_TMPDIR=$dir exec setsid "$@") >/tmp/ng-fifo 2>&1 </dev/null &
	pid=$!
	# The watchdog opens the fifo only when it fires: a sleep holding it
	# open would keep tee from seeing the end of the output, and every
	# script would wait out the drain's 5 s below (it did: 5 s a script,
	# 480 s of guest time a run).  Killed, it takes its sleep along.
	(
		trap 'kill $wdsleep 2>/dev/null; exit 0' TERM
		sleep "$NG_TEST_TIMEOUT" &
		wdsleep=$!
		wait $wdsleep
		{
			touch /tmp/ng-timedout
			echo "# runner: $name still running after ${NG_TEST_TIMEOUT}s, killing its process group"
			kill -TERM -"$pid" 2>/dev/null
			sleep 5
			kill -KILL -"$pid" 2>/dev/null
		} >>/tmp/ng-fifo 2>&1
	) </dev/null >/dev/null 2>&1 &
	wdpid=$!
	wait $pid
	rc=$?
	end=$(date +%s)
	kill $wdpid 2>/dev/null
	wait $wdpid 2>/dev/null
	# Let tee drain; a stray process that kept the fifo open must not hang us.
	(sleep 5; kill $teepid 2>/dev/null) &
	drain=$!
	wait $teepid 2>/dev/null
	kill $drain 2>/dev/null
	extra=
	[ -e /tmp/ng-timedout ] && extra=" timeout=$NG_TEST_TIMEOUT"
	say "NG-TEST-END $name rc=$rc secs=$((end - start))$extra uptime=$(cut -d" " -f1 /proc/uptime)"
}

say "NG-GUEST-BEGIN kind=$NG_KIND kver=$(uname -r) mode=$mode"
if [ "$(uname -r)" != "$NG_KVER" ]; then
	say "# runner: initramfs built for $NG_KVER but booted $(uname -r)"
fi

case $mode in
shell)
	echo "ngvm: shell mode; 'poweroff -f' to quit"
	setsid cttyhack sh
	finish
	;;
demo)
	if [ -f "$NG_SELFTESTS/demo.sh" ]; then
		run_block demo.sh /bin/sh "$NG_SELFTESTS/demo.sh"
	else
		run_block demo /init --block demo
	fi
	finish
	;;
esac

kmemleak=/sys/kernel/debug/kmemleak
if [ -w $kmemleak ]; then
	# "clear" only forgets objects already reported, so scan first: whatever
	# boot itself leaked is reported by this scan and then cleared.
	echo scan >$kmemleak
	echo clear >$kmemleak
	say "# runner: kmemleak baseline taken"
fi

if [ -d /sys/kernel/debug/kunit ] && [ "$kunit" != 0 ]; then
	run_block guest:kunit /init --block kunit
fi

for t in $(ls "$NG_SELFTESTS"/ng_*.sh 2>/dev/null | sort); do
	name=${t##*/}
	if [ -n "$only" ]; then
		case " $only " in
		*" ${name%.sh} "* | *" $name "*) ;;
		*) continue ;;
		esac
	fi
	if [ -x "$t" ] && head -n1 "$t" | grep -q '^#!'; then
		run_block "$name" "$t"
	else
		run_block "$name" /bin/sh "$t"
	fi
done

run_block guest:modules /init --block modules

if [ -w $kmemleak ]; then
	# Objects younger than 5 s are never reported: wait, scan twice.
	sleep 6
	echo scan >$kmemleak
	sleep 6
	echo scan >$kmemleak
	say "NG-KMEMLEAK-BEGIN"
	cat $kmemleak
	cat $kmemleak >>"$NG_RES"
	say "NG-KMEMLEAK-END"
fi

finish
