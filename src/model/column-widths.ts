// Table column widths from the model's fractions (TableColumn.width), one rule for every renderer: each column
// gets its share of the width, raised where it could not hold its widest word, the rise paid for by the columns
// with room to spare. A renderer that can measure words passes their widths; one that cannot passes none.

/**
 * Widths summing to `total`: `fractions` (negative as 0; all 0 shares equally), each raised to its `minimum`
 * where that fits. A word wider than a fair share of the table is broken inside its cell rather than starving
 * the other columns, and when the minimums cannot all fit, the template's widths stand.
 */
export function fittedColumnWidths(fractions: readonly number[], total: number, minimums: readonly number[] = []): number[] {
  const count = fractions.length;
  const fractionSum = fractions.reduce((sum, fraction) => sum + Math.max(0, fraction), 0);
  const base = fractions.map((fraction) => (fractionSum > 0 ? (Math.max(0, fraction) / fractionSum) * total : total / count));
  const minimum = base.map((share, column) => Math.min(minimums[column] ?? 0, Math.max(share, total / count)));
  if (minimum.reduce((a, b) => a + b, 0) >= total) return base;
  const deficit = base.reduce((sum, share, column) => sum + Math.max(0, minimum[column]! - share), 0);
  const slack = base.reduce((sum, share, column) => sum + Math.max(0, share - minimum[column]!), 0);
  if (deficit === 0) return base;
  return base.map((share, column) => (share < minimum[column]! ? minimum[column]! : share - (deficit * (share - minimum[column]!)) / slack));
}
