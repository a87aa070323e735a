#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# fuzz.sh FUZZER RUNS: a bounded libFuzzer run from the committed seed
# corpus (new inputs go to a scratch directory).  TAP on stdout; any
# crash or sanitizer report is a failure.  With FUZZ_CORPUS_OUT set, the
# seeds and every new input are copied there afterwards (the test VM
# replays them through the kernel: selftests/ng_parse_replay.sh).
set -u
fuzzer=$1 runs=${2:-200000}
here=$(cd "$(dirname "$0")" && pwd)
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
log=$scratch/fuzz.log
mkdir "$scratch/corpus"
start=$SECONDS
"$fuzzer" -runs="$runs" -max_len=1024 -timeout=10 -rss_limit_mb=2048 \
	-artifact_prefix="$scratch/" "$scratch/corpus" "$here/corpus" >"$log" 2>&1
rc=$?
secs=$((SECONDS - start))
eps=$(grep -o 'exec/s: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n1 | cut -d' ' -f2)
if [ "$rc" = 0 ] && grep -q '^Done ' "$log"; then
	echo "ok 1 - fuzz: $(grep '^Done ' "$log") (${eps:-?} exec/s, cov ${cov:-?} edges)"
else
	echo "not ok 1 - fuzz: exit $rc after ${secs}s"
	grep -E 'ERROR|SUMMARY|runtime error|abort|^.* -> ' "$log" | head -n 20 | sed 's/^/# /'
	for f in "$scratch"/crash-* "$scratch"/leak-* "$scratch"/timeout-*; do
		[ -f "$f" ] && echo "# artifact $(basename "$f"): $(base64 -w0 <"$f" | cut -c1-300)"
	done
fi
if [ -n "${FUZZ_CORPUS_OUT:-}" ]; then
	mkdir -p "$FUZZ_CORPUS_OUT"
	cp "$here"/corpus/* "$scratch"/corpus/* "$FUZZ_CORPUS_OUT/" 2>/dev/null
	echo "# corpus: $(ls "$FUZZ_CORPUS_OUT" | wc -l) inputs in $FUZZ_CORPUS_OUT"
fi
echo "1..1"
[ "$rc" = 0 ]
