// Two places where fontkit 2 decodes much more of a font than embedding it in a PDF reads, taken the short way
// with the same bytes written: a subset's simple glyphs (fontkit decodes each whole outline to learn it is not a
// composite) and the post table (decoded with every glyph name, for the italic angle). In a cold build they are
// ~8 ms of the PDF's ~60; the canonical subsets are kept per process, so a warm build hardly meets them.

/** The fontkit font internals read here (TrueType outlines). */
interface FontkitFontInternals {
  loca?: { offsets: number[] };
  _variationProcessor?: unknown;
  _getTableStream(tag: string): { pos: number; readBuffer(length: number): Uint8Array };
  getGlyph(glyphId: number): { advanceWidth: number; _getMetrics(): { leftBearing: number } };
  directory: { tables: Record<string, { offset: number; length: number } | undefined> };
  stream: { buffer: Uint8Array };
  /** The tables decoded so far, by tag: what the font's table properties return once there. */
  _tables?: Record<string, unknown>;
}

/** fontkit's TrueType subset as it encodes: the glyphs and metrics gathered so far. */
interface TrueTypeSubsetInternals {
  font: FontkitFontInternals;
  glyf: Uint8Array[];
  loca: { offsets: number[] };
  hmtx: { metrics: { advance: number; bearing: number }[] };
  offset: number;
  _addGlyph?(glyphId: number): number;
}

/**
 * Makes `subset` copy a simple glyph's bytes without decoding its outline, as fontkit's own `_addGlyph` then does;
 * composite glyphs (whose components it renumbers) and variable fonts still go its way. Other subsets (CFF) are
 * left alone.
 */
export function copySimpleGlyphsUndecoded(subset: object): void {
  const internals = subset as TrueTypeSubsetInternals;
  const addGlyph = internals._addGlyph?.bind(internals);
  if (!addGlyph || !internals.font.loca) return;
  internals._addGlyph = (glyphId) => {
    const font = internals.font;
    const offsets = font.loca!.offsets;
    if (font._variationProcessor) return addGlyph(glyphId);
    const stream = font._getTableStream('glyf');
    stream.pos += offsets[glyphId]!;
    const data = stream.readBuffer(offsets[glyphId + 1]! - offsets[glyphId]!);
    // numberOfContours, a glyph's first field, below zero: a composite.
    if (data.length >= 2 && (data[0]! & 0x80) !== 0) return addGlyph(glyphId);
    const glyph = font.getGlyph(glyphId);
    internals.glyf.push(data);
    internals.loca.offsets.push(internals.offset);
    internals.hmtx.metrics.push({ advance: glyph.advanceWidth, bearing: glyph._getMetrics().leftBearing });
    internals.offset += data.length;
    return internals.glyf.length - 1;
  };
}

/**
 * Gives `font` its post table's fixed header, read from the font's bytes, as the table fontkit has decoded: pdfkit
 * reads the italic angle and whether the face is monospaced, and fontkit would decode the whole table for them
 * (IBM Plex: 1 690 glyph names, ~2 ms). Nothing embedding a font reads the glyph names.
 */
export function readPostHeaderOnly(fontObject: object): void {
  const font = fontObject as FontkitFontInternals;
  const entry = font.directory?.tables.post;
  const decoded = font._tables;
  if (!entry || entry.length < 16 || !decoded || 'post' in decoded) return;
  const bytes = font.stream.buffer;
  const view = new DataView(bytes.buffer, bytes.byteOffset + entry.offset, 16);
  const header = {
    version: view.getInt32(0) / 0x10000,
    italicAngle: view.getInt32(4) / 0x10000,
    underlinePosition: view.getInt16(8),
    underlineThickness: view.getInt16(10),
    isFixedPitch: view.getUint32(12),
  };
  decoded.post = header;
}
