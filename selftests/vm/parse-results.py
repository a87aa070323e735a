#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn one test VM's logs into a KTAP-style summary.

Usage: parse-results.py --name LABEL --console LOG --results RES
                        [--config KCONFIG] [--host HOSTTSV] [--counts FILE]

A kernel whose selftests were sharded over several guests gives one
--console/--results pair per guest, in shard order: the summary is the
one a single guest would give.  Blocks come in the runner's order
(guest:kunit, the scripts by name, guest:modules); a block that ran in
more than one guest (guest:modules) counts once, failed if it failed in
any; the marker checks and console scans cover every console.

Sources, all optional except the console:
  HOSTTSV  results check.sh recorded on the host (builds, QEMU exit), one per
           line: "ok|not ok|skip <TAB> name [<TAB> detail]" (detail: \\n escaped)
  RES      the guest runner's results channel: NG-TEST-BEGIN/END blocks with
           the TAP output of each selftest script and of the runner's checks
  LOG      the serial console: KUnit KTAP (between NG-KUNIT-BEGIN/END), and
           kernel reports scanned for KASAN, lockdep, BUG, WARNING, kmemleak...
  KCONFIG  the kernel's .config; scans whose debug option is off are skipped
Writes "passed failed skipped" to --counts; exit status 0.
"""
import argparse
import json
import re
import sys

TS = re.compile(r'\[\s*\d+\.\d+\] ?(.*)$')
TAP = re.compile(r'^(not ok|ok)\b\s*(\d+)?\s*(?:-\s*)?(.*)$')
PLAN = re.compile(r'^1\.\.(\d+)\s*(?:#\s*(?:SKIP|skip)\S*\s*(.*))?$')
SUITE_TOTALS = re.compile(r'^# (?!Totals:)(\S+): pass:\d+ fail:\d+ skip:\d+ total:(\d+)')
DIRECTIVE = re.compile(r'(?<!\\)#\s*(SKIP|TODO)\S*\s*(.*)$', re.IGNORECASE)


class Results:
    def __init__(self):
        self.tests = []  # (status, name, detail lines); status ok/fail/skip

    def add(self, status, name, detail=None):
        self.tests.append((status, name, list(detail or [])))


def block_key(name):
    """The guest runner's order: KUnit, the scripts by name, the unload."""
    return (0 if name == 'guest:kunit' else 2 if name == 'guest:modules' else 1, name)


def merge_shards(shards, res):
    """Results of the same blocks from several guests into res: blocks in
    the runner's order, a result that several guests have (same block, same
    name) once, with the worst status and every guest's detail."""
    blocks = {}         # block -> {test name -> [status, detail]}, in order
    for i, shard in enumerate(shards, 1):
        for st, name, detail, block in shard:
            tests = blocks.setdefault(block, {})
            if name not in tests:
                tests[name] = [st, list(detail), [i]]
                continue
            t = tests[name]
            rank = {'fail': 2, 'ok': 1, 'skip': 0}
            if rank[st] > rank[t[0]]:
                t[0] = st
            if detail:
                t[1] += [f'(guest {i}) {d}' for d in detail]
            t[2].append(i)
    for block in sorted(blocks, key=block_key):
        for name, (st, detail, _) in blocks[block].items():
            res.add(st, name, detail)


def split_desc(text):
    """'desc # SKIP why' -> (desc, 'SKIP'|'TODO'|None, why)."""
    m = DIRECTIVE.search(text)
    if not m:
        return text.strip().replace('\\#', '#'), None, ''
    return (text[:m.start()].strip().replace('\\#', '#'), m.group(1).upper(),
            m.group(2).strip())


def read_lines(path):
    try:
        with open(path, 'rb') as f:
            data = f.read()
    except OSError:
        return None
    text = data.decode('utf-8', 'replace')
    return [l.rstrip('\r') for l in text.replace('\r\n', '\n').split('\n')]


def parse_host(path, res):
    for line in read_lines(path) or []:
        if not line.strip():
            continue
        parts = line.split('\t')
        st = {'ok': 'ok', 'not ok': 'fail', 'skip': 'skip'}.get(parts[0], 'fail')
        detail = parts[2].split('\\n') if len(parts) > 2 and parts[2] else []
        res.add(st, parts[1] if len(parts) > 1 else '?', detail)


def parse_blocks(lines, out):
    """TAP of each NG-TEST-BEGIN/END block on the results channel, as
    (status, name, detail, block) tuples appended to out."""
    block = None
    blocks_seen = 0

    class Adder:
        cur = None

        def add(self, st, tname, det=None):
            out.append((st, tname, list(det or []), self.cur))
    res = Adder()
    # A script's JSON outputs (NG-JSON NAME LINE..., NG-JSON-END NAME):
    # each must parse with Python's json module.
    json_lines, json_checks = {}, {}

    def finish(blk, end):
        name, tests, plan, plan_skip, diag = blk
        res.cur = name
        failed = sum(1 for t in tests if t[0] == 'fail')
        for st, tname, det in tests:
            res.add(st, f'{name}: {tname}', det)
        for st, tname, det in json_checks.pop(name, []):
            res.add(st, f'{name}: {tname}', det)
        if end is None:
            res.add('fail', f'{name}: finished', ['no NG-TEST-END: the VM died or hung in this script'] + diag[-5:])
            return
        rc = int(end.get('rc', '1'))
        if 'timeout' in end:
            res.add('fail', f'{name}: finished in time',
                    [f'killed after {end["timeout"]}s (rc={rc})'] + diag[-5:])
            return
        if plan_skip is not None and not tests:
            res.add('skip', name, [plan_skip or 'skipped'])
            return
        if not tests:
            if rc == 4:
                res.add('skip', name, ['exit status 4 (skip) without TAP'])
            else:
                res.add('fail', f'{name}: TAP output', [f'no test results, exit status {rc}'] + diag[-5:])
            return
        if plan is not None and plan != len(tests):
            res.add('fail', f'{name}: plan', [f'planned {plan} tests, ran {len(tests)}'])
        if rc not in (0, 4) and failed == 0:
            res.add('fail', f'{name}: exit status', [f'exit status {rc} although no test failed'] + diag[-5:])

    for line in lines:
        if line.startswith('NG-TEST-BEGIN '):
            if block:
                finish(block, None)
            block = (line.split(None, 1)[1].strip(), [], None, None, [])
            blocks_seen += 1
            continue
        if line.startswith('NG-TEST-END ') and block:
            kv = dict(w.split('=', 1) for w in line.split()[2:] if '=' in w)
            finish(block, kv)
            block = None
            continue
        if not block:
            continue
        name, tests, plan, plan_skip, diag = block
        if line.startswith('NG-JSON '):
            parts = line.rstrip('\n').split(' ', 2)
            json_lines.setdefault(parts[1], []).append(
                parts[2] if len(parts) > 2 else '')
            continue
        if line.startswith('NG-JSON-END '):
            jname = line.split()[1]
            text = '\n'.join(json_lines.pop(jname, []))
            try:
                json.loads(text)
                check = ('ok', f'json: {jname} parses (Python json)', [])
            except ValueError as e:
                check = ('fail', f'json: {jname} parses (Python json)',
                         [str(e), text[:200]])
            json_checks.setdefault(name, []).append(check)
            continue
        m = PLAN.match(line)
        if m:
            count, why = int(m.group(1)), m.group(2)
            if count == 0 or why is not None:
                plan_skip = why or 'empty plan (1..0)'
            block = (name, tests, count, plan_skip, diag)
            continue
        m = TAP.match(line)
        if m:
            desc, directive, why = split_desc(m.group(3))
            num = m.group(2) or str(len(tests) + 1)
            tname = f'{num} - {desc}' if desc else num
            if directive == 'SKIP':
                tests.append(('skip', tname, [why or 'skipped']))
            elif directive == 'TODO':
                tests.append(('skip', tname, ['TODO ' + why]))
            elif m.group(1) == 'ok':
                tests.append(('ok', tname, []))
            else:
                tests.append(('fail', tname, []))
            continue
        if line.startswith('Bail out!'):
            tests.append(('fail', 'bail out', [line]))
            continue
        if line.startswith('#') and tests and tests[-1][0] == 'fail':
            tests[-1][2].append(line.lstrip('# ').rstrip())
        if line.strip():
            diag.append(line)
    if block:
        finish(block, None)
    return blocks_seen


def parse_kunit(console, res, want_kunit, reason):
    """KUnit KTAP printed on the console while netgraph_kunit loaded."""
    start = None
    end = None
    for i, line in enumerate(console):
        if 'NG-KUNIT-BEGIN' in line and start is None:
            start = i
        elif 'NG-KUNIT-END' in line and start is not None:
            end = i
            break
    if start is None:
        if want_kunit:
            res.add('fail', 'kunit: ran', ['no NG-KUNIT-BEGIN on the console'])
        else:
            res.add('skip', 'kunit', [reason])
        return
    subtest = {}        # indent -> name of the open "# Subtest:" at that indent
    suites = {}         # suite -> {'cases': n, 'failed': n, 'result': st}
    pending = []
    order = []
    totals = {}         # suite -> total from "# suite: pass:P fail:F skip:S total:T"
    for line in console[start + 1:end if end is not None else len(console)]:
        m = TS.search(line)
        if not m:
            continue
        body = m.group(1)
        indent = len(body) - len(body.lstrip(' '))
        text = body.strip()
        if text.startswith('# Subtest:'):
            subtest[indent] = text.split(':', 1)[1].strip()
            for k in [k for k in subtest if k > indent]:
                del subtest[k]
            continue
        ms = SUITE_TOTALS.match(text) if indent == 0 else None
        if ms:
            totals[ms.group(1)] = int(ms.group(2))
            continue
        mt = TAP.match(text)
        if not mt:
            if text.startswith('#') and indent >= 4 and not text.startswith('# Totals'):
                pending.append(text.lstrip('# '))
                pending = pending[-8:]
            continue
        desc, directive, why = split_desc(mt.group(3))
        st = 'ok' if mt.group(1) == 'ok' else 'fail'
        if directive == 'SKIP':
            st = 'skip'
        if indent == 0:
            # A suite's own result line.
            s = suites.setdefault(desc, {'cases': 0, 'failed': 0, 'result': None})
            s['result'] = st
            if desc not in order:
                order.append(desc)
            if s['cases'] == 0:
                res.add(st, f'kunit: {desc}', [why] if why else pending)
            elif st == 'fail' and s['failed'] == 0:
                res.add('fail', f'kunit: {desc} (suite)', ['suite reported failure'] + pending)
            pending = []
            subtest.pop(4, None)
            continue
        if indent == 4:
            suite = subtest.get(4, '?')
            s = suites.setdefault(suite, {'cases': 0, 'failed': 0, 'result': None})
            if suite not in order:
                order.append(suite)
            s['cases'] += 1
            if st == 'fail':
                s['failed'] += 1
            res.add(st, f'kunit: {suite}.{desc}', ([why] if st == 'skip' and why else
                                                   pending if st == 'fail' else []))
            pending = []
        # deeper: parameters of a parameterized case, summarised by the case line
    for name, total in totals.items():
        got = suites.get(name, {}).get('cases', 0)
        if total != got and not (got == 0 and total == 1):
            res.add('fail', f'kunit: {name} result lines',
                    [f'the suite says total:{total}, the console has {got} case results'])
    for name in order:
        if suites[name]['result'] is None:
            res.add('fail', f'kunit: {name} completed', ['no suite result line: crashed or hung?'])
    if not suites:
        res.add('fail', 'kunit: results', ['no KTAP results between NG-KUNIT-BEGIN and NG-KUNIT-END'])
    if end is None:
        res.add('fail', 'kunit: finished', ['no NG-KUNIT-END on the console'])


# (scan name, config symbol that must be =y for it to be meaningful or None,
#  regular expressions matched against kernel messages)
SCANS = [
    ('kasan', 'KASAN', [r'KASAN:']),
    ('lockdep', 'LOCKDEP', [
        r'possible circular locking', r'inconsistent lock state',
        r'suspicious RCU usage', r'possible recursive locking',
        r'bad unlock balance', r'held lock freed', r'lock held when returning',
        r'possible irq lock inversion', r'BUG: held lock',
        r'DEBUG_LOCKS_WARN_ON', r'kernel/locking/lockdep\.c',
        r'BUG: MAX_LOCK']),
    ('refcount', None, [r'refcount_t:', r'lib/refcount\.c']),
    ('odebug', 'DEBUG_OBJECTS', [r'ODEBUG:', r'lib/debugobjects\.c']),
    ('kmemleak', 'DEBUG_KMEMLEAK', [r'unreferenced object', r'new suspected memory leak']),
    ('panic', None, [r'Kernel panic']),
    ('oops', None, [r'\bOops\b', r'general protection fault',
                    r'Unable to handle kernel']),
    ('hung-task', None, [r'blocked for more than \d+ seconds', r'hung_task']),
    ('rcu-stall', None, [r'detected stalls? on CPU', r'self-detected stall',
                         r'rcu: INFO: rcu_\w+ detected stall']),
    ('bug', None, [r'BUG:', r'kernel BUG at', r'UBSAN:', r'list_(add|del) corruption']),
    ('warning', None, [r'WARNING:']),
]


def scan_console(consoles, res, config):
    """consoles: one list of lines per guest; a hit is (console, index)."""
    compiled = [(n, sym, [re.compile(p) for p in pats]) for n, sym, pats in SCANS]
    hits = {n: [] for n, _, _ in SCANS}
    for c, console in enumerate(consoles):
        scan_one(console, c, compiled, hits)
    for name, sym, _ in SCANS:
        desc = f'scan: {name}'
        if hits[name]:
            detail = []
            shown = 0
            end = (-1, -1)
            for c, i in hits[name]:
                if c == end[0] and i < end[1]:
                    continue        # already inside the previous excerpt
                if shown == 3:
                    break
                end = (c, i + (6 if name == 'kmemleak' else 3))
                if len(consoles) > 1:
                    detail.append(f'(guest {c + 1})')
                detail.extend(consoles[c][i:end[1]])
                shown += 1
            detail.append(f'({len(hits[name])} matching line(s), see the console log)')
            res.add('fail', desc, detail)
        elif sym and config is not None and config.get(sym) != 'y':
            res.add('skip', desc, [f'CONFIG_{sym} is not enabled in this kernel'])
        else:
            res.add('ok', desc)


def scan_one(console, c, compiled, hits):
    in_kmemleak = False
    for i, line in enumerate(console):
        if 'NG-KMEMLEAK-BEGIN' in line:
            in_kmemleak = True
            continue
        if 'NG-KMEMLEAK-END' in line:
            in_kmemleak = False
            continue
        m = TS.search(line)
        text = m.group(1) if m else (line if in_kmemleak else None)
        if text is None:
            continue
        for name, _, pats in compiled:
            if in_kmemleak and not m and name != 'kmemleak':
                continue
            if any(p.search(text) for p in pats):
                hits[name].append((c, i))
                break


def read_config(path):
    if not path:
        return None
    lines = read_lines(path)
    if lines is None:
        return None
    cfg = {}
    for line in lines:
        if line.startswith('CONFIG_') and '=' in line:
            k, v = line.split('=', 1)
            cfg[k[7:]] = v
    return cfg


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--name', required=True)
    ap.add_argument('--console', action='append', default=[],
                    help='once per guest of this kernel')
    ap.add_argument('--results', action='append', default=[],
                    help='once per guest, in the order of --console')
    ap.add_argument('--config')
    ap.add_argument('--host')
    ap.add_argument('--counts')
    ap.add_argument('--no-boot', metavar='REASON',
                    help='the VM was not booted; only host results count')
    ap.add_argument('--host-only', action='store_true',
                    help='a section of host results only (no VM at all)')
    a = ap.parse_args()

    res = Results()
    if a.host:
        parse_host(a.host, res)
    cfg = read_config(a.config)

    if a.host_only:
        pass
    elif a.no_boot:
        res.add('skip', 'boot', [a.no_boot])
    else:
        consoles = []
        shards = []
        never = []
        for i, path in enumerate(a.console):
            console = read_lines(path)
            if console is None:
                res.add('fail', 'console log', [f'{path} missing'])
                console = []
            consoles.append(console)
            rpath = a.results[i] if i < len(a.results) else None
            results = read_lines(rpath) if rpath else None
            if not results or not any(l.startswith('NG-GUEST-BEGIN') for l in results):
                # No results channel: fall back to the console (less robust).
                results = [l for l in console if not TS.search(l)]
            shard = []
            if parse_blocks(results, shard) == 0:
                never.append(path)
            shards.append(shard)
        want_kunit = cfg is not None and cfg.get('KUNIT') == 'y'
        kunit_console = next((c for c in consoles if any('NG-KUNIT-BEGIN' in l for l in c)),
                             consoles[0] if consoles else [])
        parse_kunit(kunit_console, res, want_kunit,
                    'kernel has no CONFIG_KUNIT' if cfg is not None else 'kernel config unknown')
        if len(shards) == 1:
            for st, name, detail, _ in shards[0]:
                res.add(st, name, detail)
        else:
            merge_shards(shards, res)
        if never:
            res.add('fail', 'guest runner', ['no NG-TEST-BEGIN block: the runner never started'] +
                    ([f'in {p}' for p in never] if len(consoles) > 1 else []))
        for marker, desc, tail in (('NG-GUEST-BEGIN', 'boot: guest runner started', 8),
                                   ('NG-GUEST-END', 'boot: end marker (clean shutdown)', 12)):
            detail = []
            for path, console in zip(a.console, consoles):
                if not any(marker in l for l in console):
                    what = (f'no {marker} marker' if marker == 'NG-GUEST-BEGIN' else
                            f'no {marker} marker; console tail:')
                    if len(consoles) > 1:
                        what += f' ({path})'
                    detail += [what] + console[-tail:]
            res.add('fail' if detail else 'ok', desc, detail)
        scan_console(consoles, res, cfg)

    out = sys.stdout
    n = len(res.tests)
    out.write(f'KTAP version 1\n# Subtest: {a.name}\n1..{n}\n')
    cnt = {'ok': 0, 'fail': 0, 'skip': 0}
    for i, (st, name, detail) in enumerate(res.tests, 1):
        cnt[st] += 1
        name = name.replace('#', '\\#')
        if st == 'ok':
            out.write(f'ok {i} {name}\n')
        elif st == 'skip':
            out.write(f'ok {i} {name} # SKIP {" ".join(detail)[:200]}\n')
        else:
            out.write(f'not ok {i} {name}\n')
            for d in detail[:24]:
                out.write(f'#   {d}\n')
    out.write(f'# {a.name}: pass:{cnt["ok"]} fail:{cnt["fail"]} skip:{cnt["skip"]} total:{n}\n')
    out.write(f'{"ok" if cnt["fail"] == 0 else "not ok"} - {a.name}\n')
    if a.counts:
        with open(a.counts, 'w') as f:
            f.write(f'{cnt["ok"]} {cnt["fail"]} {cnt["skip"]}\n')
    return 0


if __name__ == '__main__':
    sys.exit(main())
