#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# The Debian packages as installed.  check.sh (selftests/vm/package-check.sh)
# builds them with `make deb`, unpacks them with dpkg into a staging root,
# has DKMS build and install the modules there for each stock kernel from
# netgraph-dkms's /usr/src/netgraph-VERSION, and gives the stock guests
# that root as /pkg.  Here: the packaged modules load from it (modprobe -d
# /pkg, modules-load.d/netgraph.conf first, as systemd-modules-load would),
# the packaged ngctl-nl runs on the packaged libnetgraph.so.1, and
# build-graphs (what netgraph.service runs) builds the graphs of a
# directory of .conf files in order.  The root is not unpacked over / (the
# other scripts keep the guest's own tools and modules), so the library is
# found through LD_LIBRARY_PATH.  The modules are unloaded again at the end.
. "$(dirname "$0")/lib.sh"

P=/pkg
kver=$(uname -r)
mdir=$P/lib/modules/$kver/updates/dkms
[ -d "$mdir" ] || skip_all "no DKMS modules for $kver in $P (check.sh builds them for the stock kernels)"
ns_inside ngpkg

libdir=$(echo $P/usr/lib/*-linux-gnu)
PNG="env LD_LIBRARY_PATH=$libdir $P/usr/sbin/ngctl-nl"
mods=$(ng_conf NG_MODULES ngvm.modules)

# unload_all: every netgraph module out (the unused ones first, again
# until none is left)
unload_all() {
	for _try in 1 2 3 4 5 6 7 8 9 10; do
		_left=
		for _m in $mods; do
			[ -d "/sys/module/$_m" ] && _left="$_left $_m"
		done
		[ -n "$_left" ] || return 0
		for _m in $_left; do
			[ "$(cat "/sys/module/$_m/refcnt" 2>/dev/null)" = 0 ] && rmmod "$_m" 2>/dev/null
		done
		sleep 0.2
	done
	tap_diag "still loaded:$_left"
	return 1
}

miss=
for m in $mods; do
	ls "$mdir/$m.ko"* >/dev/null 2>&1 || miss="$miss $m"
done
expect_eq "$miss" "" "DKMS installed every module of this guest (${mods:-none}) in updates/dkms"

if ! unload_all; then
	fail "the guest's own netgraph modules unload first"
	tap_done
fi
pass "the guest's own netgraph modules unload first"

ml=$P/usr/lib/modules-load.d/netgraph.conf
want=$(sed -e 's/[#;].*//' -e 's/[[:space:]]//g' -e '/^$/d' "$ml")
expect_eq "$want" "netgraph" "modules-load.d/netgraph.conf loads netgraph"
for m in $want; do
	expect_ok "modprobe -d $P $m (modules-load.d)" modprobe -d "$P" "$m"
done
# (compared as strings: a release such as 6.12.118+deb12-amd64 is no regexp)
expect_eq "$(modprobe -d "$P" --show-depends ng_hub 2>&1 | awk '{ print $1, $2 }' | tr '\n' ' ')" \
	"$(for f in "$mdir"/netgraph.ko* "$mdir"/ng_hub.ko*; do printf 'insmod %s ' "$f"; done)" \
	"modprobe -d $P resolves ng_hub and netgraph to the DKMS-installed files"
bad=
for m in $mods; do
	modprobe -d "$P" "$m" || bad="$bad $m"
done
expect_eq "$bad" "" "modprobe -d $P of every type module"

expect_match "$(LD_TRACE_LOADED_OBJECTS=1 LD_LIBRARY_PATH=$libdir $P/usr/sbin/ngctl-nl 2>&1)" \
	"libnetgraph\.so\.1 => $libdir/libnetgraph\.so\.1" \
	"the packaged ngctl-nl runs on the packaged libnetgraph.so.1"
expect_ok "the packaged ngctl-nl: types" $PNG types
expect_match "$NG_OUT" "eiface +[0-9]+" "types lists eiface"

# Two files, the second using the node the first one named (so they must
# run in order), and a file that is no .conf (it would fail).
conf=$NG_TMPDIR/etc-netgraph
mkdir -p "$conf"
cat >"$conf/20-hub.conf" <<'EOF'
# a hub on pkge's Ethernet hook, a hole on the hub
mkpeer pkge: hub ether h
name pkge:ether pkghub
mkpeer pkghub: hole x in
EOF
cat >"$conf/10-eiface.conf" <<'EOF'
# an Ethernet interface, named for 20-hub.conf
mkpeer . eiface e ether
name e pkge
EOF
echo "shutdown pkge:" >"$conf/notes.txt"
expect_ok "build-graphs DIR (ngctl-nl found in PATH, as in netgraph.service)" \
	env PATH="$P/usr/sbin:$PATH" LD_LIBRARY_PATH="$libdir" "$P/usr/libexec/netgraph/build-graphs" "$conf"
expect_ok "show pkghub:" $PNG show pkghub:
expect_match "$NG_OUT" "Name: pkghub +Type: hub .*Num hooks: 2" "pkghub: a hub with two hooks"
expect_match "$NG_OUT" " h +pkge +eiface " "pkghub's hook h goes to the eiface pkge"
expect_match "$NG_OUT" " x +<unnamed> +hole " "pkghub's hook x goes to a hole"
expect_ok "the eiface's interface exists" ip link show ngeth0

bad=$NG_TMPDIR/bad
mkdir -p "$bad"
echo "mkpeer nosuchnode: hub a b" >"$bad/10-bad.conf"
printf 'mkpeer . eiface e ether\nname e pkge2\n' >"$bad/20-good.conf"
expect_fail "build-graphs fails when one file fails" \
	env NGCTL="$P/usr/sbin/ngctl-nl" LD_LIBRARY_PATH="$libdir" "$P/usr/libexec/netgraph/build-graphs" "$bad"
expect_match "$NG_OUT" "build-graphs: $bad/10-bad.conf: " "... and names the file"
expect_ok "... and still runs the files after it" $PNG show -n pkge2:

for n in pkghub pkge pkge2; do
	$PNG shutdown "$n:"
done
if unload_all; then
	pass "the packaged modules unload"
else
	fail "the packaged modules unload"
fi
tap_done
