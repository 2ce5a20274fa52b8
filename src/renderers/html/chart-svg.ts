// A bar chart as inline SVG: the model's geometry (chart-geometry.ts), in points, with real, selectable text for
// the labels (broken into lines by the text engine, as in the PDF) and values, laid from the start side as the PDF
// lays them. The caption is the figure's <figcaption>.
import { barChartGeometry, chartLabelWidth, physicalLeft } from '../../model/chart-geometry.js';
import type { ChartBar, ChartBlock, Direction } from '../../model/types.js';
import { layoutParagraph } from '../../text/index.js';
import { CHART, TEXT_WIDTH } from '../../theme/index.js';

const num = (value: number) => String(Math.round(value * 100) / 100);

/** A label broken into the lines the PDF draws (the text engine, the same faces and column width). */
function labelLines(bar: ChartBar, direction: Direction): { lines: string[]; height: number } {
  const spans = bar.label.filter((inline) => inline.kind === 'text').map((inline) => ({ text: inline.text, bold: inline.bold, italic: inline.italic }));
  const layout = layoutParagraph({ spans, size: CHART.label.size, lineHeight: CHART.label.lineHeight, direction, align: 'start' }, chartLabelWidth(TEXT_WIDTH));
  return { lines: layout.lines.map((line) => line.text), height: layout.height };
}

export function chartSvg(block: ChartBlock, direction: Direction, escape: (text: string) => string): string {
  const rtl = direction === 'rtl';
  const labels = block.bars.map((bar) => labelLines(bar, direction));
  const geometry = barChartGeometry(block, TEXT_WIDTH, undefined, labels.map((label) => label.height));
  const height = geometry.plotHeight;
  // Text anchored at its start: the right end of the label column in a right-to-left chart, the left end otherwise.
  const startX = (offset: number) => physicalLeft(offset, 0, 0, TEXT_WIDTH, rtl);
  const parts = [
    `<svg class="chart-plot" role="img" aria-label="${escape(block.alt)}" viewBox="0 0 ${num(TEXT_WIDTH)} ${num(height)}" width="${num(TEXT_WIDTH)}pt" height="${num(height)}pt" direction="${direction}">`,
  ];
  block.bars.forEach((bar, index) => {
    const place = geometry.bars[index]!;
    const middle = place.rowTop + place.rowHeight / 2;
    const { lines } = labels[index]!;
    const lineHeight = CHART.label.size * CHART.label.lineHeight;
    const firstLine = middle - ((lines.length - 1) * lineHeight) / 2;
    const tspans = lines.map((line, k) => `<tspan x="${num(startX(0))}" y="${num(firstLine + k * lineHeight)}">${escape(line)}</tspan>`).join('');
    parts.push(`<text class="chart-label" dominant-baseline="central" text-anchor="start">${tspans}</text>`);
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
