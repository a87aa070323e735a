#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
# ngctl-nl's bash completion (tools/ngctl-nl/completion/ngctl-nl) against a
# live graph: node paths, node types (loaded or loadable) and the hooks of
# a node; its host tests cover commands and options.
. "$(dirname "$0")/lib.sh"

comp_file=/usr/share/bash-completion/completions/ngctl-nl
require_module netgraph ng_hub ng_hole ng_tee
[ -f "$comp_file" ] || skip_all "no $comp_file (check.sh installs it)"
ns_inside ngcomp
N="ns_exec ngcomp $NGCTL"

# comp LINE: what completing at the end of LINE offers, sorted
comp() {
	bash -c '. "$1" && COMP_LINE=$2 && COMP_POINT=${#2} && _ngctl_nl &&
		printf "%s\n" "${COMPREPLY[@]}"' _ "$comp_file" "$1" | sort | tr '\n' ' '
}

$N mkpeer hub x y && $N name '[1]:' h && $N mkpeer h: hole a in &&
	$N mkpeer h: tee b left
ok $? "a hub h with a hole on hook a and a tee on hook b"

expect_eq "$(comp "$NGCTL show h")" "h: " "show h<TAB>: the named node's path"
expect_eq "$(comp "$NGCTL shutdown [")" "[1]: [2]: [3]: " "shutdown [<TAB>: every node by ID"
expect_eq "$(comp "$NGCTL rmhook h: ")" "a b " "rmhook h: <TAB>: the node's hooks"
expect_eq "$(comp "$NGCTL mkpeer h: t")" "tee " "mkpeer h: t<TAB>: a registered type"
expect_eq "$(comp "$NGCTL mkpeer h: o")" "one2many " \
	"mkpeer h: o<TAB>: a type mkpeer can load (registered, or its module installed)"
expect_match "$(comp "$NGCTL -N ")" "(^| )ngcomp " "-N <TAB>: the named network namespaces"
expect_eq "$(comp "$NGCTL sh")" "show shutdown " "sh<TAB>: the commands"
tap_done
