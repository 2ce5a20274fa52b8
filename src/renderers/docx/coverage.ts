// Characters the embedded faces cannot draw: Word and LibreOffice would quietly take them from some system font,
// which differs from machine to machine, so the build says so (coverage from the text engine, as for the PDF:
// the fallback faces a text needs are embedded too).
import type { WarningSink } from '../../errors.js';
import { uncoveredCharacters } from '../../text/coverage.js';
import { describeCharacters } from '../../text/unicode-block-names.js';

/** The DOCX embeds the body faces and the fallback faces its text needs: what none of them has is reported. */
export function warnUncoveredCharacters(text: string, warn: WarningSink): void {
  const missing = uncoveredCharacters(text);
  if (missing.length === 0) return;
  warn({
    code: 'uncovered-character',
    codePoints: missing,
    message: `DOCX: no embedded font has ${describeCharacters(missing)}; Word will take them from a system font`,
  });
}
