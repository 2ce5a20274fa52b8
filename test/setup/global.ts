// Vitest global setup: one temp folder for the whole run, made fresh and removed at the end.
// - TMPDIR points into it, for this process and every test worker, so no test reads what an earlier run left in
//   the system temp folder, and a folder a test forgets to remove is caught: the run fails, naming it.
// - The package is compiled once into it (see compiled-package.ts) and handed to the tests by `inject`.
import { chmodSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { compilePackage } from './compiled-package.js';

declare module 'vitest' {
  export interface ProvidedContext {
    compiledPackage: string;
  }
}

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PACKAGE_FOLDER = 'compiled-package';

export default function setup(project: TestProject): () => void {
  const restoreTempFolder = enterableTempFolder();
  const runTemp = mkdtempSync(join(tmpdir(), 'briefing-test-run-'));
  // Open to the unprivileged user that the read-only-folder test runs the package as (when the tests run as root).
  chmodSync(runTemp, 0o755);
  const previousTmpdir = process.env.TMPDIR;
  process.env.TMPDIR = runTemp;

  const packageDir = join(runTemp, PACKAGE_FOLDER);
  compilePackage(REPO_ROOT, packageDir);
  project.provide('compiledPackage', packageDir);

  return () => {
    rmSync(packageDir, { recursive: true, force: true });
    const leftBehind = readdirSync(runTemp);
    rmSync(runTemp, { recursive: true, force: true });
    if (previousTmpdir === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previousTmpdir;
    restoreTempFolder();
    if (leftBehind.length > 0) {
      // Vitest reports an error thrown here but still exits 0, so the exit status is set as well.
      process.exitCode = 1;
      throw new Error(`tests left ${leftBehind.length} item(s) in the temp folder (each test removes what it makes): ${leftBehind.sort().join(', ')}`);
    }
  };
}

/**
 * Run as root, one test drops to an unprivileged user (root ignores a read-only folder), who must reach the package
 * compiled into the temp folder: a private one (`mktemp -d` makes it 700) is opened for passing through (o+x, not
 * for listing) while the tests run. Returns what puts its mode back.
 */
function enterableTempFolder(): () => void {
  const folder = tmpdir();
  if (process.getuid?.() !== 0) return () => undefined;
  const mode = statSync(folder).mode & 0o7777;
  if ((mode & 0o001) !== 0) return () => undefined;
  chmodSync(folder, mode | 0o001);
  return () => chmodSync(folder, mode);
}
