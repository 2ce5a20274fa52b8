// Alignment and justification, checked from the glyph positions poppler reads (`pdftotext -bbox-layout`).
import { describe, expect, it } from 'vitest';
import type { Align, Direction } from '../src/model/types.js';
import { layoutLines } from '../src/text/index.js';
import { renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const BOX = { left: 50, width: 300 };
const right = BOX.left + BOX.width;
const ARABIC = 'وأوضحت المديرية العامة، في بلاغ حول حصيلة المنجزات والخدمات السنوية، أنه في مجال تبسيط الخدمات الأمنية وتدعيم التواصل والانفتاح، تم إصدار 1.965.644 بطاقة تعريف إلكترونية.';
const LATIN = 'The national security directorate issued nearly two million electronic identity cards during 2017, among them 206.464 for Moroccans living abroad.';

/** Each line's horizontal extent on the page, in drawing order. */
function lineExtents(bboxHtml: string): { xMin: number; xMax: number }[] {
  return [...bboxHtml.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => ({ xMin: Number(m[1]), xMax: Number(m[2]) }));
}

const missing = missingTool('pdftotext', 'poppler-utils');

describe.skipIf(missing !== null)(`alignment${missing ? ` (skipped: ${missing})` : ''}`, () => {
  const extents = async (text: string, direction: Direction, align: Align) => {
    const pdf = await renderParagraphs([spec(text, { direction, align })], BOX.width);
    const lines = lineExtents(pdftotext(pdf.bytes, ['-bbox-layout']));
    expect(lines.length).toBe(pdf.lines.length);
    expect(lines.length).toBeGreaterThan(1);
    return lines;
  };

  it('start in right-to-left text is the right edge; the last line too', async () => {
    const lines = await extents(ARABIC, 'rtl', 'start');
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(line.xMax).toBeCloseTo(right, 0);
  });

  it('end in right-to-left text is the left edge', async () => {
    for (const line of await extents(ARABIC, 'rtl', 'end')) expect(line.xMin).toBeCloseTo(BOX.left, 0);
  });

  it('start in left-to-right text is the left edge', async () => {
    for (const line of await extents(LATIN, 'ltr', 'start')) expect(line.xMin).toBeCloseTo(BOX.left, 0);
  });

  it('centre splits the free room evenly', async () => {
    for (const line of await extents(ARABIC, 'rtl', 'center')) expect((line.xMin + line.xMax) / 2).toBeCloseTo(BOX.left + BOX.width / 2, 0);
  });

  it('justify fills every line but the last, which sits at the start', async () => {
    for (const [text, direction] of [[ARABIC, 'rtl'], [LATIN, 'ltr']] as const) {
      const lines = await extents(text, direction, 'justify');
      for (const line of lines.slice(0, -1)) {
        expect(line.xMin).toBeCloseTo(BOX.left, 0);
        expect(line.xMax).toBeCloseTo(right, 0);
      }
      const last = lines.at(-1)!;
      if (direction === 'rtl') expect(last.xMax).toBeCloseTo(right, 0);
      else expect(last.xMin).toBeCloseTo(BOX.left, 0);
    }
  });
});

describe('line breaking', () => {
  it('keeps every line within the width, breaking only at UAX #14 opportunities', () => {
    const { prepared, lines } = layoutLines(spec(ARABIC), BOX.width);
    for (const line of lines) {
      expect(line.width).toBeLessThanOrEqual(BOX.width + 1e-6);
      if (line.end < prepared.text.length) expect(prepared.text[line.end - 1]).toBe(' ');
    }
    expect(lines.map((l) => prepared.text.slice(l.start, l.end)).join('')).toBe(ARABIC);
  });

  it('fills lines greedily: the next word would not have fitted', () => {
    const { prepared, lines } = layoutLines(spec(ARABIC), BOX.width);
    for (const [i, line] of lines.slice(0, -1).entries()) {
      const nextWordEnd = prepared.text.indexOf(' ', lines[i + 1]!.start);
      const longer = layoutLines(spec(prepared.text.slice(line.start, nextWordEnd < 0 ? undefined : nextWordEnd)), Infinity).lines[0]!;
      expect(longer.width).toBeGreaterThan(BOX.width);
    }
  });

  it('breaks justified text for even lines: no more total free room², never wider than the measure', () => {
    const text = `${ARABIC} ${ARABIC}`;
    const badness = (lines: { width: number }[]) => lines.slice(0, -1).reduce((sum, l) => sum + ((BOX.width - l.width) / BOX.width) ** 2, 0);
    const greedy = layoutLines(spec(text), BOX.width).lines;
    const even = layoutLines(spec(text, { align: 'justify' }), BOX.width).lines;
    for (const line of even) expect(line.width).toBeLessThanOrEqual(BOX.width + 1e-6);
    expect(badness(even)).toBeLessThanOrEqual(badness(greedy) + 1e-9);
    expect(even.length).toBe(greedy.length);
  });

  it('breaks a word wider than the line between grapheme clusters, keeping marks on their letters', () => {
    const word = 'مُحَمَّدٌ'.repeat(12);
    const { prepared, lines } = layoutLines(spec(word), 60);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) {
      expect(line.width).toBeLessThanOrEqual(60 + 1e-6);
      // A line never starts with a combining mark: the cut is between clusters.
      expect(/^\p{M}/u.test(prepared.text.slice(line.start, line.end))).toBe(false);
    }
    expect(lines.map((l) => prepared.text.slice(l.start, l.end)).join('')).toBe(prepared.text);
  });

  it('breaks at a line separator', () => {
    const { lines } = layoutLines(spec('سطر أول\nسطر ثان'), Infinity);
    expect(lines).toHaveLength(2);
  });

  it('measures a paragraph as its widest forced line', () => {
    const one = layoutLines(spec('سطر أول طويل نوعا ما'), Infinity).lines[0]!.width;
    const both = layoutLines(spec('سطر أول طويل نوعا ما\nقصير'), Infinity).lines.map((l) => l.width);
    expect(Math.max(...both)).toBeCloseTo(one, 6);
  });
});
