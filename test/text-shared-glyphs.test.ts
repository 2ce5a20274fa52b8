// Lines cut from the same shaped words share their glyphs (ShapedRun.origin) once the words repeat, so a renderer
// can write a long table's repeated words once: the sharing must never hand one text's glyphs to another, or to a
// run that was changed after shaping (kashida's tatweels). One-off texts are not kept at all (RepeatCache).
import { describe, expect, it } from 'vitest';
import { layoutLines, type VisualRun } from '../src/text/index.js';
import { articleParagraphs, renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const PREFIX = 'توفير الحصيص البشري والمعدات اللوجيستيكية اللازمة للوحدات المتنقلة لشرطة النجدة المزمع إحداثها';
const WIDTH = 180;
/** Cells of a long table: the same words, then their own number. */
const cells = [`${PREFIX} (17)`, `${PREFIX} (4083)`, `${PREFIX} (5)`];

const glyphsOf = (run: VisualRun) => ({ glyphIds: run.shaped.glyphIds, xAdvances: run.shaped.xAdvances, codePoints: run.shaped.codePoints });

describe('shared glyphs', () => {
  it('gives the same words cut at the same place one origin, with the glyphs and clusters of their own line', () => {
    // The words are kept from their second sighting on: the second and third cells share them.
    const [, first, second] = cells.map((text) => layoutLines(spec(text), WIDTH));
    expect(first!.lines.length).toBeGreaterThan(2);
    // Every line before the numbers: the same cut of the same item in both cells.
    for (let index = 0; index < first!.lines.length - 1; index++) {
      const [a, b] = [first!.lines[index]!, second!.lines[index]!];
      expect(a.runs.length).toBe(b.runs.length);
      a.runs.forEach((run, k) => {
        const other = b.runs[k]!;
        expect(run.shaped.origin).toBeDefined();
        expect(run.shaped.origin).toBe(other.shaped.origin);
        expect(glyphsOf(run)).toEqual(glyphsOf(other));
        // Each copy counts its clusters from its own paragraph, inside its own run.
        for (const cluster of run.shaped.clusters) expect(cluster >= run.start && cluster < run.end).toBe(true);
      });
    }
    // The numbers differ: their glyphs are their own.
    const numbers = (layout: typeof first) => layout!.lines.at(-1)!.runs.find((run) => !run.rtl)!;
    expect(numbers(first).shaped.origin).not.toBe(numbers(second).shaped.origin);
    expect(numbers(first).shapingText).toBe('4083');
    expect(numbers(second).shapingText).toBe('5');
  });

  it('gives a line stretched with tatweels no origin: its glyphs are not the cached ones', () => {
    const text = articleParagraphs().find((p) => p.length > 300)!;
    const { lines } = layoutLines(spec(text, { align: 'kashida' }), 300);
    const stretched = lines.flatMap((line) => line.runs).filter((run) => run.shaped.codePoints.some((codes, i) => codes.length === 0 && !run.shaped.isMark[i]));
    expect(stretched.length).toBeGreaterThan(0);
    for (const run of stretched) expect(run.shaped.origin).toBeUndefined();
  });

  it.skipIf(missingTool('pdftotext', 'poppler-utils') !== null)('draws each cell with its own text when their first lines share glyphs', async () => {
    const pdf = await renderParagraphs([...cells, ...cells].map((text) => spec(text)), WIDTH);
    const copied = pdftotext(pdf.bytes).replace(/\u200f/g, '').split('\n').map((line) => line.trim()).filter(Boolean);
    expect(copied).toEqual(pdf.lines);
    for (const number of ['(17)', '(4083)', '(5)']) expect(copied.filter((line) => line.includes(number))).toHaveLength(2);
  });
});
