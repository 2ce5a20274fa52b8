// Characters the embedded faces cannot draw: Word and LibreOffice would quietly take them from some system font,
// which differs from machine to machine, so the build says so (coverage from the text engine, as for the PDF).
import type { WarningSink } from '../../errors.js';
import { faceFor } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { pageLabelParts } from '../../model/page-label.js';
import { blockInlines } from '../../model/block-inlines.js';
import { missingFromBodyFace } from '../../text/coverage.js';
import { describeCharacters } from '../../text/unicode-block-names.js';

/** Every text the document shows, joined: what the coverage check and the font subsets look at. */
export function documentText(model: DocumentModel): string {
  return [...modelTexts(model)].join('\n');
}

export function warnUncoveredCharacters(text: string, warn: WarningSink): void {
  const missing = missingFromBodyFace(text);
  if (missing.length === 0) return;
  warn({
    code: 'uncovered-character',
    codePoints: missing,
    message: `DOCX: the embedded ${faceFor('regular').family} has no ${describeCharacters(missing)}; Word will take them from a system font`,
  });
}

function* modelTexts(model: DocumentModel): Generator<string> {
  const { meta } = model;
  yield meta.header;
  yield meta.footer;
  for (const part of pageLabelParts(meta.pageLabel)) if ('text' in part) yield part.text;
  for (const block of model.blocks) {
    for (const inlines of blockInlines(block)) for (const inline of inlines) if (inline.kind === 'text') yield inline.text;
  }
}
