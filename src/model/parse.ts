// HTML subset → document model. The template's output is parsed by htmlparser2 into a small tree (with source
// offsets), then each element is read into the typed blocks of types.ts. Anything outside the subset
// (html-subset.ts), misplaced (a <td> outside a <tr>) or left unclosed is an error naming its line and column.
import { formatLineColumn, InputError, lineColumnAt, type Problem } from '../errors.js';
import { META_NAMES } from './html-subset.js';
import { buildTree, checkElement, elementChildren, type ElementNode, type Report } from './html-tree.js';
import { alignOf, collapseSpace, readInlines, textContent } from './parse-inlines.js';
import { readTable } from './parse-table.js';
import { readChart } from './parse-chart.js';
import { BODY_ALIGN } from '../theme/index.js';
import type {
  Block,
  Direction,
  DocumentMetadata,
  DocumentModel,
  FigureBlock,
  Inline,
  ListBlock,
  ParagraphRole,
} from './types.js';

export interface ParseOptions {
  /** The file named in errors (the template the HTML came from). */
  file: string;
  /** Prefix of each error's place, e.g. "rendered HTML " (default ''). */
  placePrefix?: string;
  /** Where an offset of the HTML comes from, when it was put together from several files (default: `file`). */
  locate?: (offset: number) => { file: string; place: string };
}

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
  const blocks = readBlocks(body, report, meta.lang, meta.dir);
  return { meta, blocks };
}

/**
 * The text as a string of its own. V8 keeps a long attribute value or text as a view into the whole page's HTML,
 * and the model outlives that HTML by every render: a 25-character date kept a long table's 2 MB page alive.
 */
const ownCopy = (text: string): string => Buffer.from(text, 'utf8').toString('utf8');

function readHead(head: ElementNode, html: ElementNode, report: Report): DocumentMetadata {
  const values = new Map<string, string>();
  let title: string | undefined;
  for (const element of elementChildren(head, report, '<head>')) {
    if (!checkElement(element, report)) continue;
    if (element.name === 'title') {
      if (title !== undefined) report(element.start, 'only one <title> is allowed');
      title = ownCopy(collapseSpace(textContent(element, report)));
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
      values.set(name, ownCopy(collapseSpace(content).trim()));
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

function readBlocks(body: ElementNode, report: Report, lang: string, dir: Direction): Block[] {
  const blocks: Block[] = [];
  for (const element of elementChildren(body, report, '<body> (put it in a <p>)')) {
    if (!checkElement(element, report)) continue;
    switch (element.name) {
      case 'h1':
      case 'h2':
      case 'h3':
        blocks.push({ kind: 'heading', level: Number(element.name[1]) as 1 | 2 | 3, inlines: readInlines(element, report) });
        break;
      case 'p': {
        const role = (element.attributes.class as ParagraphRole | undefined) ?? 'body';
        blocks.push({
          kind: 'paragraph',
          role,
          align: alignOf(element, role === 'body' || role === 'lead' ? BODY_ALIGN[dir] : 'start'),
          inlines: readInlines(element, report),
        });
        break;
      }
      case 'table':
        blocks.push(readTable(element, report));
        break;
      case 'ul':
      case 'ol':
        blocks.push(readList(element, report));
        break;
      case 'figure':
        blocks.push(element.attributes.class === 'chart' ? readChart(element, report, lang) : readFigure(element, report));
        break;
      default:
        report(element.start, `<${element.name}> is not allowed in <body> (blocks: h1, h2, h3, p, table, ul, ol, figure)`);
    }
  }
  return blocks;
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
