// Step 2 of 4: prepare a collected paragraph: Unicode bidi levels (UAX #9, bidi-js) with the paragraph's
// direction, brackets mirrored at odd levels, and items: maximal ranges of one level, one style and one face.
import bidiFactory from 'bidi-js';
import type { Direction } from '../../../model/types.js';
import { hasBidiControls, isBidiControl, isCombiningMark, withoutBidiControls, type Collected } from './collect.js';
import { faceChain, type LoadedFace, type StyleIndex } from './faces.js';

export const bidi = bidiFactory();

export type EmbeddingLevels = ReturnType<typeof bidi.getEmbeddingLevels>;

export interface Item {
  start: number;
  end: number;
  /** Bidi embedding level: odd is right to left. */
  level: number;
  style: StyleIndex;
  face: LoadedFace;
}

export interface Prepared {
  /** Logical text (bidi controls included). */
  text: string;
  /** `text` with mirrored characters (brackets at odd levels) swapped in: what gets shaped. */
  shapingText: string;
  levels: EmbeddingLevels;
  /** The drawable ranges, in logical order. Characters in no item (line separators, characters no face
   *  covers) take no space and are never drawn; nor are bidi controls, inside items or between them. */
  items: Item[];
  /** The text has bidi controls (which shapingSlice leaves out). */
  hasBidiControls: boolean;
  /** Distinct code points that no face covers, in order of appearance. */
  uncovered: number[];
}

/** Default-ignorable characters that steer shaping (ZWNJ, ZWJ, variation selectors, …): they belong to the
 *  face of the character before them and are never reported as uncovered. */
function isShapingControl(code: number): boolean {
  return (
    code === 0x00ad || code === 0x034f || (code >= 0x200b && code <= 0x200d) || (code >= 0x2060 && code <= 0x2064) ||
    (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff || (code >= 0xe0100 && code <= 0xe01ef)
  );
}

function isLineSeparator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c || code === 0x85 || code === 0x2028 || code === 0x2029;
}

export function prepare(collected: Collected, direction: Direction): Prepared {
  const { text, styles } = collected;
  const levels = bidi.getEmbeddingLevels(text, direction);
  const shapingText = mirror(text, levels);
  const items: Item[] = [];
  const uncovered: number[] = [];
  let current: Item | null = null;
  let previousFace: LoadedFace | null = null;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const style = styles[i] as StyleIndex;
    const level = levels.levels[i]!;
    if (isBidiControl(code)) {
      // Steers bidi, never drawn. An item may run across it (fontkit drops it while shaping, and shape.ts
      // drops the empty glyph), so a mark inside a word does not break the word's letter joins.
      i += units;
      continue;
    }
    let face: LoadedFace | null = null;
    if (!isLineSeparator(code)) {
      const chain = faceChain(style);
      if (isShapingControl(code)) face = previousFace ?? chain[0]!;
      // Combining marks stay in their base character's face when it has them, so marks are positioned on it.
      else if (previousFace && isCombiningMark(code) && previousFace.font.hasGlyphForCodePoint(code)) face = previousFace;
      else {
        face = chain.find((f) => f.font.hasGlyphForCodePoint(code)) ?? null;
        if (!face) {
          // Drawn, not dropped: the first face's .notdef (a box) stands in the text, copies out as the
          // character, and the warning names it.
          if (!uncovered.includes(code)) uncovered.push(code);
          face = chain[0]!;
        }
      }
    }
    if (!face) current = null;
    else if (current && current.face === face && current.level === level && current.style === style && onlyBidiControls(text, current.end, i)) {
      current.end = i + units;
    }
    else {
      current = { start: i, end: i + units, level, style, face };
      items.push(current);
    }
    previousFace = face;
    i += units;
  }
  return { text, shapingText, levels, items, uncovered, hasBidiControls: hasBidiControls(text) };
}

/**
 * The text to shape for the logical range [from, to): mirrored, without bidi controls. Dropping them is what
 * the Unicode joining rules say (they are transparent), so letters on both sides of a mark still join.
 */
export function shapingSlice(p: Prepared, from: number, to: number): string {
  const slice = p.shapingText.slice(from, to);
  return p.hasBidiControls ? withoutBidiControls(slice) : slice;
}

const ARABIC_LETTER = /^(?=\p{Script=Arabic})\p{L}$/u;
const isArabicLetter = (char: string | undefined) => char !== undefined && ARABIC_LETTER.test(char);

/**
 * Letters just outside the logical range [from, to) that its first and last letters may join to: where a
 * word changes style or face mid-word (bold part of a word, a fallback letter), the two runs are shaped
 * apart but must keep their joining forms. `lo` and `hi` bound the search (the line), so a word broken
 * across lines is not joined over the break. Only Arabic letters at the same bidi level count.
 */
export function joiningContext(p: Prepared, from: number, to: number, lo: number, hi: number): { before: string; after: string } {
  let before = '';
  let after = '';
  const level = p.levels.levels[from];
  let i = from - 1;
  while (i >= lo && (isBidiControl(p.text.charCodeAt(i)) || isCombiningMark(p.text.charCodeAt(i)))) i--;
  if (i >= lo && p.levels.levels[i] === level && isArabicLetter(p.text[i]) && isArabicLetter(p.text[from])) before = p.text[i]!;
  let j = to;
  while (j < hi && isBidiControl(p.text.charCodeAt(j))) j++;
  let last = to - 1;
  while (last > from && isCombiningMark(p.text.charCodeAt(last))) last--;
  if (j < hi && p.levels.levels[j] === level && isArabicLetter(p.text[j]) && isArabicLetter(p.text[last])) after = p.text[j]!;
  return { before, after };
}

function onlyBidiControls(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBidiControl(text.charCodeAt(i))) return false;
  return true;
}

/** fontkit does not mirror: swap in the mirrored character (e.g. `(` ↔ `)`) at odd levels. */
function mirror(text: string, levels: EmbeddingLevels): string {
  const mirrored = bidi.getMirroredCharactersMap(text, levels.levels);
  if (mirrored.size === 0) return text;
  const units = text.split('');
  for (const [index, char] of mirrored) units[index] = char;
  return units.join('');
}

/** The index of the first item whose end lies after `offset` (binary search). */
export function firstItemEndingAfter(p: Prepared, offset: number): number {
  let low = 0;
  let high = p.items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (p.items[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}
