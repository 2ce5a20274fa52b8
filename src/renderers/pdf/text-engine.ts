// The contract between the PDF page layout (this folder) and the text engine (src/text): page layout decides
// where a paragraph goes and how wide it is; the engine returns lines of shaped glyphs, which glyph-runs.ts
// draws at the place and alignment page layout gives.
import type { WarningSink } from '../../errors.js';
import { isJustified, layoutParagraph, measureParagraph, widthBound, type LaidLine, type ParagraphLayout, type ParagraphSpec } from '../../text/index.js';
import { describeCharacters } from '../../text/unicode-block-names.js';
import { EMPHASIS } from '../../theme/index.js';
import { DocumentFonts, drawRun } from './glyph-runs.js';

export type { LaidLine, ParagraphLayout, ParagraphSpec, StyledText } from '../../text/index.js';

/** Synthetic slant for italic runs of non-Arabic letters: the theme's (12°, like most oblique Latin). */
const SLANT = Math.tan((EMPHASIS.slantDegrees * Math.PI) / 180);

export interface TextEngine {
  /** Breaks the paragraph into lines no wider than maxWidth (a word wider than that is broken inside). */
  layout(spec: ParagraphSpec, maxWidth: number): ParagraphLayout;
  /** Width of the paragraph set on one line (for sizing table columns). */
  measure(spec: ParagraphSpec): number;
  /** A cheap upper bound of a text's one-line width at a size, where one holds (../../text/index.ts). */
  widthBound(text: string, size: number, bold: boolean): number | undefined;
  /**
   * Draws a line whose box has its top-left corner at (x, y) and is boxWidth wide, aligned as the spec said
   * (logical alignment resolved against the paragraph direction). Uses the document's current fill colour.
   */
  drawLine(line: LaidLine, x: number, y: number, boxWidth: number): void;
}

/** The engine for one document: fonts embedded as they are first drawn, each uncovered character reported once. */
export function createTextEngine(doc: PDFKit.PDFDocument, warn: WarningSink): TextEngine {
  const fonts = new DocumentFonts(doc);
  const warned = new Set<number>();
  const warnedTatweel = new Set<string>();
  return {
    layout(spec, maxWidth) {
      const layout = layoutParagraph(spec, maxWidth);
      const fresh = layout.uncovered.filter((code) => !warned.has(code));
      for (const code of fresh) warned.add(code);
      for (const family of layout.withoutTatweel) {
        if (warnedTatweel.has(family)) continue;
        warnedTatweel.add(family);
        warn({ code: 'other', message: `PDF: ${family} has no tatweel (U+0640): its Arabic is justified by spaces only` });
      }
      if (fresh.length > 0) warn({ code: 'uncovered-character', codePoints: fresh, message: `PDF: no font has ${describeCharacters(fresh)} (drawn as a box)` });
      return layout;
    },
    measure: measureParagraph,
    widthBound,
    drawLine(line, x, y, boxWidth) {
      const { final, spec } = line;
      const rtl = spec.direction === 'rtl';
      const free = boxWidth - final.width;
      let left = x;
      let extraPerSpace = 0;
      const justified = isJustified(spec.align);
      const align = justified && (line.last || final.spaces === 0) ? 'start' : justified ? 'justify' : spec.align;
      if (align === 'justify') extraPerSpace = Math.max(0, free) / final.spaces;
      else if (align === 'center') left = x + free / 2;
      else if ((align === 'start') === rtl) left = x + free; // start in RTL, end in LTR: flush right
      let pen = left;
      final.runs.forEach((run, i) => {
        const slant = run.slanted ? SLANT : 0;
        // Poppler reads a right-to-left line as right-to-left sections and left-to-right ones, and gives a
        // number or Latin word the neutrals on its left ("2017." copies as ".2017", "(1609)" as "()1609"); a
        // right-to-left mark copied before the run ends its section there.
        const markLeft = rtl && !run.rtl && i > 0 && final.runs[i - 1]!.rtl;
        pen += drawRun(fonts, doc, { run, size: spec.size, x: pen, baseline: y + line.baseline, extraPerSpace, slant, markLeft });
      });
    },
  };
}
