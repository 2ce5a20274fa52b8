// Reading a rendered DOCX in tests: its parts (unzipped in-process), their XML as a tree, and Word's style
// inheritance; plus LibreOffice/poppler helpers for the converted PDF.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { parseDocument } from 'htmlparser2';
import type { Inline, TableBlock } from '../../src/model/types.js';

export interface XmlElement {
  type: 'tag';
  name: string;
  attribs: Record<string, string>;
  children: XmlNode[];
}
type XmlNode = XmlElement | { type: 'text'; data: string } | { type: string };

export function docxParts(bytes: Uint8Array): Map<string, Uint8Array> {
  return new Map(Object.entries(unzipSync(bytes)));
}

export function partText(parts: Map<string, Uint8Array>, name: string): string {
  const part = parts.get(name);
  if (!part) throw new Error(`the package has no ${name}`);
  return strFromU8(part);
}

export function parseXml(xml: string): XmlElement {
  const root = parseDocument(xml, { xmlMode: true }) as unknown as { children: XmlNode[] };
  const element = root.children.find(isElement);
  if (!element) throw new Error('no root element');
  return element;
}

export function isElement(node: XmlNode): node is XmlElement {
  return node.type === 'tag';
}

/** Descendants named `name`, in document order (not descending into matches). */
export function findAll(node: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (child.name === name) out.push(child);
    else out.push(...findAll(child, name));
  }
  return out;
}

export function child(node: XmlElement | undefined, name: string): XmlElement | undefined {
  return node?.children.find((c): c is XmlElement => isElement(c) && c.name === name);
}

export function path(node: XmlElement | undefined, ...names: string[]): XmlElement | undefined {
  return names.reduce<XmlElement | undefined>((current, name) => child(current, name), node);
}

/** Concatenated w:t text of a paragraph or run, a w:br as '\n'. */
export function textOf(node: XmlElement): string {
  let out = '';
  for (const c of node.children) {
    if (!isElement(c)) continue;
    if (c.name === 'w:t' || c.name === 'w:instrText') {
      if (c.name === 'w:t') out += c.children.map((t) => ('data' in t ? t.data : '')).join('');
    } else if (c.name === 'w:br') out += '\n';
    else out += textOf(c);
  }
  return decodeEntities(out);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/** Run properties Word would apply to a run: docDefaults, then the paragraph style chain (base first). */
export class StyleSheet {
  private readonly styles = new Map<string, XmlElement>();
  readonly defaults: XmlElement | undefined;

  constructor(stylesXml: string) {
    const root = parseXml(stylesXml);
    this.defaults = child(root, 'w:docDefaults');
    for (const style of findAll(root, 'w:style')) this.styles.set(style.attribs['w:styleId'] ?? '', style);
  }

  style(id: string): XmlElement | undefined {
    return this.styles.get(id);
  }

  ids(): string[] {
    return [...this.styles.keys()];
  }

  /** The style and the styles it is based on, most derived first. */
  chain(id: string): XmlElement[] {
    const out: XmlElement[] = [];
    let current = this.styles.get(id);
    while (current && !out.includes(current)) {
      out.push(current);
      const basedOn = child(current, 'w:basedOn')?.attribs['w:val'];
      current = basedOn ? this.styles.get(basedOn) : undefined;
    }
    return out;
  }

  /** The first value of run property `name`/`attribute` along the paragraph style's chain, then docDefaults. */
  runProperty(styleId: string, name: string, attribute = 'w:val'): string | undefined {
    for (const style of this.chain(styleId)) {
      const value = child(child(style, 'w:rPr'), name)?.attribs[attribute];
      if (value !== undefined) return value;
    }
    return child(path(this.defaults, 'w:rPrDefault', 'w:rPr'), name)?.attribs[attribute];
  }
}

/** Strong right-to-left letters (Arabic script). */
export const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/;

// ---- LibreOffice and poppler ----

/** The soffice binary, or why the LibreOffice tests cannot run (they FAIL under CI=true rather than skip). */
export function soffice(): { path: string } | { missing: string } {
  const found = spawnSync('sh', ['-c', 'command -v soffice || command -v libreoffice'], { encoding: 'utf8' });
  const path = found.stdout.trim().split('\n')[0];
  if (found.status === 0 && path) {
    const poppler = spawnSync('sh', ['-c', 'command -v pdftotext'], { encoding: 'utf8' });
    if (poppler.status === 0) return { path };
    return { missing: 'pdftotext (poppler-utils) is not installed' };
  }
  return { missing: 'soffice (libreoffice-writer-nogui) is not installed' };
}

/** Converts DOCX bytes to PDF with a private LibreOffice profile (no lock clashes with other runs). */
export function convertToPdf(sofficePath: string, docx: Uint8Array, name: string): { pdf: string; dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'docx-lo-'));
  const input = join(dir, `${name}.docx`);
  writeFileSync(input, docx);
  execFileSync(
    sofficePath,
    [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, input],
    { stdio: 'pipe', timeout: 120_000 },
  );
  return { pdf: join(dir, `${name}.pdf`), dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function pdfText(pdf: string, page?: number): string {
  const range = page ? ['-f', String(page), '-l', String(page)] : [];
  return execFileSync('pdftotext', [...range, pdf, '-'], { encoding: 'utf8' });
}

export function pdfPageCount(pdf: string): number {
  const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
  return Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
}

export function pdfFonts(pdf: string): string {
  return execFileSync('pdffonts', [pdf], { encoding: 'utf8' });
}

export interface PdfWord {
  page: number;
  text: string;
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/** Every word with its box, from `pdftotext -bbox-layout` (word text is in visual order there). */
export function pdfWords(pdf: string): PdfWord[] {
  const xhtml = execFileSync('pdftotext', ['-bbox-layout', pdf, '-'], { encoding: 'utf8' });
  const words: PdfWord[] = [];
  let page = 0;
  const pattern = /<page\b|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
  for (const match of xhtml.matchAll(pattern)) {
    if (match[0].startsWith('<page')) {
      page += 1;
      continue;
    }
    words.push({
      page,
      xMin: Number(match[1]),
      yMin: Number(match[2]),
      xMax: Number(match[3]),
      yMax: Number(match[4]),
      text: decodeEntities(match[5] ?? ''),
    });
  }
  return words;
}

/**
 * Words for comparing model text with text extracted from LibreOffice's PDF. What poppler cannot give back
 * faithfully is normalised on both sides, and nothing else: presentation forms (NFKC), bidi controls, tatweel and the
 * `&` poppler emits for LibreOffice's kashida justification (and the `e` of its chart labels), punctuation (poppler places neutrals at run edges by
 * heuristics), and letter order inside an Arabic word (ligatures such as lam-alef come back with their letters in
 * visual order). Word order, the letters of each word and every figure stay exact (but see containsSequence).
 */
export function comparableWords(text: string): string[] {
  return text
    .normalize('NFKC')
    // LibreOffice's kashida justification comes back as `&` glyphs, sometimes after a space poppler adds.
    .replace(/\s*&+/g, '')
    .replace(/[\u200e\u200f\u061c\u0640]/g, '')
    // In a chart's Arabic labels LibreOffice draws a thin joining piece between letters that copies out as an `e`
    // in a run of its own.
    .replace(/\u202a\s*e\u202c/g, '')
    // poppler wraps each direction run in U+202A…U+202C and moves spaces across them, so a run edge is a word edge,
    // on both sides of the comparison: "و15" is compared as "و", "15".
    .replace(/[\u202a-\u202e\u2066-\u2069]/g, ' ')
    .replace(new RegExp(`(${ARABIC.source})(?=[0-9A-Za-z])|([0-9A-Za-z])(?=${ARABIC.source})`, 'g'), '$1$2 ')
    // Punctuation separates words, except inside a figure (1.965.644, 14:00, 22/12/2017); poppler puts a figure's
    // `%` on either side of it.
    .replace(/(?<!\d)[^\p{L}\p{N}\p{M}\s]|[^\p{L}\p{N}\p{M}\s](?!\d)/gu, ' ')
    .split(/\s+/)
    .filter((word) => /[\p{L}\p{N}]/u.test(word))
    .map((word) => (ARABIC.test(word) ? [...word].sort().join('') : word));
}

/**
 * True when `needle` occurs in `haystack` in order, each word within `slack` words of the one before (0: as a
 * contiguous run). poppler reads a table row line by line, so a cell of several lines comes back interleaved with
 * its neighbours' lines: its words stay in order, a few words apart.
 */
export function containsInOrder(haystack: readonly string[], needle: readonly string[], slack: number): boolean {
  if (!needle.length) return true;
  const search = (from: number, j: number): boolean => {
    if (j === needle.length) return true;
    const limit = Math.min(haystack.length, from + slack + 1);
    for (let i = from; i < limit; i++) if (haystack[i] === needle[j] && search(i + 1, j + 1)) return true;
    return false;
  };
  for (let i = 0; i < haystack.length; i++) if (haystack[i] === needle[0] && search(i + 1, 1)) return true;
  return false;
}

/**
 * True when `needle` occurs in `haystack` as a contiguous run of words. poppler reads a stretch of words of the
 * other direction joined by neutrals ("14:00 (DR)" inside Arabic text, "مع و.م.ع" inside French text) in visual
 * order, so each run of consecutive words of the other direction matches the same words in any order; the words
 * of the paragraph's own direction around it hold it in place. In a left-to-right paragraph a number that ends
 * such a run belongs to it (bidi orders it with the run: "… خلال 2017" broken over two lines comes back as
 * "… 2017 خلال").
 */
export function containsSequence(haystack: readonly string[], needle: readonly string[], direction: 'rtl' | 'ltr' = 'rtl'): boolean {
  if (!needle.length) return true;
  const key = (words: readonly string[]) => [...words].sort().join('\u0000');
  const ownDirection = (word: string) => ARABIC.test(word) === (direction === 'rtl');
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; ) {
      if (ownDirection(needle[j]!)) {
        if (haystack[i + j] !== needle[j]) continue outer;
        j += 1;
        continue;
      }
      let end = j;
      while (end < needle.length && !ownDirection(needle[end]!)) end++;
      while (direction === 'ltr' && end < needle.length && /^\p{N}+$/u.test(needle[end]!)) end++;
      if (key(haystack.slice(i + j, i + end)) !== key(needle.slice(j, end))) continue outer;
      j = end;
    }
    return true;
  }
  return false;
}

// ---- Invariants any rendered briefing must keep ----

/** A model text as the DOCX must hold it: logical order, `<br>` as a line break, bidi marks dropped. */
export function inlineText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => (inline.kind === 'text' ? inline.text : '\n'))
    .join('')
    .replace(/[\u200e\u200f\u061c]/g, '');
}

export interface RenderedDocx {
  parts: Map<string, Uint8Array>;
  body: XmlElement;
  header: XmlElement;
  footer: XmlElement;
  styles: StyleSheet;
}

export function readDocx(bytes: Uint8Array): RenderedDocx {
  const parts = docxParts(bytes);
  return {
    parts,
    body: parseXml(partText(parts, 'word/document.xml')),
    header: parseXml(partText(parts, 'word/header1.xml')),
    footer: parseXml(partText(parts, 'word/footer1.xml')),
    styles: new StyleSheet(partText(parts, 'word/styles.xml')),
  };
}

export const paragraphStyle = (paragraph: XmlElement) => path(paragraph, 'w:pPr', 'w:pStyle')?.attribs['w:val'] ?? 'Normal';

/**
 * What breaks right-to-left text in Word: an Arabic paragraph without w:bidi, an Arabic run without w:rtl or without
 * a complex-script font and size (from its paragraph style), a Latin or digit run marked w:rtl or sharing a run
 * with Arabic, a bidi mark left in the text. Returns one line per fault.
 */
export function directionProblems(doc: RenderedDocx, csFont: string): string[] {
  const problems: string[] = [];
  for (const paragraph of [doc.body, doc.header, doc.footer].flatMap((root) => findAll(root, 'w:p'))) {
    const text = textOf(paragraph);
    const style = paragraphStyle(paragraph);
    if (ARABIC.test(text) && !path(paragraph, 'w:pPr', 'w:bidi')) problems.push(`no w:bidi: ${text}`);
    for (const run of findAll(paragraph, 'w:r')) {
      const runText = textOf(run);
      const rtl = path(run, 'w:rPr', 'w:rtl') !== undefined;
      if (ARABIC.test(runText)) {
        if (!rtl) problems.push(`Arabic run without w:rtl: ${runText}`);
        if (doc.styles.runProperty(style, 'w:rFonts', 'w:cs') !== csFont) problems.push(`no w:cs font via ${style}: ${runText}`);
        if (!(Number(doc.styles.runProperty(style, 'w:szCs')) > 0)) problems.push(`no w:szCs via ${style}: ${runText}`);
      }
      if (/[A-Za-z0-9]/.test(runText)) {
        if (rtl) problems.push(`Latin/digit run marked w:rtl: ${runText}`);
        if (ARABIC.test(runText)) problems.push(`run mixes scripts: ${runText}`);
      }
      if (/[\u200e\u200f]/.test(runText)) problems.push(`bidi mark left in: ${runText}`);
    }
  }
  return problems;
}

/** Tables against the model: w:bidiVisual, header rows repeating, rows not split, cells in logical order. */
export function tableProblems(doc: RenderedDocx, tables: readonly TableBlock[]): string[] {
  const problems: string[] = [];
  const docTables = findAll(doc.body, 'w:tbl');
  if (docTables.length !== tables.length) problems.push(`${docTables.length} tables for ${tables.length} in the model`);
  docTables.forEach((table, t) => {
    const model = tables[t];
    if (!model) return;
    if (!path(table, 'w:tblPr', 'w:bidiVisual')) problems.push(`table ${t}: no w:bidiVisual`);
    const rows = findAll(table, 'w:tr');
    const modelRows = [...model.head, ...model.body];
    rows.forEach((row, r) => {
      const header = path(row, 'w:trPr', 'w:tblHeader') !== undefined;
      if (header !== r < model.head.length) problems.push(`table ${t} row ${r}: w:tblHeader ${header}`);
      if (!path(row, 'w:trPr', 'w:cantSplit')) problems.push(`table ${t} row ${r}: no w:cantSplit`);
      const cells = findAll(row, 'w:tc').map(textOf);
      // An empty body cell shows a dash, as in the PDF.
      const expected =
        modelRows[r]?.cells.map((cell) => inlineText(cell.inlines) || (r < model.head.length ? '' : '\u2013')) ?? [];
      if (JSON.stringify(cells) !== JSON.stringify(expected)) problems.push(`table ${t} row ${r}: ${JSON.stringify(cells)} ≠ ${JSON.stringify(expected)}`);
    });
  });
  return problems;
}
