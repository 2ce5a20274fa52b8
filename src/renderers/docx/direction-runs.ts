// Splits a paragraph's inlines into runs of one direction (UAX #9 embedding levels from bidi-js), so that only
// right-to-left runs carry `w:rtl`. Word treats digits and neutrals in an `rtl` run as Arabic text (complex-script
// font, possibly Arabic-Indic digits), so "1.965.644" and "Le360" must sit in runs of their own.
import bidiFactory from 'bidi-js';
import { inlineText } from '../../model/block-inlines.js';
import type { Direction, Inline } from '../../model/types.js';

const bidi = bidiFactory();

/** A piece of one inline with one direction; `text` is in logical order, without bidi marks. */
export interface DirectionRun {
  kind: 'text';
  text: string;
  rtl: boolean;
  bold: boolean;
  italic: boolean;
}

export interface BreakRun {
  kind: 'break';
}

export type Run = DirectionRun | BreakRun;

/**
 * U+200E/U+200F/U+061C (Intl's `ar-MA` output carries U+200E around `%`): they are computed with, then dropped.
 * Their effect survives as the runs' directions, and a mark left in the text would be one more invisible
 * character for editors, spell checkers and copy-paste to trip over.
 */
const BIDI_MARKS = /[\u200e\u200f\u061c]/g;

/** Stands for a `<br>` while levels are computed: U+2028 is a bidi whitespace, not a paragraph separator. */
const LINE_SEPARATOR = '\u2028';

export function directionRuns(inlines: readonly Inline[], direction: Direction): Run[] {
  const paragraphText = inlines.map((inline) => inlineText(inline, LINE_SEPARATOR)).join('');
  const levels = embeddingLevels(paragraphText, direction);
  const runs: Run[] = [];
  let offset = 0;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      runs.push({ kind: 'break' });
      offset += LINE_SEPARATOR.length;
      continue;
    }
    let start = 0;
    while (start < inline.text.length) {
      const rtl = isOdd(levels[offset + start]);
      let end = start + 1;
      while (end < inline.text.length && isOdd(levels[offset + end]) === rtl) end++;
      const text = inline.text.slice(start, end).replace(BIDI_MARKS, '');
      if (text) appendRun(runs, { kind: 'text', text, rtl, bold: inline.bold, italic: inline.italic });
      start = end;
    }
    offset += inline.text.length;
  }
  return runs;
}

/** Levels of paragraphs seen lately: a briefing's texts repeat from render to render, and UAX #9 is the costly part. */
const recentLevels = new Map<string, Uint8Array>();
const RECENT_LEVELS_LIMIT = 4096;

function embeddingLevels(text: string, direction: Direction): Uint8Array {
  const key = `${direction}\u0000${text}`;
  let levels = recentLevels.get(key);
  if (!levels) {
    if (recentLevels.size >= RECENT_LEVELS_LIMIT) recentLevels.clear();
    levels = bidi.getEmbeddingLevels(text, direction).levels;
    recentLevels.set(key, levels);
  }
  return levels;
}

/** Plain text of inlines in logical order, bidi marks dropped (for table cells that hold a figure, captions...). */
export function plainText(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => inlineText(inline))
    .join('')
    .replace(BIDI_MARKS, '');
}

function isOdd(level: number | undefined): boolean {
  return ((level ?? 0) & 1) === 1;
}

/** Merges with the previous run when nothing but a dropped mark separated them. */
function appendRun(runs: Run[], run: DirectionRun): void {
  const last = runs[runs.length - 1];
  if (last?.kind === 'text' && last.rtl === run.rtl && last.bold === run.bold && last.italic === run.italic) {
    last.text += run.text;
  } else runs.push(run);
}
