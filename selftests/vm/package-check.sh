#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The Debian packages and DKMS, on the host (TAP; check.sh runs it beside
# the module builds and records each result).
#
# Usage: package-check.sh OUT KVER...
#
#   1. `make deb` (dpkg-buildpackage -us -uc -b in a copy under build/deb/):
#      the four packages, their contents and dependencies;
#   2. `dpkg --root OUT/root --unpack` of all four into an empty staging
#      root with a dpkg database of its own (no maintainer script runs: the
#      packages have no preinst; dpkg checks the archives and that no two
#      packages ship the same file);
#   3. what netgraph-dkms's postinst has DKMS do on a user's machine, for
#      each KVER (a Debian kernel whose linux-headers are installed): dkms
#      add, build and install of the unpacked /usr/src/netgraph-VERSION, with
#      DKMS's trees private (--dkmstree, --sourcetree, --installtree under
#      OUT; a throw-away signing key there too), so that nothing is written
#      to the host's /var/lib/dkms or /lib/modules; then depmod of OUT/root;
#   4. OUT/guest: the installed files a guest needs (programs, library,
#      modules-load.d, unit, helper, modules and their modules.dep), which
#      check.sh gives the stock guests as /pkg (selftests/ng_package.sh).
#
# Nothing is loaded into the host's kernel.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${NG_REPO:-$(cd "$here/../.." && pwd)}
. "$here/lib.sh"

[ $# -ge 1 ] || die "usage: $0 OUT KVER..."
mkdir -p "$1"
out=$(cd "$1" && pwd)
shift
kvers=("$@")

n=0 failed=0
tap() {	# tap STATUS DESC [DIAG...]: one result (STATUS 0: ok)
	local st=$1 desc=$2
	shift 2
	n=$((n + 1))
	if [ "$st" = 0 ]; then
		echo "ok $n - $desc"
	else
		echo "not ok $n - $desc"
		failed=1
	fi
	[ $# -eq 0 ] || printf '%s\n' "$@" | sed 's/^/# /'
}
bail() {	# bail DESC DIAG: a failure the rest depends on
	tap 1 "$1" "$2"
	echo "1..$n"
	exit 1
}

ver=$(sed -n 's/^PACKAGE_VERSION="\(.*\)"$/\1/p' "$repo/dkms.conf")
deb=$repo/build/deb
t=$SECONDS
if ! msg=$(make -s -C "$repo" deb 2>&1); then
	bail "make deb" "$msg"
fi
echo "# make deb: $((SECONDS - t)) s"
pkgs=(netgraph-dkms libnetgraph1 libnetgraph-dev netgraph-tools)
miss=()
declare -A file=()
for p in "${pkgs[@]}"; do
	f=$(ls "$deb/${p}_${ver}_"*.deb 2>/dev/null | head -n1)
	[ -n "$f" ] && file[$p]=$f || miss+=("$p")
done
[ ${#miss[@]} -eq 0 ] || bail "make deb: ${pkgs[*]} $ver in build/deb" "missing: ${miss[*]}"
tap 0 "make deb: ${pkgs[*]} $ver in build/deb"

# has PKG PATH...: every PATH (a basic regexp for the whole path) is in
# PKG's archive
has() {
	local p=$1 x lst miss=()
	shift
	lst=$(dpkg-deb -c "${file[$p]}" | awk '{ print $6 }' | sed 's|^\./|/|')
	for x in "$@"; do
		grep -qx -- "$x" <<<"$lst" || miss+=("$x")
	done
	tap ${#miss[@]} "$p: ships ${*:1:3}${4:+ ...}" ${miss[@]:+"missing: ${miss[*]}"}
}
ma=$(dpkg-architecture -qDEB_HOST_MULTIARCH)
kb_mods=$(sed -n 's/^obj-m += //p' "$repo/Kbuild" | tr ' ' '\n' | sed -n 's/\.o$//p' | grep -vx netgraph_kunit | sort)
man4=$(cd "$repo/Documentation/man" && ls ./*.4 | sed 's|^\./|/usr/share/man/man4/|; s/$/.gz/')
hdrs=$(cd "$repo/uapi" && ls ng_*.h | sed 's|^|/usr/include/netgraph/|')
srcs=$(cd "$repo" && ls kernel/*.[ch] uapi/*.h | sed "s|^|/usr/src/netgraph-$ver/|")
# shellcheck disable=SC2086 # one path a word
has netgraph-dkms "/usr/src/netgraph-$ver/dkms.conf" "/usr/src/netgraph-$ver/Kbuild" $srcs
has libnetgraph1 "/usr/lib/$ma/libnetgraph.so.1"
has libnetgraph-dev /usr/include/netgraph.h /usr/include/netgraph/ng_message.h \
	/usr/include/netgraph/ng_socket.h $hdrs "/usr/lib/$ma/libnetgraph.so" "/usr/lib/$ma/libnetgraph.a" \
	"/usr/lib/$ma/pkgconfig/libnetgraph.pc" /usr/share/man/man3/netgraph.3.gz
has netgraph-tools /usr/sbin/ngctl-nl /usr/sbin/nghook-nl /usr/share/man/man8/ngctl-nl.8.gz \
	/usr/share/man/man8/nghook-nl.8.gz $man4 /usr/share/bash-completion/completions/ngctl-nl \
	/lib/systemd/system/netgraph.service /usr/lib/modules-load.d/netgraph.conf \
	/usr/libexec/netgraph/build-graphs /etc/netgraph/

# deps PKG PATTERN DESC: PKG's Depends match the extended regexp PATTERN
deps() {
	local d
	d=$(dpkg-deb -f "${file[$1]}" Depends)
	grep -qE -- "$2" <<<"$d"
	tap $? "$1: depends on $3" "Depends: $d"
}
deps netgraph-dkms '(^|, )dkms( |,|$)' dkms
deps libnetgraph-dev "(^|, )libnetgraph1 \(= $ver\)" "libnetgraph1 (= $ver)"
# (libnetgraph.pc has Requires.private: libnl-genl-3.0)
deps libnetgraph-dev "(^|, )libnl-genl-3-dev(,|$)" "libnl-genl-3-dev"
deps netgraph-tools '(^|, )libnetgraph1 ' "libnetgraph1 (dpkg-shlibdeps)"

# Debian policy 8.1: a shared library's package is named after its SONAME.
tmp=$out/x
rm -rf "$tmp" && mkdir -p "$tmp"
dpkg-deb -x "${file[libnetgraph1]}" "$tmp/lib"
dpkg-deb -x "${file[netgraph-tools]}" "$tmp/tools"
soname=$(readelf -d "$tmp/lib/usr/lib/$ma/libnetgraph.so.1" 2>/dev/null | sed -n 's/.*(SONAME).*\[\(.*\)\]/\1/p')
pname=$(sed -E 's/\.so\.([0-9]+)$/\1/' <<<"$soname")
[ "$pname" = libnetgraph1 ]
tap $? "libnetgraph1: named after the SONAME ($soname)"
for b in ngctl-nl nghook-nl; do
	readelf -d "$tmp/tools/usr/sbin/$b" 2>/dev/null | grep -q '(NEEDED).*\[libnetgraph\.so\.1\]'
	tap $? "netgraph-tools: $b is linked against libnetgraph.so.1"
done

# The maintainer scripts: none runs at unpack time.
scripts=()
for p in "${pkgs[@]}"; do
	for s in $(dpkg-deb --ctrl-tarfile "${file[$p]}" | tar -t | sed 's|^\./||' | grep -E '^(pre|post)(inst|rm)$'); do
		scripts+=("$p:$s")
	done
done
! grep -q ':preinst' <<<"${scripts[*]}"
tap $? "no package has a preinst" "maintainer scripts: ${scripts[*]:-none}"

root=$out/root
rm -rf "$root"
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/var/lib/dpkg/triggers"
: >"$root/var/lib/dpkg/status"
: >"$root/var/lib/dpkg/available"
# --force-depends: libc6, libnl and dkms are not in this root's database
if ! msg=$(dpkg --root="$root" --force-depends --no-triggers --unpack \
	"${file[netgraph-dkms]}" "${file[libnetgraph1]}" "${file[libnetgraph-dev]}" \
	"${file[netgraph-tools]}" 2>&1); then
	bail "dpkg --root --unpack of the four packages" "$msg"
fi
st=$(dpkg-query --admindir="$root/var/lib/dpkg" -W -f='${Package} ${Status}\n' | sort | tr '\n' ';')
[ "$(grep -o 'install ok unpacked' <<<"$st" | wc -l)" = 4 ]
tap $? "dpkg --root --unpack of the four packages" "$st"

# A FreeBSD-style program builds from libnetgraph-dev as unpacked there
# (pkg-config with the root as sysroot; libnl's from the host) and is
# linked against the packaged libnetgraph.so.1.
prog=$out/ngsock_test
rm -f "$prog"
msg=$(PKG_CONFIG_SYSROOT_DIR="$root" PKG_CONFIG_PATH="$root/usr/lib/$ma/pkgconfig" \
	sh -c 'cc -Wall -Wextra -Werror $(pkg-config --cflags libnetgraph) -o "$1" "$2" \
		$(pkg-config --libs libnetgraph)' _ "$prog" "$repo/tools/libnetgraph/tests/ngsock_test.c" 2>&1) &&
	readelf -d "$prog" | grep -q '(NEEDED).*\[libnetgraph\.so\.1\]'
tap $? "libnetgraph-dev: a FreeBSD-style program builds with pkg-config and links libnetgraph.so.1" ${msg:+"$msg"}

# DKMS in private trees.  Its signing key would go to /var/lib/dkms:
# mok_signing_key/mok_certificate (read from the environment when
# /etc/dkms/framework.conf does not set them) point into OUT instead.
dk=$out/dkms
rm -rf "$dk"
mkdir -p "$dk/tree" "$dk/tmp"
export mok_signing_key=$dk/mok.key mok_certificate=$dk/mok.pub tmp_location=$dk/tmp
dkargs=(--dkmstree "$dk/tree" --sourcetree "$root/usr/src" --installtree "$root/lib/modules")
host_before=$(ls -d /var/lib/dkms/netgraph /lib/modules/*/updates/dkms/netgraph.ko 2>/dev/null)
if ! msg=$(dkms add "netgraph/$ver" "${dkargs[@]}" 2>&1); then
	bail "dkms add netgraph/$ver from the unpacked /usr/src/netgraph-$ver" "$msg"
fi
tap 0 "dkms add netgraph/$ver from the unpacked /usr/src/netgraph-$ver"
dk_mods=$(sed -n 's/^BUILT_MODULE_NAME\[[0-9]*\]="\(.*\)"$/\1/p' "$root/usr/src/netgraph-$ver/dkms.conf" | sort)
guest=$out/guest
rm -rf "$guest"
for k in "${kvers[@]}"; do
	t=$SECONDS
	mkdir -p "$root/lib/modules/$k"
	log=$out/dkms-$k.log
	if dkms build "netgraph/$ver" -k "$k" --kernelsourcedir "/usr/src/linux-headers-$k" \
		-j "${NG_JOBS:-$(nproc)}" "${dkargs[@]}" >"$log" 2>&1 &&
		dkms install "netgraph/$ver" -k "$k" --kernelsourcedir "/usr/src/linux-headers-$k" \
			--no-depmod "${dkargs[@]}" >>"$log" 2>&1; then
		tap 0 "dkms build and install for $k"
		echo "# dkms build and install for $k: $((SECONDS - t)) s"
	else
		tap 1 "dkms build and install for $k" "$(tail -n 20 "$log")" \
			"$(tail -n 20 "$dk/tree/netgraph/$ver/build/make.log" 2>/dev/null)"
		continue
	fi
	d=$root/lib/modules/$k/updates/dkms
	# (compressed as the kernel's own: 6.12's are .ko.xz)
	kos=$(cd "$d" 2>/dev/null && ls ./*.ko* | sed 's|^\./||' | sort)
	got=$(sed 's/\.ko.*$//' <<<"$kos")
	[ -n "$kb_mods" ] && [ "$got" = "$kb_mods" ] && [ "$got" = "$dk_mods" ]
	tap $? "dkms: every module of Kbuild for $k in updates/dkms" "got: $(echo $kos)"
	bad=()
	[ -n "$kos" ] || bad+=("no module")
	for m in $kos; do
		vm=$(modinfo -F vermagic "$d/$m" | awk '{ print $1 }')
		[ "$vm" = "$k" ] || bad+=("$m: $vm")
	done
	tap ${#bad[@]} "dkms: the modules' vermagic is $k" ${bad[@]:+"${bad[@]}"}
	# modules.dep as depmod makes it on a user's machine (the stock
	# kernel's modules.builtin* beside it)
	sroot=$NG_CACHE/stock/$k/root/lib/modules/$k
	for f in modules.builtin modules.builtin.modinfo modules.order; do
		[ -f "$sroot/$f" ] && cp "$sroot/$f" "$root/lib/modules/$k/"
	done
	msg=$(depmod -b "$root" -e -E "/usr/src/linux-headers-$k/Module.symvers" "$k" 2>&1) &&
		[ -z "$msg" ]
	tap $? "depmod of the installed modules for $k" ${msg:+"$msg"}
done
host_after=$(ls -d /var/lib/dkms/netgraph /lib/modules/*/updates/dkms/netgraph.ko 2>/dev/null)
[ "$host_before" = "$host_after" ]
tap $? "dkms wrote nothing to the host's /var/lib/dkms or /lib/modules" "before: $host_before" "after: $host_after"

# What the guests get: the installed files but sources, headers, docs and
# the dpkg database.
mkdir -p "$guest"
cp -a "$root/." "$guest/"
rm -rf "${guest:?}/usr/src" "$guest/usr/include" "$guest/usr/share/doc" "$guest/usr/share/man" \
	"${guest:?}/var" "$guest/usr/lib/$ma/libnetgraph.a"
rm -rf "$tmp"
echo "1..$n"
exit $failed
