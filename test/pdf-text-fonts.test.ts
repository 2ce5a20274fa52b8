// Font choice per run: the body face by weight, emphasis (italic) as a weight step with a synthetic slant for
// runs without Arabic letters, and a fallback face for characters the body face lacks.
import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { layoutLines } from '../src/text/index.js';
import { createTextEngine } from '../src/renderers/pdf/text-engine.js';
import { spec } from './fixtures/text/article.js';

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
    const slants = [...pdf.matchAll(/1 0 (0\.\d+) 1 [-\d.]+ 0 cm/g)].map((m) => Number(m[1]));
    expect(slants).toHaveLength(1);
    expect(slants[0]).toBeCloseTo(Math.tan((12 * Math.PI) / 180), 4);
  });
});
