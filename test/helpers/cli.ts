// Runs the real `briefing` command in a child process, as `npx briefing` would: the package compiled by tsc
// into dist/, beside the package's package.json, templates/, data/ and node_modules/.
//
// The compiled copy is made once per test run by the global setup (test/setup/global.ts), in the run's own temp
// folder, and removed when the run ends.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, inject } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The folder of this run's compiled copy of the package; its CLI is dist/cli.js. */
export function compiledPackage(): string {
  return inject('compiledPackage');
}

/**
 * A temporary folder for the builds of the enclosing suite: made before the suite's tests, removed after them. Call it where hooks go; the function it
 * returns gives the folder's path from the hooks and tests on.
 */
export function compiledPackageWorkDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (dir === undefined) throw new Error(`the ${prefix} work folder is made before the tests: ask for it in a hook or a test`);
    return dir;
  };
}

export function cliPath(): string {
  return join(compiledPackage(), 'dist', 'cli.js');
}

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  cwd: string;
  /** Added to a clean environment (PATH and HOME only, so the host's TZ, LANG or SOURCE_DATE_EPOCH never leak in). */
  env?: Record<string, string>;
  /** Node options before the script (e.g. --import a module-load tracer). */
  nodeArgs?: string[];
  /** Run as this user (tests that need permissions to bite when they run as root). */
  uid?: number;
  gid?: number;
}

/** Runs `briefing ...args` and resolves when it exits (asynchronous, so parallel runs can overlap). */
export function runBriefing(args: readonly string[], options: CliRunOptions): Promise<CliRun> {
  const cli = cliPath();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...(options.nodeArgs ?? []), cli, ...args], {
      cwd: options.cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? tmpdir(), ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.gid ?? options.uid }),
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Every file in a folder (recursively) with its bytes' hash and mtime: to assert a failed build changed nothing. */
export function snapshotFolder(dir: string): Record<string, string> {
  if (!existsSync(dir)) return {};
  const snapshot: Record<string, string> = {};
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const path = join(entry.parentPath, entry.name);
    const key = relative(dir, path);
    if (entry.isDirectory()) snapshot[key] = 'dir';
    else snapshot[key] = `${createHash('sha256').update(readFileSync(path)).digest('hex')} ${statSync(path).mtimeMs}`;
  }
  return snapshot;
}

