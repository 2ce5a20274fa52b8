// 5 000 plan rows (the benchmark's generated dataset) build into a correct multi-page table: every row there
// once and in order, the header row repeated at the top of the table on every page, "صفحة N من M" right on
// every page; the DOCX and HTML hold every row under a repeating header. Not timed: `npm run bench` measures.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { LARGE_PLAN_ROWS, writeLargeDataset } from '../src/bench/large-dataset.js';
import { compiledPackageWorkDir, runBriefing } from './helpers/cli.js';
import { describeWithCliTools, extractedPages } from './helpers/cli-pdf.js';
import { zipEntries } from './helpers/cli-zip.js';

const ROWS = LARGE_PLAN_ROWS;
/** The plans table's header cells, as the template writes them. */
const HEADER = ['المشروع', 'المجال', 'المكان', 'العدد'];

let pdfPages: string[] = [];
let docx: Buffer;
let html: string;

/** pdftotext wraps runs in bidi embedding marks; the checks read the characters only. */
const withoutMarks = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describeWithCliTools({ pdftotext: 'poppler-utils' }, 'a 5 000-row plan table', () => {
  const workDir = compiledPackageWorkDir('briefing-scale-');
  beforeAll(async () => {
    writeLargeDataset(join(workDir(), 'large.json'), ROWS);
    const run = await runBriefing(['build', '--data', 'large.json', '--out', 'out', '--quiet'], { cwd: workDir() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    pdfPages = extractedPages(join(workDir(), 'out/briefing.ar.pdf')).map(withoutMarks);
    docx = readFileSync(join(workDir(), 'out/briefing.ar.docx'));
    html = readFileSync(join(workDir(), 'out/briefing.ar.html'), 'utf8');
  }, 300_000);

  it('runs over many pages, each numbered "صفحة N من M" with the right N and M', () => {
    const total = pdfPages.length;
    expect(total).toBeGreaterThan(50);
    const labels = pdfPages.map((text) => /صفحة\s*(\d+)\s*من\s*(\d+)/.exec(text)?.slice(1).map(Number));
    expect(labels).toEqual(pdfPages.map((_, index) => [index + 1, total]));
  });

  it('holds every row once, in order, with the header row at the top of the table on every page', () => {
    // The table starts at its first header row; the running header (first line) and footer lines are not rows.
    const firstPage = pdfPages.findIndex((text) => text.includes(HEADER[0]!));
    expect(firstPage).toBeGreaterThanOrEqual(0);
    // Row n's project ends in "(n)": follow 1..5000 through the digit runs of each page's table, in order.
    let expected = 1;
    let pagesWithRows = 0;
    pdfPages.slice(firstPage).forEach((text, offset) => {
      const page = firstPage + offset + 1;
      const lines = text.split('\n');
      const pageBody = lines.slice(1).filter((line) => !/صفحة\s*\d+\s*من|المصدر/.test(line)).join('\n');
      // On the table's first page, what comes before its header is another part of the briefing.
      const body = offset === 0 ? pageBody.slice(pageBody.indexOf(HEADER[0]!)) : pageBody;
      const headerAt = body.indexOf(HEADER[0]!);
      let firstRowAt = -1;
      for (const match of body.matchAll(/\d+/g)) {
        if (Number(match[0]) !== expected || expected > ROWS) continue;
        if (firstRowAt < 0) firstRowAt = match.index;
        expected += 1;
      }
      if (firstRowAt < 0) return;
      pagesWithRows += 1;
      for (const cell of HEADER) expect(body.indexOf(cell), `page ${page}: header cell ${cell}`).toBeGreaterThanOrEqual(0);
      expect(headerAt, `page ${page}: the header row comes before the first row`).toBeGreaterThanOrEqual(0);
      expect(headerAt, `page ${page}: the header row comes before the first row`).toBeLessThan(firstRowAt);
    });
    expect(expected - 1, 'rows found, in order').toBe(ROWS);
    expect(pagesWithRows).toBeGreaterThan(50);
  });

  it('DOCX and HTML hold every row, under a header row that repeats', () => {
    const documentXml = zipEntries(docx).get('word/document.xml')!.toString('utf8');
    // Runs split by direction: read the text with the markup taken out.
    const documentText = documentXml.replace(/<[^>]+>/g, '');
    expect(documentXml.match(/<w:tr[ >]/g)!.length).toBeGreaterThan(ROWS);
    expect(documentXml).toMatch(/<w:tblHeader\/>/);
    for (const row of [1, 2500, ROWS]) {
      expect(documentText, `DOCX row ${row}`).toContain(`(${row})`);
      expect(html, `HTML row ${row}`).toContain(`(${row})`);
    }
    expect(html.match(/<tr[ >]/g)!.length).toBeGreaterThan(ROWS);
    expect(html).toContain('<thead');
  });
});
