// The PDF's page geometry and typographic scale: the theme's (../../theme/), with the frame and the furniture's
// positions worked out for pdfkit's top-down coordinates, so layout code holds no magic numbers.
import { FIGURE, FURNITURE as THEME_FURNITURE, HEADING, HEADING_RULE, LIST, MARGIN, PAGE_SIZE, PALETTE, PARAGRAPH, SOURCE_RULE, TABLE } from '../../theme/index.js';

export type { TextStyle } from '../../theme/index.js';
export { FIGURE, HEADING, HEADING_RULE, LIST, MARGIN, PARAGRAPH, SOURCE_RULE, TABLE };

export const PAGE = PAGE_SIZE;

export const FRAME = {
  left: MARGIN.left,
  right: PAGE.width - MARGIN.right,
  top: MARGIN.top,
  bottom: PAGE.height - MARGIN.bottom,
  width: PAGE.width - MARGIN.left - MARGIN.right,
  height: PAGE.height - MARGIN.top - MARGIN.bottom,
} as const;

export const COLOR = PALETTE;

export const FURNITURE = {
  ...THEME_FURNITURE,
  headerRuleY: THEME_FURNITURE.headerRule,
  footerRuleY: PAGE.height - THEME_FURNITURE.footerRule,
  footerTop: PAGE.height - THEME_FURNITURE.footerTop,
} as const;
