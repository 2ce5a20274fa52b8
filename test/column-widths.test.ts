// Table column widths: each column's share, raised for a word it could not hold. Sizing measures only the words
// that can matter (a one-off figure whose cheap bound fits its column is left alone) and must give the widths of
// measuring every word; the bound itself must hold for every printable ASCII text the shipped faces set.
import { describe, expect, it } from 'vitest';
import { columnShares, fittedColumnWidths, fittedColumnWidthsForWords, type ColumnWord } from '../src/model/column-widths.js';
import { measureParagraph, widthBound, type ParagraphSpec } from '../src/text/index.js';

const FRACTIONS = [0.6, 0.25, 0.15];
const TOTAL = 480;

/** Words with known needs; `bound` as given; counts the measurements. */
function wordsOf(entries: { column: number; need: number; bound?: number }[]) {
  const measured: number[] = [];
  const words: ColumnWord[] = entries.map((entry, index) => ({
    column: entry.column,
    bound: entry.bound,
    need: () => {
      measured.push(index);
      return entry.need;
    },
  }));
  const exact = FRACTIONS.map((_, column) => Math.max(0, ...entries.filter((entry) => entry.column === column).map((entry) => entry.need)));
  return { words, measured, exact };
}

describe('column widths for words', () => {
  it('leaves a word unmeasured when its bound fits its column and no column needs more than its share', () => {
    const shares = columnShares(FRACTIONS, TOTAL);
    const { words, measured, exact } = wordsOf([
      { column: 0, need: 60, bound: 150 },
      { column: 0, need: 80 },
      { column: 1, need: 40, bound: 90 },
      { column: 2, need: 30 },
    ]);
    expect(150).toBeLessThanOrEqual(shares[0]!);
    expect(fittedColumnWidthsForWords(FRACTIONS, TOTAL, words)).toEqual(fittedColumnWidths(FRACTIONS, TOTAL, exact));
    expect(measured).toEqual([1, 3]);
  });

  it('measures every word once a column needs more than its share: the others give up room by what they need', () => {
    const { words, measured, exact } = wordsOf([
      { column: 0, need: 250, bound: 280 },
      { column: 1, need: 40, bound: 100 },
      { column: 2, need: 110 },
    ]);
    const widths = fittedColumnWidthsForWords(FRACTIONS, TOTAL, words);
    expect(widths).toEqual(fittedColumnWidths(FRACTIONS, TOTAL, exact));
    expect(widths[2]).toBe(110);
    expect(measured.sort()).toEqual([0, 1, 2]);
  });

  it('measures a word whose bound is over its column share', () => {
    const { words, measured } = wordsOf([{ column: 2, need: 50, bound: 500 }]);
    fittedColumnWidthsForWords(FRACTIONS, TOTAL, words);
    expect(measured).toEqual([0]);
  });
});

describe('width bound', () => {
  const spec = (text: string, bold: boolean, direction: 'rtl' | 'ltr'): ParagraphSpec => ({
    spans: [{ text, bold, italic: false }],
    size: 10,
    lineHeight: 1.4,
    direction,
    align: 'start',
  });

  it('holds for every printable ASCII pair, and for figures, codes and brackets, in both weights and directions', () => {
    const printable = Array.from({ length: 0x7e - 0x20 }, (_, i) => String.fromCharCode(0x21 + i));
    const texts = [...printable.flatMap((a) => printable.map((b) => a + b)), '(4083)', '1.965.644', '[DGSN-2017/12]', 'WWWWWWWW', '@@@@', 'ffi', 'Le360'];
    for (const bold of [false, true]) {
      for (const direction of ['rtl', 'ltr'] as const) {
        for (const text of texts) {
          const bound = widthBound(text, 10, bold);
          expect(bound, text).toBeDefined();
          expect(measureParagraph(spec(text, bold, direction)), `${text} ${bold ? 'bold' : ''} ${direction}`).toBeLessThanOrEqual(bound!);
        }
      }
    }
  });

  it('gives none for text shaping may turn into more glyphs or take from another face', () => {
    for (const text of ['كلمة', 'é', 'a b', 'ⵜ', '\u00a0']) expect(widthBound(text, 10, false), text).toBeUndefined();
  });
});
