// Bugs in the PDF text engine found by the hostile-input property tests (test/property.test.ts) under other seeds.
// Each runs in fresh processes so no earlier render changes it. A bug still open is an `it.fails` (it passes
// while the bug is there); a fixed one is a plain `it`, kept as a regression test.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { DEFAULT_DATA_FILE } from '../src/package-root.js';
import { compiledPackage, compiledPackageWorkDir, runBriefing } from './helpers/cli.js';
import { describeWithCliTools, extractedPages } from './helpers/cli-pdf.js';

const workDir = compiledPackageWorkDir('briefing-known-bugs-');

/** The real dataset (without its article link) with one field replaced, written to `name`.json. */
function dataset(name: string, path: (string | number)[], text: string): string {
  const data = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as Record<string, unknown> & { publication: { article?: string } };
  delete data.publication.article;
  let node = data as Record<string | number, unknown>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = text;
  const file = join(workDir(), `${name}.json`);
  writeFileSync(file, JSON.stringify(data));
  return file;
}

/** Builds the PDFs of `dataFiles` one after another in one process (as warm renders do); returns their text. */
function renderInOneProcess(dataFiles: string[]): string[] {
  const dist = join(compiledPackage(), 'dist');
  const script = `
    const { runBuild, defaultStages } = await import(${JSON.stringify(join(dist, 'cli/build.js'))});
    const { TEMPLATE_DIR } = await import(${JSON.stringify(join(dist, 'package-root.js'))});
    for (const [index, dataFile] of JSON.parse(process.argv[1]).entries()) {
      await runBuild({ dataFile, templates: [{ name: 'briefing.ar', dir: TEMPLATE_DIR }], formats: ['pdf'],
        outDir: ${JSON.stringify(workDir())} + '/one-process-' + index, strict: false }, defaultStages);
    }`;
  execFileSync(process.execPath, ['--input-type=module', '-e', script, JSON.stringify(dataFiles)], { stdio: 'pipe' });
  // Output files are named after the template.
  return dataFiles.map((_, index) => extractedPages(join(workDir(), `one-process-${index}`, 'briefing.ar.pdf')).join('\n'));
}

describeWithCliTools({ pdftotext: 'poppler-utils' }, 'known PDF text-engine bugs (reported)', () => {
  it('after a briefing with `"` under a right-to-left override, the next one in the process keeps `\'` in its copied text (fixed)', () => {
    const first = dataset('quote-under-override', ['communication', 0, 'label', 'ar'], '\u202e"x');
    const second = dataset('apostrophe', ['plans', 10, 'project', 'ar'], "'");
    const [, text] = renderInOneProcess([first, second]);
    expect(text).not.toContain('\ufffd');
    expect(text).toContain("'");
  }, 60_000);

  it('"</td>" + a combining mark in a right-to-left label keeps its ">": the mirrored bracket under the mark copies out as itself (fixed)', async () => {
    dataset('angle-brackets', ['totals', 0, 'label', 'ar'], '\u2067،</td>\u0670');
    const run = await runBriefing(['build', '--data', 'angle-brackets.json', '--format', 'pdf', '--out', 'angle', '--quiet'], { cwd: workDir() });
    expect(run.status).toBe(0);
    expect(extractedPages(join(workDir(), 'angle', 'briefing.ar.pdf')).join('\n')).toContain('>');
  }, 60_000);
});
