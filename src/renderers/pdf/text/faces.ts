// Font faces as the text engine sees them: fontkit fonts parsed once per process and shared by every
// document (pdfkit's registerFont accepts a fontkit font object and builds its own subset per document).
import { create, type Font } from 'fontkit';
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

function loadFace(face: FontFace): LoadedFace {
  let entry = loaded.get(face.path);
  if (!entry) {
    const font = create(fontBytes(face));
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
