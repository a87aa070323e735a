# SPDX-License-Identifier: GPL-2.0
#
# netgraph for Linux.  Kbuild (beside this file) lists the modules; this
# Makefile drives kbuild and the tools.
#
#   make                 modules for KDIR + the tools
#   make modules KDIR=/path/to/kernel/build
#   make tools           libnetgraph, ngctl-nl, nghook-nl, ngfuzz, ngbench
#                        (tools/*)
#   make install         modules into /lib/modules/<release>/extra + depmod,
#                        ngctl-nl and nghook-nl into $(SBINDIR) (default
#                        /usr/local/sbin), the man pages under $(MANDIR)
#                        (netgraph(4), ng_*(4), ngctl-nl(8)), ngctl-nl's
#                        bash completion under $(BASHCOMPDIR), libnetgraph
#                        (library, <netgraph.h>, <netgraph/ng_*.h>,
#                        pkg-config file, netgraph(3)) under $(PREFIX)
#   make deb             the Debian packages netgraph-dkms, libnetgraph1,
#                        libnetgraph-dev, netgraph-tools (unsigned) into
#                        build/deb/ (debian/mkdeb.sh)
#   make clean
#   make check           the QEMU test suite (selftests/vm/check.sh; root)
#   make demo            boot Debian's 6.12 kernel in QEMU, build a graph and
#                        draw it: build/demo/graph.png
#   make fuzz            ngfuzz for NG_FUZZ_SECONDS (default 1800) on the
#                        debug kernel (selftests/ng_fuzz.sh; root)

KDIR    ?= /lib/modules/$(shell uname -r)/build
PREFIX  ?= /usr/local
SBINDIR ?= $(PREFIX)/sbin
MANDIR  ?= $(PREFIX)/share/man
BASHCOMPDIR ?= $(PREFIX)/share/bash-completion/completions

# The release the modules are built for, as their vermagic says.
KRELEASE = $(shell sed -n 's/^\#define UTS_RELEASE "\(.*\)"$$/\1/p' \
	     $(KDIR)/include/generated/utsrelease.h 2>/dev/null)

all: modules tools

modules:
	@test -f $(KDIR)/Makefile || { \
		echo "no kernel build tree at $(KDIR): install linux-headers-$$(uname -r) or pass KDIR=" >&2; \
		exit 1; }
	$(MAKE) -C $(KDIR) M=$(CURDIR) modules

tools:
	$(MAKE) -C tools/libnetgraph
	$(MAKE) -C tools/ngctl-nl
	$(MAKE) -C tools/nghook-nl
	$(MAKE) -C tools/ngfuzz
	$(MAKE) -C tools/ngbench

install: modules_install tools_install

modules_install: modules
	$(MAKE) -C $(KDIR) M=$(CURDIR) INSTALL_MOD_DIR=extra modules_install
	depmod $(if $(INSTALL_MOD_PATH),-b $(INSTALL_MOD_PATH)) -a $(KRELEASE)

tools_install: tools
	install -D -m 0755 tools/ngctl-nl/ngctl-nl $(DESTDIR)$(SBINDIR)/ngctl-nl
	install -D -m 0644 tools/ngctl-nl/ngctl-nl.8 $(DESTDIR)$(MANDIR)/man8/ngctl-nl.8
	install -D -m 0644 tools/ngctl-nl/completion/ngctl-nl \
		$(DESTDIR)$(BASHCOMPDIR)/ngctl-nl
	install -d $(DESTDIR)$(MANDIR)/man4
	install -m 0644 Documentation/man/*.4 $(DESTDIR)$(MANDIR)/man4/
	$(MAKE) -C tools/nghook-nl install PREFIX=$(PREFIX)
	$(MAKE) -C tools/libnetgraph install PREFIX=$(PREFIX)

clean:
	@if [ -f $(KDIR)/Makefile ]; then $(MAKE) -C $(KDIR) M=$(CURDIR) clean; fi
	rm -f *.ko *.mod *.mod.c *.o .*.cmd modules.order Module.symvers \
		kernel/*.o kernel/.*.cmd kunit/*.o kunit/.*.cmd
	$(MAKE) -C tools/ngctl-nl clean
	$(MAKE) -C tools/nghook-nl clean
	$(MAKE) -C tools/libnetgraph clean
	$(MAKE) -C tools/ngfuzz clean
	$(MAKE) -C tools/ngbench clean
	rm -rf build

check:
	@selftests/vm/check.sh

deb:
	@debian/mkdeb.sh

demo:
	@selftests/vm/demo.sh

# Figures, not tests: the benchmarks (selftests/ng_bench_*.sh) on the
# stock kernels, each against its baseline in the same guest, one guest
# at a time (two would share the cores and each other's noise); the
# table is build/logs/latest/bench.txt, also bench.json and bench.png.
NG_BENCH_TESTS ?= ng_bench_udp ng_bench_relay ng_bench_tunnel ng_bench_ctl
bench:
	@NG_KERNELS="stock-6.1 stock-6.12" NG_TESTS="$(NG_BENCH_TESTS)" \
		NG_LANES=$${NG_LANES:-1} selftests/vm/check.sh

# The long adversarial run, on the debug kernel only: the fuzzer for
# NG_FUZZ_SECONDS, with the modules built for KCOV (NG_KCOV=1: Kbuild) so
# it reports their coverage, the churn soak for NG_CHURN_SECONDS and the
# whole fail-nth sweep; the guest reads them from /etc/netgraph-vm.conf.
NG_FUZZ_SECONDS ?= 1800
NG_CHURN_SECONDS ?= 600
fuzz:
	@NG_KERNELS=debug NG_SHARDS=debug=1 NG_LANES=1 NG_KCOV=1 \
		NG_TESTS="ng_fuzz ng_churn ng_failnth" \
		NG_FUZZ_SECONDS=$(NG_FUZZ_SECONDS) \
		NG_CHURN_SECONDS=$(NG_CHURN_SECONDS) \
		NG_TEST_TIMEOUT=$$(($(NG_FUZZ_SECONDS) + 300)) \
		NG_VM_TIMEOUT=$${NG_VM_TIMEOUT:-$$(($(NG_FUZZ_SECONDS) + $(NG_CHURN_SECONDS) + 1800))} \
		selftests/vm/check.sh

.PHONY: all modules tools install modules_install tools_install clean check deb demo fuzz bench
