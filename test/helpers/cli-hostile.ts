// Hostile datasets for the property tests: the real dataset with chosen text fields and counts replaced, kept
// valid in every other respect (values written in their quotes, parts within their wholes), and the checks a
// built briefing must pass: no character lost or silently dropped.
import { uncoveredCharacters } from '../../src/text/index.js';
import type { DocumentModel, Inline } from '../../src/model/types.js';

export type JsonPath = (string | number)[];
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Keys whose strings are not free text: ids and references, dates, enums, links, and text checked against a
 *  number (`written`, `quote`: a count must be written in its quote). `unit` must match across a total's figures. */
const NOT_FREE_TEXT = new Set(['id', 'partOf', 'of', 'publishedAt', 'days', 'section', 'article', 'written', 'quote', 'unit']);

/** Every string leaf of the dataset that holds free text. */
export function freeTextPaths(value: Json, path: JsonPath = []): JsonPath[] {
  if (typeof value === 'string') return [path];
  if (value === null || typeof value !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(value) ? value.map((item, index) => [index, item]) : Object.entries(value);
  return entries.flatMap(([key, item]) => (typeof key === 'string' && NOT_FREE_TEXT.has(key) ? [] : freeTextPaths(item, [...path, key])));
}

export function setAt(root: Json, path: JsonPath, value: Json): void {
  let node = root as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, Json>;
  node[path.at(-1)!] = value;
}

export function getAt(root: Json, path: JsonPath): Json {
  let node = root;
  for (const key of path) node = (node as Record<string | number, Json>)[key]!;
  return node;
}

interface FigureRecord {
  id: string;
  value: number;
  partOf?: string;
  written?: string;
  quote: string;
}

/** The counted figures (documents, communication) as paths, for replacing their values. */
export function figurePaths(dataset: Json): JsonPath[] {
  const root = dataset as unknown as { documents: FigureRecord[]; communication: FigureRecord[] };
  return [...root.documents.map((_, i) => ['documents', i]), ...root.communication.map((_, i) => ['communication', i])];
}

/**
 * Sets counts, then restores the dataset's own rules: a part never exceeds its whole (clamped), and every changed
 * value is written in its quote (appended; `written` dropped).
 */
export function setCounts(dataset: Json, counts: { path: JsonPath; value: number }[]): void {
  const figures = figurePaths(dataset).map((path) => getAt(dataset, path) as unknown as FigureRecord);
  const changed = new Set<FigureRecord>();
  for (const { path, value } of counts) {
    const figure = getAt(dataset, path) as unknown as FigureRecord;
    figure.value = value;
    changed.add(figure);
  }
  for (const figure of figures) {
    const whole = figures.find((other) => other.id === figure.partOf);
    if (whole && figure.value > whole.value) {
      figure.value = whole.value;
      changed.add(figure);
    }
  }
  for (const figure of changed) {
    delete figure.written;
    figure.quote = `${figure.quote} ${figure.value}`;
  }
}

interface PlanRecord {
  quote: string;
  count?: { value: number; written?: string; parts?: { value: number; written?: string }[] };
}

/** Sets every plan's count (and its parts, kept within it) to `value`, written in the plan's quote. */
export function setPlanCounts(dataset: Json, value: number): void {
  for (const plan of (dataset as unknown as { plans: PlanRecord[] }).plans) {
    if (!plan.count) continue;
    plan.count.value = value;
    delete plan.count.written;
    for (const part of plan.count.parts ?? []) {
      part.value = Math.min(part.value, value);
      delete part.written;
      plan.quote = `${plan.quote} ${part.value}`;
    }
    plan.quote = `${plan.quote} ${value}`;
  }
}

/** All text a reader sees in the model: blocks, running header and footer. */
export function modelText(model: DocumentModel): string {
  const inlineText = (inlines: Inline[]) => inlines.map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('');
  const parts: string[] = [model.meta.header, model.meta.footer];
  for (const block of model.blocks) {
    switch (block.kind) {
      case 'heading':
      case 'paragraph':
        parts.push(inlineText(block.inlines));
        break;
      case 'list':
        parts.push(...block.items.map(inlineText));
        break;
      case 'figure':
        parts.push(block.value, inlineText(block.caption));
        break;
      case 'table':
        parts.push(inlineText(block.caption));
        for (const row of [...block.head, ...block.body]) parts.push(...row.cells.map((cell) => inlineText(cell.inlines)));
        break;
    }
  }
  return parts.join('\n');
}

/** Characters that are not drawn as glyphs: controls, format characters (bidi marks, joiners), separators. */
export const isInvisible = (char: string) => /^[\p{Cc}\p{Cf}\p{Z}\p{Cs}\p{Default_Ignorable_Code_Point}\s]$/u.test(char);

const STYLES = [
  { bold: false, italic: false },
  { bold: true, italic: false },
  { bold: false, italic: true },
  { bold: true, italic: true },
];

/** How the PDF's font chains cover a character: in every style, in some, or in none. */
export function pdfCoverage(char: string): 'all' | 'some' | 'none' {
  const covered = STYLES.map((style) => uncoveredCharacters(char, style).length === 0);
  return covered.every(Boolean) ? 'all' : covered.some(Boolean) ? 'some' : 'none';
}

/** The code points of a text in every Unicode normal form, so extraction that composes or decomposes still counts. */
export function characterSet(text: string): Set<string> {
  const set = new Set<string>();
  for (const form of [text, text.normalize('NFC'), text.normalize('NFD'), text.normalize('NFKC'), text.normalize('NFKD')]) {
    for (const char of form) set.add(char);
  }
  return set;
}

/** True if `char` (or its compatibility or canonical decomposition) is among `found`. */
export function isFound(char: string, found: Set<string>): boolean {
  if (found.has(char)) return true;
  return [char.normalize('NFKC'), char.normalize('NFD'), char.normalize('NFKD')].some(
    (form) => form !== char && [...form].every((part) => found.has(part) || isInvisible(part)),
  );
}

export const codePointLabel = (char: string) => `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
