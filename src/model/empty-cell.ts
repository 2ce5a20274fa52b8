// What an empty body cell of a table shows, for every renderer: in print an empty cell reads as an oversight,
// and poppler takes a sparse column for a separate text column, so statistical tables show a muted dash there.
// Header rows stay blank. The cell itself stays empty in the model (and in the HTML, where CSS draws the dash).
import type { TableCell } from './types.js';

/** EN DASH. */
export const EMPTY_CELL_MARK = '\u2013';

/** True when the cell, in a body row (`inHead` false), has no text and so shows EMPTY_CELL_MARK. */
export function showsEmptyCellMark(cell: TableCell, inHead: boolean): boolean {
  return !inHead && cell.inlines.every((inline) => inline.kind === 'text' && inline.text.trim() === '');
}
