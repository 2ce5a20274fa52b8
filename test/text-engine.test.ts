// The text engine's defects found with stress datasets (issue 11), each checked against what Chromium and
// LibreOffice do: overrides keep joining, vowelled text copies out exactly, Tifinagh and angle brackets are drawn,
// a word cut for lack of room keeps its forms, fallback letters match the body face's size.
import { describe, expect, it } from 'vitest';
import { createHtmlRenderer } from '../src/renderers/html/index.js';
import { docxRenderer } from '../src/renderers/docx/index.js';
import { layoutLines, uncoveredCharacters, type ParagraphSpec } from '../src/text/index.js';
import { faceChain, fallbackScale } from '../src/text/fonts.js';
import type { Warning } from '../src/errors.js';
import { briefingModel } from './fixtures/docx/briefing-model.js';
import { renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const glyphsOf = (s: ParagraphSpec, width = Infinity) => layoutLines(s, width).lines.map((line) => line.runs.flatMap((run) => run.shaped.glyphIds));
const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe('overrides change order, not shaping', () => {
  it('keeps Arabic joined inside a right-to-left override left open (closed at the end of the string)', () => {
    const word = 'للأجانب';
    const plain = glyphsOf(spec(word))[0]!;
    const overridden = layoutLines(spec(`كلمة \u202eABC ${word}\u202c`), Infinity).lines[0]!;
    const run = overridden.runs.find((r) => r.shapingText.includes(word))!;
    expect(run.shaped.glyphIds).toEqual(plain); // joined forms, in the same (right-to-left) order
    // ABC reads CBA, as UAX #9 says for an override.
    const latin = overridden.runs.find((r) => r.shapingText.includes('ABC'))!;
    expect(latin.shaped.glyphIds.slice(-3)).toEqual([...glyphsOf(spec('ABC', { direction: 'ltr' }))[0]!].reverse());
  });

  it('keeps Arabic joined inside a left-to-right override, its letters laid left to right', () => {
    const word = 'مرحبا';
    const plain = glyphsOf(spec(word))[0]!;
    const overridden = glyphsOf(spec(`\u202d${word}\u202c`))[0]!;
    expect(sorted(overridden)).toEqual(sorted(plain));
    expect(overridden).toEqual([...plain].reverse());
  });
});

describe('characters the body face lacks', () => {
  it('draws Tifinagh, Hebrew and angle brackets from the fallback chain (none uncovered)', () => {
    const text = 'ⵜⴰⵎⴰⵣⵉⵖⵜ עברית ⟨نص⟩ 〈نص〉 ڢ';
    expect(uncoveredCharacters(text)).toEqual([]);
    const families = new Set(layoutLines(spec(text), Infinity).lines[0]!.runs.map((run) => run.item.face.face.family));
    expect(families).toEqual(new Set(['IBM Plex Sans Arabic', 'Noto Sans Tifinagh', 'Noto Sans Hebrew', 'Noto Sans Math', 'Noto Sans Arabic']));
  });

  it('scales a fallback face to the body face’s x-height', () => {
    const body = faceChain(0).at(0);
    const noto = faceChain(0).covering(0x06a2)!;
    expect(noto.face.family).toBe('Noto Sans Arabic');
    expect(fallbackScale(noto, body)).toBeCloseTo(body.xHeight / noto.xHeight, 5);
    const run = layoutLines(spec('حرف ڢ هنا'), Infinity).lines[0]!.runs.find((r) => r.item.face === noto)!;
    expect(run.item.scale).toBeCloseTo(body.xHeight / noto.xHeight, 5);
  });

  it('the HTML warns of what no face has, the DOCX does not warn of a variation selector', async () => {
    const model = { ...briefingModel, blocks: [...briefingModel.blocks, { kind: 'paragraph' as const, role: 'body' as const, align: 'start' as const, inlines: [{ kind: 'text' as const, text: 'نص ☃ A\ufe0f', bold: false, italic: false }] }] };
    const html: Warning[] = [];
    await createHtmlRenderer({ embedFonts: false }).render(model, { warn: (w) => html.push(w) });
    expect(html.map((w) => w.codePoints)).toEqual([[0x2603]]);
    const docx: Warning[] = [];
    await docxRenderer.render(model, { warn: (w) => docx.push(w) });
    expect(docx.map((w) => w.codePoints)).toEqual([[0x2603]]);
  });
});

describe('a word wider than the line', () => {
  it('is cut keeping the joining forms the letters have in the whole word', () => {
    const word = 'والتطويروالتحديثوالتجهيز';
    const whole = glyphsOf(spec(word))[0]!;
    const lines = glyphsOf(spec(word), 40);
    expect(lines.length).toBeGreaterThan(1);
    // Right to left: the first line holds the word's start, drawn at the right end of the whole word's glyphs.
    expect(lines.flatMap((ids) => ids).length).toBe(whole.length);
    expect(sorted(lines.flat())).toEqual(sorted(whole));
    expect([...lines].reverse().flat()).toEqual(whole);
  });
});

const missing = missingTool('pdftotext', 'poppler-utils');

describe.skipIf(missing !== null)('vowelled text copies out exactly', () => {
  const LINES = ['خَيْرٌ', 'مُشْتَرَكَةٌ', 'مُحَمَّدٌ رَسُولُ اللَّهِ', 'الْأَمْنُ الْوَطَنِيُّ', 'بِطَاقَةُ التَّعْرِيفِ', 'شَهَادَةٌ', 'إِلِكْتُرُونِيَّةٌ', 'قُوَّةٌ'];
  it('gives every vowelled line back with its marks on their letters', async () => {
    const pdf = await renderParagraphs(LINES.map((line) => spec(line)));
    const copied = pdftotext(pdf.bytes).replace(/[\u200e\u200f]/g, '').split('\n').map((line) => line.trim()).filter(Boolean);
    expect(copied).toEqual(LINES);
  });

  // In a right-to-left line poppler reverses Tifinagh (its character table does not know the script as
  // left to right); in a left-to-right line it reads it as drawn.
  it('gives Tifinagh and angle brackets back', async () => {
    const pdf = await renderParagraphs([spec('Tamazight : ⵜⴰⵎⴰⵣⵉⵖⵜ ⟨x⟩ 〈y〉', { direction: 'ltr' }), spec('نص ⟨نص⟩')]);
    expect(pdf.warnings).toEqual([]);
    const copied = pdftotext(pdf.bytes).replace(/[\u200e\u200f]/g, '');
    expect(copied).toContain('ⵜⴰⵎⴰⵣⵉⵖⵜ');
    expect(copied).toContain('⟨x⟩ 〈y〉');
    expect(copied).toContain('نص ⟨نص⟩');
  });
});

describe('a text laid out at its own measured width', () => {
  it('stays on one line (key figures, table numbers): widths agree however their sums are taken', async () => {
    const { measureParagraph, layoutParagraph } = await import('../src/text/index.js');
    const samples = ['1\u202f965\u202f644', '3\u202f172\u202f909', '10,5\u00a0%', '1.965.644', 'بطاقة تعريف إلكترونية', 'ⵜⴰⵎⴰⵣⵉⵖⵜ 2017', 'Le360 مع و.م.ع'];
    for (const text of samples) {
      for (const size of [9, 11, 18, 21]) {
        for (const bold of [false, true]) {
          const s = spec(text, { size, spans: [{ text, bold, italic: false }] });
          expect(layoutParagraph(s, measureParagraph(s)).lines, `${text} at ${size} pt`).toHaveLength(1);
        }
      }
    }
  });

  it('is the width of its widest line as laid out without a limit, forced breaks and edge spaces included', async () => {
    const { measureParagraph, layoutParagraph } = await import('../src/text/index.js');
    const samples = ['بطاقة تعريف إلكترونية ', ' (4083)', 'سطر أول\u2028سطر ثان أطول من الأول', 'ligne\nsuivante plus longue', 'Le360\u2029و.م.ع', '', '   '];
    for (const text of samples) {
      for (const direction of ['rtl', 'ltr'] as const) {
        const s = spec(text, { direction });
        expect(measureParagraph(s), JSON.stringify(text)).toBe(layoutParagraph(s, Infinity).width);
      }
    }
  });
});
