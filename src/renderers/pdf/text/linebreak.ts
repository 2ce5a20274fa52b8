// Step 3 of 4: break a prepared paragraph into lines. Break opportunities come from UAX #14 (the `linebreak`
// package); widths come from shaped text. Lines are filled greedily; a word wider than the line is broken
// at grapheme-cluster boundaries.
import LineBreaker from 'linebreak';
import { graphemeBoundaries } from '../../../text/graphemes.js';
import { isBidiControl } from './collect.js';
import { firstItemEndingAfter, joiningContext, shapingSlice, type Prepared } from './prepare.js';
import { runWidth } from './shape.js';

export interface LineRange {
  /** First UTF-16 index of the line. */
  start: number;
  /** End of the line's content, trailing white space and bidi marks excluded (they hang past the edge). */
  contentEnd: number;
  /** End of the line including its trailing white space: the next line's start. */
  end: number;
}

const WHITE_SPACE = /\s/;

/** End of `text[start, end)` with trailing white space and bidi controls dropped. */
function contentEndOf(text: string, start: number, end: number): number {
  while (end > start && (WHITE_SPACE.test(text[end - 1]!) || isBidiControl(text.charCodeAt(end - 1)))) end--;
  return end;
}

/** Width in points of the logical range [start, end), each item slice shaped as its own run. */
function rangeWidth(p: Prepared, start: number, end: number, size: number): number {
  let width = 0;
  // Items are in text order: start at the first that ends after `start` (a scan from the first item would make
  // a paragraph of many items, a long title mixing faces, quadratic).
  for (let index = firstItemEndingAfter(p, start); index < p.items.length; index++) {
    const item = p.items[index]!;
    if (item.start >= end) break;
    const from = Math.max(start, item.start);
    const to = Math.min(end, item.end);
    const { before, after } = joiningContext(p, from, to, start, end);
    width += runWidth(item.face, shapingSlice(p, from, to), (item.level & 1) === 1, size, before, after);
  }
  return width;
}

interface Segment {
  start: number;
  end: number;
  contentEnd: number;
  /** Width of the segment's content, without its trailing white space. */
  contentWidth: number;
  /** Width with the trailing white space. */
  fullWidth: number;
  /** A line must end after this segment (a line separator). */
  required: boolean;
}

/** A word longer than this is wider than any line: it is measured from its graphemes, not shaped whole. */
const LONG_WORD = 2000;

/** The width of a segment's content. A very long one (a title with no space) is summed from its graphemes' own
 *  widths, which breakInsideWord needs anyway: shaping it whole as well would cost a second pass over it. */
function segmentWidth(p: Prepared, start: number, end: number, size: number): number {
  if (end - start <= LONG_WORD) return rangeWidth(p, start, end, size);
  const { estimated } = graphemeWidths(p, size, start, end);
  return estimated[estimated.length - 1]!;
}

function segmentsOf(p: Prepared, size: number): Segment[] {
  const segments: Segment[] = [];
  const breaker = new LineBreaker(p.text);
  let start = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    if (b.position <= start) continue;
    const contentEnd = contentEndOf(p.text, start, b.position);
    const contentWidth = segmentWidth(p, start, contentEnd, size);
    const fullWidth = contentEnd === b.position ? contentWidth : contentWidth + rangeWidth(p, contentEnd, b.position, size);
    segments.push({ start, end: b.position, contentEnd, contentWidth, fullWidth, required: b.required });
    start = b.position;
  }
  return segments;
}

/**
 * Breaks the paragraph into lines no wider than maxWidth. `optimize` (for justified text, as Typst does)
 * chooses the breaks for the whole paragraph at once so that the lines' free room is spread evenly, instead
 * of filling each line in turn and leaving one loose line behind a tight one.
 */
export function breakLines(p: Prepared, size: number, maxWidth: number, optimize = false): LineRange[] {
  if (p.text.length === 0) return [{ start: 0, contentEnd: 0, end: 0 }];
  const segments = segmentsOf(p, size);
  if (optimize && maxWidth < Infinity && segments.every((s) => s.contentWidth <= maxWidth)) return optimalLines(p, segments, maxWidth);
  return greedyLines(p, segments, size, maxWidth);
}

/** Minimum total badness (squared free room of every line but the last) over all feasible breaks. */
function optimalLines(p: Prepared, segments: Segment[], maxWidth: number): LineRange[] {
  const lines: LineRange[] = [];
  let chunkStart = 0;
  for (let k = 0; k < segments.length; k++) {
    if (!segments[k]!.required && k < segments.length - 1) continue;
    // Segments chunkStart..k end at a forced break (or the paragraph's end): solve them on their own.
    const chunk = segments.slice(chunkStart, k + 1);
    const n = chunk.length;
    const before = [0]; // full width of chunk[0..i)
    for (const segment of chunk) before.push(before.at(-1)! + segment.fullWidth);
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1);
    cost[0] = 0;
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const width = before[j - 1]! - before[i]! + chunk[j - 1]!.contentWidth;
        if (width > maxWidth && i < j - 1) break;
        const free = (maxWidth - width) / maxWidth;
        const badness = j === n ? 0 : free * free * 1000 + 1;
        if (cost[i]! + badness < cost[j]!) {
          cost[j] = cost[i]! + badness;
          from[j] = i;
        }
      }
    }
    const breaks: number[] = [];
    for (let j = n; j > 0; j = from[j]!) breaks.unshift(j);
    let i = 0;
    for (const j of breaks) {
      const start = chunk[i]!.start;
      const end = chunk[j - 1]!.end;
      lines.push({ start, contentEnd: contentEndOf(p.text, start, end), end });
      i = j;
    }
    chunkStart = k + 1;
  }
  return lines;
}

function greedyLines(p: Prepared, segments: Segment[], size: number, maxWidth: number): LineRange[] {
  const lines: LineRange[] = [];
  const push = (start: number, end: number) => lines.push({ start, contentEnd: contentEndOf(p.text, start, end), end });
  let lineStart = 0;
  let widthBefore = 0; // full width of the line's segments before the current one
  let lastFit = -1; // index of the last segment that fits on the current line
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const width = widthBefore + segment.contentWidth;
    if (width > maxWidth && lastFit >= 0) {
      // Close the line after the last segment that fit, then look at this segment again on a fresh line.
      const end = segments[lastFit]!.end;
      push(lineStart, end);
      lineStart = end;
      widthBefore = 0;
      lastFit = -1;
      i--;
      continue;
    }
    if (width > maxWidth) {
      // A lone segment wider than the line: split it between grapheme clusters.
      lineStart = breakInsideWord(p, size, maxWidth, lineStart, segment.contentEnd, push);
      widthBefore = rangeWidth(p, lineStart, segment.end, size);
      lastFit = i;
    } else {
      widthBefore += segment.fullWidth;
      lastFit = i;
    }
    if (segment.required) {
      push(lineStart, segment.end);
      lineStart = segment.end;
      widthBefore = 0;
      lastFit = -1;
    }
  }
  if (lineStart < p.text.length || lines.length === 0) push(lineStart, p.text.length);
  return lines;
}

interface GraphemeWidths {
  /** The grapheme boundaries of the word, from its start to its end. */
  boundaries: number[];
  /** estimated[k]: the summed widths of the graphemes before boundaries[k], each shaped alone. */
  estimated: Float64Array;
}

const graphemeWidthCache = new WeakMap<Prepared, Map<string, GraphemeWidths>>();

/** Kept per paragraph: balancing a heading breaks the same word at many widths. */
function graphemeWidths(p: Prepared, size: number, start: number, end: number): GraphemeWidths {
  let byWord = graphemeWidthCache.get(p);
  if (!byWord) graphemeWidthCache.set(p, (byWord = new Map()));
  const key = `${size}:${start}:${end}`;
  let widths = byWord.get(key);
  if (!widths) {
    const boundaries = [start, ...graphemeBoundaries(p.text.slice(start, end)).map((offset) => start + offset), end];
    const estimated = new Float64Array(boundaries.length);
    for (let k = 1; k < boundaries.length; k++) estimated[k] = estimated[k - 1]! + rangeWidth(p, boundaries[k - 1]!, boundaries[k]!, size);
    widths = { boundaries, estimated };
    byWord.set(key, widths);
  }
  return widths;
}

/**
 * Pushes full lines cut from [start, end) at grapheme boundaries; returns where the unfinished last piece starts.
 * Linear in the word's length: each cut is first estimated from the graphemes' own widths (shaped one by one,
 * and mostly cached: a long word repeats its letters), then checked by shaping the line as it will be drawn and
 * moved a grapheme at a time until the line is the longest that fits. Measuring every prefix instead would shape
 * each line once per grapheme in it.
 */
function breakInsideWord(
  p: Prepared,
  size: number,
  maxWidth: number,
  start: number,
  end: number,
  push: (start: number, end: number) => void,
): number {
  const { boundaries, estimated } = graphemeWidths(p, size, start, end);

  const fits = (from: number, to: number) => rangeWidth(p, boundaries[from]!, boundaries[to]!, size) <= maxWidth;
  const last = boundaries.length - 1;
  let from = 0;
  let to = 0;
  while (from < last) {
    // The estimate: as many graphemes as their own widths allow (at least one).
    if (to <= from) to = from + 1;
    while (to < last && estimated[to + 1]! - estimated[from]! <= maxWidth) to++;
    // The check, on the line's real shaping.
    while (to > from + 1 && !fits(from, to)) to--;
    while (to < last && fits(from, to + 1)) to++;
    if (to === last && fits(from, to)) break; // the rest fits: it is the unfinished last piece
    push(boundaries[from]!, boundaries[to]!);
    from = to;
  }
  return boundaries[from]!;
}
