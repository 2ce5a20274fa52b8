// The esbuild bundle of the CLI (src/bundle) must be the same program as the tsc build, only quicker to start:
// the same bytes for every format, the same errors, and pdfkit still finding its data files; its code cache is
// taken by V8, and a missing or damaged one costs only speed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shebangNodeFlags } from '../src/bundle/shebang.js';
import { CODE_CACHE_FILE, ENTRY_FILE, PROGRAM_FILE, WRITE_CODE_CACHE_ENV } from '../src/bundle/code-cache.js';
import { writeLargeDataset } from '../src/bench/large-dataset.js';
import { isLongBuildDataset } from '../src/cli/optimizing-compiler.js';
import { cliPath, compiledPackage } from './helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'bundle-test-'));
/** The bundle beside the tsc build in the compiled package, laid out like an installed one (package.json,
 *  templates, data and node_modules beside dist/bin). */
let binDir: string;
let bundledCli: string;
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, SOURCE_DATE_EPOCH: '1513951200' };

function run(cli: string, args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: work, env, encoding: 'utf8' });
}

beforeAll(() => {
  binDir = join(compiledPackage(), 'dist', 'bin');
  bundledCli = join(binDir, ENTRY_FILE);
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('the bundled CLI', () => {
  it('writes byte-for-byte the briefings the tsc build writes', () => {
    const fromBundle = run(bundledCli, ['build', '--quiet', '--out', join(work, 'bundled')]);
    expect(fromBundle.stderr).toBe('');
    expect(fromBundle.status).toBe(0);
    const fromTsc = run(cliPath(), ['build', '--quiet', '--out', join(work, 'tsc')]);
    expect(fromTsc.status).toBe(0);
    const files = readdirSync(join(work, 'tsc')).sort();
    expect(files).toEqual(['briefing.ar.docx', 'briefing.ar.html', 'briefing.ar.pdf', 'briefing.fr.docx', 'briefing.fr.html', 'briefing.fr.pdf']);
    expect(readdirSync(join(work, 'bundled')).sort()).toEqual(files);
    for (const file of files) {
      expect(readFileSync(join(work, 'bundled', file)).equals(readFileSync(join(work, 'tsc', file))), file).toBe(true);
    }
  }, 120_000);

  it('reports bad input as the tsc build does: one line, exit 1, no stack trace', () => {
    const fromBundle = run(bundledCli, ['build', '--data', 'missing.json', '--out', join(work, 'bad')]);
    const fromTsc = run(cliPath(), ['build', '--data', 'missing.json', '--out', join(work, 'bad')]);
    expect(fromBundle.status).toBe(1);
    expect(fromBundle.stderr).toBe(fromTsc.stderr);
    expect(fromBundle.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('reports a template error with its line as the tsc build does (Handlebars without source-map)', () => {
    const template = join(work, 'broken.hbs');
    writeFileSync(template, '<html lang="ar" dir="rtl">\n<body>\n{{#if publication}}\n<p>unclosed</p>\n</body></html>\n');
    const fromBundle = run(bundledCli, ['build', '--template', template, '--out', join(work, 'bad')]);
    const fromTsc = run(cliPath(), ['build', '--template', template, '--out', join(work, 'bad')]);
    expect(fromTsc.status).toBe(1);
    expect(fromBundle.status).toBe(1);
    expect(fromBundle.stderr).toBe(fromTsc.stderr);
    expect(fromBundle.stderr).toMatch(/broken\.hbs/);
  }, 60_000);

  /** What V8 makes of a code cache under the entry's own Node flags, as `npx briefing` runs it (V8 refuses a cache
   *  made under other flags). */
  function cacheStatus(cache: string): string {
    const check = spawnSync(
      process.execPath,
      [
        ...shebangNodeFlags(bundledCli),
        '--input-type=module',
        '-e',
        `const { compileProgram } = await import(${JSON.stringify(join(compiledPackage(), 'dist', 'bundle', 'code-cache.js'))});
         process.stdout.write(compileProgram(${JSON.stringify(join(binDir, PROGRAM_FILE))}, ${JSON.stringify(cache)}).status);`,
      ],
      { encoding: 'utf8', env },
    );
    expect(check.stderr).toBe('');
    return check.stdout;
  }

  it('writes a code cache V8 takes after a long build too, whose optimising compiler was switched on', () => {
    const data = writeLargeDataset(join(work, 'long.json'), 300);
    expect(isLongBuildDataset(data)).toBe(true);
    const cache = join(work, 'long.code-cache');
    const result = spawnSync(process.execPath, [...shebangNodeFlags(bundledCli), bundledCli, 'build', '--quiet', '--format', 'html', '--data', data, '--out', join(work, 'long')], {
      encoding: 'utf8',
      env: { ...env, [WRITE_CODE_CACHE_ENV]: cache },
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(cacheStatus(cache)).toBe('accepted');
  }, 60_000);

  it('is a small entry that runs the program from the code cache the bundle step wrote, which V8 takes', () => {
    const entry = readFileSync(bundledCli, 'utf8');
    expect(entry.length).toBeLessThan(8 * 1024);
    // pdfkit's code that writes the file header lives in the program, not in the entry, and once (one build of
    // pdfkit: not also its CommonJS one).
    const writesHeader = '`%PDF-${';
    expect(entry).not.toContain(writesHeader);
    expect(readFileSync(join(binDir, PROGRAM_FILE), 'utf8').split(writesHeader).length - 1).toBe(1);
    expect(cacheStatus(join(binDir, CODE_CACHE_FILE))).toBe('accepted');
  }, 60_000);

  it('still builds the same briefing without its code cache, or with a damaged one', () => {
    const cache = join(binDir, CODE_CACHE_FILE);
    const saved = readFileSync(cache);
    try {
      for (const [name, damage] of [
        ['missing', () => rmSync(cache)],
        ['damaged', () => writeFileSync(cache, saved.subarray(0, saved.length >> 1))],
      ] as const) {
        damage();
        const out = join(work, `cache-${name}`);
        const result = run(bundledCli, ['build', '--quiet', '--template', 'briefing.ar', '--format', 'pdf', '--out', out]);
        expect(result.stderr, name).toBe('');
        expect(result.status, name).toBe(0);
        expect(readFileSync(join(out, 'briefing.ar.pdf')).equals(readFileSync(join(work, 'tsc', 'briefing.ar.pdf'))), name).toBe(true);
      }
    } finally {
      writeFileSync(cache, saved);
    }
  }, 60_000);
});
