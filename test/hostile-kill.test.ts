// A build killed outright (SIGKILL: no handler runs) at many moments, most of them inside the commit, where files
// are renamed into place: the next build into that folder, even one that fails on bad input, first leaves a complete
// set — all the previous files or all the new ones — and no temporary or journal file.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { cliPath, compiledPackageWorkDir, runBriefing } from './helpers/cli.js';

const workDir = compiledPackageWorkDir('briefing-kill-');
const SLOW_RENAMES = fileURLToPath(new URL('./fixtures/kill/slow-renames.mjs', import.meta.url));
const OLD_EPOCH = '1500000000';
const NEW_EPOCH = '1600000000';
const FILES = ['briefing.ar.docx', 'briefing.ar.html', 'briefing.ar.pdf', 'briefing.fr.docx', 'briefing.fr.html', 'briefing.fr.pdf'];

function hashes(dir: string): Record<string, string> {
  return Object.fromEntries(readdirSync(dir).sort().map((name) => [name, createHash('sha256').update(readFileSync(join(dir, name))).digest('hex')]));
}

/** Starts a build of the new set into `out` and SIGKILLs it `afterMs` after the commit starts (or after start). */
function killedBuild(out: string, moment: { afterCommitMs: number } | { afterStartMs: number }): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', SLOW_RENAMES, cliPath(), 'build', '--out', out, '--quiet'], {
      cwd: workDir(),
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', SOURCE_DATE_EPOCH: NEW_EPOCH },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const kill = (ms: number) => setTimeout(() => child.kill('SIGKILL'), ms);
    if ('afterStartMs' in moment) kill(moment.afterStartMs);
    else child.stderr.setEncoding('utf8').on('data', (text: string) => text.includes('commit started') && kill(moment.afterCommitMs));
    child.on('error', reject);
    child.on('exit', () => resolve());
  });
}

describe('a build killed at any moment', () => {
  it('is finished or undone by the next build, even a failing one: never a mixed set, nothing left behind', async () => {
    const build = async (out: string, epoch: string) => {
      const run = await runBriefing(['build', '--out', out, '--quiet'], { cwd: workDir(), env: { SOURCE_DATE_EPOCH: epoch } });
      expect(run.stderr).toBe('');
      return hashes(out);
    };
    const oldDir = join(workDir(), 'old');
    const oldSet = await build(oldDir, OLD_EPOCH);
    const newSet = await build(join(workDir(), 'new'), NEW_EPOCH);
    expect(Object.keys(oldSet).sort()).toEqual(FILES);
    for (const name of FILES) expect(newSet[name], `${name} differs between the two sets`).not.toBe(oldSet[name]);

    // Three renames of 40 ms each: kills every 10 ms across them, and a few before the commit.
    const moments = [
      ...[0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120, 130].map((afterCommitMs) => ({ afterCommitMs })),
      ...[50, 300].map((afterStartMs) => ({ afterStartMs })),
    ];
    const seen = { old: 0, new: 0 };
    for (const moment of moments) {
      const out = join(workDir(), 'out');
      rmSync(out, { recursive: true, force: true });
      cpSync(oldDir, out, { recursive: true });
      await killedBuild(out, moment);

      const next = await runBriefing(['build', '--data', 'missing.json', '--out', out], { cwd: workDir() });
      expect(next.status, JSON.stringify(moment)).toBe(1);
      const after = hashes(out);
      expect(Object.keys(after).sort(), `${JSON.stringify(moment)}: only the briefing's files remain`).toEqual(FILES);
      const complete = JSON.stringify(after) === JSON.stringify(oldSet) ? 'old' : JSON.stringify(after) === JSON.stringify(newSet) ? 'new' : 'mixed';
      expect(complete, `${JSON.stringify(moment)}: the folder holds one complete set`).not.toBe('mixed');
      seen[complete as 'old' | 'new'] += 1;
    }
    // The kills did land on both sides of the commit point.
    expect(seen.old).toBeGreaterThan(0);
    expect(seen.new).toBeGreaterThan(0);
  }, 180_000);
});
