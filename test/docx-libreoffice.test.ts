// The Word briefing as LibreOffice lays it out (soffice --convert-to pdf): every paragraph and table cell comes
// back in logical order, tables read from the right, header rows repeat, pages are numbered, and the embedded
// faces are the ones drawn. Skips where LibreOffice is missing; FAILS under CI=true, where .ci/run installs it.
import { strToU8, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BODY_FAMILY } from '../src/fonts/index.js';
import type { ChartBlock, DocumentModel, Inline, TableBlock } from '../src/model/types.js';
import { PAGE, docxRenderer } from '../src/renderers/docx/index.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { briefingModel, longTableModel } from './fixtures/docx/briefing-model.js';
import { longTableModel as numberedTableModel } from './fixtures/pdf/briefing-model.js';
import { expectOneRightEdge, figureWords } from './helpers/figures.js';
import { wordBoxes } from './helpers/pdf.js';
import {
  comparableWords,
  containsInOrder,
  containsSequence,
  convertToPdf,
  docxParts,
  partText,
  pdfFonts,
  pdfPageCount,
  pdfText,
  pdfWords,
  soffice,
  type PdfWord,
} from './helpers/docx.js';

const office = soffice();
const missing = 'missing' in office ? office.missing : undefined;
if (missing && process.env.CI !== 'true') {
  console.warn(`docx-libreoffice tests skipped: ${missing}`);
}

const plain = (inlines: readonly Inline[]) => inlines.map((i) => (i.kind === 'text' ? i.text : ' ')).join('');

interface Converted {
  pdf: string;
  cleanup: () => void;
}

async function convert(model: DocumentModel, name: string): Promise<Converted> {
  if (!('path' in office)) throw new Error(office.missing);
  const docx = await docxRenderer.render(model, { warn: () => {} });
  return convertToPdf(office.path, docx, name);
}

/** The document's words with the running header, footer and page labels taken out (they interrupt a paragraph
 *  that runs onto the next page). */
function bodyWords(pdf: string, model: DocumentModel): string[] {
  const pages = pdfPageCount(pdf);
  const header = comparableWords(model.meta.header);
  const footer = comparableWords(model.meta.footer);
  let words: string[] = [];
  for (let page = 1; page <= pages; page++) {
    let pageWords = comparableWords(pdfText(pdf, page));
    const label = comparableWords(model.meta.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages)));
    // The header is read first on a page, the footer and page label last (the body may quote the same words).
    pageWords = removeSequence(pageWords, header, 'first');
    pageWords = removeSequence(pageWords, label, 'last');
    pageWords = removeSequence(pageWords, footer, 'last');
    words = words.concat(pageWords);
  }
  return words;
}

function removeSequence(words: string[], sequence: string[], which: 'first' | 'last'): string[] {
  const starts = [...words.keys()].filter((i) => sequence.length > 0 && sequence.every((word, j) => words[i + j] === word));
  const at = which === 'first' ? starts[0] : starts.at(-1);
  return at === undefined ? words : [...words.slice(0, at), ...words.slice(at + sequence.length)];
}

interface RowPlace {
  page: number;
  /** Vertical centre of the row's anchor word. */
  y: number;
  /** For each cell, the mean x of its words on the row (NaN for an empty cell). */
  xs: number[];
  /** Words on the row that belong to none of its cells (0 for a table row; running text has more). */
  strangers: number;
}

/**
 * The places where a table row may be drawn: a word of every non-empty cell within `tolerance` points
 * (vertically) of a word of the first non-empty cell.
 */
function rowPlaces(words: readonly PdfWord[], cells: readonly string[], tolerance = 9): RowPlace[] {
  const cellWords = cells.map((cell) => new Set(comparableWords(cell)));
  const comparable = words.map((word) => ({ ...word, key: comparableWords(word.text)[0] ?? '' }));
  const anchorCell = cellWords.find((set) => set.size > 0) ?? new Set<string>();
  const allCellWords = new Set(cellWords.flatMap((set) => [...set]));
  const places: RowPlace[] = [];
  for (const anchor of comparable.filter((word) => anchorCell.has(word.key))) {
    const y = (anchor.yMin + anchor.yMax) / 2;
    const onRow = comparable.filter((w) => w.page === anchor.page && Math.abs((w.yMin + w.yMax) / 2 - y) <= tolerance);
    const xs = cellWords.map((set) => {
      const found = onRow.filter((w) => set.has(w.key));
      return found.length ? found.reduce((sum, w) => sum + (w.xMin + w.xMax) / 2, 0) / found.length : NaN;
    });
    if (!xs.every((x, i) => !Number.isNaN(x) || cellWords[i]!.size === 0)) continue;
    places.push({ page: anchor.page, y, xs, strangers: onRow.filter((w) => !allCellWords.has(w.key)).length });
  }
  return places;
}

/** Where each row of the table is drawn: below one of the places its header row is drawn, on the same page. */
function tablePlaces(words: readonly PdfWord[], table: TableBlock): { cells: string[]; place: RowPlace | undefined }[] {
  const text = (row: TableBlock['body'][number]) => row.cells.map((cell) => plain(cell.inlines));
  const best = (places: RowPlace[]) => [...places].sort((a, b) => a.strangers - b.strangers)[0];
  const heads = table.head.length ? rowPlaces(words, text(table.head[0]!)).filter((place) => place.strangers === 0) : [];
  const below = (place: RowPlace) => !table.head.length || heads.some((head) => head.page === place.page && head.y < place.y);
  return [
    ...table.head.map((row) => ({ cells: text(row), place: best(rowPlaces(words, text(row))) })),
    ...table.body.map((row) => ({ cells: text(row), place: best(rowPlaces(words, text(row)).filter(below)) })),
  ];
}

const runs = missing === undefined || process.env.CI === 'true';

/** Each model, and whether it holds a chart (the fixture holds none; the two briefings do). */
const MODELS: [string, () => DocumentModel, boolean][] = [
  ['the fixture briefing', () => briefingModel, false],
  ['the DGSN 2017 briefing', () => buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' }), true],
  ['the French edition of the DGSN 2017 briefing', () => buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.fr' }), true],
];

describe.runIf(runs).each(MODELS)('%s as DOCX, converted by LibreOffice', (name, makeModel, charted) => {
  let model: DocumentModel;
  let converted: Converted;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but ${missing}: .ci/run installs it`);
    model = makeModel();
    converted = await convert(model, name.replace(/\W+/g, '-'));
  }, 180_000);
  afterAll(() => converted?.cleanup());

  it('shows every paragraph, heading, list item and caption in logical order', () => {
    const words = bodyWords(converted.pdf, model);
    const texts = model.blocks.flatMap((block) => {
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
          return [plain(block.inlines)];
        case 'list':
          return block.items.map(plain);
        case 'figure':
          return [block.value, plain(block.caption)];
        case 'table':
          return [plain(block.caption)];
        case 'chart':
          // LibreOffice draws the native chart: its title and every bar's label (the numbers: next test).
          return [plain(block.caption), ...block.bars.map((bar) => plain(bar.label))];
      }
    });
    expect(texts.length).toBeGreaterThan(10);
    for (const text of texts) expect(containsSequence(words, comparableWords(text), model.meta.dir), text).toBe(true);
  });

  // Declared only for the models that hold a chart, so no run reports it skipped.
  if (charted) it("draws every chart bar's number as the edition writes it, digits left to right (1.965.644, never 446.569.1)", () => {
    const charts = model.blocks.filter((b): b is ChartBlock => b.kind === 'chart');
    expect(charts.length).toBeGreaterThan(0);
    const words = bodyWords(converted.pdf, model);
    const dir = model.meta.dir;
    for (const chart of charts) {
      const caption = comparableWords(plain(chart.caption));
      const start = words.findIndex((_, at) => containsSequence(words.slice(at, at + caption.length), caption, dir));
      expect(start, plain(chart.caption)).toBeGreaterThanOrEqual(0);
      // The chart's own words: its caption, labels and numbers (the same figures are in the text and tables around
      // it, so only this window counts), and a word or two of slack.
      const own = caption.length + chart.bars.reduce((n, bar) => n + comparableWords(plain(bar.label)).length + comparableWords(bar.display).length, 0);
      const drawn = words.slice(start, start + own + 2);
      for (const bar of chart.bars) expect(containsSequence(drawn, comparableWords(bar.display), dir), `${bar.display} in ${drawn.join(' ')}`).toBe(true);
    }
  });

  it('shows every table cell, its words in logical order', () => {
    const words = bodyWords(converted.pdf, model);
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    for (const table of tables) {
      for (const row of [...table.head, ...table.body]) {
        // A cell of several lines is read interleaved with the other cells' lines of its row.
        const slack = row.cells.reduce((n, cell) => n + comparableWords(plain(cell.inlines)).length, 0);
        for (const cell of row.cells) {
          expect(containsInOrder(words, comparableWords(plain(cell.inlines)), slack), plain(cell.inlines)).toBe(true);
        }
      }
    }
  });

  it("draws each table's first column on the start side (right in Arabic, left in French), the others after it in order", () => {
    const rtl = model.meta.dir === 'rtl';
    const words = pdfWords(converted.pdf);
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    let rowsChecked = 0;
    for (const table of tables) {
      for (const { cells, place } of tablePlaces(words, table)) {
        expect(place, `row not found: ${cells.join(' | ')}`).toBeDefined();
        const drawn = place!.xs.filter((x) => !Number.isNaN(x));
        expect(drawn.length, cells.join(' | ')).toBeGreaterThan(1);
        for (let i = 1; i < drawn.length; i++) {
          if (rtl) expect(drawn[i]!, `${cells.join(' | ')}`).toBeLessThan(drawn[i - 1]!);
          else expect(drawn[i]!, `${cells.join(' | ')}`).toBeGreaterThan(drawn[i - 1]!);
        }
        rowsChecked += 1;
      }
    }
    expect(rowsChecked).toBe(tables.reduce((n, t) => n + t.head.length + t.body.length, 0));
  });

  it('starts headings at the start margin (the right one in Arabic, the left one in French)', () => {
    const words = pdfWords(converted.pdf);
    const rtl = model.meta.dir === 'rtl';
    const startMargin = rtl ? (PAGE.width - PAGE.margin.right) / 20 : PAGE.margin.left / 20;
    const headings = model.blocks.filter((b) => b.kind === 'heading');
    expect(headings.length).toBeGreaterThan(3);
    for (const heading of headings) {
      const first = comparableWords(plain(heading.inlines))[0];
      const starts = words.filter((w) => comparableWords(w.text)[0] === first).map((w) => (rtl ? startMargin - w.xMax : w.xMin - startMargin));
      expect(Math.min(...starts.map(Math.abs)), plain(heading.inlines)).toBeLessThan(1.5);
    }
  });

  it('draws with the embedded faces (they are not installed on this machine)', () => {
    const fonts = pdfFonts(converted.pdf);
    expect(fonts).toMatch(/IBMPlexSansArabic-Regular\s.*\byes\b/);
    expect(fonts).toMatch(/IBMPlexSansArabic-Bold\s.*\byes\b/);
    expect(fonts).not.toMatch(/DejaVu|Liberation/);
  });
});

describe.runIf(runs)('a long table as DOCX, converted by LibreOffice', () => {
  let long: Converted;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but ${missing}: .ci/run installs it`);
    long = await convert(longTableModel, 'long');
  }, 180_000);
  afterAll(() => long?.cleanup());

  it('numbers the pages "page X of Y" from the PAGE and NUMPAGES fields', () => {
    const pages = pdfPageCount(long.pdf);
    expect(pages).toBeGreaterThan(1);
    for (let page = 1; page <= pages; page++) {
      const label = longTableModel.meta.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages));
      expect(containsSequence(comparableWords(pdfText(long.pdf, page)), comparableWords(label)), `page ${page}`).toBe(true);
    }
  });

  it("repeats the table's header row at the top of every page it runs onto", () => {
    const table = longTableModel.blocks.find((b): b is TableBlock => b.kind === 'table')!;
    const head = table.head[0]!.cells.map((cell) => plain(cell.inlines));
    const words = pdfWords(long.pdf);
    const pages = pdfPageCount(long.pdf);
    for (let page = 2; page <= pages; page++) {
      const places = rowPlaces(
        words.filter((w) => w.page === page),
        head,
      ).filter((place) => place.strangers === 0);
      expect(places.length, `page ${page}`).toBeGreaterThan(0);
      expect(places[0]!.xs[0]!).toBeGreaterThan(places[0]!.xs[1]!);
      // At the top of the page: just below the top margin, where the page's body begins.
      expect(places[0]!.y, `page ${page}`).toBeLessThan(PAGE.margin.top / 20 + 40);
    }
  });
});

describe.runIf(runs)('the fixture briefing with another face in its Normal style, converted by LibreOffice', () => {
  let restyled: Converted;

  beforeAll(async () => {
    if (!('path' in office)) throw new Error(`CI=true but ${office.missing}: .ci/run installs it`);
    // What a user does in Word: Modify Style > Normal > Font. Nothing else in the file changes.
    const parts = docxParts(await docxRenderer.render(briefingModel, { warn: () => {} }));
    const styles = partText(parts, 'word/styles.xml');
    expect(styles.split(`"${BODY_FAMILY}"`).length - 1).toBe(4); // ascii, hAnsi, cs, eastAsia of Normal, and nowhere else
    parts.set('word/styles.xml', strToU8(styles.replaceAll(`"${BODY_FAMILY}"`, '"DejaVu Sans"')));
    restyled = convertToPdf(office.path, zipSync(Object.fromEntries(parts)), 'restyled');
  }, 180_000);
  afterAll(() => restyled?.cleanup());

  it('draws every heading, paragraph, table, header and footer in the new face', () => {
    const fonts = pdfFonts(restyled.pdf);
    expect(fonts).toMatch(/DejaVuSans\s/);
    expect(fonts).toMatch(/DejaVuSans-Bold\s/);
    expect(fonts).not.toMatch(/IBMPlexSansArabic-(Regular|Bold)\s/);
  });
});

describe.runIf(runs)('a numeric column of the DOCX, laid out by LibreOffice', () => {
  it('sets its figures on one right edge (units under units), as the PDF and the HTML do', async () => {
    if (missing) throw new Error(`CI=true but ${missing}: .ci/run installs it`);
    const rows = 12;
    const numbers = new Intl.NumberFormat('ar-MA');
    const converted = await convert(numberedTableModel(rows), 'numbered-table');
    try {
      expectOneRightEdge(figureWords(wordBoxes(converted.pdf), Array.from({ length: rows }, (_, i) => numbers.format((i + 1) * 1001))), 1);
    } finally {
      converted.cleanup();
    }
  }, 180_000);
});
