// A bar chart's geometry, decided once for every renderer: rows, the label column, each bar's length and where its
// value goes. Offsets are logical, from the chart's start edge (the right in a right-to-left document), so the
// value axis and the bar order mirror with the direction; renderers turn them into their own coordinates.
import { CHART } from '../theme/index.js';
import type { ChartBlock } from './types.js';

export interface BarPlacement {
  /** Top of the bar's row, from the top of the plot (below the caption), and its height. */
  rowTop: number;
  rowHeight: number;
  /** Top of the bar itself. */
  barTop: number;
  /** Where the bar starts and how long it is, from the chart's start edge. */
  barStart: number;
  barLength: number;
  /** Where the value's label starts (just past the bar's end). */
  valueStart: number;
}

export interface BarChartGeometry {
  width: number;
  /** Height of the plot (the rows), without the caption. */
  plotHeight: number;
  labelWidth: number;
  /** Where the bars' common base is, from the start edge (the axis line). */
  baseline: number;
  /** The longest bar's length. */
  barArea: number;
  bars: BarPlacement[];
}

/** Linear bars from a common base: honest proportions, and every bar labelled with its value, so a bar of 476
 *  beside one of 1.965.644 still says its number. */
/** The label column's width in a chart `width` wide: labels are broken into lines at it. */
export function chartLabelWidth(width: number): number {
  return Math.round(width * CHART.labelShare);
}

/**
 * `labelHeights`: each label's height as the renderer laid it out in the label column (a label of two lines makes
 * its row taller; the bar keeps its thickness, centred in the row).
 */
export function barChartGeometry(block: ChartBlock, width: number, widestValue = estimatedValueWidth(block), labelHeights: readonly number[] = []): BarChartGeometry {
  const labelWidth = chartLabelWidth(width);
  const baseline = labelWidth + CHART.gap;
  // Room at the end for the longest bar's number: what the widest number takes, at least the theme's.
  const valueRoom = Math.max(CHART.valueRoom, widestValue + CHART.gap / 2);
  const barArea = Math.max(0, width - baseline - CHART.gap - valueRoom);
  const max = Math.max(0, ...block.bars.map((bar) => bar.value));
  let rowTop = 0;
  const bars = block.bars.map((bar, index): BarPlacement => {
    const rowHeight = Math.max(CHART.rowHeight, (labelHeights[index] ?? 0) + CHART.rowPad);
    const length = max === 0 || bar.value === 0 ? 0 : Math.max(CHART.minBarLength, (bar.value / max) * barArea);
    const top = rowTop;
    rowTop += rowHeight;
    return {
      rowTop: top,
      rowHeight,
      barTop: top + (rowHeight - CHART.barThickness) / 2,
      barStart: baseline,
      barLength: length,
      valueStart: baseline + length + CHART.gap / 2,
    };
  });
  return { width, plotHeight: rowTop, labelWidth, baseline, barArea, bars };
}

/** A number's width where the renderer cannot measure it (the SVG): digits are about 0.6 em wide. */
function estimatedValueWidth(block: ChartBlock): number {
  return Math.max(0, ...block.bars.map((bar) => [...bar.display].length)) * CHART.value.size * 0.62;
}

/** The physical left x of a logical span [start, start + length) in a box [left, left + width]. */
export function physicalLeft(start: number, length: number, left: number, width: number, rtl: boolean): number {
  return rtl ? left + width - start - length : left + start;
}
