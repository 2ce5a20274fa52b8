// Shaping through fontkit, one bidi run at a time. Results are kept in font units, per face, keyed by
// direction and text, so measuring and drawing the same words again costs a map lookup. (These are our own
// immutable copies: pdfkit's own layout cache is not used because pdfkit scales positions in place.)
import type { Font, Glyph } from 'fontkit';
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

const COMBINING_MARK = /^\p{M}$/u;
const isCombiningMark = (code: number) => COMBINING_MARK.test(String.fromCodePoint(code));

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

/**
 * The glyphs for `text`, one per code point, each carrying its own code point. fontkit caches one glyph object
 * per glyph id with the code points it was first asked for, so characters sharing a glyph (every character
 * the font lacks shares .notdef, which pdfkit asks for first, with none) would otherwise reach the Arabic
 * shaper under another character's identity: a ZWJ would stop joining letters.
 */
function glyphsFor(font: Font, text: string): Glyph[] {
  const glyphs: Glyph[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    let glyph = font.glyphForCodePoint(code);
    if (glyph.codePoints.length !== 1 || glyph.codePoints[0] !== code) {
      glyph = Object.assign(Object.create(Object.getPrototypeOf(glyph) as object) as Glyph, glyph, { codePoints: [code] });
    }
    glyphs.push(glyph);
  }
  return glyphs;
}

function shapeUncached(face: LoadedFace, text: string, rtl: boolean): ShapedRun {
  const layout = face.font.layout(glyphsFor(face.font, text), [], undefined, undefined, rtl ? 'rtl' : 'ltr');
  const run: ShapedRun = { glyphIds: [], codePoints: [], xAdvances: [], xOffsets: [], yOffsets: [], glyphWidths: [], isMark: [], advance: 0, spaces: 0 };
  for (let i = 0; i < layout.glyphs.length; i++) {
    const glyph = layout.glyphs[i]!;
    const position = layout.positions[i]!;
    // fontkit swaps default-ignorable characters (ZWJ, ZWNJ, …) for a zero-width space glyph: leave them out,
    // or a space would be copied out of the PDF. A .notdef glyph goes too: prepare.ts left out every character
    // that no face covers, so one here can only be an ignorable that fontkit did not hide.
    if (glyph.id === 0) continue;
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
export function runWidth(face: LoadedFace, text: string, rtl: boolean, size: number): number {
  return (shape(face, text, rtl).advance * size) / face.unitsPerEm;
}
