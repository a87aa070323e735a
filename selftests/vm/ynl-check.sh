#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The YNL spec of the family against the header: does
# Documentation/netlink/specs/netgraph.yaml describe uapi/netgraph_genl.h?
#
# Usage: ynl-check.sh           the checks, as TAP on stdout
#        ynl-check.sh --tools   only fetch the YNL tools; print their directory
#
# Tools:  the kernel's YNL tools (tools/net/ynl) and netlink schemas
#         (Documentation/netlink/*.yaml) from Debian's linux-source-6.12,
#         cached in $NG_CACHE/ynl/<package version>/ (unpacking the
#         tarball takes a minute; a "done" stamp marks a finished copy).
# Checks: the spec validates against its schema (python3-jsonschema);
#         ynl-gen-c.py renders a uapi header from it; that header and
#         uapi/netgraph_genl.h define the same names (every enumerator and
#         every macro) with the same values, compared by compiling a
#         program that prints them all from each header.
# Exit status 0 when every check passed.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=${NG_REPO:-$(cd "$here/../.." && pwd)}
. "$here/lib.sh"

tarball=/usr/src/linux-source-6.12.tar.xz
spec="$repo/Documentation/netlink/specs/netgraph.yaml"
hdr="$repo/uapi/netgraph_genl.h"
# Debian's interpreter, the one provision.sh installs python3-yaml and
# python3-jsonschema for (not whichever python3 comes first in PATH)
py=${NG_PYTHON:-/usr/bin/python3}

# ynl_tools: the cached copy of the YNL tools (made on first use); its path.
ynl_tools() {
	local ver key dir tmp
	[ -f "$tarball" ] || die "$tarball missing (run selftests/vm/provision.sh)"
	ver=$(dpkg-query -W -f='${Version}' linux-source-6.12 2>/dev/null) ||
		die "linux-source-6.12 is not installed"
	key=$(printf '%s' "$ver" | tr -c 'A-Za-z0-9.+_-' '_')
	dir="$NG_CACHE/ynl/$key"
	if [ ! -f "$dir/done" ]; then
		mkdir -p "$NG_CACHE/ynl"
		exec 9>"$NG_CACHE/ynl/.lock"
		flock 9
	fi
	if [ ! -f "$dir/done" ]; then
		progress "ynl: unpacking tools/net/ynl from $tarball"
		tmp=$(mktemp -d "$NG_CACHE/ynl/.new.XXXXXX")
		nice tar -C "$tmp" -xJf "$tarball" --wildcards --no-wildcards-match-slash \
			linux-source-6.12/tools/net/ynl \
			'linux-source-6.12/Documentation/netlink/*.yaml' ||
			{ rm -rf "$tmp"; die "ynl: unpacking $tarball failed"; }
		rm -rf "$dir"
		mv "$tmp/linux-source-6.12" "$dir"
		rmdir "$tmp"
		touch "$dir/done"
	fi
	echo "$dir"
}

if [ "${1:-}" = --tools ]; then
	ynl_tools
	exit 0
fi

n=0 failed=0
pass() { n=$((n + 1)); echo "ok $n - $*"; }
fail() { n=$((n + 1)); failed=$((failed + 1)); echo "not ok $n - $*"; }
diag() { printf '%s\n' "$@" | sed 's/^/# /'; }

ynl=$(ynl_tools)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/ynl-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# ynl-gen-c.py finds the schema next to the spec's directory and names the
# spec by its path below the tree holding MAINTAINERS: a tree of its own.
tree="$tmp/tree"
mkdir -p "$tree/Documentation/netlink/specs"
touch "$tree/MAINTAINERS"
cp "$ynl"/Documentation/netlink/*.yaml "$tree/Documentation/netlink/"
cp "$spec" "$tree/Documentation/netlink/specs/"
tspec="$tree/Documentation/netlink/specs/netgraph.yaml"

# 1: the spec against the schema its "protocol" names
if out=$("$py" - "$tspec" "$tree/Documentation/netlink" 2>&1 <<'EOF'
import sys
import yaml
import jsonschema

spec = yaml.safe_load(open(sys.argv[1]))
proto = spec.get('protocol', 'genetlink')
schema = yaml.safe_load(open(f'{sys.argv[2]}/{proto}.yaml'))
jsonschema.validate(spec, schema)
print(proto)
EOF
); then
	pass "spec: Documentation/netlink/specs/netgraph.yaml validates against the $out schema"
else
	fail "spec: Documentation/netlink/specs/netgraph.yaml validates against its schema"
	diag "$out"
fi

# 2: the uapi header ynl-gen-c.py renders from it
gen="$tmp/gen/netgraph_genl.h"
mkdir -p "$tmp/gen"
if out=$(cd "$tree" && "$py" "$ynl/tools/net/ynl/ynl-gen-c.py" --mode uapi --header \
	--spec Documentation/netlink/specs/netgraph.yaml -o "$gen" 2>&1); then
	pass "spec: ynl-gen-c.py --mode uapi renders a header"
else
	fail "spec: ynl-gen-c.py --mode uapi renders a header"
	diag "$out"
	echo "1..$n"
	exit 1
fi

# consts_program HEADER: a C program that prints every enumerator and
# macro HEADER defines as "NAME VALUE", one a line, sorted by the caller.
consts_program() {
	"$py" - "$1" <<'EOF'
import re
import subprocess
import sys

hdr = sys.argv[1]

def cpp(*args):
    return subprocess.run(['cc', '-E', *args], check=True,
                          capture_output=True, text=True).stdout

builtin = set(cpp('-dM', '-x', 'c', '/dev/null').splitlines())
macros = {}
for line in cpp('-dM', '-x', 'c', hdr).splitlines():
    if line in builtin:
        continue
    m = re.match(r'#define ([A-Za-z_]\w*)(\(?)\s*(.*)', line)
    if not m:
        continue
    macros[m.group(1)] = 'function' if m.group(2) else m.group(3)

enumerators = []
body = cpp('-P', '-x', 'c', hdr)
for block in re.findall(r'\benum\b[^{;]*\{([^}]*)\}', body):
    for item in block.split(','):
        m = re.match(r'\s*([A-Za-z_]\w*)', item)
        if m:
            enumerators.append(m.group(1))

print(f'#include "{hdr}"')
print('#include <stdio.h>')
print('static void pi(const char *n, long long v) { printf("%s %lld\\n", n, v); }')
print('static void ps(const char *n, const char *v) { printf("%s \\"%s\\"\\n", n, v); }')
print('#define P(x) _Generic((x), char *: ps, const char *: ps, default: pi)(#x, (x))')
print('int main(void)\n{')
for name, value in sorted(macros.items()):
    if value == 'function':
        print(f'\tputs("{name} (a function-like macro)");')
    elif value == '':
        print(f'\tputs("{name} (defined, empty)");')
    else:
        print(f'\tP({name});')
for name in enumerators:
    print(f'\tP({name});')
print('\treturn 0;\n}')
EOF
}

# 3: both headers define the same names with the same values
ok=1
for h in ours:"$hdr" generated:"$gen"; do
	name=${h%%:*} file=${h#*:}
	if ! consts_program "$file" >"$tmp/$name.c" 2>"$tmp/$name.err" ||
		! cc -std=gnu11 -Wall -Werror -o "$tmp/$name" "$tmp/$name.c" 2>>"$tmp/$name.err" ||
		! "$tmp/$name" | sort >"$tmp/$name.txt"; then
		ok=0
		diag "$name header: listing its constants failed" "$(cat "$tmp/$name.err")"
	fi
done
if [ $ok = 1 ] && [ "$(wc -l <"$tmp/ours.txt")" -gt 0 ] &&
	d=$(diff -U0 --label uapi/netgraph_genl.h --label "generated from the spec" \
		"$tmp/ours.txt" "$tmp/generated.txt"); then
	pass "spec: the rendered header defines the $(wc -l <"$tmp/ours.txt") constants of uapi/netgraph_genl.h with the same values, and nothing else"
else
	fail "spec: the rendered header defines the constants of uapi/netgraph_genl.h with the same values, and nothing else"
	[ $ok = 1 ] && diag "${d:-no constants found}"
fi

echo "1..$n"
[ "$failed" -eq 0 ]
