// Running header (title, date) and footer (source, "صفحة 1 من 2") on every page, drawn as pagination artifacts
// once the page count is known (the document buffers its pages).
import { pageLabelParts } from '../../model/page-label.js';
import type { DocumentMetadata } from '../../model/types.js';
import { graphemeBoundaries } from '../../text/segmentation.js';
import { type LayoutContext, drawLine, formatInteger, measure, placeAt, specOf, strokeLine } from './context.js';
import { FRAME, FURNITURE } from './style.js';

/** The page label of page `page` of `pages`, its numbers in the document's digits. */
export function pageLabel(meta: DocumentMetadata, page: number, pages: number): string {
  return pageLabelParts(meta.pageLabel)
    .map((part) => ('text' in part ? part.text : formatInteger(meta.lang, part.counter === 'page' ? page : pages)))
    .join('');
}

const ELLIPSIS = '\u2026';

/** `text`, or its longest start (whole graphemes, trailing spaces dropped) with an ellipsis, that fits `maxWidth`:
 *  a running header or footer has one line, and a reader must see that text is missing rather than lose it. */
function fittedText(ctx: LayoutContext, text: string, side: 'start' | 'end', maxWidth: number): string {
  const width = (candidate: string) => measure(ctx, specOf([{ text: candidate, bold: false, italic: false }], FURNITURE, ctx.direction, side));
  if (width(text) <= maxWidth) return text;
  const cuts = graphemeBoundaries(text);
  const shortened = (count: number) => `${text.slice(0, cuts[count - 1] ?? 0).trimEnd()}${ELLIPSIS}`;
  // The most graphemes that fit with the ellipsis: widths grow with the count, so a binary search finds it.
  let low = 0;
  let high = cuts.length;
  while (low < high) {
    const middle = Math.ceil((low + high) / 2);
    if (width(shortened(middle)) <= maxWidth) low = middle;
    else high = middle - 1;
  }
  return low === 0 ? ELLIPSIS : shortened(low);
}

/** Draws one line of furniture text in a box on the given side of the frame; text too long ends in an ellipsis
 *  (and a warning says so). */
function furnitureText(ctx: LayoutContext, text: string, side: 'start' | 'end', maxWidth: number, top: number): void {
  if (!text.trim()) return;
  const fitted = fittedText(ctx, text, side, maxWidth);
  if (fitted !== text) {
    ctx.warn({ code: 'other', message: `running header/footer text is too long for its line and ends in "${ELLIPSIS}": "${text}"` });
  }
  const spec = specOf([{ text: fitted, bold: false, italic: false }], FURNITURE, ctx.direction, side);
  const line = ctx.engine.layout(spec, Infinity).lines[0];
  if (!line) return;
  const x = placeAt(side, FRAME.left, FRAME.right, maxWidth, ctx.direction);
  drawLine(ctx, line, FURNITURE.color, x, top, maxWidth);
}

export function drawFurniture(ctx: LayoutContext, meta: DocumentMetadata): void {
  const { start, count } = ctx.doc.bufferedPageRange();
  for (let index = 0; index < count; index++) {
    ctx.doc.switchToPage(start + index);
    // Each rule belongs to its running header or footer: one artifact apiece, tagged with its page edge.
    ctx.tagger.artifact(
      'Pagination',
      () => {
        furnitureText(ctx, meta.header, FURNITURE.sides.header, FRAME.width, FURNITURE.headerTop);
        strokeLine(ctx, FRAME.left, FRAME.right, FURNITURE.headerRuleY, FURNITURE.ruleWidth, FURNITURE.color);
      },
      'Top',
    );
    ctx.tagger.artifact('Pagination', () => {
      strokeLine(ctx, FRAME.left, FRAME.right, FURNITURE.footerRuleY, FURNITURE.ruleWidth, FURNITURE.color);
      const label = pageLabel(meta, index + 1, count);
      const labelWidth = measure(ctx, specOf([{ text: label, bold: false, italic: false }], FURNITURE, ctx.direction, FURNITURE.sides.pageLabel));
      furnitureText(ctx, label, FURNITURE.sides.pageLabel, labelWidth + 1, FURNITURE.footerTop);
      furnitureText(ctx, meta.footer, FURNITURE.sides.footer, FRAME.width - labelWidth - FURNITURE.footerGutter, FURNITURE.footerTop);
    }, 'Bottom');
  }
}
