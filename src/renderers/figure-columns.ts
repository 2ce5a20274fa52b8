// Figures in a numeric column line up units under units, whatever the text direction: each is right-aligned in
// a box as wide as the column's widest figure, and the box sits in the cell where the column's alignment puts it
// (centred under "العدد"). The PDF, the HTML and the DOCX take the box and its place from here.
import type { Align, Direction, TableBlock, TableCell } from '../model/types.js';
import { isJustified, layoutLines, type ParagraphSpec } from '../text/index.js';
import { TABLE } from '../theme/index.js';
import { spansOf } from './styled-text.js';

/** A one-line width in points (the PDF passes its cached measure). */
export type Measure = (spec: ParagraphSpec) => number;

const engineWidth: Measure = (spec) => layoutLines(spec, Infinity).lines.reduce((widest, line) => Math.max(widest, line.width), 0);

/** Whether a cell is drawn as a figure: a numeric body cell of one column. */
export const isFigureCell = (cell: TableCell, inHead: boolean): boolean => cell.numeric && !inHead && Math.max(1, cell.colspan) === 1;

/** The paragraph a body cell's text is set as, for measuring. */
export function cellSpec(cell: TableCell, direction: Direction): ParagraphSpec {
  const style = cell.header ? TABLE.head : TABLE.cell;
  const spans = spansOf(cell.inlines).map((span) => (style.bold ? { ...span, bold: true } : span));
  return { spans, size: style.size, lineHeight: style.lineHeight, direction, align: figureAlign(direction) };
}

/** A figure's lines are right-aligned: the start side in right-to-left text, the end side in left-to-right. */
export const figureAlign = (direction: Direction): Align => (direction === 'rtl' ? 'start' : 'end');

/** Per column (logical order), the width in points of its widest figure; 0 for a column without figures. */
export function figureBoxWidths(table: TableBlock, direction: Direction, measure: Measure = engineWidth, columnCount = table.columns.length): number[] {
  const widths = Array.from({ length: columnCount }, () => 0);
  for (const row of table.body) {
    let column = 0;
    for (const cell of row.cells) {
      if (isFigureCell(cell, false) && column < widths.length) widths[column] = Math.max(widths[column]!, measure(cellSpec(cell, direction)));
      column += Math.max(1, cell.colspan);
    }
  }
  return widths;
}

/** The alignment that places the figure box of `cell` at logical `column`: its column's, so every figure of the
 *  column shares one right edge (the cell's own where the table declares no such column). */
export const figureBoxAlign = (table: TableBlock, column: number, cell: TableCell): Align => table.columns[column]?.align ?? cell.align;

/**
 * Where a figure box of `box` points sits inside a cell's `inner` width (inside its padding): the room left of
 * it and right of it, placed as the column's alignment says (a justified column's box at its start).
 */
export function figureBoxPlace(align: Align, inner: number, box: number, direction: Direction): { left: number; right: number } {
  const width = Math.min(box, inner);
  const free = inner - width;
  const side = isJustified(align) ? 'start' : align;
  if (side === 'center') return { left: free / 2, right: free / 2 };
  const atRight = (side === 'start') === (direction === 'rtl');
  return atRight ? { left: free, right: 0 } : { left: 0, right: free };
}
