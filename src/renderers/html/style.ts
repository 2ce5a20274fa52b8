// The preview's print style sheet, written from the theme (../../theme/) as the PDF and the DOCX are: A4 pages
// with the same margins, running header and page label (CSS @page margin boxes), the same sizes, spacing, rules
// and colours, one Arabic-capable family (the PDF's and DOCX's, embedded), tables whose first column sits on the
// start side and whose header row repeats on every page.
import { BODY_FAMILY, EMPHASIS_FACE, FALLBACK_FAMILIES, fontBytes, FONT_FACES, type FontFace } from '../../fonts/index.js';
import { subsetFont } from '../../fonts/subset.js';
import { fallbackFacesFor } from '../../text/coverage.js';
import { pageLabelParts } from '../../model/page-label.js';
import { EMPTY_CELL_MARK } from '../../model/empty-cell.js';
import type { Direction } from '../../model/types.js';
import {
  CHART,
  EMPHASIS,
  FIGURE,
  FURNITURE,
  HEADING,
  HEADING_RULE,
  LIST,
  MARGIN,
  PALETTE,
  PARAGRAPH,
  physicalSide,
  SOURCE_RULE,
  TABLE,
  TEXT_WIDTH,
  type TextStyle,
} from '../../theme/index.js';

/** Families after the embedded ones, for a reader whose browser cannot load them. */
const SYSTEM_FAMILIES = ["'Segoe UI'", 'Tahoma', 'Arial', 'sans-serif'];

const fontFaceCss = new Map<string, string>();

interface EmbeddedFace {
  family: string;
  weight: number;
  face: FontFace;
}

/**
 * @font-face rules with HarfBuzz subsets of the faces inlined as data: URLs, so the preview shows the briefing's own
 * typefaces offline and after download, exactly as the PDF does: the body faces (the Medium one, weight 500, only
 * for a document with emphasis) and the fallback faces the text engine takes characters from, each reduced to the
 * document's characters (layout tables kept: the browser still joins and places marks). Kept per character set.
 */
export function embeddedFontFaces(withEmphasis: boolean, text: string): string {
  // Beside the document's own characters, what the style sheet writes itself: page counters' digits, the empty-cell mark.
  const generated = `0123456789 \u0640${EMPTY_CELL_MARK}`;
  const characters = [...new Set(Array.from(text + generated, (char) => char.codePointAt(0)!))].sort((a, b) => a - b);
  const key = `${withEmphasis}:${characters.join(',')}`;
  let css = fontFaceCss.get(key);
  if (css === undefined) {
    const fallbacks = fallbackFacesFor(text).map((face) => ({ family: face.family, weight: face.weight === 'bold' ? 700 : 400, face }));
    const faces: EmbeddedFace[] = [
      ...FONT_FACES.map((face) => ({ family: BODY_FAMILY, weight: face.weight === 'bold' ? 700 : 400, face })),
      ...(withEmphasis ? [{ family: BODY_FAMILY, weight: 500, face: EMPHASIS_FACE }] : []),
      ...fallbacks,
    ];
    css = faces
      .map(({ family, weight, face }) => {
        const subset = Buffer.from(subsetFont(face.path, fontBytes(face), characters)).toString('base64');
        return `@font-face{font-family:'${family}';font-style:normal;font-weight:${weight};font-display:block;src:url(data:font/ttf;base64,${subset}) format('truetype');}`;
      })
      .join('\n');
    if (fontFaceCss.size > 16) fontFaceCss.clear();
    fontFaceCss.set(key, css);
  }
  return css;
}

const FONT_STACK = [`'${BODY_FAMILY}'`, ...FALLBACK_FAMILIES.map((family) => `'${family}'`), ...SYSTEM_FAMILIES].join(', ');

/** A CSS string literal. */
function cssString(text: string): string {
  return `"${text.replace(/[\\"]/g, (char) => `\\${char}`).replace(/[\n\r\f]/g, ' ')}"`;
}

/** `صفحة {page} من {pages}` → `"صفحة " counter(page) " من " counter(pages)`. */
function pageLabelContent(label: string): string {
  return pageLabelParts(label)
    .map((part) => ('text' in part ? cssString(part.text) : `counter(${part.counter})`))
    .join(' ');
}

/** The shared palette as CSS custom properties (--ink, --heading, ...). */
function paletteVariables(): string {
  return Object.entries(PALETTE)
    .map(([name, color]) => `--${name}:${color};`)
    .join('');
}

export interface PageText {
  header: string;
  footer: string;
  pageLabel: string;
  dir: Direction;
}

const pt = (points: number) => `${Number(points.toFixed(2))}pt`;

/** Size, line height and colour of a theme text style. */
function textCss(style: TextStyle): string {
  return `font-size:${pt(style.size)};line-height:${style.lineHeight};color:${style.color};${style.bold ? 'font-weight:700;' : ''}`;
}

/** Margin boxes are physical: each piece of furniture goes on the side the theme names, turned by direction. */
function marginBoxes(page: PageText): string {
  const footerBox = `@bottom-${physicalSide(FURNITURE.sides.footer, page.dir)}`;
  const labelBox = `@bottom-${physicalSide(FURNITURE.sides.pageLabel, page.dir)}`;
  const headerBox = `@top-${physicalSide(FURNITURE.sides.header, page.dir)}`;
  const furnitureText = `font-family:${FONT_STACK};${textCss(FURNITURE)}`;
  // The header's rule lies FURNITURE.headerRule below the page's top edge, the footer's FURNITURE.footerRule
  // above its bottom edge, as in the PDF.
  const headerStyle = `${furnitureText}vertical-align:bottom;margin-bottom:${pt(MARGIN.top - FURNITURE.headerRule)};padding-bottom:${pt(FURNITURE.headerRule - FURNITURE.headerTop - FURNITURE.size * FURNITURE.lineHeight)};border-bottom:${pt(FURNITURE.ruleWidth)} solid ${PALETTE.muted};`;
  const footerStyle = `${furnitureText}vertical-align:top;margin-top:${pt(MARGIN.bottom - FURNITURE.footerRule)};padding-top:${pt(FURNITURE.footerRule - FURNITURE.footerTop)};border-top:${pt(FURNITURE.ruleWidth)} solid ${PALETTE.muted};`;
  return [
    page.header ? `${headerBox}{content:${cssString(page.header)};${headerStyle}}` : '',
    page.footer ? `${footerBox}{content:${cssString(page.footer)};${footerStyle}}` : '',
    page.pageLabel ? `${labelBox}{content:${pageLabelContent(page.pageLabel)};${footerStyle}}` : '',
  ].join('\n');
}

export function styleSheet(page: PageText): string {
  const body = PARAGRAPH.body;
  const sourceRuleSide = physicalSide('start', page.dir);
  return `
@page{size:A4;margin:${pt(MARGIN.top)} ${pt(MARGIN.right)} ${pt(MARGIN.bottom)} ${pt(MARGIN.left)};
${marginBoxes(page)}}
:root{${paletteVariables()}}
html{font-family:${FONT_STACK};${textCss(body)}background:#fff;}
body{margin:0 auto;max-width:${pt(TEXT_WIDTH)};}
@media screen{html{background:#e7eaed;}body{background:#fff;padding:${pt(MARGIN.top)} ${pt(MARGIN.right)} ${pt(MARGIN.bottom)} ${pt(MARGIN.left)};margin:8mm auto;box-shadow:0 1px 6px rgba(0,0,0,.2);}}
@media print{body{max-width:none;}}
h1{${textCss(HEADING[1])}margin:0 0 ${pt(HEADING[1].spaceAfter)};padding-bottom:${pt(HEADING_RULE[1].gap)};border-bottom:${pt(HEADING_RULE[1].width)} solid ${HEADING_RULE[1].color};}
h2{${textCss(HEADING[2])}margin:${pt(HEADING[2].spaceBefore)} 0 ${pt(HEADING[2].spaceAfter)};padding-bottom:${pt(HEADING_RULE[2].gap)};border-bottom:${pt(HEADING_RULE[2].width)} solid ${HEADING_RULE[2].color};break-after:avoid;}
h3{${textCss(HEADING[3])}margin:${pt(HEADING[3].spaceBefore)} 0 ${pt(HEADING[3].spaceAfter)};break-after:avoid;}
p{margin:0 0 ${pt(body.spaceAfter)};orphans:2;widows:2;}
p.lead{${textCss(PARAGRAPH.lead)}margin-bottom:${pt(PARAGRAPH.lead.spaceAfter)};}
p.meta{${textCss(PARAGRAPH.meta)}margin-bottom:${pt(PARAGRAPH.meta.spaceAfter)};}
p.note{${textCss(PARAGRAPH.note)}margin-bottom:${pt(PARAGRAPH.note.spaceAfter)};}
p.source{${textCss(PARAGRAPH.source)}margin-top:${pt(PARAGRAPH.source.spaceBefore)};padding-top:${pt(SOURCE_RULE.gap)};background:linear-gradient(${SOURCE_RULE.color},${SOURCE_RULE.color}) no-repeat ${sourceRuleSide} top/${pt(SOURCE_RULE.length)} ${pt(SOURCE_RULE.width)};}
strong,b{font-weight:700;}
/* Emphasis as in the PDF and the DOCX: the Medium face in every script, a slant on Latin letters only (Arabic has
   no italic). */
em,i{font-style:normal;font-weight:500;}
em .latin,i .latin{font-style:oblique ${EMPHASIS.slantDegrees}deg;}
strong em,b em,strong i,b i{font-weight:700;}
.stats{display:grid;grid-template-columns:max-content 1fr;column-gap:${pt(FIGURE.gutter)};margin:${pt(FIGURE.spaceBefore)} 0 ${pt(FIGURE.spaceAfter)};padding:0 ${pt(FIGURE.padX)};background:var(--figureFill);border-inline-start:${pt(FIGURE.barWidth)} solid var(--accent);break-inside:avoid;}
figure.stat{display:grid;grid-column:1/-1;grid-template-columns:subgrid;align-items:baseline;margin:0;padding:${pt(FIGURE.padY)} 0;border-top:${pt(FIGURE.rowRule)} solid var(--hairline);}
figure.stat:first-child{border-top:none;}
figure.chart{margin:${pt(CHART.spaceBefore)} 0 ${pt(CHART.spaceAfter)};break-inside:avoid;}
figure.chart figcaption{${textCss(CHART.caption)}margin-bottom:${pt(CHART.captionGap)};}
/* The plot's user units are points (its viewBox is the text width in pt), so its text sizes are in user units. */
.chart-plot{display:block;width:100%;height:auto;overflow:visible;}
.chart-label{font-family:inherit;font-size:${CHART.label.size}px;fill:${CHART.label.color};}
.chart-value{font-family:inherit;font-size:${CHART.value.size}px;font-weight:700;fill:${CHART.value.color};}
.chart-bar{fill:var(--accent);}
.chart-axis{stroke:var(--rule);stroke-width:${CHART.axisWidth};}
figure.stat .value{${textCss(FIGURE.value)}}
figure.stat figcaption{${textCss(FIGURE.caption)}}
table{width:100%;border-collapse:collapse;margin:${pt(TABLE.spaceBefore)} 0 ${pt(TABLE.spaceAfter)};${textCss(TABLE.cell)}border-top:${pt(TABLE.outerRule)} solid var(--ink);border-bottom:${pt(TABLE.outerRule)} solid var(--ink);}
caption{caption-side:top;text-align:start;${textCss(TABLE.caption)}padding-bottom:${pt(TABLE.captionGap)};}
thead{display:table-header-group;}
thead tr:last-child th{border-bottom:${pt(TABLE.headRule)} solid var(--ink);}
tr{break-inside:avoid;}
caption,thead{break-after:avoid;}
th,td{padding:${pt(TABLE.padY)} ${pt(TABLE.padX)};vertical-align:${TABLE.verticalAlign.body};border-bottom:${pt(TABLE.rowRule)} solid var(--rule);}
th{background:var(--headerFill);${textCss(TABLE.head)}}
thead th{vertical-align:${TABLE.verticalAlign.head};}
tbody tr:nth-child(even) td{background:var(--zebraFill);}
td.num,th.num{font-variant-numeric:tabular-nums;white-space:nowrap;}
/* A figure right-aligned in its column's box, the box placed by the cell's alignment (renderers/figure-columns.ts). */
.figure{display:inline-block;text-align:right;}
tbody td:empty::after,tbody th:empty::after{content:${cssString(EMPTY_CELL_MARK)};color:var(--muted);}
ul,ol{margin:0 0 ${pt(LIST.text.spaceAfter)};padding-inline-start:${pt(LIST.labelWidth)};}
li{line-height:${LIST.text.lineHeight};margin-bottom:${pt(LIST.itemGap)};}
.align-start{text-align:start;}.align-end{text-align:end;}.align-center{text-align:center;}.align-justify{text-align:justify;}.align-kashida{text-align:justify;text-justify:inter-word;}
`.trimStart();
}
