#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# 100 000 nodes list through the netlink dump (no size limit), and a
# namespace holding them tears down.
. "$(dirname "$0")/lib.sh"

require_module netgraph ng_hub
# not ns_inside: the script deletes the namespace, which it must not be in
ns_create ngscale
N="$NGCTL -N ngscale"
# The full 100 000 on the stock kernels; the debug kernel (KASAN, lockdep,
# kmemleak under TCG) is ~50x slower, so it checks the same paths with 10 000.
if [ "$NG_KIND" = debug ]; then
	COUNT=${NG_SCALE_NODES:-10000}
else
	COUNT=${NG_SCALE_NODES:-100000}
fi

i=0
: >mk
while [ $i -lt $COUNT ]; do
	echo "mkpeer hub x y" >>mk
	i=$((i + 1))
done
start=$(date +%s)
expect_ok "create $COUNT nodes from one ngctl-nl -f run" $N -f mk
tap_diag "created $COUNT nodes in $(($(date +%s) - start)) s"
$N list >list.out
expect_eq "$?" 0 "list $COUNT nodes"
expect_eq "$(head -n1 list.out)" "There are $COUNT total nodes:" "list counts $COUNT nodes"
expect_eq "$(grep -c 'Type: hub' list.out)" "$COUNT" "list prints $COUNT node lines"
expect_eq "$(sed -n '$p' list.out | awk '{print $6}')" "$(printf '%08x' $COUNT)" "the last node has ID $COUNT"
expect_ok "name the last node" $N name "[$(printf '%x' $COUNT)]:" last
expect_ok "list -n" $N list -n
expect_eq "$(printf '%s\n' "$NG_OUT" | head -n1)" "There are 1 total named nodes:" "list -n finds the one named node"
start=$(date +%s)
ns_cleanup
wait_for 120 sh -c "[ \"\$(awk '\$1 == \"ng_hub\" {print \$3}' /proc/modules)\" = 0 ]"
expect_eq "$(awk '$1 == "ng_hub" {print $3}' /proc/modules)" 0 "netns deletion destroyed all $COUNT hubs"
tap_diag "teardown took $(($(date +%s) - start)) s"
tap_done
