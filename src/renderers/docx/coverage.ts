// Characters the embedded faces cannot draw: Word and LibreOffice would quietly take them from some system font,
// which differs from machine to machine, so the build says so (coverage from the text engine, as for the PDF).
import type { WarningSink } from '../../errors.js';
import { faceFor } from '../../fonts/index.js';
import { missingFromBodyFace } from '../../text/coverage.js';
import { describeCharacters } from '../../text/unicode-block-names.js';

export function warnUncoveredCharacters(text: string, warn: WarningSink): void {
  const missing = missingFromBodyFace(text);
  if (missing.length === 0) return;
  warn({
    code: 'uncovered-character',
    codePoints: missing,
    message: `DOCX: the embedded ${faceFor('regular').family} has no ${describeCharacters(missing)}; Word will take them from a system font`,
  });
}
