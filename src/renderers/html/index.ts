// The HTML renderer: a standalone, print-styled HTML5 preview of the document model (not the template's output
// passed through), so it shows exactly what the PDF and DOCX renderers are given. Same model, same bytes.
import type { Align, Block, Direction, DocumentModel, FigureBlock, Inline, TableBlock, TableCell, TableRow } from '../../model/types.js';
import type { RenderContext, Renderer } from '../types.js';
import { documentText } from '../../model/document-text.js';
import { warnUncoveredCharacters } from '../uncovered-characters.js';
import { someTextInline } from '../../model/block-inlines.js';
import { fittedColumnWidths } from '../../model/column-widths.js';
import { layoutUnits, unreachable, type LayoutUnit } from '../../model/layout-units.js';
import { embeddedFontFaces, styleSheet } from './style.js';
import { chartSvg } from './chart-svg.js';
import { figureBoxAlign, figureBoxWidths, isFigureCell } from '../figure-columns.js';

export interface HtmlRendererOptions {
  /** Inline the body font as data: URLs (default true); without it the page names the family and fallbacks. */
  embedFonts?: boolean;
}

export function createHtmlRenderer(options: HtmlRendererOptions = {}): Renderer {
  const embedFonts = options.embedFonts ?? true;
  return {
    format: 'html',
    extension: 'html',
    async render(document: DocumentModel, context?: RenderContext): Promise<Uint8Array> {
      const text = documentText(document);
      if (context) warnUncoveredCharacters(text, context.warn, 'HTML', 'the browser takes them from a system font');
      const [before, after] = renderHtmlAround(document);
      if (!embedFonts) return encoder.encode(before + after);
      // The fonts' base64 is encoded once per character set; only the document around it is encoded per call.
      const style = fontFaceStyle(usesEmphasis(document), text);
      let fontBytes = fontFaceBytes.get(style);
      if (fontBytes === undefined) {
        fontBytes = encoder.encode(style);
        if (fontFaceBytes.size > 16) fontFaceBytes.clear();
        fontFaceBytes.set(style, fontBytes);
      }
      return concatBytes([encoder.encode(before), fontBytes, encoder.encode(after)]);
    },
  };
}

const encoder = new TextEncoder();
const fontFaceBytes = new Map<string, Uint8Array>();

/** The embedded faces' <style> element, which goes between the page's two halves. */
const fontFaceStyle = (withEmphasis: boolean, text: string) => `<style>\n${embeddedFontFaces(withEmphasis, text)}\n</style>\n`;

function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  const bytes = new Uint8Array(parts.reduce((sum, part) => sum + part.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.byteLength;
  }
  return bytes;
}

export const htmlRenderer: Renderer = createHtmlRenderer();

/** The whole preview as text (fonts embedded unless `embedFonts` is false). */
export function renderHtml(document: DocumentModel, embedFonts = true): string {
  const [before, after] = renderHtmlAround(document);
  return embedFonts ? before + fontFaceStyle(usesEmphasis(document), documentText(document)) + after : before + after;
}

/** The page in two halves: the font faces' <style> goes between them. */
function renderHtmlAround(document: DocumentModel): [string, string] {
  const { meta } = document;
  const head = [
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeText(meta.title)}</title>`,
    metaTag('author', meta.author),
    metaTag('description', meta.subject),
    metaTag('keywords', meta.keywords.join(', ')),
    metaTag('date', meta.date),
    metaTag('generator', 'dgsn-briefing'),
  ].filter((line) => line !== '');
  const before = ['<!DOCTYPE html>', `<html lang="${escapeAttribute(meta.lang)}" dir="${meta.dir}">`, '<head>', ...head, ''].join('\n');
  const after = [
    `<style>\n${styleSheet(meta)}</style>`,
    '</head>',
    '<body>',
    ...renderBlocks(document.blocks, document.meta.dir),
    '</body>',
    '</html>',
    '',
  ].join('\n');
  return [before, after];
}

function metaTag(name: string, content: string): string {
  return content === '' ? '' : `<meta name="${name}" content="${escapeAttribute(content)}">`;
}

function renderBlocks(blocks: readonly Block[], direction: Direction): string[] {
  return layoutUnits(blocks).map((unit) => renderUnit(unit, direction));
}

function renderUnit(unit: LayoutUnit, direction: Direction): string {
  switch (unit.kind) {
    case 'heading':
      return `<h${unit.level}>${renderInlines(unit.inlines)}</h${unit.level}>`;
    case 'paragraph': {
      const classes = [unit.role === 'body' ? '' : unit.role, unit.align === 'start' ? '' : `align-${unit.align}`].filter(Boolean);
      return `<p${classes.length ? ` class="${classes.join(' ')}"` : ''}>${renderInlines(unit.inlines)}</p>`;
    }
    case 'list': {
      const tag = unit.ordered ? 'ol' : 'ul';
      return [`<${tag}>`, ...unit.items.map((item) => `<li>${renderInlines(item)}</li>`), `</${tag}>`].join('\n');
    }
    case 'table':
      return renderTable(unit, direction);
    case 'figure-panel':
      return ['<div class="stats">', ...unit.figures.map(renderFigure), '</div>'].join('\n');
    case 'chart':
      return `<figure class="chart"><figcaption>${renderInlines(unit.caption)}</figcaption>${chartSvg(unit, direction, escapeAttribute)}</figure>`;
    default:
      return unreachable(unit);
  }
}

function renderFigure(figure: FigureBlock): string {
  return `<figure class="stat"><div class="value">${escapeText(figure.value)}</div><figcaption>${renderInlines(figure.caption)}</figcaption></figure>`;
}

function renderTable(table: TableBlock, direction: Direction): string {
  const figureBoxes = figureBoxWidths(table, direction);
  const lines = ['<table>'];
  if (table.caption.length > 0) lines.push(`<caption>${renderInlines(table.caption)}</caption>`);
  lines.push(
    '<colgroup>',
    ...fittedColumnWidths(table.columns.map((column) => column.width), 100).map((percent) => `<col style="width:${percent.toFixed(2)}%">`),
    '</colgroup>',
  );
  if (table.head.length > 0) lines.push('<thead>', ...table.head.map((row) => renderRow(row, true, table, figureBoxes)), '</thead>');
  if (table.body.length > 0) lines.push('<tbody>', ...table.body.map((row) => renderRow(row, false, table, figureBoxes)), '</tbody>');
  lines.push('</table>');
  return lines.join('\n');
}

function renderRow(row: TableRow, inHead: boolean, table: TableBlock, figureBoxes: readonly number[]): string {
  let column = 0;
  return `<tr>${row.cells
    .map((cell) => {
      const box = figureBoxes[column] ?? 0;
      const figure = isFigureCell(cell, inHead) && box > 0 && cell.inlines.length > 0;
      const html = figure ? renderCell(cell, inHead, figureBoxAlign(table, column, cell), figureHtml(cell, box)) : renderCell(cell, inHead, cell.align, renderInlines(cell.inlines));
      column += Math.max(1, cell.colspan);
      return html;
    })
    .join('')}</tr>`;
}

/** A figure in its column's box (../figure-columns.ts): right-aligned in it. */
function figureHtml(cell: TableCell, box: number): string {
  // A hair over the measured width: the browser's advances may round the other way.
  return `<span class="figure" style="min-width:${Number((box + FIGURE_BOX_SLACK).toFixed(2))}pt">${renderInlines(cell.inlines)}</span>`;
}

/** Points added to a figure box in the browser. */
const FIGURE_BOX_SLACK = 0.5;

/** A cell with its content (an empty cell stays empty inside, so the stylesheet's :empty shows its dash). */
function renderCell(cell: TableCell, inHead: boolean, align: Align, content: string): string {
  const tag = cell.header ? 'th' : 'td';
  const classes = [cell.numeric ? 'num' : '', `align-${align}`].filter(Boolean).join(' ');
  // Screen readers announce a column's header with each of its cells; a <th> in the body heads its row.
  const scope = cell.header ? ` scope="${inHead ? 'col' : 'row'}"` : '';
  const span = cell.colspan > 1 ? ` colspan="${cell.colspan}"` : '';
  return `<${tag} class="${classes}"${scope}${span}>${content}</${tag}>`;
}

function renderInlines(inlines: readonly Inline[]): string {
  return inlines
    .map((inline) => {
      if (inline.kind === 'break') return '<br>';
      let html = inline.italic ? `<em>${withLatinMarked(inline.text)}</em>` : escapeText(inline.text);
      if (inline.bold) html = `<strong>${html}</strong>`;
      return html;
    })
    .join('');
}

/** Latin words (digits inside them included, as in Le360) with the spaces and punctuation between them: what
 *  emphasis slants, as the PDF slants a run with letters and no Arabic. */
const LATIN_WORD = String.raw`\p{Nd}*\p{Script=Latin}[\p{Script=Latin}\p{Nd}]*`;
const LATIN_RUN = new RegExp(String.raw`${LATIN_WORD}(?:[\s\p{P}]+${LATIN_WORD})*`, 'gu');

/** Emphasised text, its Latin runs in <span class="latin"> (slanted), the rest upright as Arabic and digits stay. */
function withLatinMarked(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LATIN_RUN)) {
    html += `${escapeText(text.slice(last, match.index))}<span class="latin">${escapeText(match[0])}</span>`;
    last = match.index + match[0].length;
  }
  return html + escapeText(text.slice(last));
}

/** True when some text is emphasised, so the emphasis face must be embedded. */
function usesEmphasis(document: DocumentModel): boolean {
  return someTextInline(document, (inline) => inline.italic);
}

function escapeText(text: string): string {
  return text.replace(/[&<>]/g, (char) => (char === '&' ? '&amp;' : char === '<' ? '&lt;' : '&gt;'));
}

function escapeAttribute(text: string): string {
  return escapeText(text).replace(/"/g, '&quot;');
}
