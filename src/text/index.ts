// The text engine: styled logical text in, lines of positioned glyphs out, for any renderer. Like Typst's inline
// layout it reads as four plain steps, one file each: collect → prepare (bidi, scripts, fonts, shaping whole
// items with HarfBuzz) → break lines (reshaping only at unsafe breaks) → finalize (visual order). It knows
// nothing of PDF, DOCX or the dataset.
import { RepeatCache } from '../collections.js';
import { mirroredCharacter, withoutBidiControls } from './bidi.js';
import { collect } from './collect.js';
import { faceChain, lineMetrics, styleIndex } from './fonts.js';
import { finalizeLine } from './finalize.js';
import { justifyWithKashida } from './kashida.js';
import { breakLines, unbrokenLine } from './linebreak.js';
import { prepare, type Prepared } from './prepare.js';
import type { FinalLine, LaidLine, ParagraphLayout, ParagraphSpec, StyledText, VisualRun } from './types.js';

export type * from './types.js';
export type { Prepared } from './prepare.js';
export type { LoadedFace } from './fonts.js';
export type { ShapedRun } from './shape.js';
export { isItalic } from './fonts.js';
export { uncoveredCharacters } from './coverage.js';

const MAX_PREPARED = 5_000;
const preparedCache = new RepeatCache<Prepared>(MAX_PREPARED);

const spanKey = (span: StyledText) => `\u0000${span.bold ? 'b' : ''}${span.italic ? 'i' : ''}\u0001${span.text}`;

/**
 * Prepared paragraphs are pure functions of text, styles and direction: kept per process once they repeat. A
 * measurement (`count` false) uses what is kept but counts towards keeping nothing: measurers remember widths, and
 * what a long table measures once (a one-off word) is laid out once more at most, in its cell.
 */
function prepared(spec: ParagraphSpec, count = true): Prepared {
  const key = spec.spans.length === 1 ? spec.direction + spanKey(spec.spans[0]!) : spec.direction + spec.spans.map(spanKey).join('');
  return preparedCache.get(key, () => prepare(collect(spec.spans), spec.direction, count), count);
}

const laidOut = new WeakMap<Prepared, Map<string, { lines: FinalLine[]; withoutTatweel: string[] }>>();

/** Justified alignments: the breaks are chosen for the whole paragraph, the free room spread. */
export const isJustified = (align: ParagraphSpec['align']) => align === 'justify' || align === 'kashida';

/** Lays out a paragraph into finished lines (visual runs, widths). Results are kept per prepared paragraph, size
 *  and width: page layout asks again while it balances and measures. */
export function layoutLines(spec: ParagraphSpec, maxWidth: number): { prepared: Prepared; lines: FinalLine[]; withoutTatweel: string[] } {
  const p = prepared(spec);
  let byKey = laidOut.get(p);
  if (!byKey) laidOut.set(p, (byKey = new Map()));
  const kashida = spec.align === 'kashida' && maxWidth < Infinity;
  const key = `${spec.size}:${maxWidth}:${isJustified(spec.align)}:${kashida}`;
  let laid = byKey.get(key);
  if (!laid) {
    const withoutTatweel: string[] = [];
    const lines = breakLines(p, spec.size, maxWidth, isJustified(spec.align)).map((range, index, ranges) => {
      const line = finalizeLine(p, range, spec.size);
      if (!kashida || index === ranges.length - 1) return line;
      const justified = justifyWithKashida(p, line, spec.size, maxWidth);
      for (const family of justified.withoutTatweel) if (!withoutTatweel.includes(family)) withoutTatweel.push(family);
      return justified.line;
    });
    laid = { lines, withoutTatweel };
    if (byKey.size > 64) byKey.clear();
    byKey.set(key, laid);
  }
  return { prepared: p, ...laid };
}

/** Breaks the paragraph into lines no wider than maxWidth (a word wider than that is cut inside). */
export function layoutParagraph(spec: ParagraphSpec, maxWidth: number): ParagraphLayout {
  const { prepared: p, lines, withoutTatweel } = layoutLines(spec, maxWidth);
  const { ascent, descent } = lineMetrics();
  const height = spec.size * spec.lineHeight;
  const baseline = (height - (ascent + descent) * spec.size) / 2 + ascent * spec.size;
  const laid: LaidLine[] = lines.map((final, i) => ({
    width: final.width,
    baseline,
    height,
    text: withoutBidiControls(p.text.slice(final.start, final.contentEnd)),
    last: i === lines.length - 1,
    final,
    spec,
  }));
  return { lines: laid, height: height * laid.length, width: Math.max(0, ...laid.map((l) => l.width)), uncovered: p.uncovered, withoutTatweel };
}

/** Room allowed per character in a width bound, over its face's widest ASCII glyph, in ems: for a substitute glyph
 *  (a mirrored bracket, an alternate) and kerning, far above what text faces use (test/column-widths.test.ts checks the shipped faces). */
const BOUND_ALLOWANCE_EM = 1.5;

/**
 * An upper bound of the width of `text` set alone on one line (points), where a cheap one holds: printable ASCII
 * drawn from the body face, which shaping never splits into several glyphs. Otherwise undefined (measure it).
 * Table column sizing leaves a one-off word unmeasured when its bound fits its column anyway.
 */
export function widthBound(text: string, size: number, bold: boolean): number | undefined {
  const body = faceChain(styleIndex(bold, false)).at(0);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x21 || code > 0x7e || !body.coverage.has(code)) return undefined;
  }
  return text.length * (body.widestAsciiAdvance() / body.unitsPerEm + BOUND_ALLOWANCE_EM) * size;
}

/** Width of the paragraph set on one line (for sizing table columns): its widest line, built no further than
 *  its width (callers remember widths; nothing else of the lines is kept). */
export function measureParagraph(spec: ParagraphSpec): number {
  const p = prepared(spec, false);
  const justified = isJustified(spec.align);
  // Most measured texts (a table's words and figures) have no forced break: their one line needs no breaking.
  const single = justified ? undefined : unbrokenLine(p);
  let width = 0;
  for (const range of single ? [single] : breakLines(p, spec.size, Infinity, justified)) width = Math.max(width, finalizeLine(p, range, spec.size).width);
  return width;
}

export interface VisualRunView {
  /** The run's characters in logical order (bidi controls excluded). */
  text: string;
  rtl: boolean;
  /** The run as it reads left to right on the page: the characters of its glyphs in drawing order. */
  visual: string;
}

/** The runs of each line, left to right as drawn: what tests check visual order against. */
export function visualRuns(spec: ParagraphSpec, maxWidth = Infinity): VisualRunView[][] {
  const { prepared: p, lines } = layoutLines(spec, maxWidth);
  const view = (run: VisualRun): VisualRunView => ({
    text: withoutBidiControls(p.text.slice(run.start, run.end)),
    rtl: run.rtl,
    visual: visualText(run),
  });
  return lines.map((line) => line.runs.map(view));
}

/** A run's characters left to right as drawn: a right-to-left run reversed, its brackets mirrored (UAX #9 L4). */
function visualText(run: VisualRun): string {
  if (!run.rtl) return run.shapingText;
  return Array.from(run.shapingText, (char) => mirroredCharacter(char) ?? char).reverse().join('');
}
