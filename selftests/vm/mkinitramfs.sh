#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Build the gzip'ed cpio initramfs one test VM boots.
#
# Usage: mkinitramfs.sh debug KDIR      MODOUT OUT
#        mkinitramfs.sh stock STOCKROOT MODOUT OUT
#
# KDIR       the debug kernel's build tree (for modules.builtin*, System.map)
# STOCKROOT  an unpacked Debian linux-image package ($NG_CACHE/stock/VER/root)
# MODOUT     the OUTDIR of build-modules.sh (modules/*.ko, kernelrelease)
# OUT        the initramfs to write
#
# Contents: busybox (every applet), kmod as modprobe/insmod/rmmod/lsmod/
# depmod/modinfo, iproute2's ip, util-linux setpriv, unshare and script, bash, socat
# and nc (OpenBSD's), ngctl-nl (from
# $NG_NGCTL, default tools/ngctl-nl/ngctl-nl), each with the shared libraries
# ldd lists; our modules in /lib/modules/KVER/extra/, for a stock kernel the
# stock modules in $NG_STOCK_MODULES plus everything our modules depend on;
# modules.dep made by depmod; selftests/*.sh (and lib.sh) in /selftests;
# guest-init.sh as /init; /etc/netgraph-vm.conf for the runner.
# Extra host programs: NG_INITRAMFS_EXTRA="/usr/bin/strace ...".
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${NG_REPO:-$(cd "$here/../.." && pwd)}
. "$here/lib.sh"

[ $# -eq 4 ] || die "usage: $0 debug|stock KDIR|STOCKROOT MODOUT OUT"
kind=$1 ksrc=$2 modout=$3 out=$4
kver=$(cat "$modout/kernelrelease")
ngctl=${NG_NGCTL:-$repo/tools/ngctl-nl/ngctl-nl}
stock_mods=${NG_STOCK_MODULES:-veth dummy tun udp_tunnel ip6_udp_tunnel fou ipip af_packet 8021q bridge macvlan}

case $kind in
debug)
	kbuiltin=$ksrc
	symvers=$ksrc/Module.symvers
	;;
stock)
	kbuiltin=$ksrc/lib/modules/$kver
	# Debian's image package has a placeholder System.map; the headers'
	# Module.symvers lists every exported symbol with its CRC.
	symvers=/usr/src/linux-headers-$kver/Module.symvers
	[ -d "$kbuiltin/kernel" ] || die "no stock modules in $kbuiltin"
	;;
*) die "kind must be debug or stock" ;;
esac

root=$(mktemp -d "${TMPDIR:-/tmp}/ng-initramfs.XXXXXX")
trap 'rm -rf "$root"' EXIT
chmod 755 "$root"	# mktemp made it 0700: "/" must be searchable by uid 65534
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,lib64,etc,proc,sys,dev,tmp,run,root,selftests}
mkdir -p "$root/var"
ln -s ../run "$root/var/run"
mknod -m 600 "$root/dev/console" c 5 1
mknod -m 666 "$root/dev/null" c 1 3

# copy_libs BINARY: the shared libraries (and the ELF interpreter) it needs.
copy_libs() {
	local lib
	for lib in $(ldd "$1" 2>/dev/null | awk '/=> \// {print $3} /^\t\/[^ ]+ \(/ {print $1}'); do
		[ -e "$root$lib" ] && continue
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# add_bin HOSTPATH GUESTPATH [LINK...]: install a program, its libraries,
# and symlinks to it, replacing busybox applets of the same names.
add_bin() {
	local src=$1 dst=$2 l
	shift 2
	[ -x "$src" ] || die "$src missing"
	for l in "$dst" "$@"; do
		drop_applet "$(basename "$l")"
	done
	mkdir -p "$root$(dirname "$dst")"
	cp -L "$src" "$root$dst"
	copy_libs "$src"
	for l in "$@"; do
		mkdir -p "$root$(dirname "$l")"
		ln -sf "$dst" "$root$l"
	done
}

drop_applet() {
	local d
	for d in bin sbin usr/bin usr/sbin; do
		[ -L "$root/$d/$1" ] && rm -f "$root/$d/$1"
	done
	return 0
}

# busybox and its applets
cp /bin/busybox "$root/bin/busybox"
for a in $(/bin/busybox --list-full); do
	[ -e "$root/$a" ] || ln -s /bin/busybox "$root/$a"
done

add_bin /usr/bin/kmod /usr/bin/kmod /sbin/modprobe /sbin/insmod /sbin/rmmod \
	/sbin/lsmod /sbin/depmod /sbin/modinfo /bin/lsmod
add_bin "$(command -v ip)" /sbin/ip /bin/ip /usr/sbin/ip
add_bin "$(command -v setpriv)" /usr/bin/setpriv
add_bin "$(command -v unshare)" /usr/bin/unshare
# /bin/sh is bash: Debian's static busybox prefers its own applets over $PATH
# inside ash (FEATURE_SH_STANDALONE), which would shadow kmod, ip and setpriv.
# Debian's static bash where there is one: every script and "sh -c" starts
# a shell, and a dynamic one costs twice as much on the debug kernel.
if [ -x /bin/bash-static ]; then
	add_bin /bin/bash-static /bin/bash /usr/bin/bash /bin/sh
else
	add_bin "$(command -v bash)" /bin/bash /usr/bin/bash /bin/sh
fi
if [ -x "$ngctl" ]; then
	add_bin "$ngctl" /usr/bin/ngctl-nl /usr/sbin/ngctl-nl
	# its bash completion, where bash-completion looks for it
	install -D -m 0644 "$repo/tools/ngctl-nl/completion/ngctl-nl" \
		"$root/usr/share/bash-completion/completions/ngctl-nl"
else
	progress "initramfs $kver: WARNING: no ngctl-nl at $ngctl, the guest will lack it"
fi
# Stock clients the socket tests talk to (ksocket's peers).
add_bin "$(command -v socat)" /usr/bin/socat
add_bin "$(readlink -f "$(command -v nc)")" /usr/bin/nc.openbsd /usr/bin/nc
# util-linux script(1): a pty for tests of ngctl-nl's interactive prompt
add_bin "$(command -v script)" /usr/bin/script
# ... whose line editing (libedit) looks up the guests' TERM=dumb
for t in /lib/terminfo/d/dumb /usr/share/terminfo/d/dumb; do
	if [ -f "$t" ]; then
		install -D -m 0644 "$t" "$root/lib/terminfo/d/dumb"
		break
	fi
done
# Other programs of ours (tools/*/ with an install list): NG_TOOLS lists
# "HOSTPATH:GUESTPATH" pairs; check.sh fills it.
for x in ${NG_TOOLS:-}; do
	[ -x "${x%%:*}" ] && add_bin "${x%%:*}" "${x#*:}"
done
# Data for the tests: NG_GUEST_DIRS lists "HOSTDIR:GUESTDIR" pairs.  The
# shared libraries of the programs in them come along (those the host has:
# a library of the tree itself, such as the packaged libnetgraph.so.1 in
# check.sh's /pkg, is found through LD_LIBRARY_PATH by the test).
for x in ${NG_GUEST_DIRS:-}; do
	if [ -d "${x%%:*}" ]; then
		mkdir -p "$root${x#*:}"
		cp -a "${x%%:*}/." "$root${x#*:}/"
		while IFS= read -r -d '' f; do
			[ "$(head -c4 "$f")" = $'\x7fELF' ] && copy_libs "$f"
		done < <(find "${x%%:*}" -type f -perm -u+x -print0)
	fi
done
for x in ${NG_INITRAMFS_EXTRA:-}; do
	add_bin "$x" "/usr/local/bin/$(basename "$x")"
done

cat >"$root/etc/passwd" <<'EOF'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
EOF
cat >"$root/etc/group" <<'EOF'
root:x:0:
nogroup:x:65534:
EOF

# modules
mdir="$root/lib/modules/$kver"
mkdir -p "$mdir/extra"
ours=()
for ko in "$modout"/modules/*.ko; do
	[ -e "$ko" ] || continue
	cp "$ko" "$mdir/extra/"
	n=$(basename "$ko" .ko)
	ours+=("${n//-/_}")
done
for f in modules.builtin modules.builtin.modinfo modules.order; do
	if [ -f "$kbuiltin/$f" ]; then cp "$kbuiltin/$f" "$mdir/"; else : >"$mdir/$f"; fi
done

if [ "$kind" = stock ]; then
	declare -A path=() want=()
	while IFS= read -r f; do
		n=$(basename "$f"); n=${n%%.ko*}; n=${n//-/_}
		path[$n]=$f
	done < <(find "$kbuiltin/kernel" -name '*.ko*')
	queue=($stock_mods)
	for ko in "$mdir"/extra/*.ko; do
		[ -e "$ko" ] || continue
		queue+=($(modinfo -F depends "$ko" | tr ',' ' '))
	done
	while [ ${#queue[@]} -gt 0 ]; do
		n=${queue[0]//-/_}
		queue=("${queue[@]:1}")
		[ -n "$n" ] && [ -z "${want[$n]:-}" ] || continue
		[[ " ${ours[*]} " == *" $n "* ]] && continue
		if [ -z "${path[$n]:-}" ]; then
			grep -qE "/$n\.ko" "$mdir/modules.builtin" ||
				progress "initramfs $kver: WARNING: stock module $n not found"
			continue
		fi
		want[$n]=1
		rel=${path[$n]#"$kbuiltin"/}
		mkdir -p "$mdir/$(dirname "$rel")"
		cp "${path[$n]}" "$mdir/$rel"
		queue+=($(modinfo -F depends "${path[$n]}" | tr ',' ' '))
	done
	progress "initramfs $kver: stock modules: ${!want[*]}"
fi

depargs=()
[ -f "$symvers" ] && depargs=(-e -E "$symvers")
depmod -b "$root" "${depargs[@]}" "$kver" 2>"$root/depmod.err" || {
	cat "$root/depmod.err" >&2
	die "initramfs $kver: depmod failed"
}
if [ -s "$root/depmod.err" ]; then
	sed "s|$root||g" "$root/depmod.err" >&2
fi
rm -f "$root/depmod.err"

# selftests and the runner
for f in "$repo"/selftests/*; do
	[ -f "$f" ] || continue
	cp "$f" "$root/selftests/"
	case $f in *.sh) chmod +x "$root/selftests/$(basename "$f")" ;; esac
done
cp "$here/guest-init.sh" "$root/init"
chmod +x "$root/init"
cat >"$root/etc/netgraph-vm.conf" <<EOF
NG_KIND=$kind
NG_KVER=$kver
NG_MODULES="${ours[*]}"
NG_TEST_TIMEOUT=${NG_TEST_TIMEOUT:-300}
NG_FUZZ_SECONDS=${NG_FUZZ_SECONDS:-}
NG_CHURN_SECONDS=${NG_CHURN_SECONDS:-}
NG_KCOV=${NG_KCOV:-}
NG_FUZZ_SEED=${NG_FUZZ_SEED:-}
NG_FUZZ_KNOWN=${NG_FUZZ_KNOWN:-}
EOF

mkdir -p "$(dirname "$out")"
(cd "$root" && find . -print0 | LC_ALL=C sort -z |
	cpio --null -o -H newc --owner=0:0 --quiet) | gzip -6 >"$out.tmp"
mv "$out.tmp" "$out"
progress "initramfs $kver: $(du -h "$out" | cut -f1) (${#ours[@]} netgraph module(s): ${ours[*]:-none})"
