// A bar chart as inline SVG: the model's geometry (chart-geometry.ts), in points, with real, selectable text for
// the labels and values, laid from the start side as the PDF lays them. The caption is the figure's <figcaption>.
import { barChartGeometry, physicalLeft } from '../../model/chart-geometry.js';
import type { ChartBlock, Direction } from '../../model/types.js';
import { CHART, TEXT_WIDTH } from '../../theme/index.js';

const num = (value: number) => String(Math.round(value * 100) / 100);

export function chartSvg(block: ChartBlock, direction: Direction, renderLabel: (bar: ChartBlock['bars'][number]) => string, escape: (text: string) => string): string {
  const rtl = direction === 'rtl';
  const geometry = barChartGeometry(block, TEXT_WIDTH);
  const height = geometry.plotHeight;
  // Text anchored at its start: the right end of the label column in a right-to-left chart, the left end otherwise.
  const startX = (offset: number) => physicalLeft(offset, 0, 0, TEXT_WIDTH, rtl);
  const parts = [
    `<svg class="chart-plot" role="img" aria-label="${escape(block.alt)}" viewBox="0 0 ${num(TEXT_WIDTH)} ${num(height)}" width="${num(TEXT_WIDTH)}pt" height="${num(height)}pt" direction="${direction}">`,
  ];
  block.bars.forEach((bar, index) => {
    const place = geometry.bars[index]!;
    const middle = place.rowTop + CHART.rowHeight / 2;
    parts.push(`<text class="chart-label" x="${num(startX(0))}" y="${num(middle)}" dominant-baseline="central" text-anchor="start">${renderLabel(bar)}</text>`);
    if (place.barLength > 0) {
      const x = physicalLeft(place.barStart, place.barLength, 0, TEXT_WIDTH, rtl);
      parts.push(`<rect class="chart-bar" x="${num(x)}" y="${num(place.barTop)}" width="${num(place.barLength)}" height="${CHART.barThickness}"><title>${escape(bar.display)}</title></rect>`);
    }
    parts.push(`<text class="chart-value" x="${num(startX(place.valueStart))}" y="${num(middle)}" dominant-baseline="central" text-anchor="start" data-value="${bar.value}">${escape(bar.display)}</text>`);
  });
  const axis = startX(geometry.baseline);
  parts.push(`<line class="chart-axis" x1="${num(axis)}" y1="0" x2="${num(axis)}" y2="${num(height)}"/>`, '</svg>');
  return parts.join('');
}
