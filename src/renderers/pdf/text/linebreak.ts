// Step 3 of 4: break a prepared paragraph into lines. Break opportunities come from UAX #14 (the `linebreak`
// package); widths come from shaped text. Lines are filled greedily; a word wider than the line is broken
// at grapheme-cluster boundaries.
import LineBreaker from 'linebreak';
import { isBidiControl } from './collect.js';
import { joiningContext, shapingSlice, type Prepared } from './prepare.js';
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
  for (const item of p.items) {
    if (item.end <= start) continue;
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

function segmentsOf(p: Prepared, size: number): Segment[] {
  const segments: Segment[] = [];
  const breaker = new LineBreaker(p.text);
  let start = 0;
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) {
    if (b.position <= start) continue;
    const contentEnd = contentEndOf(p.text, start, b.position);
    const contentWidth = rangeWidth(p, start, contentEnd, size);
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

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Pushes full lines cut from [start, end) at grapheme boundaries; returns where the unfinished last piece starts. */
function breakInsideWord(
  p: Prepared,
  size: number,
  maxWidth: number,
  start: number,
  end: number,
  push: (start: number, end: number) => void,
): number {
  const boundaries: number[] = [];
  for (const g of graphemes.segment(p.text.slice(start, end))) if (g.index > 0) boundaries.push(start + g.index);
  boundaries.push(end);
  let lineStart = start;
  let lastFit = -1;
  for (let i = 0; i < boundaries.length; i++) {
    const boundary = boundaries[i]!;
    if (rangeWidth(p, lineStart, boundary, size) <= maxWidth) {
      lastFit = boundary;
      continue;
    }
    // At least one grapheme per line, even if it alone is too wide.
    const cut = lastFit > lineStart ? lastFit : boundary;
    if (cut === end) break;
    push(lineStart, cut);
    lineStart = cut;
    lastFit = -1;
    if (cut !== boundary) i--;
  }
  return lineStart;
}
