// What every block layout needs: the pdfkit document, the text engine, the structure tagger and the
// document's direction; plus the small helpers that turn model inlines into text-engine paragraphs.
import { inlineText } from '../../model/block-inlines.js';
import type { Align, Direction, Inline } from '../../model/types.js';
import type { WarningSink } from '../../errors.js';
import type { StyledText, ParagraphSpec, TextEngine, LaidLine } from './text-engine.js';
import type { Tagger } from './structure.js';
import type { TextStyle } from './style.js';
import { setFillColor, strokeHorizontal } from './operators.js';

export interface LayoutContext {
  doc: PDFKit.PDFDocument;
  engine: TextEngine;
  tagger: Tagger;
  direction: Direction;
  lang: string;
  warn: WarningSink;
}

export { spansOf } from '../styled-text.js';

export function plainText(inlines: readonly Inline[]): string {
  return inlines.map((inline) => inlineText(inline)).join('');
}

export function specOf(spans: StyledText[], style: Pick<TextStyle, 'size' | 'lineHeight' | 'bold'>, direction: Direction, align: Align): ParagraphSpec {
  return {
    spans: style.bold ? spans.map((s) => ({ ...s, bold: true })) : spans,
    size: style.size,
    lineHeight: style.lineHeight,
    direction,
    align,
  };
}

const MAX_MEASURES = 20_000;
const measures = new Map<string, number>();

/**
 * The text engine's one-line width, remembered per process: a table's figure boxes measure every figure of their
 * columns, and the same briefing asks for the same texts on every render.
 */
export function measure(ctx: LayoutContext, spec: ParagraphSpec): number {
  const key = `${spec.size}|${spec.direction}|${spec.spans.map((s) => `${s.bold ? 'b' : ''}${s.italic ? 'i' : ''}\u0001${s.text}`).join('\u0000')}`;
  let width = measures.get(key);
  if (width === undefined) {
    width = ctx.engine.measure(spec);
    if (measures.size >= MAX_MEASURES) measures.clear();
    measures.set(key, width);
  }
  return width;
}

const wordWidths = new Map<string, number>();

/**
 * The width of one word set alone in a style (remembered per process): table column sizing asks for every word of
 * every cell, most of them many times over in a long table, so the remembered ones cost a key and a lookup.
 */
export function measureWord(ctx: LayoutContext, word: string, style: Pick<TextStyle, 'size' | 'lineHeight' | 'bold'>): number {
  const key = `${style.size}|${style.bold ? 'b' : ''}|${ctx.direction}|${word}`;
  let width = wordWidths.get(key);
  if (width === undefined) {
    width = ctx.engine.measure(specOf([{ text: word, bold: false, italic: false }], style, ctx.direction, 'start'));
    if (wordWidths.size >= MAX_MEASURES) wordWidths.clear();
    wordWidths.set(key, width);
  }
  return width;
}

/** Draws one line in the given colour; the line's own spec decides its alignment inside the box. */
export function drawLine(ctx: LayoutContext, line: LaidLine, color: string, x: number, y: number, width: number): void {
  setFillColor(ctx.doc, color);
  ctx.engine.drawLine(line, x, y, width);
}

/** Draws lines one under the other, the first with its top at `top`, all in the same box. */
export function drawLines(ctx: LayoutContext, lines: readonly LaidLine[], color: string, x: number, top: number, width: number): void {
  let y = top;
  for (const line of lines) {
    drawLine(ctx, line, color, x, y, width);
    y += line.height;
  }
}

const integerFormats = new Map<string, Intl.NumberFormat>();

/** Formats a page or item number for the document language (cached: building an Intl formatter is slow). */
export function formatInteger(lang: string, value: number): string {
  let format = integerFormats.get(lang);
  if (!format) {
    format = new Intl.NumberFormat(lang, { useGrouping: false });
    integerFormats.set(lang, format);
  }
  return format.format(value);
}

/** x of a box of `width` placed at the logical start (right in RTL) or end of the span [left, right]. */
export function placeAt(side: 'start' | 'end' | 'center', left: number, right: number, width: number, direction: Direction): number {
  if (side === 'center') return left + (right - left - width) / 2;
  const atRight = (side === 'start') === (direction === 'rtl');
  return atRight ? right - width : left;
}

/** Strokes a horizontal line; the caller decides what it is tagged as. */
export function strokeLine(ctx: LayoutContext, x1: number, x2: number, y: number, width: number, color: string): void {
  strokeHorizontal(ctx.doc, x1, x2, y, width, color);
}

/** Draws a horizontal rule as a layout artifact. */
export function rule(ctx: LayoutContext, x1: number, x2: number, y: number, width: number, color: string): void {
  ctx.tagger.artifact('Layout', () => strokeLine(ctx, x1, x2, y, width, color));
}
