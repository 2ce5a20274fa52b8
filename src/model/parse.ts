// HTML subset → document model. The template's output is parsed by htmlparser2 into a small tree (with source
// offsets), then each element is read into the typed blocks of types.ts. Anything outside the subset
// (html-subset.ts), misplaced (a <td> outside a <tr>) or left unclosed is an error naming its line and column.
import { Parser } from 'htmlparser2';
import { formatLineColumn, InputError, lineColumnAt, type Problem } from '../errors.js';
import {
  attributeProblem,
  elementProblem,
  foreignMarkupHandlers,
  HTML_SUBSET,
  META_NAMES,
  missingAttributeProblems,
  PARSER_OPTIONS,
} from './html-subset.js';
import type {
  Align,
  Block,
  DocumentMetadata,
  DocumentModel,
  FigureBlock,
  Inline,
  ListBlock,
  ParagraphRole,
  TableBlock,
  TableCell,
  TableColumn,
  TableRow,
  TextInline,
} from './types.js';
import { maxOf } from '../collections.js';

export interface ParseOptions {
  /** The file named in errors (the template the HTML came from). */
  file: string;
  /** Prefix of each error's place, e.g. "rendered HTML " (default ''). */
  placePrefix?: string;
  /** Where an offset of the HTML comes from, when it was put together from several files (default: `file`). */
  locate?: (offset: number) => { file: string; place: string };
}

interface ElementNode {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  children: TreeNode[];
  start: number;
}
interface TextNode {
  type: 'text';
  text: string;
  start: number;
}
type TreeNode = ElementNode | TextNode;

/** Parses the HTML subset into the document model; throws InputError listing every problem found. */
export function parseDocument(html: string, options: ParseOptions): DocumentModel {
  const found: { offset: number; message: string }[] = [];
  const report = (offset: number, message: string) => void found.push({ offset, message });

  const root = buildTree(html, report);
  const model = readDocument(root, report);
  if (found.length > 0) {
    // In document order. A mistake inside a template loop is found once per pass here; moved to its template
    // line (src/template/source-map.ts), the repeats fold into one.
    const prefix = options.placePrefix ?? '';
    const problems: Problem[] = found
      .sort((a, b) => a.offset - b.offset)
      .map(({ offset, message }) =>
        options.locate
          ? { ...options.locate(offset), message }
          : { file: options.file, place: `${prefix}${formatLineColumn(lineColumnAt(html, offset))}`, message },
      );
    throw new InputError(problems);
  }
  return model!;
}

type Report = (offset: number, message: string) => void;

function buildTree(html: string, report: Report): ElementNode {
  const root: ElementNode = { type: 'element', name: '#document', attributes: {}, children: [], start: 0 };
  const stack: ElementNode[] = [root];
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const node: ElementNode = { type: 'element', name, attributes, children: [], start: parser.startIndex };
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
      },
      onclosetag(name, isImplied) {
        const node = stack.pop();
        if (!node || !isImplied || HTML_SUBSET[name]?.void) return;
        // HTML closes some elements by itself when another opens (a <p> before a <ul>): say which.
        const opening = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(parser.startIndex, parser.startIndex + 40))?.[1]?.toLowerCase();
        if (opening && parser.startIndex > node.start) {
          report(parser.startIndex, `<${opening}> is not allowed inside <${name}>${name === 'p' ? ' (only text, strong, b, em, i, br)' : ''}`);
        } else {
          report(node.start, `<${name}> is not closed (write </${name}>)`);
        }
      },
      ontext(text) {
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (last?.type === 'text') last.text += text;
        else parent.children.push({ type: 'text', text, start: parser.startIndex });
      },
      ...foreignMarkupHandlers(() => parser.startIndex, report),
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();
  return root;
}

const isBlank = (node: TreeNode) => node.type === 'text' && /^[ \t\n\r\f]*$/.test(node.text);

/** The element children of `node`; stray text is reported. */
function elementChildren(node: ElementNode, report: Report, where: string): ElementNode[] {
  const elements: ElementNode[] = [];
  for (const child of node.children) {
    if (child.type === 'element') elements.push(child);
    else if (!isBlank(child)) report(child.start + child.text.search(/[^ \t\n\r\f]/), `text is not allowed directly inside ${where}`);
  }
  return elements;
}

/** Checks the element and its attributes against the subset; false when the element is not in it. */
function checkElement(node: ElementNode, report: Report): boolean {
  const elementError = elementProblem(node.name);
  if (elementError) {
    report(node.start, elementError);
    return false;
  }
  for (const [name, value] of Object.entries(node.attributes)) {
    const error = attributeProblem(node.name, name, value);
    if (error) report(node.start, `<${node.name}>: ${error}`);
  }
  for (const missing of missingAttributeProblems(node.name, (name) => node.attributes[name] !== undefined)) report(node.start, missing);
  return true;
}

function readDocument(root: ElementNode, report: Report): DocumentModel | undefined {
  const top = elementChildren(root, report, 'the document (outside <html>)');
  const html = top[0];
  if (!html || html.name !== 'html' || top.length > 1) {
    report(html?.start ?? 0, 'the document must be one <html> element');
    return undefined;
  }
  checkElement(html, report);
  const [head, body, ...rest] = elementChildren(html, report, '<html>');
  if (!head || head.name !== 'head' || !body || body.name !== 'body' || rest.length > 0) {
    report(html.start, '<html> must hold <head> then <body>, nothing else');
    return undefined;
  }
  checkElement(head, report);
  checkElement(body, report);
  const meta = readHead(head, html, report);
  const blocks = readBlocks(body, report);
  return { meta, blocks };
}

function readHead(head: ElementNode, html: ElementNode, report: Report): DocumentMetadata {
  const values = new Map<string, string>();
  let title: string | undefined;
  for (const element of elementChildren(head, report, '<head>')) {
    if (!checkElement(element, report)) continue;
    if (element.name === 'title') {
      if (title !== undefined) report(element.start, 'only one <title> is allowed');
      title = collapseSpace(textContent(element, report));
    } else if (element.name === 'meta') {
      const { name, content, charset } = element.attributes;
      if (charset !== undefined) {
        if (name !== undefined || content !== undefined) report(element.start, '<meta charset> takes no other attribute');
        continue;
      }
      if (name === undefined || content === undefined) {
        report(element.start, `<meta> needs name (${META_NAMES.join(', ')}) and content`);
        continue;
      }
      if (values.has(name)) report(element.start, `<meta name="${name}"> is given twice`);
      values.set(name, collapseSpace(content).trim());
    } else {
      report(element.start, `<${element.name}> is not allowed in <head> (only <title> and <meta>)`);
    }
  }
  if (!title) report(head.start, '<head> needs a non-empty <title>');
  const date = values.get('date');
  if (date === undefined) report(head.start, '<head> needs <meta name="date" content="..."> (ISO 8601 date-time with offset)');
  else if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(date) || Number.isNaN(Date.parse(date))) {
    report(head.start, `<meta name="date"> must be an ISO 8601 date-time with offset, like 2017-12-22T14:00:00+00:00, not "${date}"`);
  }
  return {
    title: title ?? '',
    lang: html.attributes.lang ?? '',
    dir: html.attributes.dir === 'ltr' ? 'ltr' : 'rtl',
    author: values.get('author') ?? '',
    subject: values.get('subject') ?? '',
    keywords: (values.get('keywords') ?? '')
      .split(/[,،]/)
      .map((keyword) => keyword.trim())
      .filter((keyword) => keyword !== ''),
    date: date ?? '',
    header: values.get('header') ?? '',
    footer: values.get('footer') ?? '',
    pageLabel: values.get('page-label') ?? '',
  };
}

function readBlocks(body: ElementNode, report: Report): Block[] {
  const blocks: Block[] = [];
  for (const element of elementChildren(body, report, '<body> (put it in a <p>)')) {
    if (!checkElement(element, report)) continue;
    switch (element.name) {
      case 'h1':
      case 'h2':
      case 'h3':
        blocks.push({ kind: 'heading', level: Number(element.name[1]) as 1 | 2 | 3, inlines: readInlines(element, report) });
        break;
      case 'p':
        blocks.push({
          kind: 'paragraph',
          role: (element.attributes.class as ParagraphRole | undefined) ?? 'body',
          align: alignOf(element, 'start'),
          inlines: readInlines(element, report),
        });
        break;
      case 'table':
        blocks.push(readTable(element, report));
        break;
      case 'ul':
      case 'ol':
        blocks.push(readList(element, report));
        break;
      case 'figure':
        blocks.push(readFigure(element, report));
        break;
      default:
        report(element.start, `<${element.name}> is not allowed in <body> (blocks: h1, h2, h3, p, table, ul, ol, figure)`);
    }
  }
  return blocks;
}

function alignOf(element: ElementNode, fallback: Align): Align {
  return (element.attributes['data-align'] as Align | undefined) ?? fallback;
}

interface RawText {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
}
type RawInline = RawText | { kind: 'break' };

const INLINE_ELEMENTS = new Set(['strong', 'b', 'em', 'i', 'br']);

/** The inline content of a block element, whitespace collapsed as HTML does. */
function readInlines(element: ElementNode, report: Report): Inline[] {
  const raw: RawInline[] = [];
  collectInlines(element, { bold: false, italic: false }, raw, report);
  return collapseInlines(raw);
}

function collectInlines(element: ElementNode, style: { bold: boolean; italic: boolean }, out: RawInline[], report: Report) {
  for (const child of element.children) {
    if (child.type === 'text') {
      out.push({ kind: 'text', text: child.text, ...style });
      continue;
    }
    if (!checkElement(child, report)) continue;
    if (!INLINE_ELEMENTS.has(child.name)) {
      report(child.start, `<${child.name}> is not allowed inside <${element.name}> (only text, strong, b, em, i, br)`);
      continue;
    }
    if (child.name === 'br') out.push({ kind: 'break' });
    else
      collectInlines(
        child,
        {
          bold: style.bold || child.name === 'strong' || child.name === 'b',
          italic: style.italic || child.name === 'em' || child.name === 'i',
        },
        out,
        report,
      );
  }
}

const HTML_SPACE = /[ \t\n\r\f]+/g;

function collapseSpace(text: string): string {
  return text.replace(HTML_SPACE, ' ');
}

/**
 * HTML's white-space collapsing: runs of ASCII white space become one space, dropped at the start and end of the
 * block and next to a line break; the space between two runs is kept once, at the end of the earlier run.
 * Adjacent runs of one style are merged.
 */
function collapseInlines(raw: readonly RawInline[]): Inline[] {
  const out: Inline[] = [];
  let pendingSpace = false;
  let atLineStart = true;
  for (const item of raw) {
    if (item.kind === 'break') {
      out.push({ kind: 'break' });
      pendingSpace = false;
      atLineStart = true;
      continue;
    }
    let text = collapseSpace(item.text);
    if (text.startsWith(' ')) {
      if (!atLineStart) pendingSpace = true;
      text = text.slice(1);
    }
    if (text === '') continue;
    const trailing = text.endsWith(' ');
    if (trailing) text = text.slice(0, -1);
    if (pendingSpace) {
      const previous = out[out.length - 1];
      if (previous?.kind === 'text') previous.text += ' ';
      else text = ` ${text}`;
    }
    const previous = out[out.length - 1];
    if (previous?.kind === 'text' && previous.bold === item.bold && previous.italic === item.italic) previous.text += text;
    else out.push({ kind: 'text', text, bold: item.bold, italic: item.italic } satisfies TextInline);
    atLineStart = false;
    pendingSpace = trailing;
  }
  return out;
}

/** The plain text of an element that allows only text (title, data). */
function textContent(element: ElementNode, report: Report): string {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += child.text;
    else report(child.start, `<${child.name}> is not allowed inside <${element.name}> (text only)`);
  }
  return text;
}

function readList(element: ElementNode, report: Report): ListBlock {
  const items: Inline[][] = [];
  for (const child of elementChildren(element, report, `<${element.name}>`)) {
    if (!checkElement(child, report)) continue;
    if (child.name !== 'li') report(child.start, `<${child.name}> is not allowed inside <${element.name}> (only <li>)`);
    else items.push(readInlines(child, report));
  }
  return { kind: 'list', ordered: element.name === 'ol', items };
}

function readFigure(element: ElementNode, report: Report): FigureBlock {
  let value: string | undefined;
  let caption: Inline[] | undefined;
  for (const child of elementChildren(element, report, '<figure>')) {
    if (!checkElement(child, report)) continue;
    if (child.name === 'data' && value === undefined) value = collapseSpace(textContent(child, report)).trim();
    else if (child.name === 'figcaption' && caption === undefined) caption = readInlines(child, report);
    else report(child.start, `<figure class="stat"> holds one <data> and one <figcaption>, not <${child.name}> here`);
  }
  if (!value) report(element.start, '<figure class="stat"> needs a non-empty <data value="..."> (the figure)');
  if (!caption) report(element.start, '<figure class="stat"> needs a <figcaption>');
  return { kind: 'figure', value: value ?? '', caption: caption ?? [] };
}

interface RowSource {
  row: TableRow;
  element: ElementNode;
  cellElements: ElementNode[];
}

function readTable(element: ElementNode, report: Report): TableBlock {
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

function rowSpan(row: TableRow): number {
  return row.cells.reduce((sum, cell) => sum + cell.colspan, 0);
}

function readRow(element: ElementNode, into: RowSource[], report: Report, where: string) {
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
function readColumns(first: RowSource | undefined, body: RowSource[], count: number, report: Report): TableColumn[] {
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
function cellAt(row: TableRow, column: number): TableCell[] {
  let at = 0;
  for (const cell of row.cells) {
    if (at === column) return cell.colspan === 1 ? [cell] : [];
    at += cell.colspan;
    if (at > column) return [];
  }
  return [];
}
