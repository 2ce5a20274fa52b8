// Runs the real `briefing` command in a child process, as `npx briefing` would: the package compiled by tsc
// into dist/, beside the package's package.json, templates/, data/ and node_modules/.
//
// The compiled copy lives in the system temp folder (never the shared working tree), keyed by a hash of the
// sources, so test files running in parallel share one compile and a source change triggers a new one.
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
    .sort();
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const inputs = [...filesUnder(join(REPO_ROOT, 'src')), join(REPO_ROOT, 'package.json'), join(REPO_ROOT, 'tsconfig.json'), fileURLToPath(import.meta.url)];
  for (const file of inputs) {
    hash.update(relative(REPO_ROOT, file)).update('\0').update(readFileSync(file)).update('\0');
  }
  return hash.digest('hex').slice(0, 16);
}

let packageDir: string | undefined;

/** The folder of a compiled copy of the package (built on first use); its CLI is dist/cli.js. */
export function compiledPackage(): string {
  if (packageDir) return packageDir;
  const target = join(tmpdir(), `briefing-cli-${sourceHash()}`);
  if (!existsSync(join(target, 'dist', 'cli.js'))) {
    const partial = `${target}.partial-${process.pid}`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true, mode: 0o755 });
    // Type errors (a colleague's file mid-edit) do not stop tsc from emitting; a missing cli.js does.
    const tsc = spawnSync(process.execPath, [join(REPO_ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(REPO_ROOT, 'tsconfig.json'), '--outDir', join(partial, 'dist')], {
      encoding: 'utf8',
    });
    if (!existsSync(join(partial, 'dist', 'cli.js'))) {
      throw new Error(`tsc did not produce dist/cli.js:\n${tsc.stdout}${tsc.stderr}`);
    }
    // The bin entry (`npx briefing`) is the esbuild bundle in dist/bin, made by the compiled bundler.
    const bundle = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', `const { bundleCli } = await import(${JSON.stringify(join(partial, 'dist/bundle/index.js'))});
        await bundleCli({ packageRoot: ${JSON.stringify(REPO_ROOT)}, outDir: ${JSON.stringify(join(partial, 'dist/bin'))} });`],
      { encoding: 'utf8' },
    );
    if (bundle.status !== 0) throw new Error(`bundling the CLI failed:\n${bundle.stdout}${bundle.stderr}`);
    writeFileSync(join(partial, 'package.json'), readFileSync(join(REPO_ROOT, 'package.json')));
    for (const linked of ['templates', 'data', 'node_modules']) symlinkSync(join(REPO_ROOT, linked), join(partial, linked));
    try {
      renameSync(partial, target);
    } catch {
      // Another test file finished the same compile first; use its copy.
      rmSync(partial, { recursive: true, force: true });
    }
  }
  packageDir = target;
  return target;
}

/**
 * A temporary folder for the builds of the enclosing suite, with the compiled package ready (its first compile
 * takes a while): made before the suite's tests, removed after them. Call it where hooks go; the function it
 * returns gives the folder's path from the hooks and tests on.
 */
export function compiledPackageWorkDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    compiledPackage();
    dir = mkdtempSync(join(tmpdir(), prefix));
  }, 120_000);
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

