// Step 1 of 4: collect a paragraph's styled spans into one logical string with a style per UTF-16 unit.
// Bidi marks and embedding/isolate controls stay in the string (they steer the bidi algorithm in prepare.ts)
// but are never shaped or drawn.
import type { StyledText } from './types.js';
import { styleIndex } from './fonts.js';

export interface Collected {
  /** The paragraph's text in logical order, as the spans give it (a tab read as a space). */
  text: string;
  /** Style of each UTF-16 unit of `text`. */
  styles: Uint8Array;
}

export function collect(spans: readonly StyledText[]): Collected {
  // A tab is white space between words here (no tab stops in running text); no font has a glyph for it.
  const text = spans.map((s) => s.text).join('').replace(/\t/g, ' ');
  const styles = new Uint8Array(text.length);
  let at = 0;
  for (const span of spans) {
    styles.fill(styleIndex(span.bold, span.italic), at, at + span.text.length);
    at += span.text.length;
  }
  return { text, styles };
}
