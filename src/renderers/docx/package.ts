// The last pass over the package docx wrote: what docx leaves to the clock and to chance is pinned, so the same
// model always gives the same bytes (core.xml's dates, font keys, zip entry dates and order), and the embedded
// faces are put in, compressed once per process (see fonts.ts).
//
// docx's files are taken before it zips them (its compiler's output: XML strings and bytes by path), so the
// package is compressed once, here, natively, instead of deflated by docx in JavaScript, inflated and deflated again.
import { Packer, type Document } from 'docx';
import { unzipSync } from 'fflate';
import type { DocumentMetadata } from '../../model/types.js';
import type { EmbeddedFace } from './fonts.js';
import { deflated, zipped, type DeflatedData } from './zip.js';
import { hasCharts, pinCharts, textOf } from './chart-parts.js';

/** Parts in the order Word itself writes them first; the rest keep docx's (fixed) order. */
const LEADING_PARTS = ['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml', 'docProps/app.xml'];

/** A package part: XML text, or bytes (fonts, media). */
export type PackagePart = string | Uint8Array;

interface DocxFormatter {
  format(component: object, context: unknown): unknown;
}

interface DocxCompiler {
  compile(document: Document): Map<string, PackagePart>;
  formatter?: DocxFormatter;
}

/** Parts of a Document that depend on nothing but a key (the styles on the language and direction), by part. */
const reusableParts = new WeakMap<object, string>();
/** Their XML trees as docx's formatter made them, by key. */
const formattedParts = new Map<string, unknown>();

/**
 * Marks the parts of `document` that are the same for every document with the same key, so the package pass
 * formats each once per process: docx walks every part's components on every render, and the styles and the
 * theme alone are a tenth of a warm DOCX render.
 */
export function reuseConstantParts(document: Document, styleKey: string): void {
  const file = document as unknown as { Styles?: object; Theme?: object };
  if (file.Styles) reusableParts.set(file.Styles, `styles:${styleKey}`);
  // docx's theme is its default one: this renderer gives no theme options.
  if (file.Theme) reusableParts.set(file.Theme, 'theme');
}

const wrappedFormatters = new WeakSet<DocxFormatter>();

function formatReusedPartsOnce(compiler: DocxCompiler): void {
  const formatter = compiler.formatter;
  if (!formatter || typeof formatter.format !== 'function' || wrappedFormatters.has(formatter)) return;
  const format = formatter.format.bind(formatter);
  formatter.format = (component, context) => {
    const key = reusableParts.get(component);
    if (key === undefined) return format(component, context);
    let formatted = formattedParts.get(key);
    if (formatted === undefined) formattedParts.set(key, (formatted = format(component, context)));
    return formatted;
  };
  wrappedFormatters.add(formatter);
}

/**
 * The package's files by path, in docx's order, as docx would zip them. Taken from docx's compiler (not part of
 * its typed API) where it is there; otherwise, or when asked for `zip` (tests), from the zip docx writes, so a docx
 * release without it still works.
 */
export async function packageParts(document: Document, from: 'compiler' | 'zip' = 'compiler'): Promise<Map<string, PackagePart>> {
  const compiler = docxCompiler();
  if (from === 'compiler' && compiler) {
    formatReusedPartsOnce(compiler);
    return compiler.compile(document);
  }
  return new Map(Object.entries(unzipSync(await Packer.toBuffer(document))));
}

function docxCompiler(): DocxCompiler | undefined {
  const compiler = (Packer as unknown as { compiler?: Partial<DocxCompiler> }).compiler;
  return typeof compiler?.compile === 'function' ? (compiler as DocxCompiler) : undefined;
}


export function finishPackage(
  packaged: ReadonlyMap<string, PackagePart>,
  meta: DocumentMetadata,
  faces: readonly EmbeddedFace[],
  /** Last changes to the parts before they are zipped, after every pass that reads them as text. */
  complete?: (parts: Map<string, PackagePart>) => void,
): Uint8Array {
  const parts = new Map(packaged);
  parts.set('docProps/core.xml', coreProperties(meta));
  const body = parts.get('word/document.xml');
  if (body !== undefined && meta.dir === 'rtl') parts.set('word/document.xml', rightToLeftSections(textOf(body)));
  const fontTable = parts.get('word/fontTable.xml');
  if (fontTable !== undefined && faces.length) parts.set('word/fontTable.xml', pinFontKeys(textOf(fontTable), faces));
  const facesByPath = new Map(faces.map((face) => [face.path, face]));
  for (const path of facesByPath.keys()) {
    if (!parts.has(path)) throw new Error(`docx wrote no ${path}: the embedded font numbering changed`);
  }

  const mtime = zipEntryDate(meta.date);
  if (hasCharts(parts)) pinCharts(parts, meta, mtime);
  complete?.(parts);

  const names = [...parts.keys()];
  const order = [...LEADING_PARTS.filter((name) => names.includes(name)), ...names.filter((name) => !LEADING_PARTS.includes(name))];
  return zipped(
    order.map((name) => [name, facesByPath.get(name) ?? deflatedPart(name, parts.get(name) ?? '')] as const),
    mtime,
  );
}

/**
 * docProps/core.xml, written whole: docx writes `new Date()` as both dates and has no place for the language.
 * The model's date (the dataset's, or SOURCE_DATE_EPOCH's) is both the creation and the modification date.
 */
function coreProperties(meta: DocumentMetadata): string {
  const date = w3cDate(meta.date);
  const element = (name: string, value: string) => (value ? `<${name}>${escapeXml(value)}</${name}>` : '');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ' +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    element('dc:title', meta.title) +
    element('dc:subject', meta.subject) +
    element('dc:creator', meta.author) +
    element('cp:keywords', meta.keywords.join('; ')) + // Word's separator for tags
    element('dc:language', meta.lang) +
    element('cp:lastModifiedBy', meta.author) +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${date}</dcterms:created>` +
    `<dcterms:modified xsi:type="dcterms:W3CDTF">${date}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/**
 * Marks each section right to left (`w:bidi` in w:sectPr, which docx has no option for), as Word does for an Arabic
 * document: Word then numbers columns and places the gutter from the right. The schema puts it just before w:rtlGutter
 * or w:docGrid (or the end).
 */
function rightToLeftSections(documentXml: string): string {
  return documentXml.replace(/<w:sectPr>([\s\S]*?)<\/w:sectPr>/g, (section, inner: string) => {
    if (inner.includes('<w:bidi/>')) return section;
    const at = inner.search(/<w:(?:rtlGutter|docGrid|printerSettings)\b/);
    return at < 0 ? `<w:sectPr>${inner}<w:bidi/></w:sectPr>` : `<w:sectPr>${inner.slice(0, at)}<w:bidi/>${inner.slice(at)}</w:sectPr>`;
  });
}

/** Replaces each embedded face's random key with its pinned one, found by the relationship id docx gave it. */
function pinFontKeys(fontTableXml: string, faces: readonly EmbeddedFace[]): string {
  return fontTableXml.replace(
    /(<w:embed(?:Regular|Bold|Italic|BoldItalic)\b[^>]*?r:id="rId(\d+)"[^>]*?w:fontKey=")\{[0-9A-Fa-f-]+\}(")/g,
    (match, head: string, id: string, tail: string) => {
      const face = faces.find((candidate) => candidate.path === `word/fonts/font${id}.odttf`);
      if (!face) throw new Error(`font table names rId${id}, which is no embedded face`);
      return `${head}${face.fontKey}${tail}`;
    },
  );
}

/** Each part's last content and its compression: most parts (styles, theme, settings...) repeat from render to render. */
const lastParts = new Map<string, { part: PackagePart; data: DeflatedData }>();

/**
 * Parts larger than this are not kept: a long table's document.xml (6 MB for 5 000 rows) seldom comes back the
 * same, and kept it would sit in memory while the other formats render.
 */
const MAX_KEPT_PART = 1 << 20;

function deflatedPart(name: string, part: PackagePart): DeflatedData {
  const last = lastParts.get(name);
  if (last && samePart(last.part, part)) return last.data;
  // UTF-8, as docx encodes its XML.
  const data = deflated(typeof part === 'string' ? Buffer.from(part, 'utf8') : part);
  if (part.length <= MAX_KEPT_PART) lastParts.set(name, { part, data });
  else lastParts.delete(name);
  return data;
}

function samePart(a: PackagePart, b: PackagePart): boolean {
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b);
}

/**
 * The zip entries' date: the document's day (UTC), at noon. Zip stores local date fields and fflate fills them with
 * getFullYear() etc., so the Date is built from local fields to give the same bytes in every time zone; noon, because
 * a time such as 02:30 does not exist on some clocks on the day daylight saving starts, and would come back shifted.
 */
function zipEntryDate(isoDate: string): Date {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime()) || date.getUTCFullYear() < 1980 || date.getUTCFullYear() > 2099) {
    return new Date(1980, 0, 1, 12);
  }
  return new Date(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate(), 12);
}

/** `2017-12-22T14:00:00Z`: W3CDTF in UTC, as Word writes it. */
function w3cDate(isoDate: string): string {
  const date = new Date(isoDate);
  if (Number.isNaN(date.getTime())) throw new Error(`document date is not an ISO date: ${isoDate}`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"']/g, (char) => `&#${char.codePointAt(0)};`);
}
