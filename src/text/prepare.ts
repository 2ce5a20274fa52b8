// Step 2 of 4: prepare a collected paragraph: Unicode bidi levels (UAX #9) with the paragraph's direction,
// script runs, a face for every character (coverage.ts), and items: maximal ranges of one level, style, face and
// script, each shaped whole by HarfBuzz once. The widths of every cluster are summed up front, so measuring a
// candidate line is a subtraction; where HarfBuzz says a break would change the glyphs, the line is reshaped.
import { embeddingLevels, hasBidiControls, isBidiControl, isRightToLeftLevel, type Direction, type EmbeddingLevels } from './bidi.js';
import type { Collected } from './collect.js';
import { faceFor, isLineSeparator, isShapingControl } from './coverage.js';
import { faceChain, fallbackScale, type LoadedFace, type StyleIndex } from './fonts.js';
import { scriptsOf } from './segmentation.js';
import { isCombiningMark, shape, type ShapedRun } from './shape.js';
import type { Item } from './types.js';
import * as hb from 'harfbuzzjs';

export interface Prepared {
  /** Logical text (bidi controls included). */
  text: string;
  /** `text` as it is shaped: characters drawn with a look-alike's glyph swapped for it. */
  shapingText: string;
  levels: EmbeddingLevels;
  /** The drawable ranges, in logical order. Characters in no item (line separators, bidi controls between
   *  items) take no space and are never drawn. */
  items: Item[];
  /** The text has bidi controls. */
  hasBidiControls: boolean;
  /** Distinct code points that no face covers, in order of appearance. */
  uncovered: number[];
  /** advanceBefore[i]: the width in ems of everything before offset i, as the items were shaped. */
  advanceBefore: Float64Array;
  /** clusterStart[i] is 1 where a glyph cluster starts (a line may only be cut there). */
  clusterStart: Uint8Array;
  /** unsafeBreak[i] is 1 where cutting the line before offset i changes the glyphs around it (HarfBuzz's
   *  UNSAFE_TO_BREAK): the pieces on either side are shaped again. */
  unsafeBreak: Uint8Array;
}

interface CharacterFace {
  face: LoadedFace | null;
  drawn: number;
}

/** `count` false: the shaping caches do not count this paragraph's runs as used (a text only measured). */
export function prepare(collected: Collected, direction: Direction, count = true): Prepared {
  const { text, styles } = collected;
  const levels = embeddingLevels(text, direction);
  const scripts = scriptsOf(text);
  const uncovered: number[] = [];
  // The shaping text differs from the text only where a look-alike is drawn: built only from the first one on.
  let swapped: string | null = null;
  const ranges: Omit<Item, 'shaped' | 'scale'>[] = [];
  let current: Omit<Item, 'shaped' | 'scale'> | null = null;
  let previousFace: LoadedFace | null = null;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    const units = code > 0xffff ? 2 : 1;
    const style = styles[i] as StyleIndex;
    if (isBidiControl(code)) {
      // Steers bidi, never drawn. An item may run across it (HarfBuzz removes it and joins the letters around it).
      if (swapped !== null) swapped += text.slice(i, i + units);
      i += units;
      continue;
    }
    const { face, drawn } = characterFace(code, style, previousFace, uncovered);
    if (drawn !== code && swapped === null) swapped = text.slice(0, i);
    if (swapped !== null) swapped += String.fromCodePoint(drawn);
    const level = levels.levels[i]!;
    const script = scripts[i]!;
    if (!face) current = null;
    else if (current && current.face === face && current.level === level && current.style === style && sameScript(current.script, script) && onlyBidiControls(text, current.end, i)) {
      current.end = i + units;
      if (!current.script) current.script = script;
    } else {
      current = { start: i, end: i + units, level, style, face, script };
      ranges.push(current);
    }
    previousFace = face;
    i += units;
  }
  const shapingText = swapped ?? text;
  const items = ranges.map((range): Item => {
    const body = faceChain(range.style).at(0);
    const shaped = shape({ text, shapingText, start: range.start, end: range.end, contextStart: 0, contextEnd: text.length, rtl: isRightToLeftLevel(range.level), script: range.script, face: range.face }, count);
    // Field by field, not spread: one hidden class for every item (see copyOf in shape.ts).
    return { start: range.start, end: range.end, level: range.level, style: range.style, face: range.face, script: range.script, scale: fallbackScale(range.face, body), shaped };
  });
  const { advanceBefore, clusterStart, unsafeBreak } = clusterTables(text.length, items);
  return { text, shapingText, levels, items, uncovered, hasBidiControls: hasBidiControls(text), advanceBefore, clusterStart, unsafeBreak };
}

/** Neutral text ('' script) joins any script run. */
const sameScript = (a: string, b: string) => !a || !b || a === b;

/** The face that draws a character: combining marks and shaping controls stay with the character before them. */
function characterFace(code: number, style: StyleIndex, previousFace: LoadedFace | null, uncovered: number[]): CharacterFace {
  const body = faceChain(style).at(0);
  // Most characters: the body face's, after another of its characters or first; none of the rules below applies.
  if ((previousFace === null || previousFace === body) && body.coverage.has(code) && !isLineSeparator(code) && !isShapingControl(code)) return { face: body, drawn: code };
  if (isLineSeparator(code)) return { face: null, drawn: code };
  if (isShapingControl(code)) return { face: previousFace ?? body, drawn: code };
  // Combining marks stay in their base character's face when it has them, so marks are positioned on it.
  if (previousFace && isCombiningMark(code) && previousFace.coverage.has(code)) return { face: previousFace, drawn: code };
  const choice = faceFor(code, style);
  if (choice) return choice;
  // Drawn, not dropped: the body face's .notdef (a box) stands in the text, copies out as the character, and
  // the warning names it.
  if (!uncovered.includes(code)) uncovered.push(code);
  return { face: body, drawn: code };
}

function clusterTables(length: number, items: readonly Item[]): Pick<Prepared, 'advanceBefore' | 'clusterStart' | 'unsafeBreak'> {
  const advanceAt = new Float64Array(length);
  const clusterStart = new Uint8Array(length + 1);
  const unsafeBreak = new Uint8Array(length + 1);
  clusterStart[0] = 1;
  clusterStart[length] = 1;
  for (const item of items) {
    const { shaped, face, scale } = item;
    clusterStart[item.start] = 1;
    clusterStart[item.end] = 1;
    for (let i = 0; i < shaped.clusters.length; i++) {
      const cluster = shaped.clusters[i]!;
      advanceAt[cluster]! += (shaped.xAdvances[i]! * scale) / face.unitsPerEm;
      clusterStart[cluster] = 1;
      if (shaped.flags[i]! & hb.GlyphFlag.UNSAFE_TO_BREAK && cluster > item.start) unsafeBreak[cluster] = 1;
    }
  }
  // Between items nothing was cut (each item was shaped alone, with context): those offsets are where runs start.
  for (let i = 0; i < length; i++) if (!clusterStart[i] && !insideAnItem(items, i)) clusterStart[i] = 1;
  const advanceBefore = new Float64Array(length + 1);
  for (let i = 0; i < length; i++) advanceBefore[i + 1] = advanceBefore[i]! + advanceAt[i]!;
  return { advanceBefore, clusterStart, unsafeBreak };
}

function insideAnItem(items: readonly Item[], offset: number): boolean {
  const index = firstItemEndingAfter(items, offset);
  const item = items[index];
  return item !== undefined && item.start < offset;
}

function onlyBidiControls(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) if (!isBidiControl(text.charCodeAt(i))) return false;
  return true;
}

/** The index of the first item whose end lies after `offset` (binary search). */
export function firstItemEndingAfter(items: readonly Item[], offset: number): number {
  let low = 0;
  let high = items.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (items[middle]!.end <= offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** Shapes the part [from, to) of an item again, seeing only [contextStart, contextEnd) around it (a line). */
export function reshape(p: Prepared, item: Item, from: number, to: number, contextStart: number, contextEnd: number): ShapedRun {
  return shape({ text: p.text, shapingText: p.shapingText, start: from, end: to, contextStart, contextEnd, rtl: isRightToLeftLevel(item.level), script: item.script, face: item.face });
}
