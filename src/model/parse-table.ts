// Reading a <table> into a TableBlock: caption, head and body rows, colspans, and the columns' relative widths,
// alignment and kind (figures or text).
import { maxOf } from '../collections.js';
import { checkElement, elementChildren, type ElementNode, type Report } from './html-tree.js';
import { alignOf, readInlines } from './parse-inlines.js';
import type { Inline, TableBlock, TableCell, TableColumn, TableRow } from './types.js';

export interface RowSource {
  row: TableRow;
  element: ElementNode;
  cellElements: ElementNode[];
}

export function readTable(element: ElementNode, report: Report): TableBlock {
  let caption: Inline[] = [];
  const head: RowSource[] = [];
  const body: RowSource[] = [];
  let seenRows = false;
  for (const child of elementChildren(element, report, '<table>')) {
    if (!checkElement(child, report)) continue;
    switch (child.name) {
      case 'caption':
        if (seenRows || caption.length > 0) report(child.start, '<caption> must come first in <table>, once');
        caption = readInlines(child, report);
        break;
      case 'thead':
        if (seenRows) report(child.start, '<thead> must come before the body rows');
        seenRows = true;
        for (const row of elementChildren(child, report, '<thead>')) readRow(row, head, report, '<thead>');
        break;
      case 'tbody':
        seenRows = true;
        for (const row of elementChildren(child, report, '<tbody>')) readRow(row, body, report, '<tbody>');
        break;
      case 'tr':
        seenRows = true;
        readRow(child, body, report, '<table>');
        break;
      default:
        report(child.start, `<${child.name}> is not allowed inside <table> (caption, thead, tbody, tr)`);
    }
  }
  const all = [...head, ...body];
  const columnCount = maxOf(all.map(({ row }) => rowSpan(row)));
  for (const { row, element: rowElement } of all) {
    const span = rowSpan(row);
    if (span !== columnCount) report(rowElement.start, `this row spans ${span} column${span === 1 ? '' : 's'}, the table has ${columnCount}`);
  }
  if (all.length === 0) report(element.start, '<table> has no rows');
  return {
    kind: 'table',
    caption,
    columns: readColumns(all[0], body, columnCount, report),
    head: head.map(({ row }) => row),
    body: body.map(({ row }) => row),
  };
}

export function rowSpan(row: TableRow): number {
  return row.cells.reduce((sum, cell) => sum + cell.colspan, 0);
}

export function readRow(element: ElementNode, into: RowSource[], report: Report, where: string) {
  if (!checkElement(element, report)) return;
  if (element.name !== 'tr') {
    report(element.start, `<${element.name}> is not allowed inside ${where} (only <tr>)`);
    return;
  }
  const cells: TableCell[] = [];
  const cellElements: ElementNode[] = [];
  for (const cell of elementChildren(element, report, '<tr>')) {
    if (!checkElement(cell, report)) continue;
    if (cell.name !== 'td' && cell.name !== 'th') {
      report(cell.start, `<${cell.name}> is not allowed inside <tr> (only <th> and <td>)`);
      continue;
    }
    const numeric = cell.attributes.class === 'num';
    cells.push({
      inlines: readInlines(cell, report),
      header: cell.name === 'th',
      align: alignOf(cell, numeric ? 'end' : 'start'),
      numeric,
      colspan: Number(cell.attributes.colspan ?? '1'),
    });
    cellElements.push(cell);
  }
  if (cells.length === 0) report(element.start, '<tr> has no cells');
  into.push({ row: { cells }, element, cellElements });
}

/** Column widths from the first row's data-width (or, without them, from the length of the text in each
 *  column), and each column's alignment and numeric hint from its body cells. */
export function readColumns(first: RowSource | undefined, body: RowSource[], count: number, report: Report): TableColumn[] {
  const weights = new Array<number>(count).fill(0);
  const given = first?.cellElements.map((cell) => cell.attributes['data-width']) ?? [];
  const withWidth = given.filter((width) => width !== undefined).length;
  if (first && withWidth > 0 && withWidth < given.length) {
    report(first.element.start, 'give data-width on every cell of the first row, or on none');
  }
  if (first && withWidth === given.length && withWidth > 0) {
    let column = 0;
    first.row.cells.forEach((cell, index) => {
      const width = Number(given[index]);
      for (let span = 0; span < cell.colspan && column < count; span += 1, column += 1) weights[column] = width / cell.colspan;
    });
  } else {
    for (const { row } of first ? [first, ...body] : body) {
      let column = 0;
      for (const cell of row.cells) {
        if (cell.colspan === 1 && column < count) {
          const length = cell.inlines.reduce((sum, inline) => sum + (inline.kind === 'text' ? inline.text.length : 0), 0);
          weights[column] = Math.max(weights[column]!, Math.min(Math.max(length, 4), 60));
        }
        column += cell.colspan;
      }
    }
  }
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  const columns: TableColumn[] = weights.map((weight) => ({
    width: total > 0 ? weight / total : 1 / count,
    align: 'start',
    numeric: false,
  }));
  columns.forEach((columnInfo, index) => {
    const cells = body.flatMap(({ row }) => cellAt(row, index));
    if (cells.length > 0) {
      columnInfo.numeric = cells.every((cell) => cell.numeric);
      columnInfo.align = cells[0]!.align;
    }
  });
  return columns;
}

/** The cell of `row` that starts at `column` alone (no colspan), if any. */
export function cellAt(row: TableRow, column: number): TableCell[] {
  let at = 0;
  for (const cell of row.cells) {
    if (at === column) return cell.colspan === 1 ? [cell] : [];
    at += cell.colspan;
    if (at > column) return [];
  }
  return [];
}
