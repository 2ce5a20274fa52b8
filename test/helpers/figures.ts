// Figures of a numeric column, read back from a PDF's word boxes: the PDF, the HTML printed by Chromium and the
// DOCX laid out by LibreOffice must all set them on one right edge (units under units).
import { expect } from 'vitest';
import type { PageWords, Word } from './pdf.js';

/** Each figure's word box; every figure must be drawn exactly once. */
export function figureWords(pages: readonly PageWords[], figures: readonly string[]): Word[] {
  return figures.map((figure) => {
    const hits = pages.flatMap((page) => page.words.filter((word) => word.text === figure));
    expect(hits, `"${figure}" drawn once`).toHaveLength(1);
    return hits[0]!;
  });
}

/** The figures end on one right edge (within `tolerance` points), and a shorter one starts further right. */
export function expectOneRightEdge(words: readonly Word[], tolerance: number): void {
  const right = words[0]!.xMax;
  for (const word of words) expect(Math.abs(word.xMax - right), word.text).toBeLessThan(tolerance);
  const widths = words.map((word) => word.xMax - word.xMin);
  const shortest = words[widths.indexOf(Math.min(...widths))]!;
  const longest = words[widths.indexOf(Math.max(...widths))]!;
  expect(shortest.xMin).toBeGreaterThan(longest.xMin + 1);
}
