// The one seam between this renderer and pdfkit 0.20's private members. pdfkit has no public API for what the
// renderer needs here (drawing shaped glyph runs, streaming finished pages, reusing font subsets, table
// attributes in the structure tree), so its internals are typed here, as far as they are used, and every cast
// lives in this file with the reason for it. An upgrade of pdfkit is checked against this file.
/** How pdfkit writes the file: one line or binary piece at a time, and objects made through `ref`. */
export interface PdfKitWriter {
  _offset: number;
  _write(data: string | Uint8Array): void;
  _finalize(): void;
  ref(data?: object): PdfKitReference;
}

export interface PdfKitReference {
  compress: boolean;
  data: Record<string, unknown>;
  end(chunk?: string | Uint8Array): void;
}

/** A page's content stream (a PdfKitReference written line by line). */
export interface ContentStream {
  write(chunk: string | Uint8Array): void;
  end(chunk?: string | Uint8Array): void;
}

export interface PageInternals {
  content: ContentStream;
  dictionary: { data: { Contents: unknown } };
}

/** fontkit 2's TrueType subset: `glyphs` lists the font's glyph ids by subset glyph id. */
export interface FontkitSubset {
  glyphs: number[];
  /** The subset glyph id of a font glyph id, once included. */
  mapping: Record<number, number>;
  includeGlyph(glyphId: number): number;
  encode(): Uint8Array;
}

/** The parts of pdfkit 0.20's embedded fonts and fontkit 2's subsets that the font caches touch. */
export interface EmbeddedFontInternals {
  subset?: FontkitSubset & { font: { createSubset(): FontkitSubset } };
  embed?(): void;
}

/** What drawing a glyph run goes through: the current font, the page's font resources, raw operators. */
export interface TextInternals {
  _font: unknown;
  _fontSource: unknown;
  _fontFamily: unknown;
  page: { height: number; fonts: Record<string, unknown> };
  font(name: string): unknown;
  registerFont(name: string, src: unknown): unknown;
  addContent(data: string): unknown;
}

/** The document info that pdfkit copies into the XMP packet (unescaped: document.ts escapes it). */
export interface XmpInfoInternals {
  info: Record<string, unknown>;
  _addInfo(): void;
}

/** pdfkit's writer: the output is collected as whole blocks, not pushed line by line through a stream. */
export const writerOf = (doc: PDFKit.PDFDocument): PdfKitWriter => doc as unknown as PdfKitWriter;

/** The current page's content stream and dictionary: a finished page's body is written out early. */
export const pageInternalsOf = (doc: PDFKit.PDFDocument): PageInternals => doc.page as unknown as PageInternals;

/** A new content stream for the current page (a reference is a stream once written to). */
export const newContentStream = (doc: PDFKit.PDFDocument): ContentStream => writerOf(doc).ref() as unknown as ContentStream;

/** The embedded fonts by family: their subsets are reused from render to render. */
export const fontFamiliesOf = (doc: PDFKit.PDFDocument): Record<string, EmbeddedFontInternals> =>
  (doc as unknown as { _fontFamilies: Record<string, EmbeddedFontInternals> })._fontFamilies;

/** The info dictionary pdfkit writes into the XMP packet. */
export const xmpInfoOf = (doc: PDFKit.PDFDocument): XmpInfoInternals => doc as unknown as XmpInfoInternals;

/** Font state and raw operators: shaped glyph runs are drawn without pdfkit's own text layout. */
export const textInternalsOf = (doc: PDFKit.PDFDocument): TextInternals => doc as unknown as TextInternals;

/** A structure element's dictionary: pdfkit has no option for table attributes (ColSpan). */
export const structElementDataOf = (element: PDFKit.PDFStructureElement): { A?: Record<string, unknown> } =>
  (element as unknown as { dictionary: { data: { A?: Record<string, unknown> } } }).dictionary.data;

/** pdfkit's `font` option takes null (no default font, no Helvetica metrics parsed), though its types say string. */
export const NO_DEFAULT_FONT = null as unknown as string;
