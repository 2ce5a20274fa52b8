// The esbuild bundle of the CLI (src/bundle) must be the same program as the tsc build, only quicker to start:
// the same bytes for every format, the same errors, and pdfkit still finding its data files.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
  bundledCli = join(binDir, 'briefing.js');
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

  it('is a small entry with the renderers in their own chunks, loaded only when asked for', () => {
    const chunks = readdirSync(binDir);
    for (const renderer of ['pdf', 'docx', 'html']) expect(chunks.some((file) => file.startsWith(`${renderer}-`))).toBe(true);
    const entry = readFileSync(bundledCli, 'utf8');
    expect(entry.length).toBeLessThan(64 * 1024);
    // pdfkit's file header, "%PDF-", lives in the PDF chunk, not in the entry every build loads.
    expect(entry).not.toContain('%PDF-');
    const pdfChunk = chunks.find((file) => file.startsWith('pdf-'))!;
    expect(readFileSync(join(binDir, pdfChunk), 'utf8')).toContain('%PDF-');
  });
});
