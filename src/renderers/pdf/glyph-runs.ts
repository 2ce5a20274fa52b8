// Drawing the text engine's shaped runs into a pdfkit page as raw operators (addContent): one BT…ET per run,
// glyphs placed from the engine's HarfBuzz shaping, so pdfkit's doc.text never splits, re-shapes or reorders a run.
// pdfkit embeds each face through fontkit (subset to the glyphs drawn); what each glyph copies out as comes from
// the text, never from a reverse cmap lookup.
import { create, type Font } from 'fontkit';
import { fromCodePoints } from '../../collections.js';
import { bidi } from '../../text/bidi.js';
import type { LoadedFace, ShapedRun, VisualRun } from '../../text/index.js';
import { pdfNumber } from './operators.js';
import { textInternalsOf, type TextInternals } from './pdfkit-internals.js';

/** The parts of pdfkit 0.20's EmbeddedFont that drawing glyphs needs (pdfkit has no public glyph API). */
interface EmbeddedFont {
  id: string;
  /** fontkit's TrueType subset: `glyphs` lists the font's glyph ids by subset glyph id (the CID). */
  subset: { glyphs: number[]; includeGlyph(glyphId: number): number };
  /** Advance widths by subset glyph id (pdfkit writes them as /W). */
  widths: (number | undefined)[];
  /** Characters by subset glyph id (pdfkit writes them as the ToUnicode CMap). */
  unicode: (number[] | undefined)[];
  scale: number;
  ref(): unknown;
}

const fontkitFonts = new Map<LoadedFace, Font>();

/** The face parsed by fontkit, once per process: pdfkit subsets and embeds through it (no fontkit shaping). */
function fontkitFont(face: LoadedFace): Font {
  let font = fontkitFonts.get(face);
  if (!font) fontkitFonts.set(face, (font = create(face.bytes)));
  return font;
}

/** Embeds faces into one document, once each; leaves the document's current font as it was. */
export class DocumentFonts {
  private readonly doc: TextInternals;
  private readonly embedded = new Map<LoadedFace, EmbeddedFont>();
  /** Each run's text operators as drawn at the origin, by its glyphs (the shaping cache's run they copy, where
   *  there is one) and the way it was drawn: the same words on every row of a long table are written out once,
   *  whatever the rest of their cell says. */
  readonly drawnRuns = new WeakMap<ShapedRun, Map<string, string>>();
  /** The font-selecting operator of every run, written once per font and size (tens of thousands of runs). */
  private readonly fontOperators = new Map<string, Map<number, string>>();

  /** Selects the font at a size. */
  fontOperator(fontId: string, size: number): string {
    let bySize = this.fontOperators.get(fontId);
    if (!bySize) this.fontOperators.set(fontId, (bySize = new Map()));
    let operator = bySize.get(size);
    if (operator === undefined) bySize.set(size, (operator = `/${fontId} ${num(size)} Tf\n`));
    return operator;
  }

  constructor(doc: PDFKit.PDFDocument) {
    this.doc = textInternalsOf(doc);
  }

  get(face: LoadedFace): EmbeddedFont {
    let font = this.embedded.get(face);
    if (!font) {
      const doc = this.doc;
      const saved = [doc._font, doc._fontSource, doc._fontFamily] as const;
      // A fontkit font object is accepted by registerFont: parsed once per process, subset per document.
      doc.registerFont(face.key, fontkitFont(face));
      doc.font(face.key);
      font = doc._font as EmbeddedFont;
      [doc._font, doc._fontSource, doc._fontFamily] = saved;
      this.embedded.set(face, font);
    }
    return font;
  }
}

/** Subset glyph ids (CIDs) added to a document's font for a glyph that stands for more than one text. */
const aliases = new WeakMap<EmbeddedFont, Map<string, number>>();

const sameCodes = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((c, i) => c === b[i]);

/**
 * The CID that draws `glyphId` and copies out as `codes`. pdfkit's ToUnicode map has one entry per CID, so a
 * glyph that must copy out as different texts in one document (a bracket drawn mirrored, a digit that carries
 * a right-to-left mark, see drawRun) gets a second CID, which the font's CIDToGIDMap sends to the same glyph
 * (document.ts). This keeps
 * the text in the ToUnicode map, where every extractor reads it, rather than in ActualText spans.
 */
function cidFor(font: EmbeddedFont, glyphId: number, width: number, codes: number[]): number {
  const cid = font.subset.includeGlyph(glyphId);
  if (font.widths[cid] == null) font.widths[cid] = width;
  if (font.unicode[cid] == null) font.unicode[cid] = codes;
  if (sameCodes(font.unicode[cid]!, codes) && Math.abs(font.widths[cid]! - width) < 1e-6) return cid;
  let byText = aliases.get(font);
  if (!byText) aliases.set(font, (byText = new Map()));
  const key = `${glyphId}:${num(width)}:${codes.join(',')}`;
  let alias = byText.get(key);
  if (alias === undefined) {
    font.subset.glyphs.push(glyphId);
    alias = font.subset.glyphs.length - 1;
    font.widths[alias] = width;
    font.unicode[alias] = codes;
    byText.set(key, alias);
  }
  return alias;
}

const num = (n: number): string => {
  const r = Math.round(n * 1000) / 1000;
  return Object.is(r, -0) ? '0' : String(r);
};

export interface RunPlacement {
  run: VisualRun;
  size: number;
  /** Left edge of the run, points from the page's left edge. */
  x: number;
  /** Baseline, points from the page's top edge. */
  baseline: number;
  /** Extra room after every space glyph (justification), points. */
  extraPerSpace: number;
  /** Synthetic slant (tangent of the angle), 0 for none. */
  slant: number;
  /** A left-to-right run with right-to-left text on its left in a right-to-left line: its first glyph copies
   *  out with a right-to-left mark before it (see drawRun). */
  markLeft?: boolean;
}

/** RIGHT-TO-LEFT MARK: a strong right-to-left character that is never drawn. */
const RLM = 0x200f;

/** Bidi classes that poppler's text reordering takes for part of a number: separators and terminators. */
const NUMBER_LIKE = new Set(['CS', 'ES', 'ET']);
const STRONG_RTL = new Set(['R', 'AL']);
const isBracket = (code: number) => code < 0x10000 && bidi.getMirroredCharacter(String.fromCharCode(code)) !== null;
const bidiClass = (code: number | undefined, classes: Set<string>) => code !== undefined && classes.has(bidi.getBidiCharTypeName(String.fromCodePoint(code)));

/** Each CID's four hex digits, made once: a long document writes them for every glyph it draws. */
const CID_HEX: string[] = [];
const cidHex = (cid: number): string => (CID_HEX[cid] ??= cid.toString(16).padStart(4, '0'));

/** UTF-16BE hex string for a PDF text string. */
function pdfTextHex(text: string): string {
  if (!text) return '';
  let hex = 'FEFF';
  for (let i = 0; i < text.length; i++) hex += text.charCodeAt(i).toString(16).toUpperCase().padStart(4, '0');
  return hex;
}

/**
 * The run's glyphs grouped into clusters, in drawing order: left to right, except that a right-to-left base
 * letter comes before its marks (fontkit's visual order puts them first), the marks in logical order. Where
 * they land is the same; text extractors read glyphs in drawing order.
 */
function clusters(shaped: ShapedRun, rtl: boolean): number[][] {
  const out: number[][] = [];
  const pending: number[] = [];
  for (let i = 0; i < shaped.glyphIds.length; i++) {
    // A glyph that stands for no character (a tatweel inserted by kashida justification) goes with the letter it
    // lengthens, like a mark: extractors then see one word, not two with a gap between.
    if (rtl && (shaped.isMark[i] || shaped.codePoints[i]!.length === 0)) {
      pending.push(i);
      continue;
    }
    const cluster = [i];
    while (pending.length) cluster.push(pending.pop()!);
    out.push(cluster);
  }
  if (pending.length) out.push(pending.reverse());
  return out;
}

const isSpace = (shaped: ShapedRun, i: number) => shaped.codePoints[i]!.length === 1 && shaped.codePoints[i]![0] === 0x20;

/** Clusters grouped into words (a space glyph is a word of its own). */
function words(groups: number[][], shaped: ShapedRun): number[][][] {
  const out: number[][][] = [];
  let word: number[][] = [];
  for (const cluster of groups) {
    if (isSpace(shaped, cluster[0]!)) {
      if (word.length) out.push(word);
      out.push([cluster]);
      word = [];
    } else word.push(cluster);
  }
  if (word.length) out.push(word);
  return out;
}

/** Poppler starts a new word where a glyph begins more than 0.1 em after the previous one ends. */
function hasGap(word: number[][], xs: Float64Array, shaped: ShapedRun, scale: number, size: number): boolean {
  for (let k = 1; k < word.length; k++) {
    const previous = word[k - 1]![0]!;
    const end = xs[previous]! + shaped.glyphWidths[previous]! * scale;
    if (xs[word[k]![0]!]! - end > 0.05 * size) return true;
  }
  return false;
}

/** Where each glyph of the run goes, in visual order, from the run's origin (PDF text space, y up). */
function glyphPositions(shaped: ShapedRun, scale: number, extraPerSpace: number): { xs: Float64Array; ys: Float64Array } {
  const count = shaped.glyphIds.length;
  const xs = new Float64Array(count);
  const ys = new Float64Array(count);
  let pen = 0;
  for (let i = 0; i < count; i++) {
    xs[i] = pen + shaped.xOffsets[i]! * scale;
    ys[i] = shaped.yOffsets[i]! * scale;
    pen += shaped.xAdvances[i]! * scale;
    if (isSpace(shaped, i)) pen += extraPerSpace;
  }
  return { xs, ys };
}

/** What glyph i copies out as, in the order extractors read it. */
function copiedCodes(shaped: ShapedRun, placement: RunPlacement, i: number): number[] {
  const codes = shaped.codePoints[i]!;
  if (!placement.run.rtl) return i === 0 && placement.markLeft ? [RLM, ...codes] : codes;
  // Poppler reads a separator or terminator (، . : % + …) in a right-to-left line as part of a number, and
  // takes it and the space or number on its left out of their place ("تم، خلال" → "تم ،خلال"): a
  // right-to-left mark copied on its left (visually; after it in the text) keeps it where it is. Between two
  // letters (و.م.ع) it stays in place by itself.
  if (codes.length === 1 && bidiClass(codes[0]!, NUMBER_LIKE) && !(i > 0 && bidiClass(shaped.codePoints[i - 1]![0], STRONG_RTL))) return [RLM, codes[0]!];
  // A bracket drawn from another face than the letters beside it is a run of its own, all neutral: poppler gives
  // it the direction of the line's other end and moves it there ("⟩نص ⟨نص"); a right-to-left mark keeps it.
  if (codes.length === 1 && placement.run.shaped.glyphIds.length === 1 && isBracket(codes[0]!)) return [RLM, codes[0]!];
  // Text extractors (poppler, pdf.js) read a right-to-left line's glyphs in drawing order and then reverse
  // it, including the characters inside one glyph: so a ligature (لا, لي, تر …) maps to its characters in
  // visual order, or it would come back reversed (ال).
  return codes.length > 1 ? [...codes].reverse() : codes;
}

/** A right-to-left cluster's characters as extractors expect them: in visual order (they reverse lines). The
 *  glyphs carry the text itself (a mirrored bracket stands for the bracket in the text). */
function visualText(shaped: ShapedRun, cluster: number[]): string {
  return fromCodePoints(cluster.flatMap((i) => shaped.codePoints[i]!).reverse());
}

/** The run's width in points as drawn (justification's extra room included). */
function drawnWidth(placement: RunPlacement): number {
  const { shaped, item } = placement.run;
  const scale = (placement.size * item.scale) / item.face.unitsPerEm;
  let width = shaped.advance * scale;
  if (placement.extraPerSpace) width += shaped.spaces * placement.extraPerSpace;
  return width;
}

/** Draws one shaped run. Returns its drawn width in points. */
export function drawRun(fonts: DocumentFonts, doc: PDFKit.PDFDocument, placement: RunPlacement): number {
  const d = textInternalsOf(doc);
  const { run } = placement;
  const font = fonts.get(run.item.face);
  // A fallback face is drawn at the size that matches its letters to the body face's (text/fonts.ts).
  const size = placement.size * run.item.scale;
  if (d.page.fonts[font.id] == null) d.page.fonts[font.id] = font.ref();
  const glyphs = run.shaped.origin ?? run.shaped;
  const key = `${size}|${placement.extraPerSpace}|${placement.markLeft ? 1 : 0}|${run.rtl ? 1 : 0}`;
  let byPlacement = fonts.drawnRuns.get(glyphs);
  if (!byPlacement) fonts.drawnRuns.set(glyphs, (byPlacement = new Map()));
  let body = byPlacement.get(key);
  if (body === undefined) byPlacement.set(key, (body = runOperators(font, placement, size)));

  // Written as one piece: a long table draws tens of thousands of runs. pdfkit's page is y-down; a text matrix
  // with d = -1 turns text space y-up at the baseline (and shears it for the synthetic slant), so the run needs no
  // save, transformation and restore of its own.
  const shear = placement.slant ? pdfNumber(placement.slant) : '0';
  d.addContent(`BT\n${fonts.fontOperator(font.id, size)}1 0 ${shear} -1 ${num(placement.x)} ${num(placement.baseline)} Tm\n${body}ET`);
  return drawnWidth(placement);
}

/**
 * The text operators that draw the run's glyphs from the current text position, every move relative to where the
 * run starts (TJ offsets along the line, Td where a mark sits off the baseline): the same run draws the same
 * operators wherever it is on the page. Each line ends with a newline.
 */
function runOperators(font: EmbeddedFont, placement: RunPlacement, size: number): string {
  const { run } = placement;
  const { shaped } = run;
  const scale = size / run.item.face.unitsPerEm;
  let out = '';
  let tj = '';
  let hex = '';
  const flush = () => {
    if (hex) tj += `${tj ? ' ' : ''}<${hex}>`;
    hex = '';
    if (tj) out += `[${tj}] TJ\n`;
    tj = '';
  };
  const { xs, ys } = glyphPositions(shaped, scale, placement.extraPerSpace);
  let textX = 0; // where the PDF text position is, from the run's origin
  let lineX = 0; // where the text line matrix starts (Td moves from it)
  let lineY = 0;
  /** Glyphs whose PDF width reaches the next letter of their word, in points (see the kerned words below). */
  let widened: Map<number, number> | undefined;
  const place = (i: number) => {
    if (Math.abs(ys[i]! - lineY) > 1e-6) {
      flush();
      out += `${num(xs[i]! - lineX)} ${num(ys[i]! - lineY)} Td\n`;
      lineX = textX = xs[i]!;
      lineY = ys[i]!;
    } else if (Math.abs(xs[i]! - textX) > 1e-6) {
      if (hex) tj += `${tj ? ' ' : ''}<${hex}>`;
      hex = '';
      tj += `${tj ? ' ' : ''}${num(((textX - xs[i]!) * 1000) / size)}`;
      textX = xs[i]!;
    }
    const width = widened?.get(i) ?? shaped.glyphWidths[i]! * scale;
    hex += cidHex(cidFor(font, shaped.glyphIds[i]!, (width / scale) * font.scale, copiedCodes(shaped, placement, i)));
    textX += width;
  };
  const span = (actual: string, glyphs: number[]) => {
    flush();
    out += `/Span <</ActualText <${pdfTextHex(actual)}>>> BDC\n`;
    for (const i of glyphs) place(i);
    flush();
    out += 'EMC\n';
  };
  const drawCluster = (cluster: number[]) => {
    if (cluster.length > 1) {
      // Poppler files a mark raised off the baseline as a word of its own, so the letter carries the whole
      // cluster's text (in visual order, like the ligatures above) and the marks carry none.
      span(visualText(shaped, cluster), [cluster[0]!]);
      span('', cluster.slice(1));
    } else place(cluster[0]!);
  };
  if (!run.rtl) for (let i = 0; i < shaped.glyphIds.length; i++) place(i);
  else {
    for (const word of words(clusters(shaped, true), shaped)) {
      if (hasGap(word, xs, shaped, scale, size)) {
        // Kerning opened a gap inside the word that extractors would read as a space (تعر يف): the letter
        // before each gap gets a PDF width that reaches the next letter (a second CID if need be). Where the
        // glyphs land is unchanged: every glyph is placed explicitly.
        for (let k = 0; k + 1 < word.length; k++) {
          const letter = word[k]![0]!;
          const reach = xs[word[k + 1]![0]!]! - xs[letter]!;
          if (reach > shaped.glyphWidths[letter]! * scale) (widened ??= new Map()).set(letter, reach);
        }
      }
      for (const cluster of word) drawCluster(cluster);
    }
  }
  flush();
  return out;
}
