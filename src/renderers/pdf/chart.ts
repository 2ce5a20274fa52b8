// A bar chart drawn as vectors: the caption, then a row per bar with its label on the start side, the bar from a
// common base towards the end side, and its value past the bar's end. Every label is shaped and ordered by the
// text engine; the geometry is the model's (chart-geometry.ts). Tagged as a Figure with alt text in the
// document's language; the caption is its Caption.
import { barChartGeometry, chartLabelWidth, physicalLeft } from '../../model/chart-geometry.js';
import type { ChartBlock } from '../../model/types.js';
import { CHART } from '../../theme/index.js';
import { type LayoutContext, drawLines, specOf, spansOf } from './context.js';
import type { Slice } from './flow.js';
import { COLOR, FRAME } from './style.js';

export function chartSlices(ctx: LayoutContext, block: ChartBlock): Slice[] {
  const { direction } = ctx;
  const rtl = direction === 'rtl';
  const figure = ctx.tagger.element('Figure', undefined, { alt: block.alt, lang: ctx.lang });
  const caption = ctx.engine.layout(specOf(spansOf(block.caption), CHART.caption, direction, 'start'), FRAME.width);
  const values = block.bars.map((bar) => ctx.engine.layout(specOf([{ text: bar.display, bold: true, italic: false }], CHART.value, direction, 'start'), Infinity));
  const labels = block.bars.map((bar) => ctx.engine.layout(specOf(spansOf(bar.label), CHART.label, direction, 'start'), chartLabelWidth(FRAME.width)));
  const geometry = barChartGeometry(block, FRAME.width, Math.max(0, ...values.map((value) => value.width)), labels.map((label) => label.height));
  const plotHeight = geometry.plotHeight;
  const captionElement = ctx.tagger.element('Caption', figure);
  const captionSlice: Slice = {
    height: caption.height + CHART.captionGap,
    spaceBefore: CHART.spaceBefore,
    spaceAfter: 0,
    keepWithNext: true,
    draw: (top) => ctx.tagger.content(captionElement, 'Caption', () => drawLines(ctx, caption.lines, CHART.caption.color, FRAME.left, top, FRAME.width)),
  };
  const plotSlice: Slice = {
    height: plotHeight,
    spaceBefore: 0,
    spaceAfter: CHART.spaceAfter,
    keepWithNext: false,
    draw: (top) => {
      ctx.tagger.content(figure, 'Figure', () => {
        block.bars.forEach((_, index) => {
          const bar = geometry.bars[index]!;
          const { rowHeight } = bar;
          const rowTop = top + bar.rowTop;
          const label = labels[index]!;
          const value = values[index]!;
          const labelX = physicalLeft(0, geometry.labelWidth, FRAME.left, FRAME.width, rtl);
          drawLines(ctx, label.lines, CHART.label.color, labelX, rowTop + (rowHeight - label.height) / 2, geometry.labelWidth);
          const barTop = top + bar.barTop;
          if (bar.barLength > 0) {
            const barX = physicalLeft(bar.barStart, bar.barLength, FRAME.left, FRAME.width, rtl);
            ctx.doc.save().rect(barX, barTop, bar.barLength, CHART.barThickness).fill(COLOR.accent).restore();
          }
          const valueX = physicalLeft(bar.valueStart, value.width, FRAME.left, FRAME.width, rtl);
          drawLines(ctx, value.lines, CHART.value.color, valueX, rowTop + (rowHeight - value.height) / 2, value.width);
        });
      });
      // The axis: a vertical line at the bars' base.
      const axisX = physicalLeft(geometry.baseline, 0, FRAME.left, FRAME.width, rtl);
      ctx.tagger.artifact('Layout', () => ctx.doc.save().moveTo(axisX, top).lineTo(axisX, top + plotHeight).lineWidth(CHART.axisWidth).strokeColor(COLOR.rule).stroke().restore());
    },
  };
  return [captionSlice, plotSlice];
}
