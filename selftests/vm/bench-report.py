#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""The benchmarks' figures as a table, JSON and a chart.

Usage: bench-report.py --text OUT.txt --json OUT.json [--png OUT.png]
                       KERNEL=RESULTS...

RESULTS is a guest's results channel (build/logs/latest/KERNEL.results);
its "# bench:" lines (selftests/bench-helpers.sh) have the form

    # bench: METRIC PATH=VALUE... UNIT [A/B=RATIO...] [(NOTE)]

The text table puts the kernels side by side, one row per metric and
path, then the ratios; the JSON holds one object per kernel:

    {"stock-6.12": {"udp64": {"unit": "pps", "values": {"direct": 69900, ...},
                              "ratios": {"ksocket/direct": 0.24, ...},
                              "note": "median of 3, ..."}, ...}, ...}

With --png and gnuplot installed, a chart: per metric, every path's value
divided by the metric's "direct" value (the ceiling), one bar per kernel,
so that two commits' charts compare at a glance.  Without gnuplot the PNG
is left out and a line on stderr says so.  Exit status 0 unless an
argument is wrong.
"""
import argparse
import json
import re
import shutil
import subprocess
import sys

WORD = r'[A-Za-z0-9_.+-]+'
BENCH = re.compile(r'^# bench: (' + WORD + r')\s+(.*)$')
PAIR = re.compile(r'^(' + WORD + r')=(\S+)$')
RATIO = re.compile(r'^(' + WORD + r'/' + WORD + r')=(\S+)$')


def number(text):
    try:
        v = float(text)
    except ValueError:
        return None
    return int(v) if v.is_integer() and 'e' not in text.lower() else v


def parse_line(line):
    """METRIC, {unit, values, ratios, note} of a "# bench:" line, or None."""
    m = BENCH.match(line.rstrip('\n'))
    if not m:
        return None
    rest = m.group(2)
    note = ''
    if '(' in rest:
        rest, note = rest.split('(', 1)
        note = note.rsplit(')', 1)[0].strip()
    entry = {'unit': '', 'values': {}, 'ratios': {}, 'note': note}
    for tok in rest.split():
        r = RATIO.match(tok)
        p = PAIR.match(tok)
        if r:
            entry['ratios'][r.group(1)] = number(r.group(2))
        elif p:
            entry['values'][p.group(1)] = number(p.group(2))
        elif not entry['unit']:
            entry['unit'] = tok
    if not entry['values']:
        return None
    return m.group(1), entry


def read_results(path):
    metrics = {}
    try:
        with open(path, errors='replace') as f:
            for line in f:
                parsed = parse_line(line)
                if parsed:
                    metrics[parsed[0]] = parsed[1]
    except OSError:
        pass
    return metrics


def fmt(v):
    if v is None:
        return '-'
    if isinstance(v, float):
        return '%.2f' % v if abs(v) < 100 else '%.0f' % v
    return str(v)


def table(data):
    kernels = list(data)
    metrics = []
    for k in kernels:
        for m in data[k]:
            if m not in metrics:
                metrics.append(m)
    rows = []
    for m in metrics:
        entries = [data[k].get(m, {}) for k in kernels]
        unit = next((e['unit'] for e in entries if e.get('unit')), '')
        keys, ratios = [], []
        for e in entries:
            keys += [p for p in e.get('values', {}) if p not in keys]
            ratios += [r for r in e.get('ratios', {}) if r not in ratios]
        for i, p in enumerate(keys):
            rows.append((m if i == 0 else '', '%s (%s)' % (p, unit) if unit else p,
                         [fmt(e.get('values', {}).get(p)) for e in entries]))
        for r in ratios:
            rows.append(('', r, [fmt(e.get('ratios', {}).get(r)) for e in entries]))
        notes = sorted({e['note'] for e in entries if e.get('note')})
        for n in notes:
            rows.append(('', '(%s)' % n, []))
    head = ('metric', 'path', kernels)
    w0 = max([len(head[0])] + [len(r[0]) for r in rows])
    w1 = max([len(head[1])] + [len(r[1]) for r in rows if r[2]])
    wk = [max(len(k), 8) for k in kernels]
    for r in rows:
        for i, c in enumerate(r[2]):
            wk[i] = max(wk[i], len(c))
    out = []

    def line(a, b, cells):
        s = '%-*s  %-*s' % (w0, a, w1, b)
        for i, c in enumerate(cells):
            s += '  %*s' % (wk[i], c)
        out.append(s.rstrip())
    line(head[0], head[1], kernels)
    prev = None
    for r in rows:
        if r[0] and prev is not None:
            out.append('')
        line(*r)
        prev = r
    return '\n'.join(out) + '\n'


def chart(data, png):
    """Grouped bars, each path's value over its metric's direct value."""
    gnuplot = shutil.which('gnuplot')
    if not gnuplot:
        print('bench-report: no gnuplot (apt-get install gnuplot-nox): no %s' % png,
              file=sys.stderr)
        return False
    kernels = list(data)
    rows = []
    for k in kernels:
        for m, e in data[k].items():
            for p in e['values']:
                # (a metric without a "direct" ceiling has no bar)
                if 'direct' in e['values'] and p != 'direct' and (m, p) not in rows:
                    rows.append((m, p))
    lines = []
    for m, p in rows:
        cells = []
        for k in kernels:
            e = data[k].get(m)
            d = e and e['values'].get('direct')
            v = e and e['values'].get(p)
            cells.append('%.4f' % (v / d) if d and v is not None else 'NaN')
        lines.append('"%s %s" %s' % (m, p, ' '.join(cells)))
    if not lines:
        print('bench-report: no figure to draw (no "direct" value)', file=sys.stderr)
        return False
    plots = ', '.join('$data using %d:xtic(1) title "%s"' % (i + 2, k)
                      for i, k in enumerate(kernels))
    script = '\n'.join([
        '$data << EOD', *lines, 'EOD',
        'set terminal pngcairo size %d,600 noenhanced' % max(800, 60 * len(rows) * len(kernels)),
        'set output "%s"' % png.replace('"', '\\"'),
        'set title "netgraph benchmarks: each path over its metric\'s direct value"',
        'set style data histograms',
        'set style histogram clustered gap 1',
        'set style fill solid 0.8 border -1',
        'set boxwidth 0.9',
        'set yrange [0:*]',
        'set grid ytics',
        'set ylabel "fraction of direct"',
        'set xtics rotate by -40 scale 0',
        'set key top right',
        'plot %s, 1 with lines dashtype 2 lc rgb "gray" title "direct"' % plots,
        ''])
    r = subprocess.run([gnuplot], input=script, text=True, capture_output=True)
    if r.returncode != 0:
        print('bench-report: gnuplot failed: %s' % r.stderr.strip(), file=sys.stderr)
        return False
    return True


def main():
    ap = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    ap.add_argument('--text', required=True)
    ap.add_argument('--json', required=True)
    ap.add_argument('--png')
    ap.add_argument('results', nargs='+', metavar='KERNEL=RESULTS')
    args = ap.parse_args()
    data = {}
    for arg in args.results:
        if '=' not in arg:
            ap.error('%s: not KERNEL=RESULTS' % arg)
        k, path = arg.split('=', 1)
        data[k] = read_results(path)
    data = {k: v for k, v in data.items() if v}
    text = table(data) if data else 'no "# bench:" lines\n'
    with open(args.text, 'w') as f:
        f.write(text)
    with open(args.json, 'w') as f:
        json.dump(data, f, indent=2)
        f.write('\n')
    sys.stdout.write(text)
    if args.png and data:
        chart(data, args.png)
    return 0


if __name__ == '__main__':
    sys.exit(main())
