// The PDF text engine: styled logical text in, positioned glyphs out. Like Typst's inline layout it reads as
// four plain steps, one file each: collect → prepare (bidi, fonts) → break lines → finalize (visual order),
// with shaping (shape.ts, fontkit) called by the last two for measured widths and final runs; draw.ts puts the
// finished runs on the page.
import type { WarningSink } from '../../../errors.js';
import type { LaidLine, ParagraphLayout, ParagraphSpec, TextEngine } from './api.js';
import { describeCodePoint } from './unicode-block-names.js';
import { collect, withoutBidiControls } from './collect.js';
import { DocumentFonts, drawRun } from './draw.js';
import { isItalic, lineMetrics } from './faces.js';
import { finalizeLine, type FinalLine, type VisualRun } from './finalize.js';
import { breakLines } from './linebreak.js';
import { prepare, type Prepared } from './prepare.js';
import { maxOf } from '../../../collections.js';
import { EMPHASIS } from '../../../theme/index.js';

/** Synthetic slant for italic runs of non-Arabic letters: the theme's (12°, like most oblique Latin). */
const SLANT = Math.tan((EMPHASIS.slantDegrees * Math.PI) / 180);

const LINE = Symbol('text-engine line');

interface EngineLine extends LaidLine {
  [LINE]: { final: FinalLine; spec: ParagraphSpec };
}

const MAX_PREPARED = 5_000;
const preparedCache = new Map<string, Prepared>();

/** Prepared paragraphs are pure functions of text, styles and direction: kept per process. */
function prepared(spec: ParagraphSpec): Prepared {
  const key = spec.direction + spec.spans.map((s) => `\u0000${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}\u0001${s.text}`).join('');
  let p = preparedCache.get(key);
  if (!p) {
    if (preparedCache.size >= MAX_PREPARED) preparedCache.clear();
    p = prepare(collect(spec.spans), spec.direction);
    preparedCache.set(key, p);
  }
  return p;
}

const laidOut = new WeakMap<Prepared, Map<string, FinalLine[]>>();

/** Lays out a paragraph into finished lines (visual runs, widths). Pure: no document involved. Results are
 *  kept per prepared paragraph, size and width: page layout asks again while it balances and measures. */
export function layoutLines(spec: ParagraphSpec, maxWidth: number): { prepared: Prepared; lines: FinalLine[] } {
  const p = prepared(spec);
  let byKey = laidOut.get(p);
  if (!byKey) {
    byKey = new Map();
    laidOut.set(p, byKey);
  }
  const key = `${spec.size}:${maxWidth}:${spec.align === 'justify'}`;
  let lines = byKey.get(key);
  if (!lines) {
    lines = breakLines(p, spec.size, maxWidth, spec.align === 'justify').map((range) => finalizeLine(p, range, spec.size));
    if (byKey.size > 64) byKey.clear();
    byKey.set(key, lines);
  }
  return { prepared: p, lines };
}

export interface VisualRunView {
  /** The run's characters in logical order (bidi controls excluded). */
  text: string;
  rtl: boolean;
  /** The run as it reads left to right on the page: right-to-left runs reversed, brackets mirrored. */
  visual: string;
}

/** The runs of each line, left to right as drawn: what tests check visual order against. */
export function visualRuns(spec: ParagraphSpec, maxWidth = Infinity): VisualRunView[][] {
  const { prepared: p, lines } = layoutLines(spec, maxWidth);
  const view = (run: VisualRun): VisualRunView => ({
    text: withoutBidiControls(p.text.slice(run.start, run.end)),
    rtl: run.rtl,
    visual: run.rtl ? [...run.shapingText].reverse().join('') : run.shapingText,
  });
  return lines.map((line) => line.runs.map(view));
}

export function createTextEngine(doc: PDFKit.PDFDocument, warn: WarningSink): TextEngine {
  const fonts = new DocumentFonts(doc);
  const warned = new Set<number>();
  const { ascent, descent } = lineMetrics();

  const reportUncovered = (p: Prepared) => {
    for (const code of p.uncovered) {
      if (warned.has(code)) continue;
      warned.add(code);
      warn({ code: 'uncovered-character', codePoint: code, message: `${describeCodePoint(code)} is not covered by any font (drawn as a box)` });
    }
  };

  const layout = (spec: ParagraphSpec, maxWidth: number): ParagraphLayout => {
    const { prepared: p, lines } = layoutLines(spec, maxWidth);
    reportUncovered(p);
    const height = spec.size * spec.lineHeight;
    const baseline = (height - (ascent + descent) * spec.size) / 2 + ascent * spec.size;
    const laid: EngineLine[] = lines.map((final, i) => ({
      width: final.width,
      baseline,
      height,
      text: withoutBidiControls(p.text.slice(final.start, final.contentEnd)),
      last: i === lines.length - 1,
      [LINE]: { final, spec },
    }));
    return { lines: laid, height: height * laid.length, width: maxOf(laid.map((l) => l.width)) };
  };

  return {
    layout,
    measure: (spec) => layout(spec, Infinity).width,
    drawLine(line, x, y, boxWidth) {
      const own = (line as EngineLine)[LINE];
      if (!own) throw new Error('drawLine: the line did not come from this text engine');
      const { final, spec } = own;
      const rtl = spec.direction === 'rtl';
      const free = boxWidth - final.width;
      let left = x;
      let extraPerSpace = 0;
      const align = spec.align === 'justify' && (line.last || final.spaces === 0) ? 'start' : spec.align;
      if (align === 'justify') extraPerSpace = Math.max(0, free) / final.spaces;
      else if (align === 'center') left = x + free / 2;
      else if ((align === 'start') === rtl) left = x + free; // start in RTL, end in LTR: flush right
      let pen = left;
      final.runs.forEach((run, i) => {
        const slant = isItalic(run.item.style) && run.slantable ? SLANT : 0;
        // Poppler reads a right-to-left line as right-to-left sections and left-to-right ones, and gives a
        // number or Latin word the neutrals on its left ("2017." copies as ".2017", "(1609)" as "()1609"); a
        // right-to-left mark copied before the run ends its section there.
        const markLeft = rtl && !run.rtl && i > 0 && final.runs[i - 1]!.rtl;
        pen += drawRun(fonts, doc, { face: run.item.face, shaped: run.shaped, size: spec.size, x: pen, baseline: y + line.baseline, extraPerSpace, slant, rtl: run.rtl, markLeft });
      });
    },
  };
}
