// Drawing shaped runs into a pdfkit page with pdfkit's lower-level calls (save/transform/addContent): one
// BT…ET per run, glyphs placed from our own shaping, so nothing is shaped twice and pdfkit's doc.text never
// splits, re-shapes or reorders a run.
import type { LoadedFace } from './faces.js';
import { bidi } from './prepare.js';
import type { ShapedRun } from './shape.js';

/** The parts of pdfkit 0.20's EmbeddedFont that drawing glyphs needs (pdfkit has no public glyph API). */
interface EmbeddedFont {
  id: string;
  subset: { includeGlyph(glyphId: number): number };
  /** Advance widths by subset glyph id (pdfkit writes them as /W). */
  widths: (number | undefined)[];
  /** Characters by subset glyph id (pdfkit writes them as the ToUnicode CMap). */
  unicode: (number[] | undefined)[];
  scale: number;
  ref(): unknown;
}

interface PdfkitInternals {
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  page: { height: number; fonts: Record<string, unknown> };
  font(name: string): unknown;
  registerFont(name: string, src: unknown): unknown;
  addContent(data: string): unknown;
  save(): unknown;
  restore(): unknown;
  transform(a: number, b: number, c: number, d: number, e: number, f: number): unknown;
}

/** Embeds faces into one document, once each; leaves the document's current font as it was. */
export class DocumentFonts {
  private readonly doc: PdfkitInternals;
  private readonly embedded = new Map<LoadedFace, EmbeddedFont>();

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = doc as unknown as PdfkitInternals;
  }

  get(face: LoadedFace): EmbeddedFont {
    let font = this.embedded.get(face);
    if (!font) {
      const doc = this.doc;
      const saved = [doc._font, doc._fontSource, doc._fontFamily] as const;
      // A fontkit font object is accepted by registerFont: parsed once per process, subset per document.
      doc.registerFont(face.key, face.font);
      doc.font(face.key);
      font = doc._font as EmbeddedFont;
      [doc._font, doc._fontSource, doc._fontFamily] = saved;
      this.embedded.set(face, font);
    }
    return font;
  }
}

function mirroredOf(code: number): string | null {
  return code < 0x10000 ? bidi.getMirroredCharacter(String.fromCharCode(code)) : null;
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

export interface RunPlacement {
  face: LoadedFace;
  shaped: ShapedRun;
  size: number;
  /** Left edge of the run, points from the page's left edge. */
  x: number;
  /** Baseline, points from the page's top edge. */
  baseline: number;
  /** Extra room after every space glyph (justification), points. */
  extraPerSpace: number;
  /** Synthetic slant (tangent of the angle), 0 for none. */
  slant: number;
  /** The run is right to left (its glyphs are in visual order, the reverse of the text). */
  rtl: boolean;
}

/** UTF-16BE hex string for a PDF text string. */
function pdfTextHex(text: string): string {
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

/** Draws one shaped run. Returns its drawn width in points. */
export function drawRun(fonts: DocumentFonts, doc: PDFKit.PDFDocument, run: RunPlacement): number {
  const d = doc as unknown as PdfkitInternals;
  const font = fonts.get(run.face);
  const { shaped, size } = run;
  const scale = size / run.face.unitsPerEm;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();

  d.save();
  // Page content is y-down in pdfkit; text space must be y-up.
  d.transform(1, 0, 0, -1, 0, d.page.height);
  const y = d.page.height - run.baseline;
  if (run.slant) d.transform(1, 0, run.slant, 1, -run.slant * y, 0);
  const out: string[] = ['BT', `/${font.id} ${num(size)} Tf`, `1 0 0 1 ${num(run.x)} ${num(y)} Tm`];
  let tj: string[] = [];
  let hex = '';
  const flush = () => {
    if (hex) tj.push(`<${hex}>`);
    hex = '';
    if (tj.length) out.push(`[${tj.join(' ')}] TJ`);
    tj = [];
  };
  let pen = run.x; // where the glyph's origin goes
  let textX = run.x; // where the PDF text position is
  let textY = y;
  for (let i = 0; i < shaped.glyphIds.length; i++) {
    const gid = font.subset.includeGlyph(shaped.glyphIds[i]!);
    const codes = shaped.codePoints[i]!;
    if (font.widths[gid] == null) font.widths[gid] = shaped.glyphWidths[i]! * font.scale;
    // Text extractors (poppler, pdf.js) read a right-to-left line's glyphs in drawing order and then reverse
    // it, including the characters inside one glyph: so a ligature (لا, لي, تر …) maps to its characters in
    // visual order, or it would come back reversed (ال).
    if (font.unicode[gid] == null) font.unicode[gid] = run.rtl && codes.length > 1 ? [...codes].reverse() : codes;
    // A mirrored bracket is drawn with the other bracket's glyph, whose ToUnicode entry is that other bracket;
    // ActualText gives the character the text really has.
    const actual = run.rtl && codes.length === 1 ? mirroredOf(codes[0]!) : null;
    const targetX = pen + shaped.xOffsets[i]! * scale;
    const targetY = y + shaped.yOffsets[i]! * scale;
    if (Math.abs(targetY - textY) > 1e-6) {
      flush();
      out.push(`1 0 0 1 ${num(targetX)} ${num(targetY)} Tm`);
      textX = targetX;
      textY = targetY;
    } else if (Math.abs(targetX - textX) > 1e-6) {
      if (hex) tj.push(`<${hex}>`);
      hex = '';
      tj.push(num(((textX - targetX) * 1000) / size));
      textX = targetX;
    }
    if (actual) {
      flush();
      out.push(`/Span <</ActualText <${pdfTextHex(actual)}>>> BDC`);
    }
    hex += gid.toString(16).padStart(4, '0');
    if (actual) {
      flush();
      out.push('EMC');
    }
    textX += shaped.glyphWidths[i]! * scale;
    pen += shaped.xAdvances[i]! * scale;
    if (codes.length === 1 && codes[0] === 0x20) pen += run.extraPerSpace;
  }
  flush();
  out.push('ET');
  d.addContent(out.join('\n'));
  d.restore();
  return pen - run.x;
}
