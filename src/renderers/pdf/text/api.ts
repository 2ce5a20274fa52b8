// The contract between the PDF page layout (src/renderers/pdf/*.ts) and the text engine (this folder).
// Page layout decides where a paragraph goes and how wide it is; the text engine turns styled logical text
// into lines (bidi, shaping, line breaking, font choice) and draws a line at a given place.
import type { Align, Direction } from '../../../model/types.js';

/** A span of logical-order text in one style. */
export interface StyledText {
  text: string;
  bold: boolean;
  italic: boolean;
}

export interface ParagraphSpec {
  spans: StyledText[];
  /** Font size in points. */
  size: number;
  /** Line height as a multiple of the size (e.g. 1.6). */
  lineHeight: number;
  /** The paragraph's base direction (UAX #9 paragraph level). */
  direction: Direction;
  align: Align;
}

/** One laid-out line. Page layout reads its metrics; only the text engine reads the rest. */
export interface LaidLine {
  /** Natural width of the line's content, in points. */
  width: number;
  /** Distance from the line box's top to its baseline. */
  baseline: number;
  /** Height of the line box (size × lineHeight). */
  height: number;
  /** The line's text in logical order (for tests and structure). */
  text: string;
  /** True for the paragraph's last line (never justified). */
  last: boolean;
}

export interface ParagraphLayout {
  lines: LaidLine[];
  /** Sum of the line heights. */
  height: number;
  /** Widest line, in points. */
  width: number;
}

export interface TextEngine {
  /** Breaks the paragraph into lines no wider than maxWidth (a word wider than that is broken inside). */
  layout(spec: ParagraphSpec, maxWidth: number): ParagraphLayout;
  /** Width of the paragraph set on one line (for sizing table columns). */
  measure(spec: ParagraphSpec): number;
  /**
   * Draws a line whose box has its top-left corner at (x, y) and is boxWidth wide, aligned as the spec said
   * (logical alignment resolved against the paragraph direction). Uses the document's current fill colour.
   */
  drawLine(line: LaidLine, x: number, y: number, boxWidth: number): void;
}
