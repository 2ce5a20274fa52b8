// Shaping through fontkit, one bidi run at a time. Results are kept in font units, per face, keyed by
// direction and text, so measuring and drawing the same words again costs a map lookup. (These are our own
// immutable copies: pdfkit's own layout cache is not used because pdfkit scales positions in place.)
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
  /** Sum of xAdvances, in font units. */
  advance: number;
  /** Number of U+0020 space glyphs: where justification adds room. */
  spaces: number;
}

const MAX_CACHED = 50_000;
const cache = new Map<LoadedFace, Map<string, ShapedRun>>();

/**
 * Shapes `text` (logical order, brackets already mirrored for right-to-left) as one run. Passing the direction
 * explicitly matters: left to itself fontkit guesses it from the script, and reverses Arabic-Indic digit runs
 * (which bidi sets left to right) while leaving right-to-left runs of neutrals unreversed.
 */
export function shape(face: LoadedFace, text: string, rtl: boolean): ShapedRun {
  let byText = cache.get(face);
  if (!byText) {
    byText = new Map();
    cache.set(face, byText);
  }
  const key = (rtl ? 'R' : 'L') + text;
  let run = byText.get(key);
  if (!run) {
    if (byText.size >= MAX_CACHED) byText.clear();
    run = shapeUncached(face, text, rtl);
    byText.set(key, run);
  }
  return run;
}

function shapeUncached(face: LoadedFace, text: string, rtl: boolean): ShapedRun {
  const layout = face.font.layout(text, [], undefined, undefined, rtl ? 'rtl' : 'ltr');
  const run: ShapedRun = { glyphIds: [], codePoints: [], xAdvances: [], xOffsets: [], yOffsets: [], glyphWidths: [], advance: 0, spaces: 0 };
  for (let i = 0; i < layout.glyphs.length; i++) {
    const glyph = layout.glyphs[i]!;
    const position = layout.positions[i]!;
    // fontkit swaps default-ignorable characters (ZWJ, ZWNJ, …) for a zero-width space glyph: leave them out,
    // or a space would be copied out of the PDF. It misses those the font has no glyph for once glyph 0 is
    // cached with other code points (pdfkit asks for it first), so .notdef goes too: prepare.ts already
    // left out every character that no face covers, so a .notdef here is always an ignorable.
    if (glyph.id === 0) continue;
    if (position.xAdvance === 0 && glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x20) continue;
    run.glyphIds.push(glyph.id);
    run.codePoints.push(glyph.codePoints);
    run.xAdvances.push(position.xAdvance);
    run.xOffsets.push(position.xOffset);
    run.yOffsets.push(position.yOffset);
    run.glyphWidths.push(glyph.advanceWidth);
    run.advance += position.xAdvance;
    if (glyph.codePoints.length === 1 && glyph.codePoints[0] === 0x20) run.spaces++;
  }
  return run;
}

/** Width in points of `text` shaped as one run at `size`. */
export function runWidth(face: LoadedFace, text: string, rtl: boolean, size: number): number {
  return (shape(face, text, rtl).advance * size) / face.unitsPerEm;
}
