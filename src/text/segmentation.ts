// Segmentation: grapheme clusters (UAX #29), line break opportunities (UAX #14) and script runs (UAX #24).
//
// Grapheme cluster boundaries in linear time. V8's Intl.Segmenter slows down with the length of the
// string it segments (10 000 characters: 45 ms, 160 000: 37 s), so long text is segmented in pieces of about
// PIECE characters, cut only where a boundary is certain whatever the rules: between two characters of the
// Basic Multilingual Plane that are letters, digits, punctuation, symbols or spaces (never a mark, a joiner, a
// prepended sign, a Hangul jamo, CR/LF or half of a surrogate pair, which take part in the rules' exceptions).

import LineBreaker from 'linebreak';

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const PIECE = 512;

const PLAIN = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u;
const NOT_PLAIN = /[\p{Script=Hangul}\u0d4e]/u;

function isPlain(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdfff) return false;
  const char = text[index]!;
  return PLAIN.test(char) && !NOT_PLAIN.test(char);
}

/** Where a piece may end at or after `from`: a certain boundary, or the end of the text. */
function safeCut(text: string, from: number): number {
  for (let index = Math.max(from, 1); index < text.length; index++) {
    if (isPlain(text, index - 1) && isPlain(text, index)) return index;
  }
  return text.length;
}

/** The offsets (UTF-16) of the boundaries strictly inside `text`: where one grapheme cluster ends and the next starts. */
export function graphemeBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.length - start <= PIECE ? text.length : safeCut(text, start + PIECE);
    if (start > 0) boundaries.push(start);
    for (const { index } of segmenter.segment(text.slice(start, end))) if (index > 0) boundaries.push(start + index);
    start = end;
  }
  return boundaries;
}

export interface BreakOpportunity {
  /** UTF-16 offset the next line may start at. */
  position: number;
  /** A line must end here (a line separator). */
  required: boolean;
}

/** Where lines may end (UAX #14, the `linebreak` package), in order; the text's end is the last. */
export function lineBreakOpportunities(text: string): BreakOpportunity[] {
  const breaks: BreakOpportunity[] = [];
  const breaker = new LineBreaker(text);
  for (let b = breaker.nextBreak(); b; b = breaker.nextBreak()) breaks.push({ position: b.position, required: b.required });
  return breaks;
}

/** ISO 15924 codes of the scripts the faces cover, tested in this order; others are left for HarfBuzz to guess. */
const SCRIPTS: readonly (readonly [string, RegExp])[] = [
  ['Arab', /\p{Script=Arabic}/u],
  ['Latn', /\p{Script=Latin}/u],
  ['Tfng', /\p{Script=Tifinagh}/u],
  ['Hebr', /\p{Script=Hebrew}/u],
  ['Grek', /\p{Script=Greek}/u],
  ['Cyrl', /\p{Script=Cyrillic}/u],
  ['Deva', /\p{Script=Devanagari}/u],
  ['Syrc', /\p{Script=Syriac}/u],
  ['Thaa', /\p{Script=Thaana}/u],
  ['Nkoo', /\p{Script=Nko}/u],
];

/** Characters that belong to the script around them (digits, punctuation, spaces, marks, controls). */
const NEUTRAL = /[\p{Script=Common}\p{Script=Inherited}]/u;

/** Scripts written right to left: HarfBuzz shapes them only in that direction. */
const RIGHT_TO_LEFT_SCRIPTS = new Set(['Arab', 'Hebr', 'Syrc', 'Thaa', 'Nkoo', 'Adlm', 'Samr', 'Mand']);

export function isRightToLeftScript(script: string): boolean {
  return RIGHT_TO_LEFT_SCRIPTS.has(script);
}

/** The script of one character: its ISO 15924 code, '' for a neutral one, 'Zzzz' for a script not listed. */
export function scriptOf(char: string): string {
  if (NEUTRAL.test(char)) return '';
  for (const [code, pattern] of SCRIPTS) if (pattern.test(char)) return code;
  return 'Zzzz';
}

/** The answers scriptOf can give, and for each character of the Basic Multilingual Plane the index of its answer
 *  (0: not yet asked): each character is tested against the patterns once per process. */
const SCRIPT_ANSWERS = ['', ...SCRIPTS.map(([code]) => code), 'Zzzz'];
const bmpScripts = new Uint8Array(0x10000);

function scriptOfCode(code: number): string {
  if (code > 0xffff) return scriptOf(String.fromCodePoint(code));
  let answer = bmpScripts[code]!;
  if (answer === 0) bmpScripts[code] = answer = SCRIPT_ANSWERS.indexOf(scriptOf(String.fromCharCode(code))) + 1;
  return SCRIPT_ANSWERS[answer - 1]!;
}

/** The script of each UTF-16 unit of `text`, '' for neutral characters (they join the script run around them). */
export function scriptsOf(text: string): string[] {
  const scripts: string[] = new Array<string>(text.length).fill('');
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    if (code >= 0x41) {
      const script = scriptOfCode(code);
      scripts[i] = script;
      if (units === 2) scripts[i + 1] = script;
    }
    i += units;
  }
  return scripts;
}
