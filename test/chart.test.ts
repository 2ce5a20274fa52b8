// Charts (issue 13): the default briefings chart the 2017 documents; the numbers are the dataset's in the PDF, the
// HTML and the DOCX; the PDF's labels copy out in logical order and the chart is a tagged Figure with alt text; the
// DOCX's chart is a native chart part Word can edit (content type, relationship, embedded workbook with the same
// numbers) in the edition's language and direction; and the chart's page looks as reviewed.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readBaseDataset } from '../src/bench/large-dataset.js';
import { inlineText } from '../src/model/block-inlines.js';
import type { ChartBlock, DocumentModel } from '../src/model/types.js';
import { DEFAULT_DATA_FILE, TEMPLATE_DIR } from '../src/package-root.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { docxRenderer } from '../src/renderers/docx/index.js';
import { htmlRenderer } from '../src/renderers/html/index.js';
import { pdfRenderer } from '../src/renderers/pdf/index.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';
import { scratchDir } from './helpers/scratch.js';

const editions = ['briefing.ar', 'briefing.fr'] as const;
const modelOf = (template: string) => buildDocumentModel({ dataFile: DEFAULT_DATA_FILE, template, templateDir: TEMPLATE_DIR });
const chartOf = (model: DocumentModel) => model.blocks.find((block): block is ChartBlock => block.kind === 'chart')!;
const plain = (inlines: ChartBlock['caption']) => inlines.map((inline) => inlineText(inline, ' ')).join('');
const noWarnings = { warn: () => {} };

/** Every 2017 document count in the dataset. */
function expectedValues(): number[] {
  return readBaseDataset().documents.map((document) => document.value);
}

describe('the chart block', () => {
  for (const template of editions) {
    it(`${template}: charts the 2017 documents (wholes only), largest first, with the edition's numbers`, () => {
      const chart = chartOf(modelOf(template));
      expect(chart.chart).toBe('bar');
      const values = chart.bars.map((bar) => bar.value);
      expect(values).toEqual([...values].sort((a, b) => b - a));
      for (const value of values) expect(expectedValues()).toContain(value);
      expect(values).toContain(1965644);
      expect(values).toContain(476);
      expect(values).not.toContain(206464); // a part of the identity cards, not a document of its own
      const format = new Intl.NumberFormat(template === 'briefing.ar' ? 'ar-MA' : 'fr');
      for (const bar of chart.bars) expect(bar.display).toBe(format.format(bar.value).replace(/\u200e/g, ''));
      expect(chart.alt).toContain(plain(chart.caption));
      for (const bar of chart.bars) expect(chart.alt).toContain(bar.display);
    });
  }
});

describe('the chart in the HTML', () => {
  it('is inline SVG with the same numbers, real text labels and alt text', async () => {
    for (const template of editions) {
      const model = modelOf(template);
      const chart = chartOf(model);
      const html = strFromU8(await htmlRenderer.render(model, noWarnings));
      const svg = /<svg class="chart-plot"[^]*?<\/svg>/.exec(html)![0];
      expect([...svg.matchAll(/data-value="(\d+)"/g)].map((m) => Number(m[1]))).toEqual(chart.bars.map((bar) => bar.value));
      // Each label as text, in the lines the PDF breaks it into.
      const labels = [...svg.matchAll(/<text class="chart-label"[^>]*>(.*?)<\/text>/g)].map((m) => [...m[1]!.matchAll(/<tspan[^>]*>([^<]*)<\/tspan>/g)].map((t) => t[1]).join(' '));
      expect(labels).toEqual(chart.bars.map((bar) => plain(bar.label)));
      expect(svg).toContain('role="img"');
      expect(svg).toContain(`direction="${model.meta.dir}"`);
    }
  });
});

describe('the chart in the DOCX', () => {
  for (const template of editions) {
    it(`${template}: is a native chart part with its workbook, the dataset's numbers, the edition's language and direction`, async () => {
      const model = modelOf(template);
      const chart = chartOf(model);
      const files = unzipSync(await docxRenderer.render(model, noWarnings));
      const text = (name: string) => strFromU8(files[name]!);
      const override = /<Override [^>]*PartName="\/word\/charts\/chart1\.xml"[^>]*\/>/.exec(text('[Content_Types].xml'))![0];
      expect(override).toContain('ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"');
      expect(text('word/_rels/document.xml.rels')).toMatch(/Type="http:\/\/schemas\.openxmlformats\.org\/officeDocument\/2006\/relationships\/chart" Target="charts\/chart1\.xml"/);
      const workbookPath = /Target="\.\.\/(embeddings\/[^"]+\.xlsx)"/.exec(text('word/charts/_rels/chart1.xml.rels'))![1]!;
      const xml = text('word/charts/chart1.xml');
      expect(xml).toContain(`<c:lang val="${model.meta.lang}"/>`);
      expect(xml).not.toContain('en-US');
      const cached = [...(/<c:val>[^]*?<\/c:val>/.exec(xml)![0]).matchAll(/<c:v>([^<]+)<\/c:v>/g)].map((m) => Number(m[1]));
      expect(cached).toEqual(chart.bars.map((bar) => bar.value));
      const valueAxis = /<c:valAx>[^]*?<\/c:valAx>/.exec(xml)![0];
      expect(valueAxis).toContain(`<c:orientation val="${model.meta.dir === 'rtl' ? 'maxMin' : 'minMax'}"/>`);
      if (model.meta.dir === 'rtl') expect(xml).toContain('<a:pPr rtl="1"');
      const workbook = unzipSync(files[`word/${workbookPath}`]!);
      const sheet = strFromU8(workbook['xl/worksheets/sheet1.xml']!);
      for (const value of chart.bars.map((bar) => bar.value)) expect(sheet).toContain(`<v>${value}</v>`);
      expect(text('word/document.xml')).toContain(`descr="${chart.alt}"`);
    });
  }
});

const noPdfText = missingTool('pdftotext', 'poppler-utils') ?? missingTool('qpdf', 'qpdf');
const noPdfToPpm = missingTool('pdftoppm', 'poppler-utils');

describe.skipIf(noPdfText !== null)('the chart in the PDF', () => {
  for (const template of editions) {
    it(`${template}: draws every bar's label and number, copied out in logical order, in a tagged Figure with alt text`, async () => {
      const model = modelOf(template);
      const chart = chartOf(model);
      const pdf = await pdfRenderer.render(model, noWarnings);
      const extracted = pdftotext(pdf, ['-f', '1', '-l', '1']).replace(/[\u200e\u200f]/g, '');
      // A label wrapped in its column reads on as one text.
      const page = extracted.replace(/[ \n]+/g, ' ');
      const start = page.indexOf(plain(chart.caption));
      expect(start).toBeGreaterThanOrEqual(0);
      // Each label whole and in logical order, the labels in the bars' order; every number there too (poppler
      // reads a row's label and number as blocks of their own, the bar between them).
      let from = start;
      for (const bar of chart.bars) {
        const at = page.indexOf(plain(bar.label), from);
        expect(at, plain(bar.label)).toBeGreaterThan(from);
        from = at;
      }
      const lines = extracted.split('\n').map((line) => line.trim());
      for (const bar of chart.bars) expect(lines, bar.display).toContain(bar.display.replace(/\u202f/g, ' '));
      const dir = scratchDir('chart-pdf-');
      writeFileSync(join(dir, 'in.pdf'), pdf);
      execFileSync('qpdf', ['--qdf', '--object-streams=disable', join(dir, 'in.pdf'), join(dir, 'plain.pdf')]);
      const raw = readFileSync(join(dir, 'plain.pdf')).toString('latin1');
      const figure = /\/Alt ([^\n]+)\n(?:[^\n]*\n){0,12}?[^\n]*\/S \/Figure|\/S \/Figure[^]{0,400}?\/Alt ([^\n]+)/.exec(raw);
      expect(figure, 'a Figure element with /Alt').not.toBeNull();
    });
  }
});

const REFERENCE = new URL('./fixtures/chart/briefing.ar-page1.pgm', import.meta.url);

/** A binary PGM's size and pixels. */
function readPgm(bytes: Buffer): { width: number; height: number; pixels: Buffer } {
  const header = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(bytes.toString('latin1', 0, 40))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: bytes.subarray(header[0].length) };
}

describe.skipIf(noPdfToPpm !== null)('the chart page as reviewed', () => {
  it('renders page 1 of the Arabic PDF (the chart) as the reviewed reference image, within a pixel tolerance', async () => {
    const dir = scratchDir('chart-picture-');
    const file = join(dir, 'briefing.pdf');
    writeFileSync(file, await pdfRenderer.render(modelOf('briefing.ar'), noWarnings));
    execFileSync('pdftoppm', ['-r', '40', '-gray', '-f', '1', '-l', '1', '-singlefile', file, join(dir, 'page')]);
    const rendered = readFileSync(join(dir, 'page.pgm'));
    // UPDATE_REFERENCE=1 writes a new reference, to be looked at before it is committed.
    if (process.env.UPDATE_REFERENCE === '1') writeFileSync(REFERENCE, rendered);
    expect(existsSync(REFERENCE), 'the reference image is committed (UPDATE_REFERENCE=1 makes one)').toBe(true);
    const reference = readPgm(readFileSync(REFERENCE));
    const actual = readPgm(rendered);
    expect([actual.width, actual.height]).toEqual([reference.width, reference.height]);
    let differing = 0;
    for (let i = 0; i < actual.pixels.length; i++) if (Math.abs(actual.pixels[i]! - reference.pixels[i]!) > 48) differing++;
    expect(differing / actual.pixels.length).toBeLessThan(0.005);
  });
});
