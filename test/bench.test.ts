// The benchmark's arithmetic and bookkeeping: medians, slopes, target verdicts and the argument quoting
// hyperfine relies on. (Speed itself is measured by `npm run bench`, never asserted by a test.)
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PHASES } from '../src/bench/cold-phases.js';
import { commandLine } from '../src/bench/measure.js';
import { linearFit, median } from '../src/bench/stats.js';
import { formatTable } from '../src/bench/table.js';
import { checkTarget, TARGETS } from '../src/bench/targets.js';
import { compiledPackage } from './helpers/cli.js';

describe('median', () => {
  it('takes the middle value, or the mean of the two middle values', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([5])).toBe(5);
  });
  it('ignores one outlier run', () => {
    expect(median([0.1, 0.1, 0.11, 0.1, 9])).toBe(0.1);
  });
  it('is NaN for no runs (reported as missing, not as zero)', () => {
    expect(median([])).toBeNaN();
  });
  it('does not reorder its input', () => {
    const runs = [3, 1, 2];
    median(runs);
    expect(runs).toEqual([3, 1, 2]);
  });
});

describe('linearFit', () => {
  it('recovers the per-row cost of a straight line', () => {
    const points = [500, 1000, 2000, 5000].map((x) => ({ x, y: 80 + 0.25 * x }));
    const fit = linearFit(points);
    expect(fit.slope).toBeCloseTo(0.25, 10);
    expect(fit.intercept).toBeCloseTo(80, 8);
  });
  it('is NaN with fewer than two distinct points', () => {
    expect(linearFit([{ x: 1, y: 2 }]).slope).toBeNaN();
    expect(linearFit([{ x: 1, y: 2 }, { x: 1, y: 3 }]).slope).toBeNaN();
  });
});

describe('checkTarget', () => {
  it('passes at or under the limit and misses over it', () => {
    expect(checkTarget(TARGETS.pdfVsTypst, 2).status).toBe('pass');
    expect(checkTarget(TARGETS.pdfVsTypst, 2.01).status).toBe('miss');
    expect(checkTarget(TARGETS.pdfSize, 44.9).status).toBe('pass');
  });
  it('never passes a measurement that is missing', () => {
    expect(checkTarget(TARGETS.warmPdf, null).status).toBe('n/a');
    expect(checkTarget(TARGETS.warmPdf, Number.NaN).status).toBe('n/a');
    expect(checkTarget(TARGETS.warmPdf, undefined).value).toBeNull();
  });
  it('holds the limits of issues 10, 11 and 14', () => {
    expect(Object.values(TARGETS).map((t) => `${t.limit} ${t.unit}`)).toEqual([
      '2 ×',
      '2.5 ×',
      '5 ms',
      '8 ms',
      '2 ms',
      '100 MB',
      '45 KB',
      '160 KB',
      '250 KB',
      '0.6 ×',
      '3 s',
      '250 MB',
      '25 /s',
      '4 ×',
      '300 ms',
      '5 s',
    ]);
  });
});

describe('commandLine', () => {
  it('quotes arguments so that a shell splits them back into the same list', () => {
    const args = ['/usr/bin/node', 'dist/cli.js', '--out', "/tmp/a b/it's", '--data', 'data/x.json', ''];
    const echoed = spawnSync('sh', ['-c', `for a in ${commandLine(args)}; do printf '%s\\n' "[$a]"; done`], {
      encoding: 'utf8',
    });
    expect(echoed.stdout.split('\n').slice(0, -1)).toEqual(args.map((a) => `[${a}]`));
  });
});

describe('formatTable', () => {
  it('pads columns to their widest cell and right-aligns numbers', () => {
    const table = formatTable('T', ['name', 'time'], [
      ['pdf', '0.100 s'],
      ['all three', '12.000 s'],
    ]).split('\n');
    expect(table[0]).toBe('T');
    expect(table[3]).toBe('pdf         0.100 s');
    expect(table[4]).toBe('all three  12.000 s');
  });
});

describe('cold-phases (the bench child that times one cold build)', () => {
  it('runs against the compiled package for every format and reports every phase', () => {
    // Catches a change of the pipeline or renderer API that would break `npm run bench` (no timing asserted).
    const script = join(compiledPackage(), 'dist', 'bench', 'cold-phases.js');
    for (const format of ['pdf', 'docx', 'html']) {
      const child = spawnSync(process.execPath, [script, format], { encoding: 'utf8' });
      expect(child.stderr, format).toBe('');
      const phases = JSON.parse(child.stdout) as Record<string, number>;
      expect(Object.keys(phases)).toEqual(PHASES);
      expect(Object.values(phases).every((ms) => Number.isFinite(ms) && ms >= 0), format).toBe(true);
    }
  }, 120_000);
});
