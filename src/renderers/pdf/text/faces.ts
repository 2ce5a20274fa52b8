// Font faces as the text engine sees them: fontkit fonts parsed once per process and shared by every
// document (pdfkit's registerFont accepts a fontkit font object and builds its own subset per document).
import { create, type Font, type Glyph } from 'fontkit';
import { fontBytes, pdfFontChain, type FontFace } from '../../../fonts/index.js';

export interface LoadedFace {
  /** Stable key (the font file path), used as the pdfkit font name and in caches. */
  key: string;
  face: FontFace;
  font: Font;
  /** Font units per em. */
  unitsPerEm: number;
}

const loaded = new Map<string, LoadedFace>();

const sameCodes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * fontkit keeps one glyph object per glyph id, carrying the characters it was first asked for, and its layout
 * returns those shared objects. The font is shared by every document of the process, and a document's subset
 * asks for glyphs with no characters (composite glyphs' components: `'` in `"`, `u` in `ù`), so a later
 * document's shaping would get glyphs that stand for nothing (empty ToUnicode entries). Whoever asks with
 * characters gets a glyph carrying exactly those.
 */
function glyphsCarryTheirCharacters(font: Font): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id: number, characters: number[] = []) => {
    const glyph = getGlyph(id, characters);
    if (!glyph || characters.length === 0 || sameCodes(glyph.codePoints, characters)) return glyph;
    return Object.assign(Object.create(Object.getPrototypeOf(glyph) as object) as Glyph, glyph, { codePoints: [...characters] });
  };
}

function loadFace(face: FontFace): LoadedFace {
  let entry = loaded.get(face.path);
  if (!entry) {
    const font = create(fontBytes(face));
    glyphsCarryTheirCharacters(font);
    entry = { key: face.path, face, font, unitsPerEm: font.unitsPerEm };
    loaded.set(face.path, entry);
  }
  return entry;
}

/** Style index used throughout the engine: bit 0 bold, bit 1 italic. */
export type StyleIndex = 0 | 1 | 2 | 3;

export function styleIndex(bold: boolean, italic: boolean): StyleIndex {
  return ((bold ? 1 : 0) | (italic ? 2 : 0)) as StyleIndex;
}

export function isBold(style: StyleIndex): boolean {
  return (style & 1) !== 0;
}

export function isItalic(style: StyleIndex): boolean {
  return (style & 2) !== 0;
}

const chains: LoadedFace[][] = [];

/** The faces to try, in order, for text in this style. */
export function faceChain(style: StyleIndex): readonly LoadedFace[] {
  let chain = chains[style];
  if (!chain) {
    chain = pdfFontChain({ bold: isBold(style), italic: isItalic(style) }).map(loadFace);
    chains[style] = chain;
  }
  return chain;
}

/** Line metrics (ascent, descent as positive numbers) in ems, from the regular body face. */
export function lineMetrics(): { ascent: number; descent: number } {
  const font = faceChain(0)[0]!.font;
  return { ascent: font.ascent / font.unitsPerEm, descent: -font.descent / font.unitsPerEm };
}
