// The preview's print style sheet: A4 pages with running header and page label (CSS @page margin boxes), one
// Arabic-capable family (the PDF's and DOCX's, embedded), tables whose first column sits on the right in a
// right-to-left document and whose header row repeats on every page.
import { BODY_FAMILY, fontBytes, FONT_FACES } from '../../fonts/index.js';
import { PALETTE } from '../palette.js';
import { pageLabelParts } from '../page-label.js';
import type { Direction } from '../../model/types.js';

/** Families after the embedded one, for a reader whose browser cannot load it. */
const FALLBACK_FAMILIES = ["'Noto Naskh Arabic'", "'Noto Sans Arabic'", "'Amiri'", "'Segoe UI'", 'Tahoma', 'Arial', 'sans-serif'];

let fontFaceCss: string | undefined;

/** @font-face rules with the TTFs inlined as data: URLs (≈ 0.6 MB), so the preview shows the briefing's own
 *  typeface offline and after download, exactly as the PDF does. Built once per process. */
export function embeddedFontFaces(): string {
  fontFaceCss ??= FONT_FACES.map(
    (face) =>
      `@font-face{font-family:'${face.family}';font-style:normal;font-weight:${face.weight === 'bold' ? 700 : 400};` +
      `font-display:block;src:url(data:font/ttf;base64,${fontBytes(face).toString('base64')}) format('truetype');}`,
  ).join('\n');
  return fontFaceCss;
}

const FONT_STACK = [`'${BODY_FAMILY}'`, ...FALLBACK_FAMILIES].join(', ');

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

export function styleSheet(page: PageText): string {
  // Margin boxes are physical: the footer sits on the start side, the page label on the end side, as in the
  // PDF and the DOCX.
  const [startBox, endBox] = page.dir === 'rtl' ? ['@bottom-right', '@bottom-left'] : ['@bottom-left', '@bottom-right'];
  const marginBoxes = [
    page.header ? `@top-center{content:${cssString(page.header)};}` : '',
    page.footer ? `${startBox}{content:${cssString(page.footer)};}` : '',
    page.pageLabel ? `${endBox}{content:${pageLabelContent(page.pageLabel)};}` : '',
  ].join('');
  return `
@page{size:A4;margin:22mm 18mm 20mm 18mm;${marginBoxes}}
@page{@top-center{font-family:${FONT_STACK};font-size:8.5pt;color:${PALETTE.muted};vertical-align:bottom;padding-bottom:3mm;border-bottom:0.4pt solid ${PALETTE.rule};}
@bottom-right{font-family:${FONT_STACK};font-size:8.5pt;color:${PALETTE.muted};vertical-align:top;padding-top:3mm;border-top:0.4pt solid ${PALETTE.rule};}
@bottom-left{font-family:${FONT_STACK};font-size:8.5pt;color:${PALETTE.muted};vertical-align:top;padding-top:3mm;border-top:0.4pt solid ${PALETTE.rule};}}
:root{${paletteVariables()}}
html{font-family:${FONT_STACK};font-size:11pt;line-height:1.6;color:var(--ink);background:#fff;}
body{margin:0 auto;max-width:174mm;padding:12mm 0;}
@media screen{html{background:#e7eaed;}body{background:#fff;padding:18mm 18mm;margin:8mm auto;box-shadow:0 1px 6px rgba(0,0,0,.2);}}
@media print{body{padding:0;max-width:none;}}
h1{font-size:19pt;line-height:1.35;margin:0 0 3mm;padding-bottom:2mm;border-bottom:2pt solid var(--accent);color:var(--heading);font-weight:700;}
h2{font-size:13.5pt;margin:8mm 0 2.5mm;padding-bottom:1mm;border-bottom:0.4pt solid var(--hairline);color:var(--heading);break-after:avoid;}
h3{font-size:11.5pt;margin:5mm 0 1.5mm;color:var(--heading);break-after:avoid;}
p{margin:0 0 2.5mm;orphans:2;widows:2;}
p.lead{font-size:12pt;line-height:1.7;margin-bottom:4mm;}
p.meta{color:var(--muted);font-size:10pt;margin-bottom:5mm;}
p.note{font-size:10pt;color:var(--muted);}
p.source{font-size:9pt;color:var(--muted);margin-top:8mm;padding-top:2mm;border-top:0.4pt solid var(--hairline);}
strong,b{font-weight:700;}
/* Arabic has no italic: emphasis stays upright, set apart by colour (as in the DOCX). */
em,i{font-style:normal;color:var(--accent);}
.stats{display:flex;gap:4mm;margin:4mm 0 2mm;break-inside:avoid;}
figure.stat{flex:1 1 0;margin:0;padding:3mm 4mm;background:var(--figureFill);border-inline-start:3pt solid var(--accent);}
figure.stat .value{font-size:17pt;font-weight:700;color:var(--heading);line-height:1.3;}
figure.stat figcaption{font-size:9.5pt;line-height:1.45;}
table{width:100%;border-collapse:collapse;margin:2mm 0 4mm;font-size:10pt;line-height:1.45;border-top:1.2pt solid var(--heading);border-bottom:1.2pt solid var(--heading);}
caption{caption-side:top;text-align:start;font-weight:700;color:var(--heading);padding-bottom:1.5mm;}
thead{display:table-header-group;}
tr{break-inside:avoid;}
th,td{padding:1.6mm 2.2mm;vertical-align:top;border-bottom:0.4pt solid var(--rule);}
th{background:var(--headerFill);color:var(--heading);font-weight:700;vertical-align:bottom;}
tbody tr:nth-child(even) td{background:var(--zebraFill);}
td.num,th.num{font-variant-numeric:tabular-nums;white-space:nowrap;}
tbody td:empty::after{content:"\\2013";color:var(--muted);}
ul,ol{margin:0 0 3mm;padding-inline-start:6mm;}
li{margin-bottom:1mm;}
.align-start{text-align:start;}.align-end{text-align:end;}.align-center{text-align:center;}.align-justify{text-align:justify;}
`.trimStart();
}
