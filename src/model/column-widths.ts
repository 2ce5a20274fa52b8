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
  const base = columnShares(fractions, total);
  const minimum = base.map((share, column) => Math.min(minimums[column] ?? 0, Math.max(share, total / count)));
  if (minimum.reduce((a, b) => a + b, 0) >= total) return base;
  const deficit = base.reduce((sum, share, column) => sum + Math.max(0, minimum[column]! - share), 0);
  const slack = base.reduce((sum, share, column) => sum + Math.max(0, share - minimum[column]!), 0);
  if (deficit === 0) return base;
  return base.map((share, column) => (share < minimum[column]! ? minimum[column]! : share - (deficit * (share - minimum[column]!)) / slack));
}

/** Each column's share of `total` by its fraction (negative as 0; all 0 shares equally). */
export function columnShares(fractions: readonly number[], total: number): number[] {
  const fractionSum = fractions.reduce((sum, fraction) => sum + Math.max(0, fraction), 0);
  return fractions.map((fraction) => (fractionSum > 0 ? (Math.max(0, fraction) / fractionSum) * total : total / fractions.length));
}

/** A word of a cell, as column sizing sees it: its column, the column width it needs (its width and the cell's
 *  padding) measured when asked, and a cheap upper bound of that where one is known. */
export interface ColumnWord {
  column: number;
  bound: number | undefined;
  need(): number;
}

/**
 * fittedColumnWidths with each column's minimum the most its words need, measuring only the words that can matter.
 * A word whose bound keeps it within its column's share changes nothing unless some column needs more than its
 * share; it is measured only then. The widths are those of measuring every word.
 */
export function fittedColumnWidthsForWords(fractions: readonly number[], total: number, words: Iterable<ColumnWord>): number[] {
  const shares = columnShares(fractions, total);
  const minimums = fractions.map(() => 0);
  const widen = (word: ColumnWord) => {
    minimums[word.column] = Math.max(minimums[word.column]!, word.need());
  };
  const unmeasured: ColumnWord[] = [];
  for (const word of words) {
    if (word.bound !== undefined && word.bound <= shares[word.column]!) unmeasured.push(word);
    else widen(word);
  }
  if (minimums.some((minimum, column) => minimum > shares[column]!)) for (const word of unmeasured) widen(word);
  return fittedColumnWidths(fractions, total, minimums);
}
