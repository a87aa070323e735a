#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Where a test guest's CPU goes: a sampling profile through QEMU's monitor.

Usage: profile-guest.py KDIR INITRD OUT [KERNEL-ARGS...]

Boots KDIR/arch/x86/boot/bzImage with INITRD under TCG (one vCPU), as
run-vm.sh does, and while it runs asks the HMP monitor for the vCPU's
registers every PERIOD seconds (environment, default 0.02).  Each sample
is the instruction pointer, the privilege level and the halted flag,
tagged with the selftest running at the time (the NG-TEST-BEGIN markers
on the results channel).  Kernel addresses are named from
KDIR/System.map.  Writes OUT.log (console), OUT.results, OUT.samples (one
line per sample) and prints, per selftest, the share of samples per
category (lockdep, stack unwinding, KASAN, ...) and per function.

Nothing in the guest changes; a sample pauses the vCPU for the time the
monitor needs to answer, so the run is slower, the shares are not.
Example (after a make check, which leaves the initramfs behind):

    selftests/vm/profile-guest.py $(selftests/vm/build-kernel.sh) \\
        build/work/debug/initrd.gz /tmp/prof ngvm.kunit=0 ngvm.tests=ng_fuzz
"""
import bisect
import collections
import os
import re
import socket
import subprocess
import sys
import time

# category: a regular expression over function names; the first match wins
CATEGORIES = [
    ("debug-preempt", r"^(check_preemption_disabled|preempt_count_(add|sub)|"
     r"preempt_latency_start|__this_cpu_preempt_check|debug_smp_processor_id)$"),
    ("stack unwinding", r"unwind|orc_|on_stack|arch_stack_walk|deref_stack_reg|"
     r"stack_trace_|stack_access_ok|get_stack_info|in_(task|irq|entry)_stack|"
     r"stack_depot|kernel_text_address|core_kernel_text|is_bpf_text|"
     r"__module_address|mod_find|filter_irq_stacks|kasan_save|save_stack"),
    ("lockdep", r"lock_acquire|lock_release|lock_is_held|hlock_|mark_lock|"
     r"lockdep|validate_chain|check_prev|__bfs|mark_usage|lookup_chain|"
     r"trace_(hard|soft)irqs|rcu_read_lock_held|rcu_is_watching|"
     r"look_up_lock_class|register_lock_class|add_chain|__lock_"),
    ("kasan (out of line)", r"kasan|__asan|memset_orig|quarantine|qlist"),
    ("kmemleak", r"kmemleak|scan_block|lookup_object|create_object|"
     r"delete_object|scan_should_stop|scan_gray"),
    ("debug objects", r"debug_object|debug_check_no_obj"),
    ("apic and timers", r"apic|hpet|acpi_pm|read_tsc|clockevent|hrtimer|tick_"),
]


def boot(kdir, initrd, out, args):
    mon = out + ".mon"
    if os.path.exists(mon):
        os.unlink(mon)
    append = "console=ttyS0 panic=-1 oops=panic loglevel=7 printk.time=1 " + \
        " ".join(args)
    qemu = subprocess.Popen(
        ["qemu-system-x86_64", "-accel", "tcg",
         "-bios", "/usr/share/qemu/qboot.rom", "-m", "2048", "-smp", "1",
         "-nographic", "-no-reboot",
         "-kernel", os.path.join(kdir, "arch/x86/boot/bzImage"),
         "-initrd", initrd, "-append", append,
         "-monitor", "unix:%s,server,nowait" % mon,
         "-chardev", "file,id=con,path=%s.log" % out, "-serial", "chardev:con",
         "-chardev", "file,id=res,path=%s.results" % out,
         "-serial", "chardev:res"],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            s = socket.socket(socket.AF_UNIX)
            s.connect(mon)
            return qemu, s
        except OSError:
            time.sleep(0.1)
    qemu.kill()
    sys.exit("profile-guest: no monitor socket " + mon)


def answer(s):
    buf = b""
    while not buf.endswith(b"(qemu) "):
        chunk = s.recv(65536)
        if not chunk:
            raise EOFError
        buf += chunk
    return buf


def sample(qemu, s, results, period):
    rip = re.compile(rb"RIP=([0-9a-f]{16})")
    cpl = re.compile(rb"CPL=(\d)")
    hlt = re.compile(rb"HLT=(\d)")
    samples, test, pos = [], "boot", 0
    try:
        answer(s)
        while qemu.poll() is None:
            s.sendall(b"info registers\n")
            regs = answer(s)
            m = rip.search(regs)
            if m:
                samples.append((test, int(m.group(1), 16),
                                int(cpl.search(regs).group(1)),
                                int(hlt.search(regs).group(1))))
            if os.path.exists(results):
                with open(results, "rb") as f:
                    f.seek(pos)
                    data = f.read()
                pos += len(data)
                for line in data.splitlines():
                    m = re.match(rb"NG-TEST-(BEGIN|END) (\S+)", line)
                    if m:
                        name = m.group(2).decode()
                        test = name if m.group(1) == b"BEGIN" else "after " + name
            time.sleep(period)
    except (EOFError, OSError):
        pass
    qemu.wait()
    return samples


def symbols(kdir):
    syms = []
    with open(os.path.join(kdir, "System.map")) as f:
        for line in f:
            addr, kind, name = line.split()[:3]
            if kind in "tTwW":
                syms.append((int(addr, 16), name))
    syms.sort()
    return [a for a, _ in syms], [n for _, n in syms]


def name(addrs, names, ip, cpl, halted):
    if halted:
        return "(idle)"
    if cpl == 3:
        return "(user)"
    i = bisect.bisect_right(addrs, ip) - 1
    if i < 0 or ip - addrs[i] > 0x100000:
        return "(module or other)"
    return names[i]


def category(fn):
    if fn.startswith("("):
        return fn
    for cat, rx in CATEGORIES:
        if re.search(rx, fn):
            return cat
    return "other kernel"


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    kdir, initrd, out = sys.argv[1:4]
    qemu, s = boot(kdir, initrd, out, sys.argv[4:])
    samples = sample(qemu, s, out + ".results",
                     float(os.environ.get("PERIOD", "0.02")))
    addrs, names = symbols(kdir)
    per_test = collections.defaultdict(collections.Counter)
    per_cat = collections.defaultdict(collections.Counter)
    with open(out + ".samples", "w") as f:
        for test, ip, cpl, halted in samples:
            fn = name(addrs, names, ip, cpl, halted)
            f.write("%s %x %d %d %s\n" % (test, ip, cpl, halted, fn))
            per_test[test][fn] += 1
            per_cat[test][category(fn)] += 1
    for test, fns in per_test.items():
        total = sum(fns.values())
        if total < 100:
            continue
        print("== %s: %d samples" % (test, total))
        print("   " + ", ".join("%s %.1f%%" % (c, 100.0 * n / total)
                               for c, n in per_cat[test].most_common()))
        for fn, n in fns.most_common(15):
            print("%6.1f%% %s" % (100.0 * n / total, fn))


if __name__ == "__main__":
    main()
