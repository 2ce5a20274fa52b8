// The pdfkit document: A4, tagged, language and title for the viewer, metadata, and nothing random, so the same
// model always gives the same bytes.
import { deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import type { DocumentMetadata } from '../../model/types.js';
import { copySimpleGlyphsUndecoded, readPostHeaderOnly } from './fontkit-shortcuts.js';
import { packObjects } from './pack.js';
import {
  fontFamiliesOf,
  newContentStream,
  NO_DEFAULT_FONT,
  pageInternalsOf,
  writerOf,
  xmpInfoOf,
  type ContentStream,
  type EmbeddedFontInternals,
  type FontkitSubset,
} from './pdfkit-internals.js';
import { PAGE } from './style.js';

const PRODUCER = 'dgsn-briefing (pdfkit)';

/** The document date (ISO 8601 from the model); an unparsable date is a fault upstream, not a reason to use "now". */
function documentDate(meta: DocumentMetadata): Date {
  const date = new Date(meta.date);
  if (Number.isNaN(date.getTime())) throw new Error(`document date is not an ISO 8601 date: "${meta.date}"`);
  return date;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);

export function createDocument(meta: DocumentMetadata): PDFKit.PDFDocument {
  const date = documentDate(meta);
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    // Margins are the layout's business (style.ts); zero here keeps pdfkit from ever adding a page by itself.
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    // No default font: pdfkit would otherwise parse Helvetica's AFM metrics for every document, and the text
    // engine always picks its own faces.
    font: NO_DEFAULT_FONT,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join(', '),
      Creator: PRODUCER,
      Producer: PRODUCER,
      // pdfkit derives the file /ID from these, so fixed dates also give a fixed /ID.
      CreationDate: date,
      ModDate: date,
    },
  });
  // pdfkit copies Title/Author/Subject/Keywords into the XMP packet without escaping them.
  const xmp = xmpInfoOf(doc);
  const addInfo = xmp._addInfo.bind(doc);
  xmp._addInfo = () => {
    const info = xmp.info;
    xmp.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo();
    } finally {
      xmp.info = info;
    }
  };
  doc.on('pageAdded', () => coalesceContent(pageInternalsOf(doc)));
  collectOutput(doc);
  return doc;
}

const outputs = new WeakMap<PDFKit.PDFDocument, { pieces: Uint8Array[]; flush(): void }>();

/** Text written since the last binary piece is converted to bytes in blocks of about this many characters. */
const TEXT_BLOCK = 1 << 16;

/**
 * pdfkit pushes every line of the file (a few thousand per briefing, a few hundred thousand for a long table)
 * through a Node stream, each converted byte by byte into its own array; the file is only wanted whole, so
 * collect the lines as text and turn them into bytes a block at a time. `finish` reads the pieces.
 */
function collectOutput(doc: PDFKit.PDFDocument): void {
  const writer = writerOf(doc);
  // The header, written by the constructor, waits in the stream's buffer.
  const header = doc.read() as Buffer | null;
  const pieces: Uint8Array[] = header ? [header] : [];
  let text = '';
  const flushText = () => {
    if (text) pieces.push(Buffer.from(text, 'latin1'));
    text = '';
  };
  writer._write = (data) => {
    if (typeof data === 'string') {
      text += `${data}\n`;
      // pdfkit writes binary strings: one byte per character, as latin1 encodes them.
      writer._offset += data.length + 1;
      if (text.length >= TEXT_BLOCK) flushText();
    } else {
      flushText();
      pieces.push(data);
      writer._offset += data.length;
    }
  };
  outputs.set(doc, { pieces, flush: flushText });
}

/**
 * Ends the body of the current page: its content so far is compressed and written to the file now, and what is
 * drawn on the page later (the running header and footer, once the page count is known) goes into a second
 * content stream of the same page (/Contents [body furniture], read as one stream). Without this, pdfkit keeps
 * every page's content uncompressed in memory until the end, which is most of a long table's footprint.
 */
export function sealPageBody(doc: PDFKit.PDFDocument): void {
  const page = pageInternalsOf(doc);
  const body = page.content;
  const furniture = newContentStream(doc);
  page.dictionary.data.Contents = [body, furniture];
  page.content = furniture;
  coalesceContent(page);
  body.end();
}

/**
 * pdfkit turns every operator string into its own Uint8Array while the page waits in the buffer for its
 * footer; a long table's pages then cost hundreds of bytes per operator. Keep a page's operators as one
 * string until it is written, then hand pdfkit its bytes (the same bytes: pdfkit ends each chunk with a newline).
 */
function coalesceContent(page: { content: ContentStream }): void {
  const CONTENT_BLOCK = 8192;
  const content = page.content;
  const write = content.write.bind(content);
  const end = content.end.bind(content);
  let pending = '';
  const flush = () => {
    // pdfkit would add the newline back and convert the string char by char; Buffer does it natively.
    if (pending) write(Buffer.from(pending, 'latin1'));
    pending = '';
  };
  content.write = (chunk) => {
    if (typeof chunk === 'string') {
      pending += `${chunk}\n`;
      // Bytes now and then, not one string per page: a page of a long table is ~100 KB of operators, which as a
      // string would outlive young collections and be copied into the old generation before it is written.
      if (pending.length >= CONTENT_BLOCK) flush();
    } else {
      flush();
      write(chunk);
    }
  };
  content.end = (chunk) => {
    if (chunk !== undefined) content.write(chunk);
    flush();
    end();
  };
}

const MAX_SUBSETS_PER_FONT = 16;

/** A font's subset for one set of glyphs, in glyph id order, and where each font glyph landed in it. */
interface CanonicalSubset {
  bytes: Uint8Array;
  glyphOf: Map<number, number>;
}

const subsetCache = new WeakMap<object, Map<string, CanonicalSubset>>();

/**
 * The subset of `font` holding `glyphIds`, encoded with its glyphs in glyph id order whatever order the document
 * drew them in. Re-encoding a TrueType subset is a large share of a render (fontkit decodes and rewrites every
 * glyph) and so is compressing it; in this order the bytes depend on the set of glyphs alone, so every briefing
 * of a batch that draws the same glyphs (titles that differ in their digits draw them in other orders) reuses them.
 */
function canonicalSubset(font: { createSubset(): FontkitSubset }, glyphIds: readonly number[]): CanonicalSubset {
  let bySet = subsetCache.get(font);
  if (!bySet) subsetCache.set(font, (bySet = new Map()));
  const sorted = [...new Set(glyphIds)].sort((a, b) => a - b);
  const key = sorted.join(',');
  let hit = bySet.get(key);
  if (!hit) {
    const subset = font.createSubset();
    copySimpleGlyphsUndecoded(subset);
    for (const glyphId of sorted) subset.includeGlyph(glyphId);
    const bytes = subset.encode();
    hit = { bytes, glyphOf: new Map(sorted.map((glyphId) => [glyphId, subset.mapping[glyphId]!])) };
    if (bySet.size >= MAX_SUBSETS_PER_FONT) bySet.clear();
    bySet.set(key, hit);
  }
  return hit;
}

/**
 * Each embedded font writes its canonical subset (see canonicalSubset) with a CIDToGIDMap from the document's
 * glyph numbers (CIDs, in drawing order, what the content streams and the ToUnicode map use) to the subset's.
 * A glyph drawn under two CIDs (see cidFor in glyph-runs.ts) is in the font once.
 */
function reuseFontSubsets(doc: PDFKit.PDFDocument): void {
  const families = fontFamiliesOf(doc);
  for (const embedded of new Set(Object.values(families))) {
    const subset = embedded.subset;
    if (!subset) continue;
    readPostHeaderOnly(subset.font);
    let cidToGlyph: Uint8Array | undefined;
    subset.encode = () => {
      const canonical = canonicalSubset(subset.font, subset.glyphs);
      cidToGlyph = new Uint8Array(subset.glyphs.length * 2);
      subset.glyphs.forEach((glyphId, cid) => {
        const glyph = canonical.glyphOf.get(glyphId)!;
        cidToGlyph![cid * 2] = glyph >> 8;
        cidToGlyph![cid * 2 + 1] = glyph & 0xff;
      });
      return canonical.bytes;
    };
    reuseCompressedFontStreams(doc, embedded, () => cidToGlyph);
  }
}

const deflatedSubsets = new WeakMap<Uint8Array, Uint8Array>();
const MAX_DEFLATED_CMAPS = 64;
const deflatedCmaps = new Map<string, Uint8Array>();

/**
 * The font file that pdfkit writes for a subset is the same bytes whenever the set of glyphs is (see
 * canonicalSubset), and so is the ToUnicode CMap of the same document drawn again: each is compressed once per
 * process, at zlib's best level, not per document. The font's CIDToGIDMap (`cidToGlyph`, two bytes per CID) goes
 * in place of pdfkit's Identity.
 */
function reuseCompressedFontStreams(doc: PDFKit.PDFDocument, embedded: EmbeddedFontInternals, cidToGlyph: () => Uint8Array | undefined): void {
  const writer = writerOf(doc);
  const embed = embedded.embed?.bind(embedded);
  if (!embed) return;
  embedded.embed = () => {
    const ref = writer.ref;
    writer.ref = (data) => {
      if (data && (data as { CIDToGIDMap?: unknown }).CIDToGIDMap === 'Identity') {
        const map = cidToGlyph();
        if (!map) throw new Error('pdfkit wrote a font dictionary before encoding its subset (pdfkit changed?)');
        const stream = ref.call(doc);
        stream.end(map);
        (data as { CIDToGIDMap: unknown }).CIDToGIDMap = stream;
      }
      const reference = ref.call(doc, data);
      const end = reference.end.bind(reference);
      reference.end = (chunk) => {
        if (chunk === undefined || !reference.compress) return end(chunk);
        let deflated = typeof chunk === 'string' ? deflatedCmaps.get(chunk) : deflatedSubsets.get(chunk);
        if (!deflated) {
          // pdfkit ends a string chunk with a newline before compressing it; so does this.
          deflated = deflateSync(typeof chunk === 'string' ? Buffer.from(`${chunk}\n`, 'latin1') : chunk, { level: 9 });
          if (typeof chunk !== 'string') deflatedSubsets.set(chunk, deflated);
          else {
            if (deflatedCmaps.size >= MAX_DEFLATED_CMAPS) deflatedCmaps.clear();
            deflatedCmaps.set(chunk, deflated);
          }
        }
        reference.compress = false;
        reference.data.Filter = 'FlateDecode';
        end(deflated);
      };
      return reference;
    };
    try {
      embed();
    } finally {
      writer.ref = ref;
    }
  };
}

/** Ends the document and collects its bytes, dictionaries packed into object streams (pack.ts). */
export function finish(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  reuseFontSubsets(doc);
  const writer = writerOf(doc);
  const output = outputs.get(doc);
  if (!output) throw new Error('finish() needs a document made by createDocument()');
  return new Promise((resolve, reject) => {
    // pdfkit calls _finalize (xref table and trailer) once the last object is written.
    const finalize = writer._finalize.bind(doc);
    writer._finalize = () => {
      try {
        finalize();
        output.flush();
        resolve(packObjects(Buffer.concat(output.pieces)));
      } catch (error) {
        reject(error);
      }
    };
    doc.on('error', reject);
    doc.end();
  });
}
