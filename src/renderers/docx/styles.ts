// The briefing's Word styles. All the typography lives here, not on runs: Normal carries the face, the size and the
// language, every other style is based on it, so changing Normal's font in Word changes the whole document.
// Headings are Word's built-in Heading 1–3 (with outline levels: navigation pane, table of contents).
import {
  AlignmentType,
  BorderStyle,
  DocumentDefaults,
  ImportedXmlComponent,
  LevelFormat,
  LineRuleType,
  ShadingType,
  type IBorderOptions,
  type INumberingOptions,
  type IParagraphPropertiesOptions,
  type IParagraphStyleOptions,
  type IStylesOptions,
} from 'docx';
import { BODY_FAMILY } from '../../fonts/index.js';
import type { Direction } from '../../model/types.js';
import { EMPHASIS_FAMILY } from './fonts.js';

/** Style ids the blocks refer to. */
export const STYLE = {
  body: 'Normal',
  title: 'Title',
  heading2: 'Heading1',
  heading3: 'Heading2',
  lead: 'Lead',
  note: 'Note',
  source: 'Source',
  meta: 'Meta',
  caption: 'Caption',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  keyFigure: 'KeyFigure',
  keyFigureCaption: 'KeyFigureCaption',
  listParagraph: 'ListParagraph',
  header: 'Header',
  footer: 'Footer',
  table: 'BriefingTable',
  emphasis: 'Emphasis',
} as const;

/** Numbering definitions for `<ul>` and `<ol>`. */
export const LIST = { bullet: 'briefing-bullet', ordered: 'briefing-ordered' } as const;

/** Greys that print the same on any printer: text, rules, header shading. */
const INK = '1A1A1A';
const MUTED = '595959';
const RULE = '7F7F7F';
const HEADER_FILL = 'D9D9D9';

/** Left and right padding of table cells, in twips (the table style's w:tblCellMar). */
export const CELL_MARGIN = 113;
const FIGURE_FILL = 'F2F2F2';

/** docx writes these paragraph properties in styles too, but its type for a style's paragraph leaves them out. */
type StyleParagraph = NonNullable<IParagraphStyleOptions['paragraph']> & Pick<IParagraphPropertiesOptions, 'widowControl' | 'bidirectional'>;

const pt = (points: number) => points * 2; // half-points, as w:sz counts
const rule = (size: number, color = RULE): IBorderOptions => ({ style: BorderStyle.SINGLE, size, color, space: 4 });

export function briefingStyles(lang: string, direction: Direction): IStylesOptions {
  // Word keeps a language for right-to-left text (w:bidi) apart from the one for Latin text (w:val).
  const language = direction === 'rtl' ? { bidirectional: lang } : { value: lang };
  const based = (style: Omit<IParagraphStyleOptions, 'basedOn'>, basedOn: string = STYLE.body): IParagraphStyleOptions => ({
    basedOn,
    next: STYLE.body,
    quickFormat: true,
    ...style,
  });
  // Widow/orphan control, and for Arabic a right-to-left paragraph by default, so a paragraph typed in Word is one.
  const normalParagraph: StyleParagraph = {
    spacing: { after: 120, line: 264, lineRule: LineRuleType.AUTO },
    widowControl: true,
    ...(direction === 'rtl' ? { bidirectional: true } : {}),
  };
  // The box's borders sit 4 pt outside the text: indent by as much, so the frame lines up with the margins.
  const figureIndent = { left: 80, right: 80 };
  const figureBox = {
    top: rule(8),
    bottom: rule(8),
    left: rule(8),
    right: rule(8),
  };
  return {
    // Given whole (docx's default set would add blue Heading 4–6 and Office's Title): the document defaults carry
    // only the language; the face and size are Normal's, so the body style is the one place to change them.
    importedStyles: [
      new DocumentDefaults({ run: { language } }),
      ...BASE_STYLES_XML.map((xml) => ImportedXmlComponent.fromXmlString(xml)),
      ImportedXmlComponent.fromXmlString(TABLE_STYLE_XML),
    ],
    paragraphStyles: [
      {
        id: STYLE.body,
        name: 'Normal',
        quickFormat: true,
        run: {
          font: { ascii: BODY_FAMILY, hAnsi: BODY_FAMILY, cs: BODY_FAMILY, eastAsia: BODY_FAMILY },
          size: pt(11.5),
          sizeComplexScript: pt(11.5),
          color: INK,
        },
        paragraph: normalParagraph,
      },
      based({
        id: STYLE.title,
        name: 'Title',
        run: { size: pt(20), sizeComplexScript: pt(20), bold: true, boldComplexScript: true },
        paragraph: { spacing: { after: 240, line: 240, lineRule: LineRuleType.AUTO }, keepNext: true, keepLines: true, border: { bottom: rule(12, INK) } },
      }),
      based({
        id: STYLE.heading2,
        name: 'heading 1',
        run: { size: pt(15), sizeComplexScript: pt(15), bold: true, boldComplexScript: true },
        paragraph: { spacing: { before: 320, after: 120 }, keepNext: true, keepLines: true, outlineLevel: 0 },
      }),
      based({
        id: STYLE.heading3,
        name: 'heading 2',
        run: { size: pt(13), sizeComplexScript: pt(13), bold: true, boldComplexScript: true },
        paragraph: { spacing: { before: 240, after: 80 }, keepNext: true, keepLines: true, outlineLevel: 1 },
      }),
      based({
        id: 'Heading3',
        name: 'heading 3',
        run: { size: pt(12), sizeComplexScript: pt(12), bold: true, boldComplexScript: true },
        paragraph: { spacing: { before: 200, after: 60 }, keepNext: true, keepLines: true, outlineLevel: 2 },
      }),
      based({
        id: STYLE.lead,
        name: 'Lead',
        run: { size: pt(13), sizeComplexScript: pt(13) },
        paragraph: { spacing: { after: 200, line: 276, lineRule: LineRuleType.AUTO } },
      }),
      based({ id: STYLE.note, name: 'Note', run: { size: pt(10), sizeComplexScript: pt(10), color: MUTED } }),
      based({
        id: STYLE.source,
        name: 'Source',
        run: { size: pt(10), sizeComplexScript: pt(10), color: MUTED },
        paragraph: { spacing: { before: 240 } },
      }),
      based({ id: STYLE.meta, name: 'Meta', run: { size: pt(10), sizeComplexScript: pt(10), color: MUTED } }),
      based({
        id: STYLE.caption,
        name: 'caption',
        run: { size: pt(11), sizeComplexScript: pt(11), bold: true, boldComplexScript: true },
        paragraph: { spacing: { before: 200, after: 80 }, keepNext: true, keepLines: true },
      }),
      based({
        id: STYLE.tableText,
        name: 'Table Text',
        run: { size: pt(10.5), sizeComplexScript: pt(10.5) },
        paragraph: { spacing: { before: 0, after: 0, line: 240, lineRule: LineRuleType.AUTO } },
      }),
      based(
        {
          id: STYLE.tableHeading,
          name: 'Table Heading',
          run: { bold: true, boldComplexScript: true },
          paragraph: { keepNext: true },
        },
        STYLE.tableText,
      ),
      based({
        id: STYLE.keyFigure,
        name: 'Key Figure',
        next: STYLE.keyFigureCaption,
        run: { size: pt(24), sizeComplexScript: pt(24), bold: true, boldComplexScript: true },
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: figureIndent,
          spacing: { before: 240, after: 0, line: 240, lineRule: LineRuleType.AUTO },
          keepNext: true,
          keepLines: true,
          border: figureBox,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: FIGURE_FILL },
        },
      }),
      based({
        id: STYLE.keyFigureCaption,
        name: 'Key Figure Caption',
        run: { size: pt(11), sizeComplexScript: pt(11) },
        // The same box as Key Figure: Word and LibreOffice draw one frame around both paragraphs.
        paragraph: {
          alignment: AlignmentType.CENTER,
          indent: figureIndent,
          spacing: { before: 0, after: 240 },
          keepLines: true,
          border: figureBox,
          shading: { type: ShadingType.CLEAR, color: 'auto', fill: FIGURE_FILL },
        },
      }),
      based({
        id: STYLE.listParagraph,
        name: 'List Paragraph',
        paragraph: { spacing: { after: 60 }, contextualSpacing: true },
      }),
      based({
        id: STYLE.header,
        name: 'header',
        run: { size: pt(9), sizeComplexScript: pt(9), color: MUTED },
        paragraph: { spacing: { after: 0 }, border: { bottom: rule(4) } },
      }),
      based({
        id: STYLE.footer,
        name: 'footer',
        run: { size: pt(9), sizeComplexScript: pt(9), color: MUTED },
        // The same rule as the header's, above the footer: adjacent footer paragraphs share one border.
        paragraph: { spacing: { after: 0 }, border: { top: rule(4) } },
      }),
    ],
    characterStyles: [
      {
        id: STYLE.emphasis,
        name: 'Emphasis',
        basedOn: 'DefaultParagraphFont',
        uiPriority: 20,
        quickFormat: true,
        // w:i slants Latin and digits only; Arabic (complex script) stays upright, in the Medium face.
        run: {
          font: { ascii: EMPHASIS_FAMILY, hAnsi: EMPHASIS_FAMILY, cs: EMPHASIS_FAMILY, eastAsia: EMPHASIS_FAMILY },
          italics: true,
          italicsComplexScript: false,
        },
      },
    ],
  };
}

/** Word's own defaults for runs and tables, which every Word document has. */
const BASE_STYLES_XML = [
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
];

/**
 * The table style (docx has no option for one): thin grey grid, cell margins, and a shaded, bold first row.
 * Header rows also use the Table Heading paragraph style, so a head of several rows looks the same.
 */
const TABLE_STYLE_XML = `<w:style w:type="table" w:customStyle="1" w:styleId="${STYLE.table}">
<w:name w:val="Briefing Table"/>
<w:basedOn w:val="TableNormal"/>
<w:uiPriority w:val="59"/>
<w:qFormat/>
<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>
<w:tblPr>
<w:bidiVisual/>
<w:tblBorders>
<w:top w:val="single" w:sz="8" w:space="0" w:color="${INK}"/>
<w:left w:val="single" w:sz="4" w:space="0" w:color="${RULE}"/>
<w:bottom w:val="single" w:sz="8" w:space="0" w:color="${INK}"/>
<w:right w:val="single" w:sz="4" w:space="0" w:color="${RULE}"/>
<w:insideH w:val="single" w:sz="4" w:space="0" w:color="${RULE}"/>
<w:insideV w:val="single" w:sz="4" w:space="0" w:color="${RULE}"/>
</w:tblBorders>
<w:tblCellMar>
<w:top w:w="57" w:type="dxa"/>
<w:left w:w="${CELL_MARGIN}" w:type="dxa"/>
<w:bottom w:w="57" w:type="dxa"/>
<w:right w:w="${CELL_MARGIN}" w:type="dxa"/>
</w:tblCellMar>
</w:tblPr>
<w:tblStylePr w:type="firstRow">
<w:rPr><w:b/><w:bCs/></w:rPr>
<w:tblPr/>
<w:trPr><w:tblHeader/></w:trPr>
<w:tcPr>
<w:tcBorders><w:bottom w:val="single" w:sz="8" w:space="0" w:color="${INK}"/></w:tcBorders>
<w:shd w:val="clear" w:color="auto" w:fill="${HEADER_FILL}"/>
</w:tcPr>
</w:tblStylePr>
</w:style>`.replace(/\n/g, '');

/** Header rows are shaded by the style's first-row formatting; later header rows get the same fill on their cells. */
export const HEADER_SHADING = { type: ShadingType.CLEAR, color: 'auto', fill: HEADER_FILL } as const;

/** Bullets and numbers for lists, indented from the right edge (the start of a right-to-left paragraph). */
export function briefingNumbering(): INumberingOptions {
  // `left` and lvlJc `left` are the start side in a right-to-left paragraph (ECMA-376 §17.3.1.12), as Word writes them.
  const indent = { left: 567, hanging: 340 };
  return {
    config: [
      {
        reference: LIST.bullet,
        levels: [
          {
            level: 0,
            format: LevelFormat.BULLET,
            text: '•',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent } },
          },
        ],
      },
      {
        reference: LIST.ordered,
        levels: [
          {
            level: 0,
            format: LevelFormat.DECIMAL,
            text: '%1.',
            alignment: AlignmentType.LEFT,
            style: { paragraph: { indent } },
          },
        ],
      },
    ],
  };
}
