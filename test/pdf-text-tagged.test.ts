// The text engine inside tagged PDF: what it draws for a line stays inside the line's marked-content sequence,
// so structure-based extraction (`pdfinfo -struct-text`, screen readers) gets the whole line. Poppler's
// MarkedContentOutputDev ends an MCID at the first EMC after it, even the EMC of a nested sequence without an
// MCID (an ActualText span), and drops the rest of the line: the engine keeps what it can out of such spans.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import type { ParagraphSpec } from '../src/text/index.js';
import { createTextEngine } from '../src/renderers/pdf/text-engine.js';
import { spec } from './fixtures/text/article.js';
import { missingTool } from './fixtures/text/extract.js';

/** A tagged PDF with one P element per paragraph, each line drawn inside the P's marked content. */
async function taggedPdf(specs: ParagraphSpec[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, tagged: true, lang: 'ar', info: { CreationDate: new Date(0) } });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  const engine = createTextEngine(doc, () => {});
  const root = doc.struct('Document');
  doc.addStructure(root);
  let y = 50;
  for (const s of specs) {
    for (const line of engine.layout(s, 495).lines) {
      const element = doc.struct('P');
      root.add(element);
      const marked = doc.markStructureContent('P');
      engine.drawLine(line, 50, y, 495);
      doc.endMarkedContent();
      element.add(marked);
      element.end();
      y += line.height;
    }
  }
  root.end();
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

function structText(pdf: Buffer): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'pdf-text-tagged-'));
  try {
    writeFileSync(join(dir, 'in.pdf'), pdf);
    const out = execFileSync('pdfinfo', ['-struct-text', join(dir, 'in.pdf')], { encoding: 'utf8' });
    return [...out.matchAll(/^\s*"(.*)"$/gm)].map((m) => m[1]!);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The characters of a text, white space and right-to-left marks aside, sorted: structure text is read in
 *  drawing (visual) order, so only what is there can be compared, not its order. */
const letters = (text: string) => [...text.replace(/[\s\u200f]/g, '')].sort().join('');

const missing = missingTool('pdfinfo', 'poppler-utils');

describe.skipIf(missing !== null)(`structure text${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('holds every character of a line with mirrored brackets, numbers and separators', async () => {
    const lines = ['المديرية العامة للأمن الوطني (DGSN) تعلن', 'ولد سنة (1609) في فاس، ثم رحل', 'إصدار 2017. وقد تم، خلال (14 و15 و16 شتنبر 2017)'];
    const got = structText(await taggedPdf(lines.map((line) => spec(line))));
    expect(got.map(letters)).toEqual(lines.map(letters));
  });

  it('holds every character of a bold title whose kerning opens gaps inside words', async () => {
    const title = 'الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017';
    const got = structText(await taggedPdf([spec(title, { size: 18, spans: [{ text: title, bold: true, italic: false }] })]));
    expect(letters(got.join(''))).toBe(letters(title));
  });
});
