// Step 1 of 4: collect a paragraph's styled spans into one logical string with a style per UTF-16 unit.
// Bidi marks and embedding/isolate controls stay in the string (they steer the bidi algorithm in prepare.ts)
// but are never shaped or drawn.
import type { StyledText } from './api.js';
import { styleIndex, type StyleIndex } from './faces.js';

export interface Collected {
  /** The paragraph's text in logical order (shadda moved before other marks, see below). */
  text: string;
  /** Style of each UTF-16 unit of `text`. */
  styles: Uint8Array;
}

/** LRM, RLM, ALM, LRE/RLE/PDF/LRO/RLO and LRI/RLI/FSI/PDI: they steer bidi and are never drawn. */
export function isBidiControl(code: number): boolean {
  return code === 0x200e || code === 0x200f || code === 0x061c || (code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069);
}

/** The same characters as isBidiControl, for searching strings. */
const BIDI_CONTROL = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;
const BIDI_CONTROLS = new RegExp(BIDI_CONTROL.source, 'g');

export function hasBidiControls(text: string): boolean {
  return BIDI_CONTROL.test(text);
}

/** `text` without bidi controls: what is drawn and what copy-paste should give. */
export function withoutBidiControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}

const COMBINING_MARK = /^\p{M}$/u;

/** Any combining mark (general category M): it takes no room of its own and sits on the character before it. */
export function isCombiningMark(code: number): boolean {
  return COMBINING_MARK.test(String.fromCodePoint(code));
}

const SHADDA = 0x0651;

/** Arabic combining marks (harakat, tanween, superscript alef, Quranic marks). */
function isArabicMark(code: number): boolean {
  return (code >= 0x064b && code <= 0x065f) || code === 0x0670 || (code >= 0x06d6 && code <= 0x06ed && code !== 0x06dd && code !== 0x06de && code !== 0x06e9);
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
  return { text: shaddaFirst(text, styles), styles };
}

/**
 * Unicode's canonical order puts shadda (ccc 33) after fatha/damma/kasra (ccc 30–32), but fontkit stacks the
 * marks in the order it gets them, so a vowel would sit under the shadda instead of on it. HarfBuzz makes the
 * same move when it shapes. The styles array is permuted along with the text.
 */
function shaddaFirst(text: string, styles: Uint8Array): string {
  if (!text.includes('\u0651')) return text;
  // Working on UTF-16 units is safe: shadda and the marks it moves past are all in the BMP.
  const units = text.split('');
  for (let i = 1; i < units.length; i++) {
    if (units[i]!.charCodeAt(0) !== SHADDA) continue;
    let first = i;
    while (first > 0 && isArabicMark(units[first - 1]!.charCodeAt(0)) && units[first - 1]!.charCodeAt(0) !== SHADDA) first--;
    if (first === i) continue;
    const style = styles[i]!;
    units.splice(first, 0, units.splice(i, 1)[0]!);
    styles.copyWithin(first + 1, first, i);
    styles[first] = style as StyleIndex;
  }
  return units.join('');
}
