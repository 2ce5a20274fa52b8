// The document model: what a template means, with nothing of the dataset and nothing of PDF or Word.
// Templates render a small HTML subset; `parseDocument` (src/model/parse.ts) turns it into these blocks;
// every renderer (src/renderers/*) reads only these types.

export type Direction = 'rtl' | 'ltr';

/** Logical alignment: `start` is the right edge in a right-to-left document. `kashida` justifies Arabic by
 *  lengthening joins (tatweel) before widening spaces. */
export type Align = 'start' | 'end' | 'center' | 'justify' | 'kashida';

/** A run of text with one style. Text is in logical (typed) order; renderers do the bidi. */
export interface TextInline {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
}

/** A forced line break (`<br>`). */
export interface BreakInline {
  kind: 'break';
}

export type Inline = TextInline | BreakInline;

/** Style variants a template may ask for with `class`; renderers map them to their own styles. */
export type ParagraphRole = 'body' | 'lead' | 'note' | 'source' | 'meta';

export interface HeadingBlock {
  kind: 'heading';
  /** 1 is the document title; 2 and 3 are section and subsection headings. */
  level: 1 | 2 | 3;
  inlines: Inline[];
}

export interface ParagraphBlock {
  kind: 'paragraph';
  role: ParagraphRole;
  align: Align;
  inlines: Inline[];
}

export interface TableCell {
  inlines: Inline[];
  /** True for `<th>`. */
  header: boolean;
  align: Align;
  /** The cell holds a figure: renderers align it and keep its digits together. */
  numeric: boolean;
  colspan: number;
}

export interface TableRow {
  cells: TableCell[];
}

export interface TableColumn {
  /** Relative width, from the first row's cells' `data-width` (fractions summing to 1). */
  width: number;
  align: Align;
  numeric: boolean;
}

export interface TableBlock {
  kind: 'table';
  /** `<caption>`, shown above the table. */
  caption: Inline[];
  columns: TableColumn[];
  /** `<thead>` rows: repeated on every page the table spans. */
  head: TableRow[];
  body: TableRow[];
}

export interface ListBlock {
  kind: 'list';
  ordered: boolean;
  items: Inline[][];
}

/** A highlighted key figure: `<figure class="stat"><data value="1965644">1.965.644</data><figcaption>…</figcaption></figure>`. */
export interface FigureBlock {
  kind: 'figure';
  /** The figure as displayed (already formatted by the template). */
  value: string;
  caption: Inline[];
}

/** One bar of a chart: its label, its number, and the number as the edition writes it. */
export interface ChartBar {
  label: Inline[];
  value: number;
  /** The value as displayed (formatted by the template: 1.965.644, 1 965 644). */
  display: string;
}

/**
 * A chart: `<figure class="chart" data-chart="bar">` with a `<figcaption>` and a table of rows, each a `<th>`
 * label and a `<td>` holding `<data value="1965644">1.965.644</data>`. Drawn natively by every renderer.
 */
export interface ChartBlock {
  kind: 'chart';
  chart: 'bar';
  caption: Inline[];
  bars: ChartBar[];
  /** What the chart says, for screen readers, in the document's language: the caption and every bar's value. */
  alt: string;
}

export type Block = HeadingBlock | ParagraphBlock | TableBlock | ListBlock | FigureBlock | ChartBlock;

/** Document-level facts, from `<html lang dir>`, `<title>` and `<meta name=… content=…>` in `<head>`. */
export interface DocumentMetadata {
  title: string;
  /** BCP 47, e.g. `ar-MA`. */
  lang: string;
  dir: Direction;
  author: string;
  subject: string;
  keywords: string[];
  /** ISO 8601 date-time with offset: the document's date, used for PDF/DOCX creation dates (reproducible builds). */
  date: string;
  /** Running header text (e.g. title and date), drawn on every page. */
  header: string;
  /** Running footer text (e.g. the source). */
  footer: string;
  /** Page label with `{page}` and `{pages}` placeholders, e.g. `صفحة {page} من {pages}`; renderers format the
   *  numbers with `Intl.NumberFormat(lang)` (PDF) or PAGE/NUMPAGES fields (DOCX). */
  pageLabel: string;
}

export interface DocumentModel {
  meta: DocumentMetadata;
  blocks: Block[];
}
