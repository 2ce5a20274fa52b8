// Step 4 of 4: finalize a line: take each item's glyphs on the line (the paragraph's shaping, or the piece shaped
// again where the break was unsafe), reorder the runs visually (UAX #9 L1–L4; mirroring is HarfBuzz's or the
// shaper's, see shape.ts) and lay them out left to right.
import { bidi, isRightToLeftLevel, withoutBidiControls } from './bidi.js';
import { reshapedPieces } from './linebreak.js';
import { isItalic } from './fonts.js';
import { firstItemEndingAfter, reshape, type Prepared } from './prepare.js';
import { sliceRun } from './shape.js';
import type { FinalLine, LineRange, VisualRun } from './types.js';

const ARABIC = /\p{Script=Arabic}/u;
const LETTER = /\p{L}/u;

export function finalizeLine(p: Prepared, range: LineRange, size: number): FinalLine {
  const { start, contentEnd } = range;
  const reshaped = reshapedPieces(p, range);
  const pieces: VisualRun[] = [];
  for (let index = firstItemEndingAfter(p.items, start); index < p.items.length; index++) {
    const item = p.items[index]!;
    if (item.start >= contentEnd) break;
    const from = Math.max(start, item.start);
    const to = Math.min(contentEnd, item.end);
    const shaped = reshaped.some((piece) => piece.index === index) ? reshape(p, item, from, to, start, contentEnd) : sliceRun(item.shaped, from, to);
    if (shaped.glyphIds.length === 0) continue;
    const shapingText = p.hasBidiControls ? withoutBidiControls(p.shapingText.slice(from, to)) : p.shapingText.slice(from, to);
    const width = (shaped.advance * item.scale * size) / item.face.unitsPerEm;
    pieces.push({ item, start: from, end: to, rtl: isRightToLeftLevel(item.level), shapingText, shaped, width, slanted: isItalic(item.style) && LETTER.test(shapingText) && !ARABIC.test(shapingText) });
  }
  const runs = visualOrder(p, start, contentEnd, pieces);
  let width = 0;
  let spaces = 0;
  for (const run of runs) {
    width += run.width;
    spaces += run.shaped.spaces;
  }
  // Field by field, not spread: one hidden class for every line (see copyOf in shape.ts).
  return { start, contentEnd, end: range.end, brokenStart: range.brokenStart, brokenEnd: range.brokenEnd, runs, width, spaces };
}

/**
 * Sorts the line's runs into visual order. Each run has one embedding level, so its characters stay together
 * when the line is reordered; its place is where its first character lands.
 */
function visualOrder(p: Prepared, start: number, end: number, runs: VisualRun[]): VisualRun[] {
  if (runs.length < 2) return runs;
  // The line's offsets (from its start), reversed in place segment by segment: bidi-js lists the segments in the
  // order L2 applies them (highest level first).
  const order = new Int32Array(end - start);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (const [from, to] of bidi.getReorderSegments(p.text, p.levels, start, end - 1)) order.subarray(from - start, to - start + 1).reverse();
  const visualIndex = new Int32Array(order.length);
  for (let v = 0; v < order.length; v++) visualIndex[order[v]!] = v;
  // A line has a handful of runs: an insertion sort, by where each run's first character lands.
  const sorted = runs.slice();
  for (let i = 1; i < sorted.length; i++) {
    const run = sorted[i]!;
    const place = visualIndex[run.start - start]!;
    let j = i - 1;
    for (; j >= 0 && visualIndex[sorted[j]!.start - start]! > place; j--) sorted[j + 1] = sorted[j]!;
    sorted[j + 1] = run;
  }
  return sorted;
}
