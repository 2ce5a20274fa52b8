// The briefing's page geometry and typographic scale, in one place so layout code holds no magic numbers.
// Colours are chosen to stay distinct when the briefing is printed in greyscale.
import type { ParagraphRole } from '../../model/types.js';
import { PALETTE } from '../palette.js';

/** A4 in points. */
export const PAGE = { width: 595.28, height: 841.89 } as const;

/** Print margins of the body text frame; the running header and footer sit inside the top and bottom margins. */
export const MARGIN = { top: 82, bottom: 76, left: 62, right: 62 } as const;

export const FRAME = {
  left: MARGIN.left,
  right: PAGE.width - MARGIN.right,
  top: MARGIN.top,
  bottom: PAGE.height - MARGIN.bottom,
  width: PAGE.width - MARGIN.left - MARGIN.right,
  height: PAGE.height - MARGIN.top - MARGIN.bottom,
} as const;

/** The shared palette (../palette.ts). */
export const COLOR = PALETTE;

export interface TextStyle {
  size: number;
  lineHeight: number;
  bold: boolean;
  color: string;
  spaceBefore: number;
  spaceAfter: number;
}

export const HEADING: Record<1 | 2 | 3, TextStyle> = {
  1: { size: 21, lineHeight: 1.45, bold: true, color: COLOR.heading, spaceBefore: 0, spaceAfter: 14 },
  2: { size: 14.5, lineHeight: 1.5, bold: true, color: COLOR.heading, spaceBefore: 20, spaceAfter: 8 },
  3: { size: 12, lineHeight: 1.55, bold: true, color: COLOR.heading, spaceBefore: 14, spaceAfter: 5 },
};

/** Rule under the document title (level 1) and under section headings (level 2). */
export const HEADING_RULE = {
  1: { width: 1.6, color: COLOR.accent, gap: 6 },
  2: { width: 0.6, color: COLOR.hairline, gap: 3 },
} as const;

export const PARAGRAPH: Record<ParagraphRole, TextStyle> = {
  body: { size: 10.8, lineHeight: 1.75, bold: false, color: COLOR.ink, spaceBefore: 0, spaceAfter: 9 },
  lead: { size: 12.4, lineHeight: 1.7, bold: false, color: COLOR.ink, spaceBefore: 0, spaceAfter: 14 },
  note: { size: 9.4, lineHeight: 1.65, bold: false, color: COLOR.muted, spaceBefore: 0, spaceAfter: 8 },
  source: { size: 9.4, lineHeight: 1.6, bold: false, color: COLOR.muted, spaceBefore: 14, spaceAfter: 0 },
  meta: { size: 10, lineHeight: 1.6, bold: false, color: COLOR.muted, spaceBefore: 0, spaceAfter: 12 },
};

/** A thin rule above the source line sets it apart from the body. */
export const SOURCE_RULE = { width: 0.5, color: COLOR.hairline, length: 120, gap: 6 } as const;

export const LIST = {
  text: { size: 10.8, lineHeight: 1.7, bold: false, color: COLOR.ink, spaceBefore: 0, spaceAfter: 9 } as TextStyle,
  /** Width of the label column (bullet or number) on the start side. */
  labelWidth: 20,
  itemGap: 2,
  bullet: '•',
};

/**
 * Key figures: consecutive FigureBlocks share one shaded panel, a row each, the figure on the start side and
 * its caption beside it on the same baseline (so text extraction reads figure, then caption).
 */
export const FIGURE = {
  value: { size: 18, lineHeight: 1.3, bold: true, color: COLOR.heading },
  caption: { size: 10.4, lineHeight: 1.42, bold: false, color: COLOR.ink },
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

export const TABLE = {
  caption: { size: 10.8, lineHeight: 1.55, bold: true, color: COLOR.heading, spaceBefore: 0, spaceAfter: 0 } as TextStyle,
  captionGap: 5,
  // Cell lines stay under 1.45 × the size apart: wider, and poppler reads a wrapped row line by line across
  // its cells instead of cell by cell.
  head: { size: 9.8, lineHeight: 1.42, bold: true, color: COLOR.heading, spaceBefore: 0, spaceAfter: 0 } as TextStyle,
  cell: { size: 9.8, lineHeight: 1.42, bold: false, color: COLOR.ink, spaceBefore: 0, spaceAfter: 0 } as TextStyle,
  padX: 6,
  padY: 5,
  /** Heavier rules above and below the table and under the header (booktabs style); hairlines between rows. */
  outerRule: 0.9,
  headRule: 0.6,
  rowRule: 0.35,
  spaceBefore: 8,
  spaceAfter: 16,
} as const;

export const FURNITURE = {
  size: 8.4,
  bold: false,
  lineHeight: 1.4,
  color: COLOR.muted,
  /** Top of the running header's line box, and the rule under it. */
  headerTop: 40,
  headerRuleY: 60,
  /** The rule above the footer, and the top of the footer's line box. */
  footerRuleY: PAGE.height - 56,
  footerTop: PAGE.height - 50,
  /** Room kept between the footer text and the page label. */
  footerGutter: 24,
  ruleWidth: 0.5,
} as const;
