// Font choice per run: the body face by weight, emphasis (italic) as a weight step with a synthetic slant for
// runs without Arabic letters, and a fallback face for characters the body face lacks.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { layoutLines } from '../src/text/index.js';
import { createTextEngine } from '../src/renderers/pdf/text-engine.js';
import { spec } from './fixtures/text/article.js';
import type { DocumentModel } from '../src/model/types.js';
import { briefingDocument, describeWithTools, renderModel, run } from './helpers/pdf.js';

const faceOf = (text: string, style: { bold: boolean; italic: boolean }) =>
  layoutLines(spec(text, { spans: [{ text, ...style }] }), Infinity).lines[0]!.runs.map((r) => r.item.face.face.path.split('/').pop());

describe('font choice', () => {
  it('sets regular and bold text in IBM Plex Sans Arabic', () => {
    expect(new Set(faceOf('الأمن الوطني 2017 DGSN', { bold: false, italic: false }))).toEqual(new Set(['IBMPlexSansArabic_400Regular.ttf']));
    expect(new Set(faceOf('الأمن الوطني', { bold: true, italic: false }))).toEqual(new Set(['IBMPlexSansArabic_700Bold.ttf']));
  });

  it('sets emphasis one weight up (Medium), in Arabic and Latin alike', () => {
    expect(new Set(faceOf('نص مؤكد Latin', { bold: false, italic: true }))).toEqual(new Set(['IBMPlexSansArabic_500Medium.ttf']));
    expect(new Set(faceOf('نص مؤكد', { bold: true, italic: true }))).toEqual(new Set(['IBMPlexSansArabic_700Bold.ttf']));
  });

  it('falls back to Noto Sans Arabic for a character the body face lacks (U+202F narrow no-break space), one run per face', () => {
    const runs = layoutLines(spec('10\u202f000 درهم'), Infinity).lines[0]!.runs;
    const faces = runs.map((r) => [r.shapingText, r.item.face.face.family]);
    expect(faces).toContainEqual(['\u202f', 'Noto Sans Arabic']);
    expect(faces.filter(([, family]) => family === 'Noto Sans Arabic')).toHaveLength(1);
  });

  it('slants italic Latin runs (12°), never Arabic runs nor digits inside Arabic emphasis', async () => {
    const doc = new PDFDocument({ size: 'A4', margin: 50, compress: false });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<void>((resolve) => doc.on('end', () => resolve()));
    const engine = createTextEngine(doc, () => {});
    const draw = (text: string) => {
      const line = engine.layout(spec(text, { spans: [{ text, bold: false, italic: true }] }), 400).lines[0]!;
      engine.drawLine(line, 50, 50, 400);
    };
    draw('نص مؤكد');
    draw('يرى النور سنة 2018');
    doc.addPage();
    draw('Latin emphasis');
    doc.end();
    await done;
    const pdf = Buffer.concat(chunks).toString('latin1');
    const pages = pdf.split(/\/Type \/Page\b/).length;
    expect(pages).toBeGreaterThan(1);
    // The slant is the text matrix's shear (y-down page: 1 0 tan -1 x y Tm); upright runs have 0 there.
    const slants = [...pdf.matchAll(/1 0 (0\.\d+) -1 [-\d.]+ [-\d.]+ Tm/g)].map((m) => Number(m[1]));
    expect(slants).toHaveLength(1);
    expect(slants[0]).toBeCloseTo(Math.tan((12 * Math.PI) / 180), 4);
  });
});

describeWithTools(['qpdf'], 'embedded font subsets', () => {
  /** Each embedded font file's bytes (decoded), keyed by the font's name without its subset tag. */
  function fontFiles(file: string): Map<string, string> {
    const json = JSON.parse(run('qpdf', ['--json', '--json-stream-data=inline', '--decode-level=generalized', file])) as {
      qpdf: [unknown, Record<string, { value?: Record<string, unknown>; stream?: { dict: Record<string, unknown>; data?: string } }>];
    };
    const objects = json.qpdf[1];
    const files = new Map<string, string>();
    for (const object of Object.values(objects)) {
      const dict = object.value;
      if (dict?.['/Type'] !== '/FontDescriptor') continue;
      const name = String(dict['/FontName']).replace(/^\/[A-Z]{6}\+/, '');
      const stream = objects[`obj:${String(dict['/FontFile2'])}`]?.stream;
      if (stream?.data) files.set(name, stream.data);
    }
    return files;
  }

  // That the glyphs are still drawn right through the font's CIDToGIDMap: chart.test.ts's reference image.
  it('embeds the same font file for two briefings that draw the same glyphs in another order (batches reuse it)', async () => {
    const { model } = await briefingDocument();
    // The title is drawn first: its digits are the bold face's first glyphs, in this order or the other.
    const titled = (title: string): DocumentModel => ({
      ...model,
      blocks: [{ kind: 'heading', level: 1, inlines: [{ kind: 'text', text: title, bold: false, italic: false }] }, ...model.blocks],
    });
    const first = fontFiles((await renderModel(titled('Région 1289'))).file);
    const second = fontFiles((await renderModel(titled('Région 9821'))).file);
    expect(first.size).toBeGreaterThanOrEqual(2);
    expect([...second.keys()].sort()).toEqual([...first.keys()].sort());
    for (const [name, data] of first) expect(second.get(name), name).toBe(data);
  });
});
