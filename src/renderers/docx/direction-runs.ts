// Splits a paragraph's inlines into runs of one direction (the text engine's UAX #9 levels), so that only
// right-to-left runs carry `w:rtl`. Word treats digits and neutrals in an `rtl` run as Arabic text (complex-script
// font, possibly Arabic-Indic digits), so "1.965.644" and "Le360" must sit in runs of their own.
import { inlineText } from '../../model/block-inlines.js';
import type { Direction, Inline } from '../../model/types.js';
import { embeddingLevels, isRightToLeftLevel, withoutBidiMarks } from '../../text/bidi.js';
import { fallbackFamilyOf } from '../../text/coverage.js';

/** A piece of one inline with one direction; `text` is in logical order, without bidi marks. */
export interface DirectionRun {
  kind: 'text';
  text: string;
  rtl: boolean;
  bold: boolean;
  italic: boolean;
  /** The fallback family (embedded too) for characters the body face lacks, e.g. Noto Sans Tifinagh. */
  font?: string;
}

export interface BreakRun {
  kind: 'break';
}

export type Run = DirectionRun | BreakRun;

/** Stands for a `<br>` while levels are computed: U+2028 is a bidi whitespace, not a paragraph separator. */
const LINE_SEPARATOR = '\u2028';

export function directionRuns(inlines: readonly Inline[], direction: Direction): Run[] {
  const paragraphText = inlines.map((inline) => inlineText(inline, LINE_SEPARATOR)).join('');
  // The marks (U+200E/U+200F/U+061C; Intl's `ar-MA` output carries U+200E around `%`) are computed with, then
  // dropped: their effect survives as the runs' directions, and a mark left in the text would be one more
  // invisible character for editors, spell checkers and copy-paste to trip over.
  const { levels } = embeddingLevels(paragraphText, direction);
  const runs: Run[] = [];
  let offset = 0;
  for (const inline of inlines) {
    if (inline.kind === 'break') {
      runs.push({ kind: 'break' });
      offset += LINE_SEPARATOR.length;
      continue;
    }
    let start = 0;
    const fontAt = (index: number) => fallbackFamilyOf(String.fromCodePoint(inline.text.codePointAt(index)!), inline);
    while (start < inline.text.length) {
      const rtl = isRightToLeftLevel(levels[offset + start]);
      const font = fontAt(start);
      let end = start + (inline.text.codePointAt(start)! > 0xffff ? 2 : 1);
      while (end < inline.text.length && isRightToLeftLevel(levels[offset + end]) === rtl && fontAt(end) === font) end += inline.text.codePointAt(end)! > 0xffff ? 2 : 1;
      const text = withoutBidiMarks(inline.text.slice(start, end));
      if (text) appendRun(runs, { kind: 'text', text, rtl, bold: inline.bold, italic: inline.italic, ...(font ? { font } : {}) });
      start = end;
    }
    offset += inline.text.length;
  }
  return runs;
}

/** Plain text of inlines in logical order, bidi marks dropped (for table cells that hold a figure, captions...). */
export function plainText(inlines: readonly Inline[]): string {
  return withoutBidiMarks(
    inlines
    .map((inline) => inlineText(inline))
    .join(''),
  );
}

/** Merges with the previous run when nothing but a dropped mark separated them. */
function appendRun(runs: Run[], run: DirectionRun): void {
  const last = runs[runs.length - 1];
  if (last?.kind === 'text' && last.rtl === run.rtl && last.bold === run.bold && last.italic === run.italic && last.font === run.font) {
    last.text += run.text;
  } else runs.push(run);
}
