// What docx's charts leave out or leave to chance, put right in the finished parts: the chart's language (docx
// writes en-US), right-to-left text in a right-to-left document, the random relationship ids and the embedded
// workbook's zip times and docx's drawing numbers (they would make every build differ).
import { strFromU8, unzipSync } from 'fflate';
import type { DocumentMetadata } from '../../model/types.js';
import { zipped } from './zip.js';

export type PartText = string | Uint8Array;

const CHART_PART = /^word\/charts\/chart\d+\.xml$/;
const WORKBOOK_PART = /^word\/embeddings\/.+\.xlsx$/;
/** docx's nanoid relationship ids: "rId" and twenty-odd random characters. */
const RANDOM_ID = /\brId[A-Za-z0-9_-]{12,}(?![A-Za-z0-9_-])/g;
/** The same, for testing a string (a global pattern's test() would carry its position from one string to the next). */
const HAS_RANDOM_ID = new RegExp(RANDOM_ID.source);
const IS_RANDOM_ID = new RegExp(`^${RANDOM_ID.source}$`);

/** A part's XML as text (docx hands over some parts as bytes). */
export const textOf = (part: PartText): string => (typeof part === 'string' ? part : strFromU8(part));

export function hasCharts(parts: ReadonlyMap<string, PartText>): boolean {
  return [...parts.keys()].some((name) => CHART_PART.test(name));
}

/** The parts with the charts localized and every chart-related id and date pinned. */
export function pinCharts(parts: Map<string, PartText>, meta: DocumentMetadata, mtime: Date): void {
  for (const [name, part] of parts) {
    if (CHART_PART.test(name)) parts.set(name, localizedChart(textOf(part), meta));
    else if (WORKBOOK_PART.test(name) && typeof part !== 'string') parts.set(name, rezipped(part, mtime));
  }
  // docx numbers drawings per process: numbered again from 1 in each document.
  for (const name of [...parts.keys()].filter((part) => /^word\/(document|header\d*|footer\d*)\.xml$/.test(part))) {
    let drawing = 0;
    parts.set(name, textOf(parts.get(name)!).replace(/<wp:docPr id="\d+"/g, () => `<wp:docPr id="${++drawing}"`));
  }
  // docx's random ids, named again by what they point at (the relationship's part and target), so the names do
  // not depend on the random values, nor on the order docx lists relationships in.
  const targets: { id: string; key: string }[] = [];
  for (const name of [...parts.keys()].filter((part) => part.endsWith('.rels')).sort()) {
    for (const match of textOf(parts.get(name)!).matchAll(/<Relationship\b[^>]*>/g)) {
      const id = /\bId="([^"]+)"/.exec(match[0])?.[1];
      const target = /\bTarget="([^"]+)"/.exec(match[0])?.[1] ?? '';
      if (id && IS_RANDOM_ID.test(id)) targets.push({ id, key: `${name}\u0000${target}` });
    }
  }
  targets.sort((x, y) => (x.key < y.key ? -1 : x.key > y.key ? 1 : 0));
  const ids = new Map(targets.map(({ id }, index) => [id, `rIdChart${index + 1}`]));
  for (const name of [...parts.keys()].filter((part) => /\.(xml|rels)$/.test(part))) {
    const text = textOf(parts.get(name)!);
    if (!HAS_RANDOM_ID.test(text)) continue;
    parts.set(name, text.replace(RANDOM_ID, (id) => ids.get(id) ?? id));
  }
}

function localizedChart(xml: string, meta: DocumentMetadata): string {
  let out = xml.replace(/<c:lang val="[^"]*"\/>/, `<c:lang val="${meta.lang}"/>`).replace(/ lang="en-US"/g, ` lang="${meta.lang}"`);
  // DrawingML paragraphs are left to right unless they say otherwise.
  if (meta.dir === 'rtl') out = out.replace(/<a:pPr(?=[ >\/])(?![^>]*\brtl=)/g, '<a:pPr rtl="1"');
  return out;
}

/** The workbook zipped again with its entries in the same order, dated with the document's date, and stored:
 *  the package deflates the whole workbook as one part, so deflating its entries first would only cost time. */
function rezipped(xlsx: Uint8Array, mtime: Date): Uint8Array {
  return zipped(Object.entries(unzipSync(xlsx)), mtime, true);
}
