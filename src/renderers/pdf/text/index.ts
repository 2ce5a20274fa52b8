// PLACEHOLDER text engine: no bidi, no proper breaking. The text-engine work replaces this file's body while
// keeping `createTextEngine(doc, warn): TextEngine` (see api.ts).
import type PDFDocument from 'pdfkit';
import type { WarningSink } from '../../../errors.js';
import { faceFor } from '../../../fonts/index.js';
import type { LaidLine, ParagraphLayout, ParagraphSpec, TextEngine } from './api.js';

interface PlaceholderLine extends LaidLine {
  spec: ParagraphSpec;
}

export function createTextEngine(doc: PDFKit.PDFDocument, _warn: WarningSink): TextEngine {
  doc.registerFont('regular', faceFor('regular').path);
  doc.registerFont('bold', faceFor('bold').path);
  const textOf = (spec: ParagraphSpec) => spec.spans.map((s) => s.text).join('');
  const widthOf = (spec: ParagraphSpec, text: string) => doc.font('regular').fontSize(spec.size).widthOfString(text);
  return {
    measure: (spec) => widthOf(spec, textOf(spec)),
    layout(spec, maxWidth): ParagraphLayout {
      const words = textOf(spec).split(/\s+/).filter(Boolean);
      const lines: PlaceholderLine[] = [];
      let current = '';
      const push = (text: string) =>
        lines.push({ spec, text, width: widthOf(spec, text), baseline: spec.size * 1.1, height: spec.size * spec.lineHeight, last: false });
      for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if (current && widthOf(spec, candidate) > maxWidth) {
          push(current);
          current = word;
        } else current = candidate;
      }
      push(current);
      lines[lines.length - 1]!.last = true;
      return { lines, height: lines.reduce((h, l) => h + l.height, 0), width: Math.max(...lines.map((l) => l.width)) };
    },
    drawLine(line, x, y, boxWidth) {
      const { spec } = line as PlaceholderLine;
      const start = spec.direction === 'rtl' ? x + boxWidth - line.width : x;
      doc.font('regular').fontSize(spec.size).text(line.text, start, y, { lineBreak: false });
    },
  };
}

export type { PDFDocument };
