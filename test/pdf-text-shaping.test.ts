// Shaping agrees glyph for glyph with HarfBuzz (the reference shaper), one bidi run at a time: HarfBuzz does
// no bidi, so each run the engine draws is shaped again by harfbuzzjs with the run's direction.
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParagraphSpec } from '../src/renderers/pdf/text/api.js';
import type { LoadedFace } from '../src/renderers/pdf/text/faces.js';
import { layoutLines } from '../src/renderers/pdf/text/index.js';
import { articleParagraphs, renderParagraphs, spec } from './fixtures/text/article.js';
import { fixtureBriefing, pipelineBriefing } from './fixtures/text/briefing.js';
import { harfbuzz, IGNORABLE } from './fixtures/text/harfbuzz.js';

/** HarfBuzz's glyph ids for one run, left to right, without the blank glyphs of bidi marks. */
function harfbuzzGlyphs(face: LoadedFace, text: string, rtl: boolean, before = '', after = ''): number[] {
  return harfbuzz(face.key, text, rtl, before, after)
    .filter((g) => !(g.xAdvance === 0 && IGNORABLE.test(g.text)))
    .map((g) => g.gid);
}

interface Mismatch {
  text: string;
  rtl: boolean;
  ours: number[];
  harfbuzz: number[];
}

/** Every run of every line of the paragraph, compared. */
function mismatches(paragraph: ParagraphSpec, width: number): { runs: number; mismatches: Mismatch[] } {
  const { prepared, lines } = layoutLines(paragraph, width);
  const found: Mismatch[] = [];
  let runs = 0;
  for (const line of lines) {
    for (const run of line.runs) {
      runs++;
      const text = prepared.text.slice(run.start, run.end);
      const harfbuzz = harfbuzzGlyphs(run.item.face, text, run.rtl, run.before, run.after);
      if (JSON.stringify(harfbuzz) !== JSON.stringify(run.shaped.glyphIds)) found.push({ text, rtl: run.rtl, ours: run.shaped.glyphIds, harfbuzz });
    }
  }
  return { runs, mismatches: found };
}

/** Known differences between fontkit and HarfBuzz, with the reason each is accepted. */
const EXCEPTIONS: { text: string; reason: string }[] = [];

function unexpected(found: Mismatch[]): Mismatch[] {
  return found.filter((m) => !EXCEPTIONS.some((e) => e.text === m.text));
}

const paragraphs = articleParagraphs();
const words = [...new Set(paragraphs.flatMap((p) => p.split(/\s+/)).filter(Boolean))];

describe('shaping matches HarfBuzz', () => {
  // Shape as the renderer does: after pdfkit has embedded the fonts (it touches fontkit's glyph cache).
  beforeAll(async () => {
    await renderParagraphs([spec('نص')]);
  });

  for (const [label, bold] of [['regular', false], ['bold', true]] as const) {
    it(`on every distinct word of the article (${label})`, () => {
      let runs = 0;
      const found: Mismatch[] = [];
      for (const word of words) {
        const r = mismatches(spec(word, { spans: [{ text: word, bold, italic: false }] }), Infinity);
        runs += r.runs;
        found.push(...r.mismatches);
      }
      expect(runs).toBeGreaterThanOrEqual(words.length);
      expect(unexpected(found)).toEqual([]);
    });

    it(`on every line of the article set 495 pt wide (${label})`, () => {
      let runs = 0;
      const found: Mismatch[] = [];
      for (const p of paragraphs) {
        const r = mismatches(spec(p, { spans: [{ text: p, bold, italic: false }] }), 495);
        runs += r.runs;
        found.push(...r.mismatches);
      }
      expect(runs).toBeGreaterThan(paragraphs.length);
      expect(unexpected(found)).toEqual([]);
    });
  }

  const briefings = [
    ['the briefing model of the page-layout tests', fixtureBriefing()],
    ['the briefing built from data/dgsn-2017.json', pipelineBriefing('briefing.ar')],
    ['the French edition built from data/dgsn-2017.json', pipelineBriefing('briefing.fr')],
  ] as const;
  for (const [label, briefing] of briefings) {
    it(`on every distinct word and every line of ${label}`, () => {
      const found: Mismatch[] = [];
      let runs = 0;
      const seen = new Set<string>();
      for (const { spec: paragraph, width } of briefing) {
        const r = mismatches(paragraph, width);
        runs += r.runs;
        found.push(...r.mismatches);
        for (const span of paragraph.spans) {
          for (const word of span.text.split(/\s+/)) {
            if (!word || seen.has(`${span.bold}${word}`)) continue;
            seen.add(`${span.bold}${word}`);
            found.push(...mismatches({ ...paragraph, spans: [{ ...span, text: word }] }, Infinity).mismatches);
          }
        }
      }
      expect(runs).toBeGreaterThan(10);
      expect(unexpected(found)).toEqual([]);
    });
  }

  it('on mixed runs: brackets, Intl numbers, Arabic-Indic digits, marks', () => {
    const percent = new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.105);
    const samples = [
      '(14 و15 و16 شتنبر 2017)',
      `بنسبة ${percent} من المجموع`,
      'الأرقام ٠١٢٣٤٥٦٧٨٩ هنا',
      'تحرير من طرف Le360 مع و.م.ع',
      'مُحَمَّدٌ رَسُولُ اللَّهِ',
      'ب\u200d و\u200dب', // ZWJ: joining forms without a neighbour
      'می\u200cخواهم', // ZWNJ: no join
      '«الأمن» [نص] {x} <y>',
    ];
    const found = samples.flatMap((s) => mismatches(spec(s), Infinity).mismatches);
    expect(unexpected(found)).toEqual([]);
  });

  it('on words whose style changes between letters, shaped with the letters around them as context', () => {
    const split = (parts: [string, boolean][]): ParagraphSpec => ({ ...spec(''), spans: parts.map(([text, bold]) => ({ text, bold, italic: false })) });
    const samples = [
      split([['ال', false], ['مغرب', true]]),
      split([['بطا', true], ['قة', false], [' تعر', false], ['يف', true]]),
      split([['لل', false], ['أمن', true]]),
      split([['مُحَ', false], ['مَّدٌ', true]]),
    ];
    let contexts = 0;
    for (const sample of samples) {
      const { lines } = layoutLines(sample, Infinity);
      contexts += lines.flatMap((l) => l.runs).filter((r) => r.before || r.after).length;
      expect(unexpected(mismatches(sample, Infinity).mismatches)).toEqual([]);
    }
    expect(contexts).toBeGreaterThanOrEqual(samples.length * 2 - 1);
  });
});
