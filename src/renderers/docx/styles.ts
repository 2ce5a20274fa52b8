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
import { BODY_FAMILY, EMPHASIS_FAMILY } from '../../fonts/index.js';
import type { Direction } from '../../model/types.js';
import { FIGURE, FURNITURE, LIST as LIST_STYLE, HEADING as HEADING_STYLE, HEADING_RULE, ooxmlColor, PARAGRAPH, SOURCE_RULE, TABLE } from '../../theme/index.js';

/** Style ids the blocks refer to. */
export const STYLE = {
  body: 'Normal',
  title: 'Title',
  // The model's h1 is the document title (Word's Title); its h2 and h3 are Word's Heading 1 and Heading 2.
  sectionHeading: 'Heading1',
  subsectionHeading: 'Heading2',
  lead: 'Lead',
  note: 'Note',
  source: 'Source',
  meta: 'Meta',
  caption: 'Caption',
  tableText: 'TableText',
  tableHeading: 'TableHeading',
  emptyCell: 'EmptyCell',
  keyFigure: 'KeyFigure',
  keyFigureValue: 'KeyFigureValue',
  listParagraph: 'ListParagraph',
  header: 'Header',
  footer: 'Footer',
  table: 'BriefingTable',
  emphasis: 'Emphasis',
} as const;

/** Numbering definitions for `<ul>` and `<ol>`. */
export const LIST = { bullet: 'briefing-bullet', ordered: 'briefing-ordered' } as const;

/** The shared palette (../palette.ts), as OOXML writes colours. */
const INK = ooxmlColor('ink');
const HEADING = ooxmlColor('heading');
const MUTED = ooxmlColor('muted');
const ACCENT = ooxmlColor('accent');
const RULE = ooxmlColor('rule');
const HAIRLINE = ooxmlColor('hairline');
const HEADER_FILL = ooxmlColor('headerFill');
const ZEBRA_FILL = ooxmlColor('zebraFill');
const FIGURE_FILL = ooxmlColor('figureFill');

/** Key figure panel, in twips from the start margin: room for the bar, then where captions start after it. */
const FIGURE_START = 260;
const FIGURE_CAPTION = 2600;

/** Left and right padding of table cells, in twips (the table style's w:tblCellMar). */
export const CELL_MARGIN = 120;

/** docx writes these paragraph properties in styles too, but its type for a style's paragraph leaves them out. */
type StyleParagraph = NonNullable<IParagraphStyleOptions['paragraph']> & Pick<IParagraphPropertiesOptions, 'widowControl' | 'bidirectional'>;

/** w:sz counts half-points; Word takes sizes to the half-point. */
const pt = (points: number) => Math.round(points * 2);
/** Points to twips, Word's unit (a twentieth of a point), rounded to whole twips. */
export const twips = (points: number) => Math.round(points * 20);
/** Line spacing as a multiple of single (w:line in 240ths, "auto"). */
const lines = (multiple: number) => ({ line: Math.round(multiple * 240), lineRule: LineRuleType.AUTO });
/** Border widths in eighths of a point (w:sz of a border). */
const eighths = (points: number) => Math.round(points * 8);
const rule = (points: number, color = RULE): IBorderOptions => ({ style: BorderStyle.SINGLE, size: eighths(points), color, space: 4 });
const size = (points: number) => ({ size: pt(points), sizeComplexScript: pt(points) });
const bold = { bold: true, boldComplexScript: true } as const;

/** A paragraph style based on Normal (or `basedOn`), followed by Normal, in the quick gallery. */
function based(style: Omit<IParagraphStyleOptions, 'basedOn'>, basedOn: string = STYLE.body): IParagraphStyleOptions {
  return { basedOn, next: STYLE.body, quickFormat: true, ...style };
}

/**
 * Sizes, spacing, rules and colours are the theme's (../../theme/), as in the PDF and the HTML. Line heights are
 * Word's own multiples: IBM Plex Sans Arabic's single line is 1.73 em in Word and LibreOffice (its Windows
 * metrics), about the theme's body line of 1.75, so body text is single-spaced and the rest set to match by eye.
 */
export function briefingStyles(lang: string, direction: Direction): IStylesOptions {
  // Word keeps a language for right-to-left text (w:bidi) apart from the one for Latin text (w:val).
  const language = direction === 'rtl' ? { bidirectional: lang } : { value: lang };
  return {
    // Given whole (docx's default set would add blue Heading 4–6 and Office's Title): the document defaults carry
    // only the language; the face and size are Normal's, so the body style is the one place to change them.
    importedStyles: [
      new DocumentDefaults({ run: { language } }),
      ...BASE_STYLES_XML.map((xml) => ImportedXmlComponent.fromXmlString(xml)),
      ImportedXmlComponent.fromXmlString(tableStyleXml(direction)),
    ],
    paragraphStyles: [
      normalStyle(direction),
      ...headingStyles(),
      ...textRoleStyles(),
      ...tableTextStyles(),
      keyFigureStyle(direction),
      based({
        id: STYLE.listParagraph,
        name: 'List Paragraph',
        paragraph: { spacing: { after: twips(LIST_STYLE.itemGap) }, contextualSpacing: true },
      }),
      ...furnitureStyles(),
    ],
    characterStyles: CHARACTER_STYLES,
  };
}

/** Normal: the face, size and language of the whole document; widow/orphan control; right to left in Arabic. */
function normalStyle(direction: Direction): IParagraphStyleOptions {
  // Widow/orphan control, and for Arabic a right-to-left paragraph by default, so a paragraph typed in Word is one.
  const normalParagraph: StyleParagraph = {
    spacing: { before: 0, after: twips(PARAGRAPH.body.spaceAfter), ...lines(1) },
    widowControl: true,
    ...(direction === 'rtl' ? { bidirectional: true } : {}),
  };
  return {
    id: STYLE.body,
    name: 'Normal',
    quickFormat: true,
    run: {
      font: { ascii: BODY_FAMILY, hAnsi: BODY_FAMILY, cs: BODY_FAMILY, eastAsia: BODY_FAMILY },
      ...size(PARAGRAPH.body.size),
      color: INK,
    },
    paragraph: normalParagraph,
  };
}

/** The title and Word's Heading 1–3 (outline levels: navigation pane, table of contents). */
function headingStyles(): IParagraphStyleOptions[] {
  return [
    based({
      id: STYLE.title,
      name: 'Title',
      run: { ...size(HEADING_STYLE[1].size), ...bold, color: HEADING },
      paragraph: {
        spacing: { after: twips(HEADING_STYLE[1].spaceAfter), ...lines(0.85) },
        keepNext: true,
        keepLines: true,
        border: { bottom: { style: BorderStyle.SINGLE, size: eighths(HEADING_RULE[1].width), color: ACCENT, space: 8 } },
      },
    }),
    based({
      id: STYLE.sectionHeading,
      name: 'heading 1',
      run: { ...size(HEADING_STYLE[2].size), ...bold, color: HEADING },
      paragraph: {
        spacing: { before: twips(HEADING_STYLE[2].spaceBefore), after: twips(HEADING_STYLE[2].spaceAfter), ...lines(0.9) },
        keepNext: true,
        keepLines: true,
        outlineLevel: 0,
        border: { bottom: { style: BorderStyle.SINGLE, size: eighths(HEADING_RULE[2].width), color: HAIRLINE, space: 4 } },
      },
    }),
    based({
      id: STYLE.subsectionHeading,
      name: 'heading 2',
      run: { ...size(HEADING_STYLE[3].size), ...bold, color: HEADING },
      paragraph: {
        spacing: { before: twips(HEADING_STYLE[3].spaceBefore), after: twips(HEADING_STYLE[3].spaceAfter), ...lines(0.9) },
        keepNext: true,
        keepLines: true,
        outlineLevel: 1,
      },
    }),
    based({
      id: 'Heading3',
      name: 'heading 3',
      // Not in the briefing's templates (h1 is the title): Word's Heading 3 for text typed in Word.
      run: { ...size(PARAGRAPH.body.size), ...bold, color: HEADING },
      paragraph: { spacing: { before: twips(12), after: twips(4), ...lines(0.9) }, keepNext: true, keepLines: true, outlineLevel: 2 },
    }),
  ];
}

/** The paragraph roles of the model: lead, note, source, meta. */
function textRoleStyles(): IParagraphStyleOptions[] {
  return [
    based({ id: STYLE.lead, name: 'Lead', run: size(PARAGRAPH.lead.size), paragraph: { spacing: { after: twips(PARAGRAPH.lead.spaceAfter) } } }),
    based({ id: STYLE.note, name: 'Note', run: { ...size(PARAGRAPH.note.size), color: MUTED }, paragraph: { spacing: { after: twips(PARAGRAPH.note.spaceAfter) } } }),
    based({
      id: STYLE.source,
      name: 'Source',
      run: { ...size(PARAGRAPH.source.size), color: MUTED },
      paragraph: { spacing: { before: twips(PARAGRAPH.source.spaceBefore), after: 0 }, border: { top: rule(SOURCE_RULE.width, HAIRLINE) } },
    }),
    based({ id: STYLE.meta, name: 'Meta', run: { ...size(PARAGRAPH.meta.size), color: MUTED }, paragraph: { spacing: { after: twips(PARAGRAPH.meta.spaceAfter) } } }),
  ];
}

/** Table captions and cell text. */
function tableTextStyles(): IParagraphStyleOptions[] {
  return [
    based({
      id: STYLE.caption,
      name: 'caption',
      run: { ...size(TABLE.caption.size), ...bold, color: HEADING },
      paragraph: { spacing: { before: twips(TABLE.spaceBefore), after: twips(TABLE.captionGap), ...lines(0.9) }, keepNext: true, keepLines: true },
    }),
    based({
      id: STYLE.tableText,
      name: 'Table Text',
      run: size(TABLE.cell.size),
      paragraph: { spacing: { before: 0, after: 0, ...lines(0.95) } },
    }),
    based({ id: STYLE.tableHeading, name: 'Table Heading', run: { ...bold, color: HEADING }, paragraph: { keepNext: true } }, STYLE.tableText),
  ];
}

/** The running header and footer. */
function furnitureStyles(): IParagraphStyleOptions[] {
  return [
    based({
      id: STYLE.header,
      name: 'header',
      run: { ...size(FURNITURE.size), color: MUTED },
      paragraph: { spacing: { after: 0, ...lines(0.85) }, border: { bottom: rule(FURNITURE.ruleWidth) } },
    }),
    based({
      id: STYLE.footer,
      name: 'footer',
      run: { ...size(FURNITURE.size), color: MUTED },
      // The same rule as the header's, above the footer: adjacent footer paragraphs share one border.
      paragraph: { spacing: { after: 0, ...lines(0.85) }, border: { top: rule(FURNITURE.ruleWidth) } },
    }),
  ];
}

function keyFigureStyle(direction: Direction): IParagraphStyleOptions {
  // Key figures share one shaded panel with a bar on the start side, as in the PDF: one paragraph per figure, the
  // figure then its caption at a hanging indent (Word's implicit tab stop), hairlines between them. Consecutive
  // paragraphs with the same borders are drawn as one box. w:pBdr left/right are sides of the page, but w:ind left
  // is the start side in a bidi paragraph.
  const bar = { style: BorderStyle.SINGLE, size: eighths(FIGURE.barWidth), color: ACCENT, space: 10 };
  const figurePanel = {
    border: {
      ...(direction === 'rtl' ? { right: bar } : { left: bar }),
      top: { style: BorderStyle.NONE, size: 0, color: 'auto', space: 6 },
      bottom: { style: BorderStyle.NONE, size: 0, color: 'auto', space: 6 },
      between: { style: BorderStyle.SINGLE, size: eighths(FIGURE.rowRule), color: HAIRLINE, space: 6 },
    },
    shading: { type: ShadingType.CLEAR, color: 'auto', fill: FIGURE_FILL },
    indent: { left: FIGURE_START + FIGURE_CAPTION, hanging: FIGURE_CAPTION },
  };
  return based({
    id: STYLE.keyFigure,
    name: 'Key Figure',
    run: size(FIGURE.caption.size),
    paragraph: { ...figurePanel, spacing: { before: 0, after: 0, ...lines(0.9) }, keepLines: true },
  });
}

const CHARACTER_STYLES: IStylesOptions['characterStyles'] = [
  {
    // The dash an empty body cell shows, as in the PDF: muted, so it reads as "nothing here", not a value.
    id: STYLE.emptyCell,
    name: 'Empty Cell',
    basedOn: 'DefaultParagraphFont',
    run: { color: MUTED },
  },
  {
    id: STYLE.keyFigureValue,
    name: 'Key Figure Value',
    basedOn: 'DefaultParagraphFont',
    quickFormat: true,
    run: { ...size(FIGURE.value.size), ...bold, color: HEADING },
  },
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
];


/** Word's own defaults for runs and tables, which every Word document has. */
const BASE_STYLES_XML = [
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
];

/**
 * The table style (docx has no option for one), as the PDF draws tables: a heavy rule above and below, a lighter
 * one under the shaded header row, grey hairlines between rows, every other row lightly shaded, no vertical rules.
 * Header rows also use the Table Heading paragraph style, so a head of several rows looks the same. In a
 * right-to-left document the first column is on the right (w:bidiVisual), as the model's direction says.
 */
const tableStyleXml = (direction: Direction) => `<w:style w:type="table" w:customStyle="1" w:styleId="${STYLE.table}">
<w:name w:val="Briefing Table"/>
<w:basedOn w:val="TableNormal"/>
<w:uiPriority w:val="59"/>
<w:qFormat/>
<w:pPr><w:spacing w:before="0" w:after="0"/></w:pPr>
<w:tblPr>
${direction === 'rtl' ? '<w:bidiVisual/>' : ''}
<w:tblStyleRowBandSize w:val="1"/>
<w:tblBorders>
<w:top w:val="single" w:sz="${eighths(TABLE.outerRule)}" w:space="0" w:color="${INK}"/>
<w:left w:val="nil"/>
<w:bottom w:val="single" w:sz="${eighths(TABLE.outerRule)}" w:space="0" w:color="${INK}"/>
<w:right w:val="nil"/>
<w:insideH w:val="single" w:sz="${eighths(TABLE.rowRule)}" w:space="0" w:color="${RULE}"/>
<w:insideV w:val="nil"/>
</w:tblBorders>
<w:tblCellMar>
<w:top w:w="100" w:type="dxa"/>
<w:left w:w="${CELL_MARGIN}" w:type="dxa"/>
<w:bottom w:w="100" w:type="dxa"/>
<w:right w:w="${CELL_MARGIN}" w:type="dxa"/>
</w:tblCellMar>
</w:tblPr>
<w:tblStylePr w:type="firstRow">
<w:rPr><w:b/><w:bCs/><w:color w:val="${HEADING}"/></w:rPr>
<w:tblPr/>
<w:trPr><w:tblHeader/></w:trPr>
<w:tcPr>
<w:tcBorders><w:bottom w:val="single" w:sz="${eighths(TABLE.headRule)}" w:space="0" w:color="${INK}"/></w:tcBorders>
<w:shd w:val="clear" w:color="auto" w:fill="${HEADER_FILL}"/>
</w:tcPr>
</w:tblStylePr>
<w:tblStylePr w:type="band2Horz">
<w:tblPr/>
<w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="${ZEBRA_FILL}"/></w:tcPr>
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
