// Step 4 of 4: finalize a line: reorder it visually (UAX #9 rules L1–L4: bidi-js reorder segments; L4
// mirroring was done in prepare.ts), shape each run, and lay the runs out left to right.
import type { Item, Prepared } from './prepare.js';
import { bidi, firstItemEndingAfter, joiningContext, shapingSlice } from './prepare.js';
import { shape, type ShapedRun } from './shape.js';
import type { LineRange } from './linebreak.js';

export interface VisualRun {
  item: Item;
  /** Logical range of the run. */
  start: number;
  end: number;
  rtl: boolean;
  /** What was shaped: the logical text with mirrored brackets, without bidi controls. */
  shapingText: string;
  shaped: ShapedRun;
  /** Natural width in points. */
  width: number;
  /** Letters outside the run it was shaped to join (see joiningContext). */
  before: string;
  after: string;
  /** The run has letters and none of them Arabic: italic gives it a synthetic slant (digits and Arabic stay
   *  upright, so a year inside Arabic emphasis does not lean alone). */
  slantable: boolean;
}

const ARABIC = /\p{Script=Arabic}/u;
const LETTER = /\p{L}/u;

export interface FinalLine extends LineRange {
  /** Runs in visual order, left to right. */
  runs: VisualRun[];
  /** Natural width in points. */
  width: number;
  /** Space glyphs between words: where justification puts its extra room. */
  spaces: number;
}

export function finalizeLine(p: Prepared, range: LineRange, size: number): FinalLine {
  const { start, contentEnd } = range;
  const pieces: VisualRun[] = [];
  for (let index = firstItemEndingAfter(p, start); index < p.items.length; index++) {
    const item = p.items[index]!;
    if (item.start >= contentEnd) break;
    const from = Math.max(start, item.start);
    const to = Math.min(contentEnd, item.end);
    const rtl = (item.level & 1) === 1;
    const shapingText = shapingSlice(p, from, to);
    const { before, after } = joiningContext(p, from, to, start, contentEnd);
    const shaped = shape(item.face, shapingText, rtl, before, after);
    const width = (shaped.advance * size) / item.face.unitsPerEm;
    pieces.push({ item, start: from, end: to, rtl, shapingText, shaped, width, before, after, slantable: LETTER.test(shapingText) && !ARABIC.test(shapingText) });
  }
  const runs = visualOrder(p, start, contentEnd, pieces);
  let width = 0;
  let spaces = 0;
  for (const run of runs) {
    width += run.width;
    spaces += run.shaped.spaces;
  }
  return { ...range, runs, width, spaces };
}

/**
 * Sorts the line's runs into visual order. Each run has one embedding level, so its characters stay together
 * when the line is reordered; its place is where its first character lands.
 */
function visualOrder(p: Prepared, start: number, end: number, runs: VisualRun[]): VisualRun[] {
  if (runs.length < 2) return runs;
  const order: number[] = [];
  for (let i = start; i < end; i++) order.push(i);
  // bidi-js lists the segments to reverse in the order L2 applies them (highest level first).
  for (const [from, to] of bidi.getReorderSegments(p.text, p.levels, start, end - 1)) {
    const a = from - start;
    const b = to - start;
    const reversed = order.slice(a, b + 1).reverse();
    order.splice(a, reversed.length, ...reversed);
  }
  const visualIndex = new Map<number, number>();
  for (let v = 0; v < order.length; v++) visualIndex.set(order[v]!, v);
  return [...runs].sort((x, y) => visualIndex.get(x.start)! - visualIndex.get(y.start)!);
}
