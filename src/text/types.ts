// What the text engine takes and gives. It knows styled logical text, sizes and widths; renderers decide where a
// paragraph goes and draw the lines it returns (glyph ids and positions in the faces' units).
import type { Direction } from './bidi.js';
import type { LoadedFace, StyleIndex } from './fonts.js';
import type { ShapedRun } from './shape.js';

export type { Direction } from './bidi.js';

/** How a paragraph's lines sit in their box; start and end are resolved against the paragraph's direction.
 *  `kashida` justifies as `justify` does, lengthening Arabic joins (tatweel) before widening spaces. */
export type Align = 'start' | 'end' | 'center' | 'justify' | 'kashida';

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

/** A drawable range of the paragraph: one bidi level, one style, one face, one script. */
export interface Item {
  start: number;
  end: number;
  /** Bidi embedding level: odd is right to left. */
  level: number;
  style: StyleIndex;
  face: LoadedFace;
  /** ISO 15924 code ('' for neutral text). */
  script: string;
  /** The face's glyphs are scaled by this to sit with the body face's (1 for the body face). */
  scale: number;
  /** The whole item shaped once; lines take slices of it. */
  shaped: ShapedRun;
}

/** A piece of one item on one line, in visual order among the line's runs. */
export interface VisualRun {
  item: Item;
  /** Logical range of the run. */
  start: number;
  end: number;
  rtl: boolean;
  /** The run's text as shaped (look-alikes swapped in), bidi controls left out. */
  shapingText: string;
  shaped: ShapedRun;
  /** Natural width in points. */
  width: number;
  /** The run is italic and has letters, none of them Arabic: it gets a synthetic slant (digits and Arabic stay
   *  upright, so a year inside Arabic emphasis does not lean alone). */
  slanted: boolean;
}

export interface LineRange {
  /** First UTF-16 index of the line. */
  start: number;
  /** End of the line's content, trailing white space and bidi marks excluded (they hang past the edge). */
  contentEnd: number;
  /** End of the line including its trailing white space: the next line's start. */
  end: number;
  /** The line starts or ends inside a word (an emergency break): the word keeps its joining forms there. */
  brokenStart: boolean;
  brokenEnd: boolean;
}

export interface FinalLine extends LineRange {
  /** Runs in visual order, left to right. */
  runs: VisualRun[];
  /** Natural width in points. */
  width: number;
  /** Space glyphs between words: where justification puts its extra room. */
  spaces: number;
  /** Tatweels inserted to justify the line (kashida), if any. */
  kashidas?: number;
}

/** One laid-out line as renderers place it. */
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
  /** The runs to draw, left to right, and the spaces that justification widens. */
  final: FinalLine;
  /** The paragraph it belongs to (size, direction, alignment). */
  spec: ParagraphSpec;
}

export interface ParagraphLayout {
  lines: LaidLine[];
  /** Sum of the line heights. */
  height: number;
  /** Widest line, in points. */
  width: number;
  /** Distinct code points no face covers (drawn as the body face's .notdef box), in order of appearance. */
  uncovered: number[];
  /** Families that kashida justification found no tatweel in (their words were justified by spaces). */
  withoutTatweel: string[];
}
