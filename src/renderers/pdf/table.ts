// Tables, right to left in an RTL document: the first column on the start side, cells wrapping inside their
// boxes, numbers right-aligned on a common edge per column (units under units), header rows repeated on every
// page the table spans, and a row never cut unless it is taller than a page.
import type { Direction, TableBlock, TableCell, TableColumn, TableRow } from '../../model/types.js';
import type { LaidLine } from './text-engine.js';
import { balancedLayout, lineSlices } from './blocks.js';
import { type LayoutContext, drawLines, measure, measureWord, plainText, rule, specOf, spansOf, strokeLine } from './context.js';
import type { Slice } from './flow.js';
import type { StructElement } from './structure.js';
import { COLOR, FRAME, TABLE, type TextStyle } from './style.js';
import { fittedColumnWidthsForWords, type ColumnWord } from '../../model/column-widths.js';
import { EMPTY_CELL_MARK, showsEmptyCellMark } from '../../model/empty-cell.js';
import { appendAll, maxOf, minOf } from '../../collections.js';
import { figureAlign, figureBoxPlace, figureBoxWidths } from '../figure-columns.js';
import { clipToRect, endClip, fillRect } from './operators.js';

interface Box {
  x: number;
  width: number;
}

interface PlacedCell {
  cell: TableCell;
  /** First column (logical index) and how many columns it spans. */
  column: number;
  span: number;
}

interface LaidCell {
  element: StructElement;
  tag: 'TH' | 'TD';
  color: string;
  /** The cell's box between its rules, and the box its lines are drawn in (inside the padding). */
  box: Box;
  textBox: Box;
  lines: LaidLine[];
  /** An empty body cell shows a dash, drawn as an artifact: the cell stays empty for structure readers. */
  placeholder: boolean;
}

interface LaidRow {
  cells: LaidCell[];
  /** A header row (its cells sit as the theme's vertical alignment says for the head). */
  inHead: boolean;
  height: number;
}

const DEFAULT_COLUMN: TableColumn = { width: 0, align: 'start', numeric: false };

/** Logical placement of each row's cells in the column grid (colspans clipped to the grid). */
function placeCells(row: TableRow, columnCount: number): PlacedCell[] {
  const placed: PlacedCell[] = [];
  let column = 0;
  for (const cell of row.cells) {
    if (column >= columnCount) break;
    const span = Math.max(1, Math.min(cell.colspan, columnCount - column));
    placed.push({ cell, column, span });
    column += span;
  }
  return placed;
}

function cellStyle(cell: TableCell, inHead: boolean): TextStyle {
  return inHead || cell.header ? TABLE.head : TABLE.cell;
}

/** Points added to a column's widest word. */
const WORD_ROOM = 0.5;

/** The model's column widths (../../model/column-widths.ts) with each column's widest word measured where it
 *  can matter. */
function columnWidths(ctx: LayoutContext, columns: TableColumn[], rows: { placed: PlacedCell[]; inHead: boolean }[]): number[] {
  // A hair of room: a word exactly as wide as its box would be broken by the rounding of its advances.
  const needOf = (width: number) => width + 2 * TABLE.padX + WORD_ROOM;
  const words: ColumnWord[] = [];
  // Each distinct cell text (figure or not) and word once per column and style: a long table repeats most of them.
  const seen = new Map<TextStyle, Record<'figure' | 'text' | 'word', Set<string>>[]>();
  const firstTime = (what: 'figure' | 'text' | 'word', column: number, style: TextStyle, text: string) => {
    let byColumn = seen.get(style);
    if (!byColumn) seen.set(style, (byColumn = []));
    const texts = (byColumn[column] ??= { figure: new Set(), text: new Set(), word: new Set() })[what];
    if (texts.has(text)) return false;
    texts.add(text);
    return true;
  };
  for (const { placed, inHead } of rows) {
    for (const { cell, column, span } of placed) {
      if (span !== 1) continue;
      const style = cellStyle(cell, inHead);
      const text = plainText(cell.inlines);
      if (!firstTime(cell.numeric ? 'figure' : 'text', column, style, text)) continue;
      const pieces = cell.numeric ? [text.trim()] : text.split(/\s+/);
      for (const piece of pieces) {
        if (!piece || !firstTime('word', column, style, piece)) continue;
        const bound = ctx.engine.widthBound(piece, style.size, style.bold);
        words.push({ column, bound: bound === undefined ? undefined : needOf(bound), need: () => needOf(measureWord(ctx, piece, style)) });
      }
    }
  }
  return fittedColumnWidthsForWords(columns.map((column) => column.width), FRAME.width, words);
}

/** Column c's left edge: in RTL the first column is at the right of the frame and the others follow leftwards. */
function columnLefts(widths: readonly number[], direction: Direction): number[] {
  const lefts: number[] = [];
  let edge = direction === 'rtl' ? FRAME.right : FRAME.left;
  for (const width of widths) {
    if (direction === 'rtl') edge -= width;
    lefts.push(edge);
    if (direction === 'ltr') edge += width;
  }
  return lefts;
}

/** The caption's lines, balanced like a heading, kept with the table. */
function captionSlices(ctx: LayoutContext, block: TableBlock, table: StructElement): Slice[] {
  if (!plainText(block.caption).trim()) return [];
  const caption = ctx.tagger.element('Caption', table);
  const layout = balancedLayout(ctx, specOf(spansOf(block.caption), TABLE.caption, ctx.direction, 'start'), FRAME.width);
  const slices = lineSlices(ctx, layout, TABLE.caption, caption, 'Caption', { x: FRAME.left, width: FRAME.width });
  for (const slice of slices) slice.keepWithNext = true;
  slices[slices.length - 1]!.spaceAfter = TABLE.captionGap;
  return slices;
}

/** Where a table's columns and cells are on the page. */
interface TableGeometry {
  columns: TableColumn[];
  /** The box of the cell at `column` spanning `span` columns. */
  boxOf(column: number, span: number): Box;
  /** Per column, the box its figures are right-aligned in (../figure-columns.ts). */
  numberWidth: number[];
}

function tableGeometry(ctx: LayoutContext, columns: TableColumn[], rows: { placed: PlacedCell[]; inHead: boolean }[], numberWidth: number[]): TableGeometry {
  const widths = columnWidths(ctx, columns, rows);
  const lefts = columnLefts(widths, ctx.direction);
  const single = widths.map((width, column) => ({ x: lefts[column]!, width }));
  const boxOf = (column: number, span: number): Box => {
    if (span === 1) return single[column]!;
    const covered = Array.from({ length: span }, (_, k) => column + k);
    const x = minOf(covered.map((c) => lefts[c]!));
    const right = maxOf(covered.map((c) => lefts[c]! + widths[c]!));
    return { x, width: right - x };
  };
  return { columns, boxOf, numberWidth };
}

/** The cell box less its padding. */
const inner = (box: Box): Box => ({ x: box.x + TABLE.padX, width: box.width - 2 * TABLE.padX });

/** A row's cells laid out in their boxes (tagged TH or TD), and the row's height. */
function layTableRow(ctx: LayoutContext, geometry: TableGeometry, placed: PlacedCell[], inHead: boolean, rowElement: StructElement): LaidRow {
  const { direction } = ctx;
  const { columns, boxOf, numberWidth } = geometry;
  const cells = placed.map(({ cell, column, span }): LaidCell => {
    const style = cellStyle(cell, inHead);
    const tag = inHead || cell.header ? 'TH' : 'TD';
    const scope = tag === 'TH' ? (inHead ? 'Column' : 'Row') : undefined;
    const element = ctx.tagger.element(tag, rowElement, scope ? { scope } : {});
    if (span > 1) ctx.tagger.tableAttributes(element, { ColSpan: span });
    const box = boxOf(column, span);
    let textBox = inner(box);
    const numeric = cell.numeric && !inHead;
    const align = numeric ? figureAlign(direction) : cell.align;
    const placeholder = showsEmptyCellMark(cell, inHead);
    const spans = placeholder ? [{ text: EMPTY_CELL_MARK, bold: false, italic: false }] : spansOf(cell.inlines);
    const lines = ctx.engine.layout(specOf(spans, style, direction, align), textBox.width).lines;
    if (numeric) {
      const width = Math.min(textBox.width, Math.max(span === 1 ? numberWidth[column]! : 0, ...lines.map((l) => l.width)));
      textBox = { x: textBox.x + figureBoxPlace(columns[column]!.align, textBox.width, width, direction).left, width };
    }
    for (const line of lines) {
      if (line.width > textBox.width + 0.5) {
        ctx.warn({ code: 'other', message: `table cell text "${line.text}" is wider than its column (${line.width.toFixed(1)} pt > ${textBox.width.toFixed(1)} pt)` });
      }
    }
    return { element, tag, color: placeholder ? COLOR.muted : style.color, box, textBox, lines, placeholder };
  });
  return { cells, inHead, height: rowHeight(cells.map((c) => c.lines)) };
}

/** The table's slices: caption and header rows first, then body rows laid out one at a time as they are asked for. */
export function* tableSlices(ctx: LayoutContext, block: TableBlock): Generator<Slice> {
  const columnCount = Math.max(block.columns.length, ...[...block.head, ...block.body].map((r) => r.cells.reduce((n, c) => n + Math.max(1, c.colspan), 0)));
  if (columnCount === 0) return;
  const columns = Array.from({ length: columnCount }, (_, c) => block.columns[c] ?? DEFAULT_COLUMN);
  const rows = [
    ...block.head.map((row) => ({ placed: placeCells(row, columnCount), inHead: true })),
    ...block.body.map((row) => ({ placed: placeCells(row, columnCount), inHead: false })),
  ];
  // Numbers in a column share one right edge (../figure-columns.ts), as in the HTML and the DOCX.
  const geometry = tableGeometry(ctx, columns, rows, figureBoxWidths(block, ctx.direction, (spec) => measure(ctx, spec), columnCount));

  const table = ctx.tagger.element('Table');
  const slices: Slice[] = [];

  appendAll(slices, captionSlices(ctx, block, table));

  const layRow = (placed: PlacedCell[], inHead: boolean, rowElement: StructElement) => layTableRow(ctx, geometry, placed, inHead, rowElement);

  /** Draws the given lines of each cell (all of them unless `parts` says which), clipped to the cell box. */
  const drawCells = (row: LaidRow, top: number, height: number, tagged: boolean, parts?: LaidLine[][]) => {
    row.cells.forEach((cell, index) => {
      const lines = parts ? parts[index]! : cell.lines;
      if (lines.length === 0) return;
      // A header cell shorter than its row sits on the rule under it (the theme's vertical alignment).
      const bottomAligned = TABLE.verticalAlign[row.inHead ? 'head' : 'body'] === 'bottom';
      const drop = bottomAligned ? height - 2 * TABLE.padY - lines.reduce((sum, line) => sum + line.height, 0) : 0;
      const draw = () => {
        clipToRect(ctx.doc, cell.box.x, top, cell.box.width, height);
        drawLines(ctx, lines, cell.color, cell.textBox.x, top + TABLE.padY + drop, cell.textBox.width);
        endClip(ctx.doc);
      };
      if (tagged && !cell.placeholder) ctx.tagger.content(cell.element, cell.tag, draw);
      else if (tagged) ctx.tagger.artifact('Layout', draw);
      else draw();
    });
  };

  // Header rows: shaded, a heavy rule above and a medium one below; repeated (as artifacts) on later pages.
  const thead = block.head.length > 0 ? ctx.tagger.element('THead', table) : undefined;
  const headRows = thead ? rows.filter((r) => r.inHead).map((r) => layRow(r.placed, true, ctx.tagger.element('TR', thead))) : [];
  const drawHeadRow = (row: LaidRow, index: number, top: number, tagged: boolean) => {
    const decorate = () => {
      fillRect(ctx.doc, FRAME.left, top, FRAME.width, row.height, COLOR.headerFill);
      if (index === 0) strokeRule(ctx, top + TABLE.outerRule / 2, TABLE.outerRule, COLOR.ink);
      if (index === headRows.length - 1) strokeRule(ctx, top + row.height - TABLE.headRule / 2, TABLE.headRule, COLOR.ink);
    };
    if (tagged) {
      ctx.tagger.artifact('Layout', decorate);
      drawCells(row, top, row.height, true);
    } else {
      ctx.tagger.artifact('Pagination', () => {
        decorate();
        drawCells(row, top, row.height, false);
      });
    }
  };
  const headSlices = (tagged: boolean): Slice[] =>
    headRows.map((row, index) => ({
      height: row.height,
      spaceBefore: 0,
      spaceAfter: 0,
      keepWithNext: true,
      draw: (top) => drawHeadRow(row, index, top, tagged),
    }));
  const repeat = headSlices(false);
  appendAll(slices, headSlices(true));

  // Body rows: light zebra shading, hairlines between rows, a heavy rule where the table (or its page) ends.
  const tbody = ctx.tagger.element('TBody', table);
  const bodyRows = rows.filter((r) => !r.inHead);
  const capacity = FRAME.height - repeat.reduce((h, slice) => h + slice.height, 0);
  /** Where a page ends inside the table, a heavy rule closes it as the table's last row would. */
  const closePage = (bottom: number) => rule(ctx, FRAME.left, FRAME.right, bottom - TABLE.outerRule / 2, TABLE.outerRule, COLOR.ink);
  if (slices.length > 0) {
    slices[0]!.spaceBefore = TABLE.spaceBefore;
    if (bodyRows.length === 0) slices[slices.length - 1]!.spaceAfter = TABLE.spaceAfter;
  }
  yield* slices;

  for (const [index, { placed }] of bodyRows.entries()) {
    const rowElement = ctx.tagger.element('TR', tbody);
    const row = layRow(placed, false, rowElement);
    const last = index === bodyRows.length - 1;
    const shaded = index % 2 === 1;

    /**
     * The slice for the given lines of each cell: the whole row, or a part of a row taller than a page.
     * `first`: the part holds the row's first lines; `endsRow`: it holds the last ones.
     */
    const rowSlice = (lines: LaidLine[][], first: boolean, endsRow: boolean): Slice => {
      const height = rowHeight(lines);
      const slice: Slice = {
        height,
        spaceBefore: first && index === 0 && slices.length === 0 ? TABLE.spaceBefore : 0,
        spaceAfter: last ? TABLE.spaceAfter : 0,
        keepWithNext: false,
        repeat,
        draw: (top) => {
          ctx.tagger.artifact('Layout', () => {
            if (shaded) fillRect(ctx.doc, FRAME.left, top, FRAME.width, height, COLOR.zebraFill);
            if (!thead && index === 0 && first) strokeRule(ctx, top + TABLE.outerRule / 2, TABLE.outerRule, COLOR.ink);
            const bottom = top + height;
            if (last) strokeRule(ctx, bottom - TABLE.outerRule / 2, TABLE.outerRule, COLOR.ink);
            else strokeRule(ctx, bottom - TABLE.rowRule / 2, TABLE.rowRule, COLOR.rule);
          });
          drawCells(row, top, height, true, lines);
          // Once its last line is drawn, the row's tags are complete: pdfkit writes them out and frees them.
          if (endsRow) rowElement.end();
        },
        closePage: last ? undefined : closePage,
      };
      // Only a row taller than a page may be cut, between lines, filling the room left on the page.
      if (height > capacity + 0.01) {
        slice.split = (room) => {
          const [head, rest] = takeLines(lines, room - 2 * TABLE.padY);
          if (head.every((ls) => ls.length === 0)) return undefined;
          const headSlice = rowSlice(head, first, false);
          headSlice.closePage = closePage;
          return [headSlice, rowSlice(rest, false, true)];
        };
      }
      return slice;
    };
    yield rowSlice(row.cells.map((cell) => cell.lines), true, true);
  }
}

/** A rule across the whole table (the frame's width). */
function strokeRule(ctx: LayoutContext, y: number, width: number, color: string): void {
  strokeLine(ctx, FRAME.left, FRAME.right, y, width, color);
}

/** Height of a row (or part of one) whose cells hold these lines: the tallest cell and the padding. */
function rowHeight(lines: LaidLine[][]): number {
  return maxOf(lines.map((ls) => ls.reduce((h, l) => h + l.height, 0))) + 2 * TABLE.padY;
}

/** Splits each cell's lines into those that fit in `room` (points) and the rest. */
function takeLines(lines: LaidLine[][], room: number): [LaidLine[][], LaidLine[][]] {
  const head: LaidLine[][] = [];
  const rest: LaidLine[][] = [];
  for (const cellLines of lines) {
    let height = 0;
    let count = 0;
    while (count < cellLines.length && height + cellLines[count]!.height <= room) height += cellLines[count++]!.height;
    head.push(cellLines.slice(0, count));
    rest.push(cellLines.slice(count));
  }
  return [head, rest];
}
