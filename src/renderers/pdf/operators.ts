// Content-stream operators written without going through pdfkit's calls: a long table sets a colour and a clip for
// every cell, and a rule and a shade for every row, and pdfkit converts every number and colour anew each time
// (and writes a colour as "/DeviceRGB cs" and three 17-digit numbers). Same operators, shorter: `rg`/`RG` and a
// colour's components to four decimals (each of the 256 levels of a byte still comes back as itself).
import { textInternalsOf } from './pdfkit-internals.js';

/** A number as pdfkit writes it in operators (six decimals at most). */
export const pdfNumber = (n: number): string => String(Math.round(n * 1e6) / 1e6);

const components = new Map<string, string>();

/** A "#rrggbb" colour's components as operands ("0.1059 0.1059 0.1059"), or undefined for another kind of colour. */
function rgbOperands(color: string): string | undefined {
  let operands = components.get(color);
  if (operands === undefined && /^#[0-9a-f]{6}$/i.test(color)) {
    const hex = Number.parseInt(color.slice(1), 16);
    operands = [hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => String(Math.round((part / 255) * 1e4) / 1e4)).join(' ');
    components.set(color, operands);
  }
  return operands;
}

/** Sets the fill colour (as doc.fillColor does, for a colour without opacity). */
export function setFillColor(doc: PDFKit.PDFDocument, color: string): void {
  const operands = rgbOperands(color);
  if (operands === undefined) doc.fillColor(color);
  else textInternalsOf(doc).addContent(`${operands} rg`);
}

/** Fills a rectangle in a colour, the graphics state left as it was (doc.save().rect(…).fill(color).restore()). */
export function fillRect(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number, color: string): void {
  const operands = rgbOperands(color);
  if (operands === undefined) doc.save().rect(x, y, width, height).fill(color).restore();
  else textInternalsOf(doc).addContent(`q\n${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re\n${operands} rg\nf\nQ`);
}

/** Strokes a horizontal line, the graphics state left as it was. */
export function strokeHorizontal(doc: PDFKit.PDFDocument, x1: number, x2: number, y: number, lineWidth: number, color: string): void {
  const operands = rgbOperands(color);
  if (operands === undefined) doc.save().moveTo(x1, y).lineTo(x2, y).lineWidth(lineWidth).strokeColor(color).stroke().restore();
  else textInternalsOf(doc).addContent(`q\n${pdfNumber(x1)} ${pdfNumber(y)} m\n${pdfNumber(x2)} ${pdfNumber(y)} l\n${pdfNumber(lineWidth)} w\n${operands} RG\nS\nQ`);
}

/** Saves the graphics state and clips to a rectangle (doc.save().rect(…).clip()); end with endClip. */
export function clipToRect(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number): void {
  textInternalsOf(doc).addContent(`q\n${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re\nW n`);
}

/** Restores the graphics state saved by clipToRect. */
export function endClip(doc: PDFKit.PDFDocument): void {
  textInternalsOf(doc).addContent('Q');
}
