#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Boot one test VM under QEMU/TCG and wait for it to power off.
#
# Usage: run-vm.sh KERNEL INITRD LOG [KERNEL-ARGS...]
#
# LOG gets the whole serial console (ttyS0).  The guest runner's results
# channel (ttyS1: markers + test output, no kernel messages) goes to
# ${LOG%.log}.results.  Extra KERNEL-ARGS are appended to the command line,
# e.g. ngvm.tests=ng_hub ngvm.mode=demo.
#
# Environment: NG_VM_TIMEOUT (host-side limit in seconds, default 1800),
# NG_VM_MEM (MiB, default 2048), NG_VM_SMP (default 2), NG_VM_INTERACTIVE=1
# (console on this terminal as well, e.g. with ngvm.mode=shell).
# Exit status: QEMU's, or 124 when the time limit killed it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
. "$here/lib.sh"

[ $# -ge 3 ] || die "usage: $0 KERNEL INITRD LOG [KERNEL-ARGS...]"
kernel=$1 initrd=$2 log=$3
shift 3
results=${log%.log}.results
limit=${NG_VM_TIMEOUT:-1800}
name=$(basename "${log%.log}")
[ -f "$kernel" ] || die "no kernel image $kernel"
[ -f "$initrd" ] || die "no initramfs $initrd"
mkdir -p "$(dirname "$log")"
: >"$log"
: >"$results"

append="console=ttyS0 panic=-1 oops=panic loglevel=7 printk.time=1 $*"
qemu=(qemu-system-x86_64 -accel tcg -bios /usr/share/qemu/qboot.rom
	-m "${NG_VM_MEM:-2048}" -smp "${NG_VM_SMP:-2}" -nographic -no-reboot
	-kernel "$kernel" -initrd "$initrd" -append "$append")

if [ "${NG_VM_INTERACTIVE:-0}" = 1 ]; then
	rc=0
	timeout -k 10 "$limit" "${qemu[@]}" -serial mon:stdio \
		-chardev file,id=res,path="$results" -serial chardev:res 2>&1 |
		tee "$log" || rc=${PIPESTATUS[0]}
	exit "$rc"
fi

t0=$SECONDS
progress "vm $name: booting $(basename "$kernel") (limit ${limit}s, console: $log)"
timeout -k 10 "$limit" "${qemu[@]}" -monitor none \
	-chardev file,id=con,path="$log" -serial chardev:con \
	-chardev file,id=res,path="$results" -serial chardev:res \
	</dev/null >>"$log.qemu" 2>&1 &
pid=$!
# timeout(1) runs QEMU in its own process group: stop it if we are stopped.
trap 'kill "$pid" 2>/dev/null' EXIT
trap 'exit 130' INT TERM
while kill -0 "$pid" 2>/dev/null; do
	for _ in $(seq 30); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 1
	done
	kill -0 "$pid" 2>/dev/null || break
	# No marker yet (a slow boot on a loaded host): grep fails, which
	# set -e and pipefail would turn into the end of this script.
	last=$(grep -a '^NG-' "$results" | tail -n1 | tr -d '\r' | cut -c1-70 || true)
	progress "vm $name: $(( SECONDS - t0 ))s, ${last:-booting}"
done
rc=0
wait "$pid" || rc=$?
trap - EXIT
if [ -s "$log.qemu" ]; then
	sed 's/^/qemu: /' "$log.qemu" >>"$log"
fi
rm -f "$log.qemu"
if [ $rc -eq 124 ] || [ $rc -eq 137 ]; then
	echo "run-vm: killed after the ${limit}s limit" >>"$log"
	progress "vm $name: killed after the ${limit}s limit"
	exit 124
fi
progress "vm $name: QEMU exited with $rc after $(( SECONDS - t0 ))s"
exit "$rc"
