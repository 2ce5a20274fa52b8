// Compiles the package once per test run, the way `npm run build` does (tsc into dist/, then the esbuild bundle of
// the CLI into dist/bin), into a folder of this run's own temp folder. The copy holds links to the repository's
// templates/, data/ and node_modules/ from the start, so the bundler resolves esbuild and the package's
// dependencies exactly as in the working tree; nothing is reused from an earlier run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const LINKED = ['templates', 'data', 'node_modules'] as const;

export function compilePackage(repoRoot: string, target: string): void {
  mkdirSync(target, { recursive: true, mode: 0o755 });
  writeFileSync(join(target, 'package.json'), readFileSync(join(repoRoot, 'package.json')));
  for (const linked of LINKED) symlinkSync(join(repoRoot, linked), join(target, linked));

  const dist = join(target, 'dist');
  const tsc = spawnSync(process.execPath, [join(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', join(repoRoot, 'tsconfig.json'), '--outDir', dist], {
    encoding: 'utf8',
  });
  // The type check of src and test runs before vitest (npm test); here only a missing output stops the run.
  if (!existsSync(join(dist, 'cli.js'))) throw new Error(`tsc did not produce dist/cli.js:\n${tsc.stdout}${tsc.stderr}`);

  const bundle = spawnSync(
    process.execPath,
    [
      '--input-type=module',
      '-e',
      `const { bundleCli } = await import(${JSON.stringify(join(dist, 'bundle/index.js'))});
       await bundleCli({ packageRoot: ${JSON.stringify(repoRoot)}, outDir: ${JSON.stringify(join(dist, 'bin'))} });`,
    ],
    { encoding: 'utf8', cwd: target },
  );
  if (bundle.status !== 0) throw new Error(`bundling the CLI failed:\n${bundle.stdout}${bundle.stderr}`);
}
