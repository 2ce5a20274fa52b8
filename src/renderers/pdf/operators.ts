// Content-stream operators written as pdfkit writes them, without going through its calls: a long table sets a
// colour and a clip for every cell and line, and pdfkit converts every number and colour anew each time. The bytes
// are pdfkit's own (same operators, same number formatting).
import { textInternalsOf } from './pdfkit-internals.js';

/** A number as pdfkit writes it in operators (six decimals at most). */
export const pdfNumber = (n: number): string => String(Math.round(n * 1e6) / 1e6);

const fillColors = new Map<string, string>();

/** pdfkit's operators for a "#rrggbb" fill colour, or undefined for another kind of colour. */
function fillColorOperators(color: string): string | undefined {
  let operators = fillColors.get(color);
  if (operators === undefined && /^#[0-9a-f]{6}$/i.test(color)) {
    const hex = Number.parseInt(color.slice(1), 16);
    operators = `/DeviceRGB cs\n${[hex >> 16, (hex >> 8) & 0xff, hex & 0xff].map((part) => part / 255).join(' ')} scn`;
    fillColors.set(color, operators);
  }
  return operators;
}

/** Sets the fill colour (as doc.fillColor does, for a colour without opacity). */
export function setFillColor(doc: PDFKit.PDFDocument, color: string): void {
  const operators = fillColorOperators(color);
  if (operators === undefined) doc.fillColor(color);
  else textInternalsOf(doc).addContent(operators);
}

/** Saves the graphics state and clips to a rectangle (doc.save().rect(…).clip()); end with endClip. */
export function clipToRect(doc: PDFKit.PDFDocument, x: number, y: number, width: number, height: number): void {
  textInternalsOf(doc).addContent(`q\n${pdfNumber(x)} ${pdfNumber(y)} ${pdfNumber(width)} ${pdfNumber(height)} re\nW n`);
}

/** Restores the graphics state saved by clipToRect. */
export function endClip(doc: PDFKit.PDFDocument): void {
  textInternalsOf(doc).addContent('Q');
}
