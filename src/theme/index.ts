// The briefing's one typographic theme: page, margins, sizes (pt), line heights, spacing, rules, colours and
// emphasis, read by the PDF, DOCX and HTML renderers alike, so that changing the body size is one edit here and
// the three formats keep matching. Sizes are whole or half points: Word takes sizes to the half-point, so a
// size like 10.8 would silently differ between the PDF and the DOCX.
import type { Direction, ParagraphRole } from '../model/types.js';
import { PALETTE } from './palette.js';

export { ooxmlColor, PALETTE, type PaletteColor } from './palette.js';

/** A4 portrait, in points. */
export const PAGE_SIZE = { width: 595.28, height: 841.89 } as const;

/** Print margins of the body text frame; the running header and footer sit inside the top and bottom margins. */
export const MARGIN = { top: 82, bottom: 76, left: 62, right: 62 } as const;

/** Width of the body text frame. */
export const TEXT_WIDTH = PAGE_SIZE.width - MARGIN.left - MARGIN.right;

/** A style of text: size in pt, line height as a multiple of the size, space before and after in pt. */
export interface TextStyle {
  size: number;
  lineHeight: number;
  bold: boolean;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
}

const text = (size: number, lineHeight: number, spaceBefore: number, spaceAfter: number, color: string = PALETTE.ink, bold = false): TextStyle => ({
  size,
  lineHeight,
  bold,
  color,
  spaceBefore,
  spaceAfter,
});

/** Paragraph roles of the model. */
export const PARAGRAPH: Record<ParagraphRole, TextStyle> = {
  body: text(11, 1.75, 0, 9),
  lead: text(12.5, 1.7, 0, 14),
  note: text(9.5, 1.65, 0, 8, PALETTE.muted),
  source: text(9.5, 1.6, 14, 0, PALETTE.muted),
  meta: text(10, 1.6, 0, 12, PALETTE.muted),
};

/**
 * How body and lead paragraphs align when the template does not say (`data-align`), by the document's direction:
 * `kashida` justifies right-to-left text by lengthening Arabic joins (see templates/README.md). The templates set
 * their paragraphs' alignment themselves; this is the default for any other template.
 */
export const BODY_ALIGN: Record<Direction, 'start' | 'justify' | 'kashida'> = { rtl: 'start', ltr: 'start' };

/** Headings: 1 is the document title, 2 a section, 3 a subsection. */
export const HEADING: Record<1 | 2 | 3, TextStyle> = {
  1: text(21, 1.45, 0, 14, PALETTE.heading, true),
  2: text(14.5, 1.5, 20, 8, PALETTE.heading, true),
  3: text(12, 1.55, 14, 5, PALETTE.heading, true),
};

/** Rule under the document title (level 1) and under section headings (level 2): width in pt, gap below the text. */
export const HEADING_RULE = {
  1: { width: 1.6, color: PALETTE.accent, gap: 6 },
  2: { width: 0.6, color: PALETTE.hairline, gap: 3 },
} as const;

/** A thin rule above the source line sets it apart from the body. */
export const SOURCE_RULE = { width: 0.5, color: PALETTE.hairline, length: 120, gap: 6 } as const;

export const LIST = {
  text: text(11, 1.7, 0, 9),
  /** Width of the label column (bullet or number) on the start side. */
  labelWidth: 20,
  itemGap: 2,
  bullet: '•',
} as const;

/** Key figures: one shaded panel, a row per figure, the figure on the start side, its caption beside it. */
export const FIGURE = {
  value: text(18, 1.3, 0, 0, PALETTE.heading, true),
  caption: text(10.5, 1.42, 0, 0),
  padX: 14,
  padY: 7,
  /** Space between the widest figure and the captions. */
  gutter: 16,
  /** The bar on the panel's start side. */
  barWidth: 3,
  rowRule: 0.4,
  spaceBefore: 4,
  spaceAfter: 16,
} as const;

/** Bar charts: a row per bar, its label on the start side, the bar growing towards the end side, its value after it. */
export const CHART = {
  caption: text(11, 1.55, 0, 0, PALETTE.heading, true),
  captionGap: 6,
  label: text(9, 1.35, 0, 0),
  value: text(9, 1.35, 0, 0, PALETTE.heading, true),
  /** The label column's share of the chart's width. */
  labelShare: 0.4,
  /** Room between the labels and the bars, and between a bar and its value. */
  gap: 8,
  /** Room kept at the end for the longest bar's value. */
  valueRoom: 56,
  rowHeight: 20,
  /** Room above and below a label that wraps. */
  rowPad: 4,
  barThickness: 11,
  /** A bar is never thinner than this, however small its value: it stays visible. */
  minBarLength: 1.5,
  /** The axis line at the bars' base. */
  axisWidth: 0.6,
  spaceBefore: 6,
  spaceAfter: 16,
} as const;

export const TABLE = {
  caption: text(11, 1.55, 0, 0, PALETTE.heading, true),
  captionGap: 5,
  // Cell lines stay under 1.45 × the size apart: wider, and poppler reads a wrapped row line by line across
  // its cells instead of cell by cell.
  head: text(10, 1.42, 0, 0, PALETTE.heading, true),
  cell: text(10, 1.42, 0, 0),
  padX: 6,
  padY: 5,
  /** Where a cell's lines sit in a row taller than they are: header cells on the rule under them, body cells at
   *  the top, where the eye starts reading the row. */
  verticalAlign: { head: 'bottom', body: 'top' },
  /** Heavier rules above and below the table and under the header (booktabs style); hairlines between rows. */
  outerRule: 0.9,
  headRule: 0.6,
  rowRule: 0.35,
  spaceBefore: 8,
  spaceAfter: 16,
} as const;

/** Running header and footer. */
export const FURNITURE = {
  ...text(8.5, 1.4, 0, 0, PALETTE.muted),
  /** Top of the running header's line box, from the top edge, and the rule under it. */
  headerTop: 40,
  headerRule: 60,
  /** The rule above the footer and the top of the footer's line box, from the bottom edge. */
  footerRule: 56,
  footerTop: 50,
  /** Room kept between the footer text and the page label. */
  footerGutter: 24,
  ruleWidth: 0.5,
  /** The source line at the start of the footer, the page label at its end; the header at the start. */
  sides: { header: 'start', footer: 'start', pageLabel: 'end' },
} as const;

/**
 * Emphasis (`<em>`): Arabic has no italic, and IBM Plex Sans Arabic ships none, so emphasis is the Medium face in
 * every script, with a synthetic slant on runs of Latin letters only (never on Arabic, never on digits).
 */
export const EMPHASIS = { face: 'medium', slantDegrees: 12 } as const;

/** The physical side of the page a logical side is on, for formats that place things physically (CSS margin boxes). */
export function physicalSide(side: 'start' | 'end', direction: Direction): 'left' | 'right' {
  return (side === 'start') === (direction === 'rtl') ? 'right' : 'left';
}
