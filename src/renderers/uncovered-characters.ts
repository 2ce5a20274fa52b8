// Characters no embedded face can draw, reported the same way by the DOCX and the HTML (the PDF draws boxes and
// reports them from its text engine): Word, LibreOffice and browsers would quietly take them from some system
// font, which differs from machine to machine. Coverage is the text engine's (the fallback faces a text needs are
// embedded too).
import type { WarningSink } from '../errors.js';
import { uncoveredCharacters } from '../text/coverage.js';
import { describeCharacters } from '../text/unicode-block-names.js';

/** One warning naming every character of `text` that no face of the chain has; `consequence` says what the
 *  reader's program does instead. */
export function warnUncoveredCharacters(text: string, warn: WarningSink, format: string, consequence: string): void {
  const missing = uncoveredCharacters(text);
  if (missing.length === 0) return;
  warn({ code: 'uncovered-character', codePoints: missing, message: `${format}: no embedded font has ${describeCharacters(missing)}; ${consequence}` });
}
