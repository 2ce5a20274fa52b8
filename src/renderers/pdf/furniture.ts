// Running header (title, date) and footer (source, "صفحة 1 من 2") on every page, drawn as pagination artifacts
// once the page count is known (the document buffers its pages).
import type { DocumentMetadata } from '../../model/types.js';
import { type LayoutContext, drawLine, formatInteger, measure, placeAt, specOf, strokeLine } from './context.js';
import { FRAME, FURNITURE } from './style.js';

export function pageLabel(meta: DocumentMetadata, page: number, pages: number): string {
  return meta.pageLabel.replaceAll('{page}', formatInteger(meta.lang, page)).replaceAll('{pages}', formatInteger(meta.lang, pages));
}

/** Draws one line of furniture text in a box on the given side of the frame; warns if it had to wrap. */
function furnitureText(ctx: LayoutContext, text: string, side: 'start' | 'end', maxWidth: number, top: number): void {
  if (!text.trim()) return;
  const spec = specOf([{ text, bold: false, italic: false }], FURNITURE, ctx.direction, side);
  const layout = ctx.engine.layout(spec, maxWidth);
  if (layout.lines.length > 1) {
    ctx.warn({ code: 'other', message: `running header/footer text does not fit on one line: "${text}"` });
  }
  const line = layout.lines[0];
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
        furnitureText(ctx, meta.header, 'start', FRAME.width, FURNITURE.headerTop);
        strokeLine(ctx, FRAME.left, FRAME.right, FURNITURE.headerRuleY, FURNITURE.ruleWidth, FURNITURE.color);
      },
      'Top',
    );
    ctx.tagger.artifact('Pagination', () => {
      strokeLine(ctx, FRAME.left, FRAME.right, FURNITURE.footerRuleY, FURNITURE.ruleWidth, FURNITURE.color);
      const label = pageLabel(meta, index + 1, count);
      const labelWidth = measure(ctx, specOf([{ text: label, bold: false, italic: false }], FURNITURE, ctx.direction, 'end'));
      furnitureText(ctx, label, 'end', labelWidth + 1, FURNITURE.footerTop);
      furnitureText(ctx, meta.footer, 'start', FRAME.width - labelWidth - FURNITURE.footerGutter, FURNITURE.footerTop);
    }, 'Bottom');
  }
}
