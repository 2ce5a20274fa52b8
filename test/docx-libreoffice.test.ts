// The Word briefing as LibreOffice lays it out (soffice --convert-to pdf): every paragraph and table cell comes
// back in logical order, tables read from the right, header rows repeat, pages are numbered, and the embedded
// faces are the ones drawn. Skips where LibreOffice is missing; FAILS under CI=true, where .ci/run installs it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DocumentModel, Inline, TableBlock } from '../src/model/types.js';
import { docxRenderer } from '../src/renderers/docx/index.js';
import { briefingModel, longTableModel } from './fixtures/docx/briefing-model.js';
import {
  comparableWords,
  containsSequence,
  convertToPdf,
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
  const furniture = [model.meta.header, model.meta.footer].map(comparableWords);
  let words: string[] = [];
  for (let page = 1; page <= pages; page++) {
    let pageWords = comparableWords(pdfText(pdf, page));
    const label = comparableWords(model.meta.pageLabel.replace('{page}', String(page)).replace('{pages}', String(pages)));
    for (const sequence of [...furniture, label]) pageWords = removeSequence(pageWords, sequence);
    words = words.concat(pageWords);
  }
  return words;
}

function removeSequence(words: string[], sequence: string[]): string[] {
  for (let i = 0; i + sequence.length <= words.length; i++) {
    if (sequence.every((word, j) => words[i + j] === word)) return [...words.slice(0, i), ...words.slice(i + sequence.length)];
  }
  return words;
}

/**
 * Where a table row is drawn: for each cell, the mean x of its words on the row. A row is found where a word of
 * every cell lies within `tolerance` points (vertically) of a word of the first cell.
 */
function rowPositions(words: readonly PdfWord[], cells: readonly string[], tolerance = 9): number[] | undefined {
  const cellWords = cells.map((cell) => new Set(comparableWords(cell)));
  const comparable = words.map((word) => ({ ...word, key: comparableWords(word.text)[0] ?? '' }));
  const anchors = comparable.filter((word) => cellWords[0]!.has(word.key));
  for (const anchor of anchors) {
    const centre = (anchor.yMin + anchor.yMax) / 2;
    const onRow = comparable.filter((w) => w.page === anchor.page && Math.abs((w.yMin + w.yMax) / 2 - centre) <= tolerance);
    const xs = cellWords.map((set) => {
      const found = onRow.filter((w) => set.has(w.key));
      return found.length ? found.reduce((sum, w) => sum + (w.xMin + w.xMax) / 2, 0) / found.length : NaN;
    });
    if (xs.every((x) => !Number.isNaN(x))) return xs;
  }
  return undefined;
}

describe.skipIf(missing !== undefined && process.env.CI !== 'true')('docx renderer, converted by LibreOffice', () => {
  let briefing: Converted;
  let long: Converted;

  beforeAll(async () => {
    if (missing) throw new Error(`CI=true but ${missing}: .ci/run installs it`);
    briefing = await convert(briefingModel, 'briefing');
    long = await convert(longTableModel, 'long');
  }, 180_000);
  afterAll(() => {
    briefing?.cleanup();
    long?.cleanup();
  });

  it('shows every paragraph, heading, list item and caption in logical order', () => {
    const words = bodyWords(briefing.pdf, briefingModel);
    const texts = briefingModel.blocks.flatMap((block) => {
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
      }
    });
    expect(texts.length).toBeGreaterThan(15);
    for (const text of texts) expect(containsSequence(words, comparableWords(text)), text).toBe(true);
  });

  it('shows every table cell, its words in logical order', () => {
    const words = bodyWords(briefing.pdf, briefingModel);
    const tables = briefingModel.blocks.filter((b): b is TableBlock => b.kind === 'table');
    for (const table of tables) {
      for (const row of [...table.head, ...table.body]) {
        for (const cell of row.cells) expect(containsSequence(words, comparableWords(plain(cell.inlines))), plain(cell.inlines)).toBe(true);
      }
    }
  });

  it("draws each table's first column on the right, the others leftwards in order", () => {
    const words = pdfWords(briefing.pdf);
    const tables = briefingModel.blocks.filter((b): b is TableBlock => b.kind === 'table');
    let rowsChecked = 0;
    for (const table of tables) {
      for (const row of [...table.head, ...table.body]) {
        const cells = row.cells.map((cell) => plain(cell.inlines));
        const xs = rowPositions(words, cells);
        expect(xs, `row not found: ${cells.join(' | ')}`).toBeDefined();
        for (let i = 1; i < xs!.length; i++) expect(xs![i]!, `${cells.join(' | ')}`).toBeLessThan(xs![i - 1]!);
        rowsChecked += 1;
      }
    }
    expect(rowsChecked).toBe(tables.reduce((n, t) => n + t.head.length + t.body.length, 0));
  });

  it('starts right-to-left paragraphs at the right margin', () => {
    const words = pdfWords(briefing.pdf).filter((w) => w.page === 1);
    const title = comparableWords(plain(briefingModel.blocks[0]!.kind === 'heading' ? briefingModel.blocks[0]!.inlines : []));
    const firstTitleWord = words.find((w) => comparableWords(w.text)[0] === title[0])!;
    expect(firstTitleWord).toBeDefined();
    const rightmost = Math.max(...words.map((w) => w.xMax));
    expect(rightmost - firstTitleWord.xMax).toBeLessThan(2);
    expect(595.3 - firstTitleWord.xMax).toBeCloseTo(56.7, -0.5); // the 2 cm right margin
  });

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
      const xs = rowPositions(
        words.filter((w) => w.page === page),
        head,
      );
      expect(xs, `page ${page}`).toBeDefined();
      expect(xs![0]!).toBeGreaterThan(xs![1]!);
    }
  });

  it('draws with the embedded faces (they are not installed on this machine)', () => {
    const fonts = pdfFonts(briefing.pdf);
    expect(fonts).toMatch(/IBMPlexSansArabic-Regular\s.*\byes\b/);
    expect(fonts).toMatch(/IBMPlexSansArabic-Bold\s.*\byes\b/);
    expect(fonts).not.toMatch(/DejaVu|Liberation/);
  });
});
