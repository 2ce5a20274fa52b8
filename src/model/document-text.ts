// Every text a document shows (running header and footer, the page label's words, every block's inlines),
// joined: what renderers check font coverage on and subset fonts to.
import { blockInlines } from './block-inlines.js';
import { pageLabelParts } from './page-label.js';
import type { DocumentModel } from './types.js';

export function documentText(model: DocumentModel): string {
  return [...documentTexts(model)].join('\n');
}

function* documentTexts(model: DocumentModel): Generator<string> {
  const { meta } = model;
  yield meta.header;
  yield meta.footer;
  for (const part of pageLabelParts(meta.pageLabel)) if ('text' in part) yield part.text;
  for (const block of model.blocks) {
    for (const inlines of blockInlines(block)) for (const inline of inlines) if (inline.kind === 'text') yield inline.text;
  }
}
