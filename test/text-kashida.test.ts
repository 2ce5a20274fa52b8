// Kashida justification (issue 15): full lines flush at both edges, at most one tatweel per word, none in
// lam-alef or Latin, the inserted tatweels never copied out, the last line left alone.
import { describe, expect, it } from 'vitest';
import { layoutLines, type ParagraphSpec } from '../src/text/index.js';
import { TATWEEL, justifyWithKashida } from '../src/text/kashida.js';
import { articleParagraphs, renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const WIDTH = 300;
const paragraphs = articleParagraphs().filter((p) => p.length > 200).slice(0, 4);
const kashida = (text: string): ParagraphSpec => spec(text, { align: 'kashida' });

/** The glyphs that stand for no character in a line: the inserted tatweels. */
function insertedTatweels(text: string) {
  const { prepared, lines } = layoutLines(kashida(text), WIDTH);
  return lines.map((line) =>
    line.runs.flatMap((run) =>
      run.shaped.glyphIds.flatMap((_, i) => (run.shaped.codePoints[i]!.length === 0 && !run.shaped.isMark[i] ? [{ offset: run.shaped.clusters[i]!, run }] : [])),
    ),
  ).map((tatweels, index) => ({ tatweels, line: lines[index]!, text: prepared.text }));
}

describe('kashida justification', () => {
  it('stretches joins before spaces: every full line but the last takes tatweels, the last none', () => {
    for (const text of paragraphs) {
      const lines = insertedTatweels(text);
      expect(lines.length).toBeGreaterThan(1);
      expect(lines.at(-1)!.tatweels).toEqual([]);
      expect(lines.slice(0, -1).some((line) => line.tatweels.length > 0)).toBe(true);
      for (const { line } of lines.slice(0, -1)) expect(line.width).toBeLessThanOrEqual(WIDTH + 0.01);
    }
  });

  it('puts at most one tatweel in a word, none inside lam-alef, none in Latin', () => {
    for (const text of [...paragraphs, 'تحرير من طرف Le360 مع و.م.ع لللأجانب والإقامة للإقامة والاستثنائية '.repeat(4)]) {
      for (const { tatweels, text: paragraph } of insertedTatweels(text)) {
        const words = tatweels.map(({ offset }) => {
          const start = paragraph.lastIndexOf(' ', offset) + 1;
          return start;
        });
        expect(new Set(words).size).toBe(words.length);
        for (const { offset } of tatweels) {
          expect(paragraph[offset - 1] === 'ل' && /[اأإآ]/.test(paragraph[offset]!)).toBe(false);
          expect(/\p{Script=Latin}/u.test(paragraph[offset]!)).toBe(false);
          expect(/\p{Script=Arabic}/u.test(paragraph[offset - 1]!)).toBe(true);
        }
      }
    }
  });

  it('leaves a face without a tatweel to the spaces, and names its family once', () => {
    const text = paragraphs[0]!;
    const { prepared, lines } = layoutLines(spec(text, { align: 'justify' }), WIDTH);
    const line = lines[0]!;
    // The same line as if its Arabic face had no U+0640.
    const withoutTatweel = new Map<unknown, unknown>();
    const stripped = {
      ...line,
      runs: line.runs.map((run) => {
        const face = run.item.face;
        let copy = withoutTatweel.get(face) as typeof face | undefined;
        if (!copy) withoutTatweel.set(face, (copy = { ...face, coverage: new Set([...face.coverage].filter((code) => code !== 0x0640)) }));
        return { ...run, item: { ...run.item, face: copy } };
      }),
    };
    const result = justifyWithKashida(prepared, stripped, spec(text).size, WIDTH);
    expect(result.line).toBe(stripped);
    expect(result.withoutTatweel).toEqual([line.runs.find((run) => run.rtl)!.item.face.face.family]);
  });

  it('draws the tatweel glyph itself (U+0640 in the face)', () => {
    const [first] = insertedTatweels(paragraphs[0]!);
    const { run, offset } = first!.tatweels[0]!;
    const index = run.shaped.clusters.indexOf(offset);
    expect(index).toBeGreaterThanOrEqual(0);
    expect(run.item.face.coverage.has(TATWEEL.codePointAt(0)!)).toBe(true);
  });
});

const missing = missingTool('pdftotext', 'poppler-utils');

describe.skipIf(missing !== null)('kashida in the PDF', () => {
  it('copies out the text without the inserted tatweels, and every full line is flush at both edges', async () => {
    const pdf = await renderParagraphs(paragraphs.map(kashida), WIDTH);
    const copied = pdftotext(pdf.bytes).replace(/[\u200e\u200f]/g, '');
    expect(copied).not.toContain(TATWEEL);
    const words = (text: string) => text.split(/\s+/).filter(Boolean);
    expect(words(copied)).toEqual(paragraphs.flatMap(words));
    // Both edges of each full line, from poppler's word boxes: the line spans the whole measure.
    const boxes = pdftotext(pdf.bytes, ['-bbox-layout']);
    const lines = [...boxes.matchAll(/<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"/g)].map((m) => Number(m[2]) - Number(m[1]));
    const full = lines.filter((width) => width > WIDTH * 0.9);
    expect(full.length).toBeGreaterThanOrEqual(paragraphs.length);
    for (const width of full) expect(width).toBeGreaterThan(WIDTH - 1.5);
  });
});

describe('kashida from the theme', () => {
  it('is the default alignment of body paragraphs when the theme says so for the direction', async () => {
    const { BODY_ALIGN } = await import('../src/theme/index.js');
    const { parseDocument } = await import('../src/model/parse.js');
    const html = '<!DOCTYPE html><html lang="ar-MA" dir="rtl"><head><title>t</title><meta name="date" content="2017-12-22T14:00:00+00:00"></head><body><p>نص</p><p data-align="center">نص</p><p class="note">نص</p></body></html>';
    const saved = BODY_ALIGN.rtl;
    try {
      BODY_ALIGN.rtl = 'kashida';
      const aligns = parseDocument(html, { file: 'test.hbs' }).blocks.map((block) => (block.kind === 'paragraph' ? block.align : null));
      expect(aligns).toEqual(['kashida', 'center', 'start']);
    } finally {
      BODY_ALIGN.rtl = saved;
    }
  });
});
