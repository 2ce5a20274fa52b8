// Two builds of the same input give byte-identical PDF, DOCX and HTML — in another time zone and locale, seconds
// apart, from another folder — and the document date comes from the dataset or SOURCE_DATE_EPOCH, never the clock.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { compiledPackageWorkDir, runBriefing } from './helpers/cli.js';
import { describeWithCliTools } from './helpers/cli-pdf.js';
import { zipEntries } from './helpers/cli-zip.js';

const FILES = ['briefing.ar.pdf', 'briefing.ar.docx', 'briefing.ar.html'];
const workDir = compiledPackageWorkDir('briefing-reproducible-');

async function build(name: string, env: Record<string, string>): Promise<Record<string, Buffer>> {
  const cwd = join(workDir(), name);
  mkdirSync(cwd, { recursive: true });
  const run = await runBriefing(['build', '--quiet', '--out', 'out'], { cwd, env });
  expect(run.stderr, `${name}: stderr`).toBe('');
  expect(run.status, `${name}: exit status`).toBe(0);
  return Object.fromEntries(FILES.map((file) => [file, readFileSync(join(cwd, 'out', file))]));
}

function expectIdentical(a: Record<string, Buffer>, b: Record<string, Buffer>) {
  for (const file of FILES) {
    expect(a[file]!.length, `${file} is empty`).toBeGreaterThan(0);
    expect(a[file]!.equals(b[file]!), `${file} differs between builds`).toBe(true);
  }
}

/** The DOCX's core.xml: where Word keeps the created and modified dates. */
const coreXml = (docx: Buffer) => zipEntries(docx).get('docProps/core.xml')?.toString('utf8') ?? '';

describe('reproducible builds', () => {
  it('are byte-identical across time zones, locales and the clock', async () => {
    const started = Date.now();
    const first = await build('utc-c', { TZ: 'UTC', LANG: 'C', LC_ALL: 'C' });
    // ZIP entry times have a two-second resolution: leave at least that between the builds.
    await sleep(Math.max(0, 2100 - (Date.now() - started)));
    const second = await build('kiritimati-ar', { TZ: 'Pacific/Kiritimati', LANG: 'ar_MA.UTF-8', LC_ALL: 'ar_MA.UTF-8' });
    const third = await build('la-fr', { TZ: 'America/Los_Angeles', LANG: 'fr_FR.UTF-8' });
    expectIdentical(first, second);
    expectIdentical(first, third);
  }, 120_000);
});

/** The PDF's creation date as pdfinfo reads it (ISO 8601). */
function pdfCreationDate(pdf: Buffer): string {
  const file = join(workDir(), `probe-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  return /^CreationDate:\s*(\S+)/m.exec(execFileSync('pdfinfo', ['-isodates', file], { encoding: 'utf8' }))?.[1] ?? '';
}

describeWithCliTools({ pdfinfo: 'poppler-utils' }, 'the document date', () => {
  it('comes from SOURCE_DATE_EPOCH when it is set, and the build still reproduces', async () => {
    const epoch = { SOURCE_DATE_EPOCH: '1000000000' }; // 2001-09-09T01:46:40Z
    const [first, second, fromDataset] = await Promise.all([
      build('epoch-1', { ...epoch, TZ: 'Asia/Tokyo' }),
      build('epoch-2', { ...epoch, TZ: 'America/Sao_Paulo', LANG: 'pt_BR.UTF-8' }),
      build('dataset-date', { TZ: 'UTC' }),
    ]);
    expectIdentical(first, second);
    expect(pdfCreationDate(first['briefing.ar.pdf']!)).toMatch(/^2001-09-09T01:46:40/);
    expect(coreXml(first['briefing.ar.docx']!)).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2001-09-09T01:46:40');
    // Without it, the dataset's date (the article's: 22 December 2017, 14:00) is the document date.
    expect(pdfCreationDate(fromDataset['briefing.ar.pdf']!)).toMatch(/^2017-12-22T14:00:00/);
    expect(coreXml(fromDataset['briefing.ar.docx']!)).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-12-22T14:00:00');
  }, 120_000);
});
