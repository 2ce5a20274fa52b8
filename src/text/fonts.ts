// Font faces as the text engine sees them: each file parsed once per process by HarfBuzz (shaping, metrics,
// coverage), loaded only when a text needs it: the fallback faces of a chain are read the first time a
// character is missing from the faces before them.
import * as hb from 'harfbuzzjs';
import { fontBytes, fontChain, type FontFace } from '../fonts/index.js';

export interface LoadedFace {
  /** Stable key (the font file path), used by renderers as the embedded font's name and in caches. */
  key: string;
  face: FontFace;
  bytes: Uint8Array;
  hbFont: hb.Font;
  /** Font units per em. */
  unitsPerEm: number;
  /** The characters the face maps to glyphs. */
  coverage: ReadonlySet<number>;
  /** Ascender and descender (positive) in ems. */
  ascent: number;
  descent: number;
  /** x-height and cap height in font units (0 where the face does not say). */
  xHeight: number;
  capHeight: number;
  /** A glyph's own advance width in font units (its hmtx entry). */
  glyphAdvance(glyphId: number): number;
  /** The glyph's GDEF class (1 base, 2 ligature, 3 mark, 4 component; 0 unclassified). */
  glyphClass(glyphId: number): number;
  /** The widest advance of the glyphs the face maps printable ASCII (U+0021–U+007E) to, in font units. */
  widestAsciiAdvance(): number;
}

const loaded = new Map<string, LoadedFace>();

function loadFace(face: FontFace): LoadedFace {
  let entry = loaded.get(face.path);
  if (!entry) {
    const bytes = fontBytes(face);
    const hbFace = new hb.Face(new hb.Blob(bytes));
    const hbFont = new hb.Font(hbFace);
    const { ascender, descender } = hbFont.hExtents();
    const unitsPerEm = hbFace.upem;
    const advances = new Map<number, number>();
    const classes = new Map<number, number>();
    let widestAscii: number | undefined;
    entry = {
      key: face.path,
      face,
      bytes,
      hbFont,
      unitsPerEm,
      coverage: new Set(hbFace.collectUnicodes()),
      ascent: ascender / unitsPerEm,
      descent: -descender / unitsPerEm,
      xHeight: hbFont.getMetricPosition(hb.MetricsTag.X_HEIGHT) ?? 0,
      capHeight: hbFont.getMetricPosition(hb.MetricsTag.CAP_HEIGHT) ?? 0,
      glyphAdvance(glyphId) {
        let advance = advances.get(glyphId);
        if (advance === undefined) advances.set(glyphId, (advance = hbFont.glyphHAdvance(glyphId)));
        return advance;
      },
      glyphClass(glyphId) {
        let glyphClass = classes.get(glyphId);
        if (glyphClass === undefined) classes.set(glyphId, (glyphClass = hbFace.getGlyphClass(glyphId)));
        return glyphClass;
      },
      widestAsciiAdvance() {
        if (widestAscii === undefined) {
          widestAscii = 0;
          for (let code = 0x21; code <= 0x7e; code++) {
            const glyph = hbFont.nominalGlyph(code);
            if (glyph !== undefined) widestAscii = Math.max(widestAscii, hbFont.glyphHAdvance(glyph));
          }
        }
        return widestAscii;
      },
    };
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

/** The faces to try for a style, loaded one at a time as they are needed. */
export class FaceChain {
  private readonly faces: readonly FontFace[];
  private readonly loadedFaces: LoadedFace[] = [];

  constructor(faces: readonly FontFace[]) {
    this.faces = faces;
  }

  get length(): number {
    return this.faces.length;
  }

  /** The index-th face of the chain (the first is the body face). */
  at(index: number): LoadedFace {
    return (this.loadedFaces[index] ??= loadFace(this.faces[index]!));
  }

  /** The first face that has a glyph for the character, or null. */
  covering(code: number): LoadedFace | null {
    for (let index = 0; index < this.faces.length; index++) {
      const face = this.at(index);
      if (face.coverage.has(code)) return face;
    }
    return null;
  }
}

const chains: FaceChain[] = [];

export function faceChain(style: StyleIndex): FaceChain {
  return (chains[style] ??= new FaceChain(fontChain({ bold: isBold(style), italic: isItalic(style) })));
}

/**
 * How much a fallback face's glyphs are scaled to sit with the body face's: the ratio of their x-heights (the
 * height readers compare letters by), kept within reason for faces whose x-height says little.
 */
export function fallbackScale(face: LoadedFace, body: LoadedFace): number {
  if (face === body || !face.xHeight || !body.xHeight) return 1;
  const ratio = body.xHeight / body.unitsPerEm / (face.xHeight / face.unitsPerEm);
  return Math.min(1.25, Math.max(0.85, ratio));
}

/** Line metrics (ascent, descent as positive numbers) in ems, from the regular body face. */
export function lineMetrics(): { ascent: number; descent: number } {
  const body = faceChain(0).at(0);
  return { ascent: body.ascent, descent: body.descent };
}
