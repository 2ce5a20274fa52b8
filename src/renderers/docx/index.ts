// The Word briefing: the document model as a native, editable DOCX (docx package), right to left throughout,
// formatted by styles, with the PDF's faces embedded, and the same bytes for the same model.
import { Document, Footer, Header, PageNumber, PageOrientation, Paragraph, Tab, TabStopType, TextRun, type ParagraphChild } from 'docx';
import type { DocumentMetadata, DocumentModel, Direction } from '../../model/types.js';
import { pageLabelParts } from '../../model/page-label.js';
import { FURNITURE, MARGIN, PAGE_SIZE } from '../../theme/index.js';
import type { RenderContext, Renderer } from '../types.js';
import { directionOf, plainTextRuns, renderBlocks, takesEmphasisStyle } from './blocks.js';
import { warnUncoveredCharacters } from '../uncovered-characters.js';
import { documentText } from '../../model/document-text.js';
import { charactersBeyondEditable } from '../../fonts/subset.js';
import { fallbackFacesFor } from '../../text/coverage.js';
import { embeddedFonts, type EmbeddedFonts } from './fonts.js';
import { someTextInline } from '../../model/block-inlines.js';
import { finishPackage, packageParts, reuseConstantParts, type PackagePart } from './package.js';
import { textOf } from './chart-parts.js';
import { SerializedTables } from './serialized-rows.js';
import { STYLE, briefingNumbering, briefingStyles, twips } from './styles.js';
import { distinctCodePoints } from '../../collections.js';

/** The theme's A4 page and print margins, in twips. The header's top and the footer's bottom sit where the PDF
 *  draws them (Word measures the footer from the page's bottom edge to the footer's last line). */
export const PAGE = {
  width: twips(PAGE_SIZE.width),
  height: twips(PAGE_SIZE.height),
  margin: {
    top: twips(MARGIN.top),
    bottom: twips(MARGIN.bottom),
    left: twips(MARGIN.left),
    right: twips(MARGIN.right),
    header: twips(FURNITURE.headerTop),
    footer: twips(FURNITURE.footerTop - FURNITURE.size * FURNITURE.lineHeight),
    gutter: 0,
  },
} as const;

const TEXT_WIDTH = PAGE.width - PAGE.margin.left - PAGE.margin.right;

export const docxRenderer: Renderer = {
  format: 'docx',
  extension: 'docx',
  async render(model: DocumentModel, context: RenderContext): Promise<Uint8Array> {
    const text = documentText(model);
    warnUncoveredCharacters(text, context.warn, 'DOCX', 'Word will take them from a system font');
    return packagedBriefing(model, text);
  },
};

/**
 * The DOCX file of the model. Its files come from docx's compiler, or (`from: 'zip'`, for tests) from the zip docx
 * writes: both give the same bytes (package.ts).
 */
export async function packagedBriefing(model: DocumentModel, text = documentText(model), from: 'compiler' | 'zip' = 'compiler'): Promise<Uint8Array> {
  const fonts = fontsFor(model, text);
  const tables = new SerializedTables();
  const parts = await packageParts(briefingDocument(model, fonts, tables), from);
  return finishPackage(parts, model.meta, fonts.faces, (pinned) => withTableRows(pinned, tables));
}

/** The faces the document embeds: subsets that keep whole scripts and every character of its text. */
export function fontsFor(model: DocumentModel, text = documentText(model)): EmbeddedFonts {
  // Regular faces of the fallbacks only: Word makes a rare bold Tifinagh letter bold itself.
  const fallbacks = [...new Map(fallbackFacesFor(text).filter((face) => face.weight === 'regular').map((face) => [face.family, face])).values()];
  const fallbackCharacters = fallbacks.length === 0 ? [] : [...distinctCodePoints(text)].sort((a, b) => a - b);
  return embeddedFonts({ emphasis: usesEmphasis(model), fallbacks, extraCharacters: charactersBeyondEditable(text), fallbackCharacters });
}

/** The docx Document for the model, with placeholders for the embedded faces (see fonts.ts). */
export function briefingDocument(model: DocumentModel, fonts: EmbeddedFonts, tables: SerializedTables): Document {
  const direction = model.meta.dir;
  // Core properties (title, subject, author, keywords, language, dates) are written by finishPackage.
  const document = new Document({
    styles: briefingStyles(model.meta.lang, direction),
    numbering: briefingNumbering(),
    fonts: fonts.documentOption,
    // Word 2013+ layout; a line ended by <br> in a justified paragraph is not stretched (as in HTML).
    compatibility: { version: 15, doNotExpandShiftReturn: true },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height, orientation: PageOrientation.PORTRAIT },
            margin: PAGE.margin,
          },
        },
        // Only when there is something to run: Word refuses a header or footer part without a paragraph.
        ...(model.meta.header ? { headers: { default: new Header({ children: [runningHeader(model.meta.header, direction)] }) } } : {}),
        ...(model.meta.footer || model.meta.pageLabel
          ? { footers: { default: new Footer({ children: [runningFooter(model.meta, direction)] }) } }
          : {}),
        children: renderBlocks(model.blocks, { direction, lang: model.meta.lang, textWidth: TEXT_WIDTH, tables }),
      },
    ],
  });
  // The styles are briefingStyles(lang, direction), nothing else.
  reuseConstantParts(document, `${model.meta.lang}:${direction}`);
  return document;
}

/** Each table's rows put into word/document.xml, where docx left their markers. */
function withTableRows(parts: Map<string, PackagePart>, tables: SerializedTables): void {
  const body = parts.get('word/document.xml');
  if (body !== undefined) parts.set('word/document.xml', tables.insertInto(textOf(body)));
}

/** True when some text takes the Emphasis style, whose face must then be embedded. */
export function usesEmphasis(model: DocumentModel): boolean {
  return someTextInline(model, takesEmphasisStyle);
}

function runningHeader(header: string, direction: Direction): Paragraph {
  return new Paragraph({ style: STYLE.header, ...directionOf(direction), children: plainTextRuns(header, direction) });
}

/**
 * One line, as in the PDF: the source at the start, "page X of Y" (PAGE and NUMPAGES fields where the label says
 * {page} and {pages}) at the end, after a tab to an end-aligned stop at the far margin. In a bidi paragraph Word
 * measures tab stops from the start margin and reads w:val="right" as end-aligned, as it reads w:jc.
 */
function runningFooter({ footer, pageLabel }: DocumentMetadata, direction: Direction): Paragraph {
  return new Paragraph({
    style: STYLE.footer,
    ...directionOf(direction),
    tabStops: [{ type: TabStopType.RIGHT, position: TEXT_WIDTH }],
    children: footerLine(plainTextRuns(footer, direction), pageLabel ? pageLabelRuns(pageLabel, direction) : []),
  });
}

/** The source and the page label on the sides the theme gives them: the start one first, the end one after the tab. */
function footerLine(source: ParagraphChild[], label: ParagraphChild[]): ParagraphChild[] {
  const [start, end] = FURNITURE.sides.footer === 'start' ? [source, label] : [label, source];
  return end.length > 0 ? [...start, new TextRun({ children: [new Tab()] }), ...end] : start;
}

function pageLabelRuns(label: string, direction: Direction): ParagraphChild[] {
  return pageLabelParts(label).flatMap((part) =>
    'text' in part
      ? plainTextRuns(part.text, direction)
      : [new TextRun({ children: [part.counter === 'page' ? PageNumber.CURRENT : PageNumber.TOTAL_PAGES] })],
  );
}
