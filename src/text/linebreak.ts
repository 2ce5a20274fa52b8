// Step 3 of 4: break a prepared paragraph into lines. Break opportunities come from UAX #14; a candidate line's
// width is read off the paragraph's shaped items (prepare.ts), with the pieces at its edges shaped again only
// where HarfBuzz flags the break unsafe, as Typst does. Lines are filled greedily (justified paragraphs: the
// best breaks for the whole paragraph); a word wider than the line is cut between grapheme clusters, keeping the
// forms the letters have in the whole word.
import { isBidiControl } from './bidi.js';
import { firstItemEndingAfter, reshape, type Prepared } from './prepare.js';
import { graphemeBoundaries, lineBreakOpportunities } from './segmentation.js';
import type { LineRange } from './types.js';

const WHITE_SPACE = /\s/;

/**
 * A width fits a measure up to rounding: widths are sums of the same advances taken in different orders (the
 * paragraph's running sums here, the runs' own sums in a measured width), so a text laid out at exactly its
 * measured width must not be broken by a last-bit difference.
 */
const fits = (width: number, maxWidth: number) => width <= maxWidth + 1e-6 * Math.max(1, maxWidth);

/** End of `text[start, end)` with trailing white space and bidi controls dropped. */
function contentEndOf(text: string, start: number, end: number): number {
  while (end > start && (WHITE_SPACE.test(text[end - 1]!) || isBidiControl(text.charCodeAt(end - 1)))) end--;
  return end;
}

/** Width in ems of [start, end) as the whole paragraph was shaped. */
const shapedWidth = (p: Prepared, start: number, end: number) => p.advanceBefore[end]! - p.advanceBefore[start]!;

/**
 * Width in points of the line [start, end): the paragraph's shaping, except for an item cut at an edge where the
 * cut is unsafe, which is shaped again as the line will draw it. A cut inside a word (`broken`) keeps the
 * paragraph's glyphs.
 */
export function lineWidth(p: Prepared, range: Pick<LineRange, 'start' | 'contentEnd' | 'brokenStart' | 'brokenEnd'>, size: number): number {
  const { start, contentEnd: end } = range;
  let width = shapedWidth(p, start, end);
  for (const piece of reshapedPieces(p, range)) {
    const item = p.items[piece.index]!;
    const shaped = reshape(p, item, piece.from, piece.to, start, end);
    width += (shaped.advance * item.scale) / item.face.unitsPerEm - shapedWidth(p, piece.from, piece.to);
  }
  return width * size;
}

export interface ReshapedPiece {
  /** Index of the item. */
  index: number;
  from: number;
  to: number;
}

/** The items cut by the line's edges where HarfBuzz says the cut changes their glyphs (at most two). */
export function reshapedPieces(p: Prepared, range: Pick<LineRange, 'start' | 'contentEnd' | 'brokenStart' | 'brokenEnd'>): ReshapedPiece[] {
  const { start, contentEnd: end } = range;
  const pieces: ReshapedPiece[] = [];
  const cutAtStart = !range.brokenStart && p.unsafeBreak[start] === 1;
  const cutAtEnd = !range.brokenEnd && p.unsafeBreak[end] === 1;
  if (!cutAtStart && !cutAtEnd) return pieces;
  const first = firstItemEndingAfter(p.items, start);
  const last = firstItemEndingAfter(p.items, end - 1);
  const add = (index: number) => {
    const item = p.items[index];
    if (!item || item.start >= end || pieces.some((piece) => piece.index === index)) return;
    pieces.push({ index, from: Math.max(start, item.start), to: Math.min(end, item.end) });
  };
  if (cutAtStart && p.items[first] && p.items[first]!.start < start) add(first);
  if (cutAtEnd && p.items[last] && p.items[last]!.end > end) add(last);
  return pieces;
}

interface Segment {
  start: number;
  end: number;
  contentEnd: number;
  /** A line must end after this segment (a line separator). */
  required: boolean;
}

function segmentsOf(p: Prepared): Segment[] {
  const segments: Segment[] = [];
  let start = 0;
  for (const { position, required } of lineBreakOpportunities(p.text)) {
    if (position <= start) continue;
    segments.push({ start, end: position, contentEnd: contentEndOf(p.text, start, position), required });
    start = position;
  }
  return segments;
}

/** Characters after which UAX #14 breaks a line whatever the width (classes BK, CR, LF, NL). */
const MANDATORY_BREAK = /[\n\v\f\r\u0085\u2028\u2029]/;

/** The paragraph on one line, when nothing in it forces a break: what greedy breaking gives at an unlimited width. */
export function unbrokenLine(p: Prepared): LineRange | undefined {
  return MANDATORY_BREAK.test(p.text) ? undefined : whole(0, p.text.length, p.text);
}

const whole = (start: number, end: number, text: string, brokenStart = false): LineRange => ({ start, contentEnd: contentEndOf(text, start, end), end, brokenStart, brokenEnd: false });

/**
 * Breaks the paragraph into lines no wider than maxWidth. `optimize` (for justified text, as Typst does)
 * chooses the breaks for the whole paragraph at once so that the lines' free room is spread evenly, instead
 * of filling each line in turn and leaving one loose line behind a tight one.
 */
export function breakLines(p: Prepared, size: number, maxWidth: number, optimize = false): LineRange[] {
  if (p.text.length === 0) return [whole(0, 0, p.text)];
  const segments = segmentsOf(p);
  const fitsAlone = (s: Segment) => fits(lineWidth(p, whole(s.start, s.contentEnd, p.text), size), maxWidth);
  if (optimize && maxWidth < Infinity && segments.every(fitsAlone)) return optimalLines(p, segments, size, maxWidth);
  return greedyLines(p, segments, size, maxWidth);
}

/** Minimum total badness (squared free room of every line but the last) over all feasible breaks. */
function optimalLines(p: Prepared, segments: Segment[], size: number, maxWidth: number): LineRange[] {
  const lines: LineRange[] = [];
  let chunkStart = 0;
  for (let k = 0; k < segments.length; k++) {
    if (!segments[k]!.required && k < segments.length - 1) continue;
    // Segments chunkStart..k end at a forced break (or the paragraph's end): solve them on their own.
    const chunk = segments.slice(chunkStart, k + 1);
    const n = chunk.length;
    const cost = new Float64Array(n + 1).fill(Infinity);
    const from = new Int32Array(n + 1);
    cost[0] = 0;
    for (let j = 1; j <= n; j++) {
      for (let i = j - 1; i >= 0; i--) {
        const width = lineWidth(p, whole(chunk[i]!.start, chunk[j - 1]!.end, p.text), size);
        if (!fits(width, maxWidth) && i < j - 1) break;
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
      lines.push(whole(chunk[i]!.start, chunk[j - 1]!.end, p.text));
      i = j;
    }
    chunkStart = k + 1;
  }
  return lines;
}

function greedyLines(p: Prepared, segments: Segment[], size: number, maxWidth: number): LineRange[] {
  const lines: LineRange[] = [];
  let lineStart = 0;
  let brokenStart = false;
  let lastFit = -1; // index of the last segment that fits on the current line
  const push = (end: number) => {
    lines.push(whole(lineStart, end, p.text, brokenStart));
    lineStart = end;
    brokenStart = false;
    lastFit = -1;
  };
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const width = lineWidth(p, { start: lineStart, contentEnd: segment.contentEnd, brokenStart, brokenEnd: false }, size);
    if (!fits(width, maxWidth) && lastFit >= 0) {
      // Close the line after the last segment that fit, then look at this segment again on a fresh line.
      push(segments[lastFit]!.end);
      i--;
      continue;
    }
    if (!fits(width, maxWidth)) {
      // A lone segment wider than the line: cut it between grapheme clusters.
      const rest = breakInsideWord(p, size, maxWidth, lineStart, segment.contentEnd, brokenStart, lines);
      lineStart = rest;
      brokenStart = true;
    }
    lastFit = i;
    if (segment.required) push(segment.end);
  }
  if (lineStart < p.text.length || lines.length === 0) push(p.text.length);
  return lines;
}

/**
 * Pushes full lines cut from [start, end) between grapheme clusters (never inside a ligature); returns where the
 * unfinished last piece starts. The cuts keep the paragraph's glyphs, so the letters at a cut keep the joining
 * forms they have in the whole word. Linear: widths are differences of the paragraph's running sums.
 */
function breakInsideWord(p: Prepared, size: number, maxWidth: number, start: number, end: number, brokenStart: boolean, lines: LineRange[]): number {
  const boundaries = [start, ...graphemeBoundaries(p.text.slice(start, end)).map((offset) => start + offset).filter((offset) => p.clusterStart[offset] === 1), end];
  const last = boundaries.length - 1;
  const widthOf = (from: number, to: number) => lineWidth(p, { start: boundaries[from]!, contentEnd: boundaries[to]!, brokenStart: from > 0 || brokenStart, brokenEnd: to < last }, size);
  let from = 0;
  while (from < last) {
    let to = from + 1;
    while (to < last && fits(widthOf(from, to + 1), maxWidth)) to++;
    if (to === last && fits(widthOf(from, to), maxWidth)) break; // the rest fits: it is the unfinished last piece
    const cut = boundaries[to]!;
    lines.push({ start: boundaries[from]!, contentEnd: cut, end: cut, brokenStart: from > 0 || brokenStart, brokenEnd: true });
    from = to;
  }
  return boundaries[from]!;
}
