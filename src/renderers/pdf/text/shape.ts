// Shaping through fontkit, one bidi run at a time. Results are kept in font units, per face, keyed by
// direction and text, so measuring and drawing the same words again costs a map lookup. (These are our own
// immutable copies: pdfkit's own layout cache is not used because pdfkit scales positions in place.)
import type { Font, Glyph } from 'fontkit';
import { isCombiningMark } from './collect.js';
import type { LoadedFace } from './faces.js';

export interface ShapedRun {
  /** Glyph ids in visual order (left to right), ready to draw. */
  glyphIds: number[];
  /** The characters each glyph stands for, in logical order (a ligature has several). */
  codePoints: number[][];
  /** Per glyph, in font units. */
  xAdvances: number[];
  xOffsets: number[];
  yOffsets: number[];
  /** The glyph's own advance width (pdfkit's /W entry), in font units. */
  glyphWidths: number[];
  /** The glyph is a combining mark (it takes no room and sits on the glyph it belongs to). */
  isMark: boolean[];
  /** Sum of xAdvances, in font units. */
  advance: number;
  /** Number of U+0020 space glyphs: where justification adds room. */
  spaces: number;
}

const MAX_CACHED = 50_000;
const ZWJ = '\u200d';
const cache = new Map<LoadedFace, Map<string, ShapedRun>>();

/**
 * Shapes `text` (logical order, brackets already mirrored for right-to-left) as one run. Passing the direction
 * explicitly matters: left to itself fontkit guesses it from the script, and reverses Arabic-Indic digit runs
 * (which bidi sets left to right) while leaving right-to-left runs of neutrals unreversed.
 */
export function shape(face: LoadedFace, text: string, rtl: boolean, before = '', after = ''): ShapedRun {
  let byText = cache.get(face);
  if (!byText) {
    byText = new Map();
    cache.set(face, byText);
  }
  const key = before || after ? `${rtl ? 'R' : 'L'}${before}\u0000${text}\u0000${after}` : (rtl ? 'R' : 'L') + text;
  let run = byText.get(key);
  if (!run) {
    if (byText.size >= MAX_CACHED) byText.clear();
    run = before || after ? shapeInContext(face, text, rtl, before, after) : shapeUncached(face, text, rtl);
    byText.set(key, run);
  }
  return run;
}

/**
 * Shapes `text` between the letters it joins to (HarfBuzz's pre- and post-context), then drops their
 * glyphs. A context letter that forms a ligature with the run (lam + alef split by a style change) cannot
 * be dropped alone: that side is shaped against ZWJ instead, which keeps the joining forms and no ligature.
 */
function shapeInContext(face: LoadedFace, text: string, rtl: boolean, before: string, after: string): ShapedRun {
  const full = shapeUncached(face, before + text + after, rtl); // a ZWJ leaves no glyph (see below)
  const n = full.glyphIds.length;
  // Visual order: in a right-to-left run the letter before comes last, the letter after first.
  const beforeAt = before && before !== ZWJ ? (rtl ? n - 1 : 0) : -1;
  const afterAt = after && after !== ZWJ ? (rtl ? 0 : n - 1) : -1;
  const alone = (at: number, char: string) => at >= 0 && at < n && full.codePoints[at]!.length === 1 && full.codePoints[at]![0] === char.codePointAt(0);
  const ligatedBefore = beforeAt >= 0 && !alone(beforeAt, before);
  const ligatedAfter = afterAt >= 0 && !alone(afterAt, after);
  if (ligatedBefore || ligatedAfter) return shape(face, text, rtl, ligatedBefore ? ZWJ : before, ligatedAfter ? ZWJ : after);
  const keep = (_: unknown, i: number) => i !== beforeAt && i !== afterAt;
  const run: ShapedRun = {
    glyphIds: full.glyphIds.filter(keep),
    codePoints: full.codePoints.filter(keep),
    xAdvances: full.xAdvances.filter(keep),
    xOffsets: full.xOffsets.filter(keep),
    yOffsets: full.yOffsets.filter(keep),
    glyphWidths: full.glyphWidths.filter(keep),
    isMark: full.isMark.filter(keep),
    advance: 0,
    spaces: full.spaces,
  };
  run.advance = run.xAdvances.reduce((a, b) => a + b, 0);
  return run;
}

/**
 * The glyphs for `text`, one per code point, each carrying its own code point (faces.ts makes fontkit hand out
 * glyphs with the characters asked for): characters sharing a glyph (every character the font lacks shares
 * .notdef) would otherwise reach the Arabic shaper under another character's identity, and a ZWJ would stop
 * joining letters.
 */
function glyphsFor(font: Font, text: string): Glyph[] {
  return Array.from(text, (char) => font.glyphForCodePoint(char.codePointAt(0)!));
}

/** Characters that are never drawn (ZWJ, ZWNJ, variation selectors, bidi controls...). */
const IGNORABLE = /^\p{Default_Ignorable_Code_Point}$/u;

function shapeUncached(face: LoadedFace, text: string, rtl: boolean): ShapedRun {
  const layout = face.font.layout(glyphsFor(face.font, text), [], undefined, undefined, rtl ? 'rtl' : 'ltr');
  const run: ShapedRun = { glyphIds: [], codePoints: [], xAdvances: [], xOffsets: [], yOffsets: [], glyphWidths: [], isMark: [], advance: 0, spaces: 0 };
  for (let i = 0; i < layout.glyphs.length; i++) {
    const glyph = layout.glyphs[i]!;
    const position = layout.positions[i]!;
    // fontkit swaps default-ignorable characters (ZWJ, ZWNJ, …) for a zero-width space glyph: leave them out,
    // or a space would be copied out of the PDF. A .notdef glyph of an ignorable goes too; the .notdef of a
    // character no face covers stays, a visible box (prepare.ts gave it the first face).
    if (glyph.id === 0 && glyph.codePoints.every((code) => IGNORABLE.test(String.fromCodePoint(code)))) continue;
    if (position.xAdvance === 0 && glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x20) continue;
    run.glyphIds.push(glyph.id);
    run.codePoints.push(glyph.codePoints);
    run.xAdvances.push(position.xAdvance);
    run.xOffsets.push(position.xOffset);
    run.yOffsets.push(position.yOffset);
    run.glyphWidths.push(glyph.advanceWidth);
    run.isMark.push(position.xAdvance === 0 && glyph.codePoints.length > 0 && glyph.codePoints.every(isCombiningMark));
    run.advance += position.xAdvance;
    if (glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x20) run.spaces++;
  }
  return run;
}

/** Width in points of `text` shaped as one run at `size`. */
export function runWidth(face: LoadedFace, text: string, rtl: boolean, size: number, before = '', after = ''): number {
  return (shape(face, text, rtl, before, after).advance * size) / face.unitsPerEm;
}
