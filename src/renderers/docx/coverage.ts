// Characters the embedded faces cannot draw: Word and LibreOffice would quietly take them from some system font,
// which differs from machine to machine, so the build says so (as the PDF renderer does for its fonts).
import * as fontkit from 'fontkit';
import type { WarningSink } from '../../errors.js';
import { faceFor, fontBytes } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { blockInlines } from './model-text.js';

/** Invisible controls the renderer drops or Word handles itself; they need no glyph. */
const NEEDS_NO_GLYPH = /[\s\u200b-\u200f\u2028-\u202e\u2060-\u2069\u061c\ufeff]/u;

let bodyFont: fontkit.Font | undefined;

export function warnUncoveredCharacters(model: DocumentModel, warn: WarningSink): void {
  bodyFont ??= fontkit.create(fontBytes(faceFor('regular')));
  const font = bodyFont;
  const warned = new Set<number>();
  for (const text of modelTexts(model)) {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (warned.has(code) || NEEDS_NO_GLYPH.test(char) || font.hasGlyphForCodePoint(code)) continue;
      warned.add(code);
      warn({
        code: 'uncovered-character',
        message: `DOCX: U+${code.toString(16).toUpperCase().padStart(4, '0')} "${char}" is not in the embedded ${faceFor('regular').family}; Word will take it from a system font`,
      });
    }
  }
}

function* modelTexts(model: DocumentModel): Generator<string> {
  const { meta } = model;
  yield meta.header;
  yield meta.footer;
  yield meta.pageLabel.replace(/\{pages?\}/g, '');
  for (const block of model.blocks) {
    for (const inlines of blockInlines(block)) for (const inline of inlines) if (inline.kind === 'text') yield inline.text;
  }
}
