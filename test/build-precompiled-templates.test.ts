// The bundle carries the package's templates precompiled, so a normal run loads only the Handlebars runtime; a
// template that no longer reads as it did at bundle time (edited in place, or another file via --template) is
// compiled at run time, with its errors at their line and column as before.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTRY_FILE } from '../src/bundle/code-cache.js';
import { bundleCli } from '../src/bundle/index.js';
import { cliPath, REPO_ROOT } from './helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'precompiled-test-'));
/** An installed-like package whose templates/ is a copy this test may edit. */
const packageDir = join(work, 'package');
const binDir = join(packageDir, 'dist', 'bin');
const bundledCli = join(binDir, ENTRY_FILE);
const compilerFile = join(binDir, 'template-compiler.cjs');
const env = { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: work, SOURCE_DATE_EPOCH: '1513951200' };

function run(cli: string, args: string[]) {
  return spawnSync(process.execPath, [cli, ...args], { cwd: work, env, encoding: 'utf8' });
}

function buildHtml(cli: string, out: string, extra: string[] = []) {
  const result = run(cli, ['build', '--format', 'html', '--quiet', '--out', join(work, out), ...extra]);
  return { ...result, html: result.status === 0 ? readFileSync(join(work, out, readdirSync(join(work, out))[0]!), 'utf8') : '' };
}

/** Runs `action` with the bundle's template compiler moved away: any attempt to compile fails loudly. */
function withoutCompiler<T>(action: () => T): T {
  renameSync(compilerFile, `${compilerFile}.away`);
  try {
    return action();
  } finally {
    renameSync(`${compilerFile}.away`, compilerFile);
  }
}

beforeAll(async () => {
  mkdirSync(packageDir, { recursive: true });
  writeFileSync(join(packageDir, 'package.json'), readFileSync(join(REPO_ROOT, 'package.json')));
  for (const linked of ['data', 'node_modules']) symlinkSync(join(REPO_ROOT, linked), join(packageDir, linked));
  cpSync(join(REPO_ROOT, 'templates'), join(packageDir, 'templates'), { recursive: true });
  await bundleCli({ packageRoot: REPO_ROOT, outDir: binDir });
}, 120_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('precompiled templates in the bundle', () => {
  it('builds the package templates without loading the template compiler, to the same HTML as the tsc build', () => {
    expect(readdirSync(binDir)).toContain('template-compiler.cjs');
    const bundled = withoutCompiler(() => buildHtml(bundledCli, 'plain'));
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
    const fromTsc = buildHtml(cliPath(), 'tsc');
    expect(fromTsc.status).toBe(0);
    expect(bundled.html).toBe(fromTsc.html);
  }, 60_000);

  it('uses them for an unchanged copy passed with --template too (same text, same template)', () => {
    const copy = join(work, 'copy');
    cpSync(join(REPO_ROOT, 'templates'), copy, { recursive: true });
    const bundled = withoutCompiler(() => buildHtml(bundledCli, 'copy-out', ['--template', join(copy, 'briefing.ar.hbs')]));
    expect(bundled.stderr).toBe('');
    expect(bundled.status).toBe(0);
  }, 60_000);

  it('compiles a template edited in place: the edit shows, and a broken edit names its file, line and column', () => {
    const partial = join(packageDir, 'templates', 'partials', 'ar', 'summary.hbs');
    const original = readFileSync(partial, 'utf8');
    try {
      writeFileSync(partial, `<p>سطر مضاف للاختبار</p>\n${original}`);
      const edited = buildHtml(bundledCli, 'edited');
      expect(edited.stderr).toBe('');
      expect(edited.html).toContain('سطر مضاف للاختبار');
      // Without the compiler the edited template cannot be built: proof the precompiled one was not used.
      expect(withoutCompiler(() => buildHtml(bundledCli, 'edited-no-compiler')).status).not.toBe(0);

      writeFileSync(partial, `<p>{{#if year}}</p>\n${original}`);
      const broken = run(bundledCli, ['build', '--format', 'html', '--out', join(work, 'broken')]);
      expect(broken.status).toBe(1);
      expect(broken.stderr).toMatch(/templates\/partials\/ar\/summary\.hbs: line \d+, column \d+: template syntax error/);
      expect(broken.stderr).not.toMatch(/\n\s+at /);
    } finally {
      writeFileSync(partial, original);
    }
  }, 60_000);

  it('compiles an edited copy passed with --template, with the same error messages as the tsc build', () => {
    const copy = join(work, 'edited-copy');
    cpSync(join(REPO_ROOT, 'templates'), copy, { recursive: true });
    const partial = join(copy, 'partials', 'ar', 'key-figures.hbs');
    writeFileSync(partial, readFileSync(partial, 'utf8').replace('{{number', '{{numbr'));
    const args = ['build', '--format', 'html', '--template', join(copy, 'briefing.ar.hbs'), '--out', join(work, 'bad')];
    const fromBundle = run(bundledCli, args);
    const fromTsc = run(cliPath(), args);
    expect(fromBundle.status).toBe(1);
    expect(fromBundle.stderr).toMatch(/key-figures\.hbs: line \d+, column \d+: unknown helper "numbr"/);
    expect(fromBundle.stderr).toBe(fromTsc.stderr);
  }, 60_000);
});

describe('DOCX faces compressed at bundle time', () => {
  const docx = (cli: string, out: string) => {
    const result = run(cli, ['build', '--format', 'docx', '--quiet', '--out', join(work, out)]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    return readFileSync(join(work, out, 'briefing.ar.docx'));
  };

  it('gives the DOCX the tsc build writes, and a damaged file is compressed again, never embedded', () => {
    const folder = join(binDir, 'docx-faces');
    const stored = readdirSync(folder);
    expect(stored.length).toBeGreaterThan(0);
    const fromTsc = docx(cliPath(), 'docx-tsc');
    expect(docx(bundledCli, 'docx-bundled').equals(fromTsc)).toBe(true);
    for (const file of stored) {
      const bytes = readFileSync(join(folder, file));
      writeFileSync(join(folder, file), bytes.subarray(0, bytes.length >> 1));
    }
    expect(docx(bundledCli, 'docx-damaged').equals(fromTsc)).toBe(true);
  }, 60_000);
});

describe('HTML font subsets stored at bundle time', () => {
  it('gives the HTML the tsc build writes, and a damaged or mismatched file is subset again, never embedded', () => {
    const folder = join(binDir, 'font-subsets');
    const stored = readdirSync(folder).sort();
    expect(stored.length).toBeGreaterThan(1);
    const fromTsc = buildHtml(cliPath(), 'subsets-tsc').html;
    expect(fromTsc).toContain('font/ttf;base64,');
    expect(buildHtml(bundledCli, 'subsets-bundled').html).toBe(fromTsc);
    const saved = stored.map((file) => readFileSync(join(folder, file)));
    try {
      // Each file given the next one's contents (another key), then each cut short (a bad checksum).
      stored.forEach((file, i) => writeFileSync(join(folder, file), saved[(i + 1) % saved.length]!));
      expect(buildHtml(bundledCli, 'subsets-mismatched').html).toBe(fromTsc);
      stored.forEach((file, i) => writeFileSync(join(folder, file), saved[i]!.subarray(0, saved[i]!.length - 100)));
      expect(buildHtml(bundledCli, 'subsets-damaged').html).toBe(fromTsc);
    } finally {
      stored.forEach((file, i) => writeFileSync(join(folder, file), saved[i]!));
    }
  }, 60_000);
});

describe('DOCX coverage in the bundle', () => {
  it('warns of a character the embedded face lacks exactly as the tsc build does', () => {
    const data = JSON.parse(readFileSync(join(REPO_ROOT, 'data/dgsn-2017.json'), 'utf8')) as { publication: { article?: string; title: string } };
    delete data.publication.article;
    // An emoji (no face has it) and Latin letters with diacritics (covered): only the first is reported.
    data.publication.title = `${data.publication.title} \u{1F600} Éçà`;
    const dataFile = join(work, 'uncovered.json');
    writeFileSync(dataFile, JSON.stringify(data));
    const args = ['build', '--format', 'docx', '--data', dataFile, '--out', join(work, 'uncovered')];
    expect(readdirSync(join(binDir, 'docx-faces')).some((file) => file.endsWith('.deflate'))).toBe(true);
    const fromBundle = run(bundledCli, args);
    const fromTsc = run(cliPath(), args);
    expect(fromBundle.status).toBe(0);
    expect(fromBundle.stderr).toMatch(/^warning \(docx\): .*uncovered\.json: \$\.publication\.title: no font has 😀 U\+1F600 \(Emoticons\): Word takes it from a system font$/m);
    expect(fromBundle.stderr).toBe(fromTsc.stderr);
  }, 60_000);
});
