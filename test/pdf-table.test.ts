// Tables read from the rendered PDF's word positions (pdftotext -bbox-layout): right-to-left column order,
// wrapping inside the cell, the header repeated on every page, rows never cut, nothing outside the frame.
import { beforeAll, expect, it } from 'vitest';
import type { TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { FRAME, TABLE } from '../src/renderers/pdf/style.js';
import { longTableModel, tallRowModel } from './fixtures/pdf/briefing-model.js';
import { describeWithTools, renderModel, wordBoxes, type PageWords, type Word } from './helpers/pdf.js';

// pdftotext boxes run from the font's ascender to its descender, a little beyond the line box.
const SLACK = 1;

/** Column boxes of the long table (fractions 0.25 / 0.55 / 0.2, first column on the right). */
const COLUMNS = (() => {
  const widths = [0.25, 0.55, 0.2].map((f) => f * FRAME.width);
  let right = FRAME.right;
  return widths.map((w) => {
    const box = { left: right - w, right };
    right -= w;
    return box;
  });
})();

const find = (pages: PageWords[], text: string): { page: number; word: Word }[] =>
  pages.flatMap((p, page) => p.words.filter((w) => w.text === text).map((word) => ({ page, word })));

const only = (pages: PageWords[], text: string) => {
  const hits = find(pages, text);
  expect(hits, `"${text}" drawn once`).toHaveLength(1);
  return hits[0]!;
};

const isFurniture = (w: Word) => w.yMax < FRAME.top || w.yMin > FRAME.bottom;

describeWithTools(['pdftotext'], 'PDF tables (positions)', () => {
  let pages: PageWords[];
  const rows = 80;

  beforeAll(async () => {
    const { file } = await renderModel(longTableModel(rows));
    pages = wordBoxes(file);
  });

  it('spans several pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(3);
  });

  it('puts the first column right of the second, and the second right of the third', () => {
    for (let row = 1; row <= rows; row++) {
      const first = only(pages, `first${row}`);
      const second = only(pages, `second${row}`);
      expect(first.word.xMin, `row ${row}`).toBeGreaterThan(second.word.xMax);
      expect(first.word.xMin).toBeGreaterThanOrEqual(COLUMNS[0]!.left + TABLE.padX - SLACK);
      expect(second.word.xMax).toBeLessThanOrEqual(COLUMNS[1]!.right - TABLE.padX + SLACK);
    }
    const head = ['HeadFirst', 'HeadSecond', 'HeadThird'].map((t) => find(pages, t)[0]!.word);
    expect(head[0]!.xMin).toBeGreaterThan(head[1]!.xMax);
    expect(head[1]!.xMin).toBeGreaterThan(head[2]!.xMax);
  });

  it('sets the numbers of a numeric column on one right edge (units under units), inside the column', () => {
    const numbers = new Intl.NumberFormat('ar-MA');
    const edges = Array.from({ length: rows }, (_, i) => only(pages, numbers.format((i + 1) * 1001)).word);
    const right = edges[0]!.xMax;
    for (const w of edges) {
      expect(Math.abs(w.xMax - right), w.text).toBeLessThan(0.5);
      expect(w.xMin).toBeGreaterThanOrEqual(COLUMNS[2]!.left + TABLE.padX - SLACK);
      expect(w.xMax).toBeLessThanOrEqual(COLUMNS[2]!.right - TABLE.padX + SLACK);
    }
    // Numbers of different lengths: the short ones start further right.
    expect(edges[0]!.xMin).toBeGreaterThan(edges[rows - 1]!.xMin);
  });

  it('wraps a long cell onto several lines inside its cell box', () => {
    for (const row of [5, 15, 25]) {
      const words = Array.from({ length: 20 }, (_, k) => only(pages, `w${k + 1}r${row}`).word);
      const lineTops = new Set(words.map((w) => Math.round(w.yMin)));
      expect(lineTops.size, `row ${row} wraps`).toBeGreaterThanOrEqual(2);
      for (const w of words) {
        expect(w.xMin).toBeGreaterThanOrEqual(COLUMNS[1]!.left + TABLE.padX - SLACK);
        expect(w.xMax).toBeLessThanOrEqual(COLUMNS[1]!.right - TABLE.padX + SLACK);
      }
    }
  });

  it('repeats the header row at the top of every page the table spans', () => {
    pages.forEach((page, index) => {
      const body = page.words.filter((w) => /^first\d+$/.test(w.text));
      expect(body.length, `page ${index + 1} has rows`).toBeGreaterThan(0);
      for (const name of ['HeadFirst', 'HeadSecond', 'HeadThird']) {
        const head = page.words.filter((w) => w.text === name);
        expect(head, `${name} on page ${index + 1}`).toHaveLength(1);
        expect(head[0]!.yMax).toBeLessThan(Math.min(...body.map((w) => w.yMin)));
      }
    });
  });

  it('never splits a row across pages', () => {
    for (let row = 1; row <= rows; row++) {
      const tokens = [`first${row}`, `second${row}`, ...(row % 10 === 5 ? Array.from({ length: 20 }, (_, k) => `w${k + 1}r${row}`) : [])];
      const pagesOfRow = new Set(tokens.map((t) => only(pages, t).page));
      expect(pagesOfRow.size, `row ${row}`).toBe(1);
    }
  });

  it('draws nothing outside the margins, and body text only inside the text frame', () => {
    for (const page of pages) {
      for (const w of page.words) {
        expect(w.xMin).toBeGreaterThanOrEqual(FRAME.left - SLACK);
        expect(w.xMax).toBeLessThanOrEqual(FRAME.right + SLACK);
        expect(w.yMin).toBeGreaterThanOrEqual(0);
        expect(w.yMax).toBeLessThanOrEqual(page.height);
        if (!isFurniture(w)) {
          expect(w.yMin, w.text).toBeGreaterThanOrEqual(FRAME.top - SLACK);
          expect(w.yMax, w.text).toBeLessThanOrEqual(FRAME.bottom + SLACK);
        }
      }
    }
  });
});

describeWithTools(['pdftotext'], 'PDF tables in a left-to-right document', () => {
  it('puts the first column on the left', async () => {
    const model = longTableModel(3);
    const { file } = await renderModel({ ...model, meta: { ...model.meta, dir: 'ltr' } });
    const pages = wordBoxes(file);
    for (let row = 1; row <= 3; row++) expect(only(pages, `first${row}`).word.xMax).toBeLessThan(only(pages, `second${row}`).word.xMin);
  });
});

describeWithTools(['pdftotext'], 'PDF tables: a row taller than a page', () => {
  it('is split between lines, each part under a repeated header, every line inside the frame', async () => {
    const { file } = await renderModel(tallRowModel());
    const pages = wordBoxes(file);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const wordsInOrder = Array.from({ length: 900 }, (_, k) => only(pages, `w${k + 1}r0`));
    // The cell's lines continue page after page, in order, all inside the cell's column and the frame.
    for (let k = 1; k < wordsInOrder.length; k++) expect(wordsInOrder[k]!.page).toBeGreaterThanOrEqual(wordsInOrder[k - 1]!.page);
    for (const { word } of wordsInOrder) {
      expect(word.yMin).toBeGreaterThanOrEqual(FRAME.top - SLACK);
      expect(word.yMax).toBeLessThanOrEqual(FRAME.bottom + SLACK);
      expect(word.xMin).toBeGreaterThanOrEqual(COLUMNS[1]!.left + TABLE.padX - SLACK);
      expect(word.xMax).toBeLessThanOrEqual(COLUMNS[1]!.right - TABLE.padX + SLACK);
    }
    const pagesWithPart = new Set(wordsInOrder.map((w) => w.page));
    for (const page of pagesWithPart) expect(find([pages[page]!], 'HeadSecond')).toHaveLength(1);
  });
});

describeWithTools(['pdftotext'], 'PDF table columns and their widest word', () => {
  it('gives a column at least its widest word, a bold header word included, never breaking it', async () => {
    // The French plans table with the widths it first had: "Nombre" is the widest word of its narrow column,
    // and a column exactly as wide as it used to break it ("Nombr" / "e").
    const model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.fr' });
    const plans = model.blocks.filter((block): block is TableBlock => block.kind === 'table').at(-1)!;
    const fractions = [9, 3, 3.5, 1.5];
    plans.columns.forEach((column, index) => (column.width = fractions[index]! / 17));
    const pages = wordBoxes((await renderModel(model)).file);
    const words = pages.flatMap((page) => page.words.map((word) => word.text));
    expect(words).toContain('Nombre');
    expect(words.filter((word) => /^Nomb/.test(word) && word !== 'Nombre')).toEqual([]);
  });
});

describeWithTools(['pdftotext'], 'PDF table cells in a row taller than they are', () => {
  it('sit on the rule under them in the header and at the top in the body, as the theme says (DOCX and HTML too)', async () => {
    const model = longTableModel(1);
    const table = model.blocks.find((block): block is TableBlock => block.kind === 'table')!;
    // A header cell and a body cell of several lines beside one-line cells.
    table.head[0]!.cells[1] = { ...table.head[0]!.cells[1]!, inlines: [{ kind: 'text', text: `${'wide '.repeat(40)}HeadLast`, bold: false, italic: false }] };
    table.body[0]!.cells[1] = { ...table.body[0]!.cells[1]!, inlines: [{ kind: 'text', text: `BodyFirst ${'wide '.repeat(40)}`, bold: false, italic: false }] };
    const { file } = await renderModel(model);
    const pages = wordBoxes(file);
    const [headLast, headShort, bodyFirst, bodyShort] = ['HeadLast', 'HeadFirst', 'BodyFirst', 'first1'].map((text) => only(pages, text).word);
    expect(TABLE.verticalAlign).toEqual({ head: 'bottom', body: 'top' });
    expect(Math.abs(headShort!.yMax - headLast!.yMax), 'the short header cell on the last line of the long one').toBeLessThan(SLACK);
    expect(Math.abs(bodyShort!.yMin - bodyFirst!.yMin), 'the short body cell on the first line of the long one').toBeLessThan(SLACK);
  });
});
