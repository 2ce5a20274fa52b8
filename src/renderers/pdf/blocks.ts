// Headings, paragraphs, lists and key figures, laid out into slices for the paginator (flow.ts).
// Each slice draws its text inside marked content that belongs to the block's structure element.
import type { FigureBlock, HeadingBlock, ListBlock, ParagraphBlock } from '../../model/types.js';
import type { ParagraphLayout, ParagraphSpec } from './text-engine.js';
import { type LayoutContext, drawLine, drawLines, formatInteger, measure, placeAt, rule, specOf, spansOf, strokeLine } from './context.js';
import type { Slice } from './flow.js';
import type { StructElement } from './structure.js';
import { COLOR, FIGURE, FRAME, HEADING, HEADING_RULE, LIST, PARAGRAPH, SOURCE_RULE, type TextStyle } from './style.js';
import { appendAll, maxOf } from '../../collections.js';

/** One slice per line; `tag` wraps each line in marked content of the block's element. */
export function lineSlices(
  ctx: LayoutContext,
  layout: ParagraphLayout,
  style: TextStyle,
  element: StructElement,
  tag: string,
  box: { x: number; width: number },
): Slice[] {
  return layout.lines.map((line) => ({
    height: line.height,
    spaceBefore: 0,
    spaceAfter: 0,
    keepWithNext: false,
    draw: (top: number) => ctx.tagger.content(element, tag, () => drawLine(ctx, line, style.color, box.x, top, box.width)),
  }));
}

/** Keeps the first two and the last two lines of a paragraph together (no orphans, no widows). */
function keepOrphansAndWidows(slices: Slice[]): void {
  if (slices.length < 2) return;
  slices[0]!.keepWithNext = true;
  slices[slices.length - 2]!.keepWithNext = true;
}

/** Puts the block's outer spacing on its first and last slice. */
function withSpacing(slices: Slice[], style: Pick<TextStyle, 'spaceBefore' | 'spaceAfter'>): Slice[] {
  if (slices.length > 0) {
    slices[0]!.spaceBefore = style.spaceBefore;
    slices[slices.length - 1]!.spaceAfter = style.spaceAfter;
  }
  return slices;
}

/** The most lines a heading is balanced over. */
const BALANCED_LINES = 6;

/**
 * Lays out a heading with lines of even length (like CSS `text-wrap: balance`): the narrowest width that keeps
 * the line count, so a two-line title never leaves one word alone on its second line.
 */
export function balancedLayout(ctx: LayoutContext, spec: ParagraphSpec, maxWidth: number): ParagraphLayout {
  const full = ctx.engine.layout(spec, maxWidth);
  // A heading of more lines than a title has is set as it comes: balancing it would lay it out ten more times.
  if (full.lines.length < 2 || full.lines.length > BALANCED_LINES) return full;
  let low = maxWidth / full.lines.length;
  let high = maxWidth;
  let best = full;
  for (let step = 0; step < 10 && high - low > 1; step++) {
    const width = (low + high) / 2;
    const trial = ctx.engine.layout(spec, width);
    if (trial.lines.length === full.lines.length && trial.width <= width + 0.01) {
      best = trial;
      high = width;
    } else low = width;
  }
  return best;
}

export function headingSlices(ctx: LayoutContext, block: HeadingBlock): Slice[] {
  const style = HEADING[block.level];
  const tag = `H${block.level}`;
  const element = ctx.tagger.element(tag);
  const layout = balancedLayout(ctx, specOf(spansOf(block.inlines), style, ctx.direction, 'start'), FRAME.width);
  const slices = lineSlices(ctx, layout, style, element, tag, { x: FRAME.left, width: FRAME.width });
  for (const slice of slices) slice.keepWithNext = true;
  const last = slices[slices.length - 1];
  const underline = block.level === 3 ? undefined : HEADING_RULE[block.level];
  if (last && underline) {
    // The rule sits under the last line, inside the heading's own height, so it always stays with the heading.
    const drawText = last.draw;
    const textHeight = last.height;
    last.height += underline.gap + underline.width;
    last.draw = (top) => {
      drawText(top);
      const y = top + textHeight + underline.gap + underline.width / 2;
      rule(ctx, FRAME.left, FRAME.right, y, underline.width, underline.color);
    };
  }
  return withSpacing(slices, style);
}

export function paragraphSlices(ctx: LayoutContext, block: ParagraphBlock): Slice[] {
  const style = PARAGRAPH[block.role];
  const element = ctx.tagger.element('P');
  const layout = ctx.engine.layout(specOf(spansOf(block.inlines), style, ctx.direction, block.align), FRAME.width);
  const slices = lineSlices(ctx, layout, style, element, 'P', { x: FRAME.left, width: FRAME.width });
  keepOrphansAndWidows(slices);
  const first = slices[0];
  if (first && block.role === 'source') {
    // A short rule on the start side sets the source line apart from the body above it.
    const drawText = first.draw;
    const ruleSpace = SOURCE_RULE.gap + SOURCE_RULE.width;
    first.height += ruleSpace;
    first.draw = (top) => {
      const x = placeAt(block.align === 'end' ? 'end' : 'start', FRAME.left, FRAME.right, SOURCE_RULE.length, ctx.direction);
      rule(ctx, x, x + SOURCE_RULE.length, top + SOURCE_RULE.width / 2, SOURCE_RULE.width, SOURCE_RULE.color);
      drawText(top + ruleSpace);
    };
  }
  return withSpacing(slices, style);
}

export function listSlices(ctx: LayoutContext, block: ListBlock): Slice[] {
  const style = LIST.text;
  const list = ctx.tagger.element('L');
  const bodyWidth = FRAME.width - LIST.labelWidth;
  // The label column is on the start side (right in RTL); the item text hangs beside it.
  const labelX = placeAt('start', FRAME.left, FRAME.right, LIST.labelWidth, ctx.direction);
  const bodyX = placeAt('end', FRAME.left, FRAME.right, bodyWidth, ctx.direction);
  const slices: Slice[] = [];

  block.items.forEach((inlines, index) => {
    const item = ctx.tagger.element('LI', list);
    const labelElement = ctx.tagger.element('Lbl', item);
    const body = ctx.tagger.element('LBody', item);
    const labelText = block.ordered ? `${formatInteger(ctx.lang, index + 1)}.` : LIST.bullet;
    const [label] = ctx.engine.layout(specOf([{ text: labelText, bold: block.ordered, italic: false }], style, ctx.direction, 'start'), LIST.labelWidth).lines;
    const layout = ctx.engine.layout(specOf(spansOf(inlines), style, ctx.direction, 'start'), bodyWidth);
    const itemSlices = lineSlices(ctx, layout, style, body, 'LBody', { x: bodyX, width: bodyWidth });
    keepOrphansAndWidows(itemSlices);
    const first = itemSlices[0];
    if (first && label) {
      const drawBody = first.draw;
      first.draw = (top) => {
        ctx.tagger.content(labelElement, 'Lbl', () => drawLine(ctx, label, style.color, labelX, top, LIST.labelWidth));
        drawBody(top);
      };
      first.spaceBefore = index === 0 ? 0 : LIST.itemGap;
    }
    appendAll(slices, itemSlices);
  });
  return withSpacing(slices, style);
}

/** Consecutive key figures as one panel: a row per figure, the figure on the start side, its caption beside it. */
export function figurePanelSlices(ctx: LayoutContext, figures: readonly FigureBlock[]): Slice[] {
  const { direction } = ctx;
  const inner = { left: FRAME.left + FIGURE.padX, right: FRAME.right - FIGURE.padX };
  if (direction === 'rtl') inner.right -= FIGURE.barWidth;
  else inner.left += FIGURE.barWidth;
  const valueSpec = (figure: FigureBlock) => specOf([{ text: figure.value, bold: true, italic: false }], FIGURE.value, direction, 'start');
  const valueWidth = maxOf(figures.map((figure) => measure(ctx, valueSpec(figure))), -Infinity);
  const captionWidth = inner.right - inner.left - valueWidth - FIGURE.gutter;
  const valueX = placeAt('start', inner.left, inner.right, valueWidth, direction);
  const captionX = placeAt('end', inner.left, inner.right, captionWidth, direction);

  const slices = figures.map((figure, index): Slice => {
    const element = ctx.tagger.element('P');
    const value = ctx.engine.layout(valueSpec(figure), valueWidth);
    const caption = ctx.engine.layout(specOf(spansOf(figure.caption), FIGURE.caption, direction, 'start'), captionWidth);
    // The caption's first baseline sits on the figure's baseline.
    const valueBaseline = value.lines[0]?.baseline ?? 0;
    const captionOffset = valueBaseline - (caption.lines[0]?.baseline ?? 0);
    const contentHeight = Math.max(value.height, captionOffset + caption.height);
    const height = contentHeight + 2 * FIGURE.padY;
    const last = index === figures.length - 1;
    return {
      height,
      spaceBefore: 0,
      spaceAfter: 0,
      keepWithNext: !last,
      draw: (top) => {
        ctx.tagger.artifact('Layout', () => {
          const doc = ctx.doc;
          doc.save().rect(FRAME.left, top, FRAME.width, height).fill(COLOR.figureFill).restore();
          const barX = placeAt('start', FRAME.left, FRAME.right, FIGURE.barWidth, direction);
          doc.save().rect(barX, top, FIGURE.barWidth, height).fill(COLOR.accent).restore();
          if (!last) {
            const y = top + height - FIGURE.rowRule / 2;
            strokeLine(ctx, inner.left, inner.right, y, FIGURE.rowRule, COLOR.hairline);
          }
        });
        ctx.tagger.content(element, 'P', () => {
          drawLines(ctx, value.lines, FIGURE.value.color, valueX, top + FIGURE.padY, valueWidth);
          drawLines(ctx, caption.lines, FIGURE.caption.color, captionX, top + FIGURE.padY + captionOffset, captionWidth);
        });
      },
    };
  });
  return withSpacing(slices, { spaceBefore: FIGURE.spaceBefore, spaceAfter: FIGURE.spaceAfter });
}
