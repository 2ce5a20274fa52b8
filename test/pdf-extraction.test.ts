// Copy order: pdftotext (poppler's reading order, not the tag tree) must give the briefing's blocks in logical
// order, table rows one after another and each row's cells first column first, a wrapped cell's lines together.
// Whitespace is ignored here: where poppler puts spaces around numbers in RTL lines is the text engine's test.
import { beforeAll, expect, it } from 'vitest';
import { briefingDocument, describeWithTools, renderModel, run } from './helpers/pdf.js';
import type { Block, DocumentModel, Inline, TableBlock } from '../src/model/types.js';

const normalize = (text: string) => text.replace(/[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\s]/g, '');
const textOf = (inlines: Inline[]) => inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');

/** Finds each expected piece after the previous one; returns the first piece that is missing or out of order. */
function firstOutOfOrder(haystack: string, pieces: string[]): string | undefined {
  let from = 0;
  for (const piece of pieces) {
    const at = haystack.indexOf(normalize(piece), from);
    if (at < 0) return piece;
    from = at + normalize(piece).length;
  }
  return undefined;
}

/** The first few words, up to the first one with digits, Latin or punctuation: their order within a line is
 *  the text engine's and poppler's business, tested elsewhere. */
function words(text: string, count = 4): string {
  const all = text.split(/\s+/);
  const end = all.findIndex((w) => !/^\p{Script=Arabic}+$/u.test(w));
  return all.slice(0, Math.min(count, end < 0 ? all.length : end)).join(' ');
}

const tableCells = (table: TableBlock, rows = table.body) => rows.flatMap((row) => row.cells.map((c) => textOf(c.inlines)));

describeWithTools(['pdftotext'], 'PDF text extraction order', () => {
  let extracted: string;
  let model: DocumentModel;

  beforeAll(async () => {
    ({ model } = await briefingDocument());
    const { file } = await renderModel(model);
    extracted = normalize(run('pdftotext', [file, '-']));
  });

  it('gives every block in document order', () => {
    const pieces = model.blocks.map((block: Block) => {
      switch (block.kind) {
        case 'heading':
        case 'paragraph':
          return words(textOf(block.inlines));
        case 'figure':
          return block.value;
        case 'table':
          return textOf(block.body[0]!.cells[0]!.inlines);
        case 'list':
          return words(textOf(block.items[0]!));
        case 'chart':
          return words(textOf(block.caption));
      }
    });
    expect(firstOutOfOrder(extracted, pieces)).toBeUndefined();
  });

  it('gives each key figure before its caption', () => {
    const figures = model.blocks.filter((b) => b.kind === 'figure');
    expect(firstOutOfOrder(extracted, figures.flatMap((f) => [f.value, words(textOf(f.caption))]))).toBeUndefined();
  });

  it('gives table rows in order, first column first, each cell whole', () => {
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(2);
    for (const table of tables) expect(firstOutOfOrder(extracted, tableCells(table))).toBeUndefined();
  });

  it('gives each table caption, then its header cells first column first', () => {
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    for (const table of tables) {
      expect(firstOutOfOrder(extracted, [textOf(table.caption), ...tableCells(table, table.head), ...tableCells(table).slice(0, 1)])).toBeUndefined();
    }
  });

  it('keeps each cell whole and its row together: the cells of the longest row follow one another', () => {
    const tables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    const rows = tables.flatMap((t) => t.body.map((row) => row.cells.map((c) => normalize(textOf(c.inlines)))));
    const longest = rows.sort((a, b) => b.join('').length - a.join('').length)[0]!;
    expect(extracted).toContain(longest.join(''));
  });
});
