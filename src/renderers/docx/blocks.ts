// Document-model blocks → docx paragraphs and tables. Formatting comes from the styles (styles.ts); the only
// direct run properties are direction (`w:rtl`), and bold/italic where the model asks for them.
import {
  AlignmentType,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  Tab,
  TextRun,
  VerticalAlignTable,
  WidthType,
  type IParagraphOptions,
  type ParagraphChild,
} from 'docx';
import { fittedColumnWidths } from '../../model/column-widths.js';
import { EMPTY_CELL_MARK, showsEmptyCellMark } from '../../model/empty-cell.js';
import { layoutUnits, unreachable } from '../../model/layout-units.js';
import type { Align, Block, Direction, Inline, ParagraphRole, TableBlock, TableRow as ModelRow } from '../../model/types.js';
import { figureBoxAlign, figureBoxPlace, figureBoxWidths, isFigureCell } from '../figure-columns.js';
import { TABLE } from '../../theme/index.js';
import { directionRuns, plainText } from './direction-runs.js';
import { CELL_MARGIN, HEADER_SHADING, LIST, STYLE, twips } from './styles.js';
import { appendAll } from '../../collections.js';
import { chartParagraphs } from './chart.js';
import type { CellParts, RowParts, SerializedTables } from './serialized-rows.js';

export interface BlockContext {
  direction: Direction;
  /** The document's language (BCP 47): the chart's, and how its numbers are grouped. */
  lang: string;
  /** Width between the page margins, in twips: tables take all of it. */
  textWidth: number;
  /** Where tables' rows are written as they are made (serialized-rows.ts). */
  tables: SerializedTables;
}

/** Every role the model has (a new one is a compile error here until it has a style). */
const ROLE_STYLE: Record<ParagraphRole, string> = {
  body: STYLE.body,
  lead: STYLE.lead,
  note: STYLE.note,
  source: STYLE.source,
  meta: STYLE.meta,
};

const HEADING_STYLE = { 1: STYLE.title, 2: STYLE.sectionHeading, 3: STYLE.subsectionHeading } as const;

export function renderBlocks(blocks: readonly Block[], context: BlockContext): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  let listInstance = 0;
  const units = layoutUnits(blocks);
  for (const [index, unit] of units.entries()) {
    // Word puts no space below a table: the paragraph or list that follows one keeps its distance itself.
    const spaceBefore = units[index - 1]?.kind === 'table' ? AFTER_TABLE : undefined;
    switch (unit.kind) {
      case 'heading':
        out.push(paragraph(unit.inlines, context, { style: HEADING_STYLE[unit.level] }));
        break;
      case 'paragraph':
        out.push(paragraph(unit.inlines, context, { style: ROLE_STYLE[unit.role], align: unit.align, spaceBefore }));
        break;
      case 'table':
        appendAll(out, table(unit, context));
        break;
      case 'list': {
        listInstance += 1;
        const reference = unit.ordered ? LIST.ordered : LIST.bullet;
        for (const [itemIndex, item] of unit.items.entries()) {
          out.push(
            paragraph(item, context, {
              style: STYLE.listParagraph,
              numbering: { reference, level: 0, instance: listInstance },
              spaceBefore: itemIndex === 0 ? spaceBefore : undefined,
            }),
          );
        }
        break;
      }
      case 'figure-panel':
        // Per figure: the figure, a tab to the caption column (the hanging indent), the caption; the panel keeps
        // together.
        unit.figures.forEach((figure, figureIndex) =>
          out.push(
            new Paragraph({
              style: STYLE.keyFigure,
              ...directionOf(context.direction),
              ...(figureIndex + 1 < unit.figures.length ? { keepNext: true } : {}),
              children: [
                ...plainTextRuns(figure.value, context.direction, STYLE.keyFigureValue),
                new TextRun({ children: [new Tab()] }),
                ...textRuns(figure.caption, context.direction),
              ],
            }),
          ),
        );
        break;
      case 'chart':
        out.push(...chartParagraphs(unit, context, (caption) => paragraph(caption, context, { style: STYLE.caption })));
        break;
      default:
        unreachable(unit);
    }
  }
  return out;
}

/** Twips between a table and the paragraph after it. */
const AFTER_TABLE = 160;

interface ParagraphOptions {
  style: string;
  align?: Align;
  spaceBefore?: number | undefined;
  numbering?: { reference: string; level: number; instance: number };
}

function paragraph(inlines: readonly Inline[], context: BlockContext, options: ParagraphOptions): Paragraph {
  const alignment = options.align ? alignmentFor(options.align, context.direction) : undefined;
  return new Paragraph({
    style: options.style,
    ...directionOf(context.direction),
    ...(alignment ? { alignment } : {}),
    ...(options.spaceBefore ? { spacing: { before: options.spaceBefore } } : {}),
    ...(options.numbering ? { numbering: options.numbering } : {}),
    children: textRuns(inlines, context.direction),
  });
}

/** `w:bidi` for a right-to-left paragraph; nothing for a left-to-right one (docx would write w:bidi="false"). */
export function directionOf(direction: Direction): { bidirectional?: true } {
  return direction === 'rtl' ? { bidirectional: true } : {};
}

/** Italic and not bold: text set in the Emphasis style (Medium face), whose face is then embedded. */
export function takesEmphasisStyle(style: { bold: boolean; italic: boolean }): boolean {
  return style.italic && !style.bold;
}

/** One docx run per direction run: `w:rtl` (and the complex-script bold/italic) only where the text is right to left. */
function textRuns(inlines: readonly Inline[], direction: Direction, characterStyle?: string): ParagraphChild[] {
  return directionRuns(inlines, direction).map((run) => {
    if (run.kind === 'break') return new TextRun({ break: 1 });
    // Emphasis as in the PDF: the Emphasis style (Medium face, Latin slanted, Arabic upright); with bold or in
    // another character style, a slant for Latin only (w:i, never w:iCs: Arabic has no italic).
    const emphasisStyle = !characterStyle && takesEmphasisStyle(run);
    const style = characterStyle ?? (emphasisStyle ? STYLE.emphasis : undefined);
    return new TextRun({
      text: run.text,
      ...(style ? { style } : {}),
      ...(run.rtl ? { rightToLeft: true } : {}),
      ...(run.font ? { font: { ascii: run.font, hAnsi: run.font, cs: run.font, eastAsia: run.font } } : {}),
      // Word bolds Arabic with w:bCs and Latin with w:b; its own Bold button writes both.
      ...(run.bold ? { bold: true, boldComplexScript: true } : {}),
      ...(run.italic && !emphasisStyle ? { italics: true, italicsComplexScript: false } : {}),
    });
  });
}

/** textRuns for a string with no bold or italic: running header and footer, page label, key figure values. */
export function plainTextRuns(text: string, direction: Direction, characterStyle?: string): ParagraphChild[] {
  return textRuns([{ kind: 'text', text, bold: false, italic: false }], direction, characterStyle);
}

/**
 * Logical alignment → docx's AlignmentType, whose LEFT and RIGHT are sides of the page. `start` is left to the style
 * (a paragraph starts at its start edge). Word reads w:jc left/right as start/end in a bidi paragraph, so for one
 * docx writes RIGHT as `w:jc="left"` and LEFT as `w:jc="right"`: `end` in Arabic comes out `w:jc="right"`, drawn on
 * the left. (docx's START/END would write `start`/`end`, which Word 2007 does not read.)
 */
function alignmentFor(align: Align, direction: Direction) {
  const rtl = direction === 'rtl';
  switch (align) {
    case 'start':
      return undefined;
    case 'end':
      return rtl ? AlignmentType.LEFT : AlignmentType.RIGHT;
    case 'center':
      return AlignmentType.CENTER;
    case 'justify':
      return AlignmentType.BOTH;
    case 'kashida':
      // Word's own kashida justification (w:jc="mediumKashida"), the PDF's counterpart; `distribute` is not kashida.
      return AlignmentType.MEDIUM_KASHIDA;
    default:
      return unreachable(align);
  }
}

function table(block: TableBlock, context: BlockContext): (Paragraph | Table)[] {
  const widths = columnWidths(block, context.textWidth);
  const figureBoxes = figureBoxWidths(block, context.direction);
  // A short table is kept on one page, as Word users do it: every row but the last keeps with the next.
  const keepTogether = estimatedLines(block.body, widths) <= KEEP_TOGETHER_LINES;
  const headRow = (index: number) => tableRow(block.head[index]!, block, widths, context, { header: true, shaded: index > 0, keepNext: true }, []);
  const bodyRow = (index: number) =>
    tableRow(block.body[index]!, block, widths, context, { header: false, shaded: false, keepNext: keepTogether && index < block.body.length - 1 }, figureBoxes);
  // Rows are made as docx writes the table, one at a time (a long table would otherwise sit in memory three times).
  const rows = context.tables.rows(block.head.length + block.body.length, (index) => (index < block.head.length ? headRow(index) : bodyRow(index - block.head.length)));
  const out: (Paragraph | Table)[] = [];
  if (block.caption.length) out.push(paragraph(block.caption, context, { style: STYLE.caption }));
  out.push(
    new Table({
      style: STYLE.table,
      ...(context.direction === 'rtl' ? { visuallyRightToLeft: true } : {}),
      width: { size: sum(widths), type: WidthType.DXA },
      columnWidths: widths,
      layout: TableLayoutType.FIXED,
      tableLook: { firstRow: block.head.length > 0, lastRow: false, firstColumn: false, lastColumn: false, noHBand: true, noVBand: true },
      rows: [rows],
    }),
  );
  return out;
}

/**
 * Column widths in twips from the model's rule (../../model/column-widths.ts), summing exactly to the text width.
 * Words are not measured here: Word and LibreOffice break a word too long for its column themselves.
 */
function columnWidths(block: TableBlock, textWidth: number): number[] {
  const widths = fittedColumnWidths(block.columns.map((column) => column.width), textWidth).map(Math.floor);
  if (widths.length) widths[widths.length - 1]! += textWidth - sum(widths);
  return widths;
}

/** Tables whose body is at most this many lines tall are not split across pages (a third of a page or so). */
const KEEP_TOGETHER_LINES = 12;

/** Rough width of a character of table text, in twips (10.5 pt text, about half an em). */
const CHARACTER_WIDTH = 105;

/** The body's height in lines, guessed from text lengths and column widths: enough to tell short from long. */
function estimatedLines(rows: readonly ModelRow[], widths: readonly number[]): number {
  return rows.reduce((total, row) => {
    const spanned = cellWidths(row, widths);
    const lines = row.cells.map((cell, index) => {
      const width = Math.max(1, spanned[index]! - 2 * CELL_MARGIN);
      const perLine = Math.max(1, Math.floor(width / CHARACTER_WIDTH));
      return plainText(cell.inlines)
        .split('\n')
        .reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
    });
    return total + Math.max(1, ...lines);
  }, 0);
}

interface RowKind {
  header: boolean;
  shaded: boolean;
  keepNext: boolean;
}

/** Each cell's width in twips: the columns it spans (at least one). */
function cellWidths(row: ModelRow, widths: readonly number[]): number[] {
  let column = 0;
  return row.cells.map((cell) => {
    const span = Math.max(1, cell.colspan);
    column += span;
    return sum(widths.slice(column - span, column));
  });
}

/**
 * A figure's paragraph (../figure-columns.ts): right-aligned, with the room its column's box leaves on its right
 * as an indent (in a bidi paragraph Word reads w:left as the start side, the right).
 */
function figureParagraph(columnAlign: Align, cellWidth: number, box: number, direction: Direction): Pick<IParagraphOptions, 'alignment' | 'indent'> {
  const inner = (cellWidth - 2 * CELL_MARGIN) / twips(1);
  const room = twips(figureBoxPlace(columnAlign, inner, box, direction).right);
  return { alignment: AlignmentType.RIGHT, ...(room > 0 ? { indent: direction === 'rtl' ? { left: room } : { right: room } } : {}) };
}

function tableRow(row: ModelRow, table: TableBlock, widths: readonly number[], context: BlockContext, kind: RowKind, figureBoxes: readonly number[]): RowParts {
  const spanned = cellWidths(row, widths);
  let column = 0;
  const cells = row.cells.map((cell, index): CellParts => {
    const box = figureBoxes[column] ?? 0;
    const columnAlign = figureBoxAlign(table, column, cell);
    column += Math.max(1, cell.colspan);
    const empty = showsEmptyCellMark(cell, kind.header);
    const placement =
      isFigureCell(cell, kind.header) && box > 0 && !empty
        ? figureParagraph(columnAlign, spanned[index]!, box, context.direction)
        : { alignment: alignmentFor(cell.align, context.direction) };
    const options = {
      width: spanned[index]!,
      verticalAlign: TABLE.verticalAlign[kind.header ? 'head' : 'body'] === 'bottom' ? VerticalAlignTable.BOTTOM : VerticalAlignTable.TOP,
      columnSpan: cell.colspan > 1 ? cell.colspan : undefined,
      shaded: kind.shaded,
      style: kind.header || cell.header ? STYLE.tableHeading : STYLE.tableText,
      placement,
      keepNext: kind.keepNext && !kind.header,
      empty,
    };
    // Everything the cell's XML depends on: the same on another row, the same XML.
    const key = JSON.stringify([options, context.direction, empty ? null : cell.inlines]);
    const make = () =>
      new TableCell({
        width: { size: options.width, type: WidthType.DXA },
        verticalAlign: options.verticalAlign,
        ...(options.columnSpan ? { columnSpan: options.columnSpan } : {}),
        ...(options.shaded ? { shading: HEADER_SHADING } : {}),
        children: [
          new Paragraph({
            style: options.style,
            ...directionOf(context.direction),
            ...(placement.alignment ? { alignment: placement.alignment } : {}),
            ...(placement.indent ? { indent: placement.indent } : {}),
            ...(options.keepNext ? { keepNext: true } : {}),
            children: empty ? [new TextRun({ text: EMPTY_CELL_MARK, style: STYLE.emptyCell })] : textRuns(cell.inlines, context.direction),
          }),
        ],
      });
    return { key, make };
  });
  return { properties: { ...(kind.header ? { tableHeader: true } : {}), cantSplit: true }, cells };
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
