// Many briefings in one run (issue 14): datasets from repeated --data and from patterns the CLI expands itself,
// each into OUT/<name>/, over worker threads; a bad dataset fails alone; shards partition the sorted list.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { shardOf } from '../src/cli/args.js';
import { progressLine } from '../src/cli/command.js';
import { compiledPackageWorkDir, REPO_ROOT, runBriefing, snapshotFolder } from './helpers/cli.js';

describe('shards', () => {
  it('partition the sorted list exactly: every dataset in one shard, in order, sizes within one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 40 }), (files, count) => {
        const list = Array.from({ length: files }, (_, i) => `d${String(i).padStart(4, '0')}.json`);
        const shards = Array.from({ length: count }, (_, k) => shardOf(list, { index: k + 1, count }));
        expect(shards.flat()).toEqual(list);
        const sizes = shards.map((shard) => shard.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('say count, rate and ETA on the progress line', () => {
    expect(progressLine(12, 100, 2000)).toBe('12/100 briefings · 6.0/s · ETA 15 s');
  });
});

const workDir = compiledPackageWorkDir('briefing-batch-');

/** Datasets named after regions, the real one with a title of their own (and no article: its quotes stay valid). */
function writeDatasets(dir: string, names: readonly string[], bad: readonly string[] = []): void {
  mkdirSync(dir, { recursive: true });
  const base = JSON.parse(readFileSync(join(REPO_ROOT, 'data/dgsn-2017.json'), 'utf8')) as { publication: { article?: string; title: string }; documents: { value: number }[] };
  delete base.publication.article;
  for (const name of [...names, ...bad]) {
    const data = structuredClone(base);
    data.publication.title += ` — ${name}`;
    if (bad.includes(name)) data.documents[0]!.value = -1;
    writeFileSync(join(dir, `${name}.json`), JSON.stringify(data));
  }
}

describe('briefing build with many datasets', () => {
  it('expands a pattern itself, builds each dataset into its own folder, and a bad one fails alone (exit 1)', async () => {
    const cwd = join(workDir(), 'pattern');
    writeDatasets(join(cwd, 'batches'), ['north', 'south', 'east'], ['broken']);
    const run = await runBriefing(['build', '--data', 'batches/*.json', '--format', 'pdf,html', '--jobs', '2'], { cwd });
    expect(run.status).toBe(1);
    expect(readdirSync(join(cwd, 'output')).sort()).toEqual(['east', 'north', 'south']);
    for (const name of ['east', 'north', 'south']) expect(readdirSync(join(cwd, 'output', name)).sort()).toEqual(['briefing.ar.html', 'briefing.ar.pdf', 'briefing.fr.html', 'briefing.fr.pdf']);
    expect(run.stderr).toContain('batches/broken.json: $.documents[0].value: must not be negative (it counts things)');
    expect(run.stderr).toMatch(/built 3 of 4 briefings \(12 files\) into output\/ in [\d.]+ s \([\d.]+\/s\); 1 failed \(their folders are as they were\): batches\/broken\.json/);
    // Not a terminal: one plain line per briefing, in the order they finished.
    expect(run.stdout.split('\n').filter(Boolean).sort()).toEqual([
      'FAILED batches/broken.json → output/broken/',
      'built batches/east.json → output/east/ (4 files)',
      'built batches/north.json → output/north/ (4 files)',
      'built batches/south.json → output/south/ (4 files)',
    ]);
  }, 120_000);

  it('takes --data more than once, in one thread with --jobs 1, quiet with --quiet', async () => {
    const cwd = join(workDir(), 'repeated');
    writeDatasets(cwd, ['a', 'b']);
    const run = await runBriefing(['build', '--data', 'b.json', '--data', 'a.json', '--format', 'html', '--jobs', '1', '--quiet'], { cwd });
    expect(run).toMatchObject({ status: 0, stdout: '', stderr: '' });
    expect(readdirSync(join(cwd, 'output')).sort()).toEqual(['a', 'b']);
  }, 120_000);

  it('builds with --shard K/N only its slice; all the shards together build every dataset once', async () => {
    const cwd = join(workDir(), 'shards');
    writeDatasets(join(cwd, 'in'), ['r1', 'r2', 'r3', 'r4', 'r5']);
    const built: string[] = [];
    for (const shard of ['1/3', '2/3', '3/3']) {
      const out = `out-${shard.replace('/', '-of-')}`;
      const run = await runBriefing(['build', '--data', 'in/*.json', '--format', 'html', '--shard', shard, '--out', out], { cwd });
      expect(run.status, run.stderr).toBe(0);
      built.push(...readdirSync(join(cwd, out)));
    }
    expect(built).toEqual(['r1', 'r2', 'r3', 'r4', 'r5']);
  }, 120_000);

  it('refuses two datasets of one name, a bad --jobs or --shard, and a pattern that matches nothing, writing nothing', async () => {
    const cwd = join(workDir(), 'refused');
    writeDatasets(join(cwd, 'x'), ['same']);
    writeDatasets(join(cwd, 'y'), ['same']);
    const before = snapshotFolder(join(cwd, 'output'));
    const cases: [string[], string][] = [
      [['--data', 'x/same.json', '--data', 'y/same.json'], 'command line: --data: x/same.json and y/same.json would both build into same/ (rename one)'],
      [['--data', 'x/*.json', '--jobs', '0'], 'command line: --jobs: "0" is not a number of jobs (a whole number from 1)'],
      [['--data', 'x/*.json', '--shard', '4/3'], 'command line: --shard: "4/3" is not a shard: K/N with 1 ≤ K ≤ N, e.g. 2/4'],
      [['--data', 'z/*.json'], 'command line: --data: "z/*.json" matches no file'],
    ];
    for (const [args, message] of cases) {
      const run = await runBriefing(['build', ...args], { cwd });
      expect(run.status).toBe(1);
      expect(run.stderr.split('\n')[0]).toBe(message);
    }
    expect(snapshotFolder(join(cwd, 'output'))).toEqual(before);
  }, 120_000);
});
