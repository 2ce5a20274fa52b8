// The PDF renderer: document model → tagged, reproducible A4 PDF. Page layout lives in this folder; bidi,
// shaping, line breaking and fonts live in src/text (the text engine); glyph-runs.ts draws what it returns.
import type { DocumentModel } from '../../model/types.js';
import type { RenderContext, Renderer } from '../types.js';
import type { LayoutContext } from './context.js';
import { createDocument, finish, sealPageBody } from './document.js';
import { paginate } from './flow.js';
import { drawFurniture } from './furniture.js';
import { layoutBlocks } from './layout.js';
import { Tagger } from './structure.js';
import { FRAME } from './style.js';
import { createTextEngine } from './text-engine.js';

/** The first pages stay whole (body and furniture in one content stream); later ones are sealed as they end. */
const WHOLE_PAGES = 4;

export async function renderPdf(model: DocumentModel, { warn }: RenderContext): Promise<Uint8Array> {
  const doc = createDocument(model.meta);
  const ctx: LayoutContext = {
    doc,
    engine: createTextEngine(doc, warn),
    tagger: new Tagger(doc),
    direction: model.meta.dir,
    lang: model.meta.lang,
    warn,
  };
  const slices = layoutBlocks(ctx, model.blocks);
  paginate(slices, FRAME, () => {
    // A short briefing keeps one content stream per page (smallest file); past that, finished pages are
    // written out as they end instead of waiting in memory for their running header and footer.
    if (doc.bufferedPageRange().count > WHOLE_PAGES) sealPageBody(doc);
    doc.addPage();
  });
  drawFurniture(ctx, model.meta);
  ctx.tagger.end();
  return finish(doc);
}

export const pdfRenderer: Renderer = {
  format: 'pdf',
  extension: 'pdf',
  render: renderPdf,
};
