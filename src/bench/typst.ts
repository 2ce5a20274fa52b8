// Typst (its Node compiler, @myriaddreamin/typst-ts-node-compiler, a dev dependency) setting the same briefing
// for the bench's paired comparison: the same dataset's text and tables, the same faces, A4, right to left.
// Not a second renderer: only what it costs Typst to set comparable pages.
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import type { Dataset } from '../dataset/schema.js';
import { FONT_FACES } from '../fonts/index.js';

/** Whether the Typst compiler is installed (it is an optional dev dependency of the bench). */
export function hasTypst(): boolean {
  try {
    createRequire(import.meta.url).resolve('@myriaddreamin/typst-ts-node-compiler');
    return true;
  } catch {
    return false;
  }
}

/** The folders holding the body faces, for Typst's font search. */
export function typstFontFolders(): string[] {
  return [...new Set(FONT_FACES.map((face) => dirname(face.path)))];
}

/** A Typst string literal. */
const str = (text: string) => JSON.stringify(text);

const arabicNumber = new Intl.NumberFormat('ar-MA');
const number = (value: number | null | undefined) => (value == null ? '–' : arabicNumber.format(value).replace(/\u200e/g, ''));

/** The Arabic briefing as Typst markup: title, issuer, the documents table, the communication table, the plans. */
export function typstBriefing(dataset: Dataset): string {
  const table = (header: string[], rows: string[][]) =>
    `#table(columns: ${header.length}, stroke: 0.4pt, inset: 5pt, table.header(${header.map((h) => `[*#${str(h)}*]`).join(', ')}), ${rows.flat().map(str).join(', ')})\n`;
  return [
    '#set page(paper: "a4", margin: (top: 82pt, bottom: 76pt, x: 62pt), header: [#set text(8.5pt); المديرية العامة للأمن الوطني], footer: context [#set text(8.5pt); #counter(page).display()])',
    '#set text(font: "IBM Plex Sans Arabic", size: 11pt, lang: "ar", dir: rtl)',
    '#set par(justify: false, leading: 0.75em)',
    `= #${str(dataset.publication.title)}`,
    `#${str(dataset.publication.issuer.ar)} — #${str(dataset.publication.source.ar)}`,
    '',
    '== الوثائق المنجزة',
    table(['البيان', 'العدد'], dataset.documents.map((d) => [d.label.ar, number(d.value)])),
    '== التواصل',
    table(['البيان', 'العدد'], dataset.communication.map((c) => [c.label.ar, number(c.value)])),
    '== المشاريع المبرمجة',
    table(['المشروع', 'المجال', 'المكان', 'العدد'], dataset.plans.map((p) => [p.project.ar, p.area?.ar ?? '–', p.place?.ar ?? '–', number(p.count?.value)])),
  ].join('\n');
}
