// The engine's glyphs are HarfBuzz's: every run it lays out is shaped again by hb-shape (libharfbuzz-bin) on the
// same font file, with the same context, direction and script, and must give the same glyph ids.
import { describe, expect, it } from 'vitest';
import type { ParagraphSpec, VisualRun } from '../src/text/index.js';
import { layoutLines } from '../src/text/index.js';
import { isRightToLeftScript } from '../src/text/segmentation.js';
import { articleParagraphs, spec } from './fixtures/text/article.js';
import { fixtureBriefing, pipelineBriefing } from './fixtures/text/briefing.js';
import { hbShape, hbShapeLines } from './fixtures/text/hb-shape.js';
import { missingTool } from './fixtures/text/extract.js';

const skip = missingTool('hb-shape', 'libharfbuzz-bin');

/** The direction HarfBuzz shapes a run in: its script's (an override reverses the glyphs after). */
const shapedRtl = (run: VisualRun) => (run.item.script && run.item.script !== 'Zzzz' ? isRightToLeftScript(run.item.script) : run.rtl);

interface Mismatch {
  text: string;
  ours: number[];
  reference: number[];
}

/** Every run of every line, compared with hb-shape given the paragraph's text around the run as context. */
function mismatches(paragraph: ParagraphSpec, width: number): { runs: number; mismatches: Mismatch[] } {
  const { prepared, lines } = layoutLines(paragraph, width);
  const found: Mismatch[] = [];
  let runs = 0;
  for (const line of lines) {
    for (const run of line.runs) {
      if (shapedRtl(run) !== run.rtl) continue; // an override: tested below
      runs++;
      const text = prepared.shapingText.slice(run.start, run.end);
      // The line's runs are the paragraph's shaping, cut; a run cut at an unsafe break was shaped with the line alone.
      const lo = run.start === line.start ? line.start : 0;
      const hi = run.end >= line.contentEnd ? line.contentEnd : prepared.text.length;
      const reference = hbShape(run.item.face.key, text, {
        rtl: run.rtl,
        script: run.item.script,
        before: prepared.shapingText.slice(Math.max(lo, run.start - 16), run.start),
        after: prepared.shapingText.slice(run.end, Math.min(hi, run.end + 16)),
      });
      if (JSON.stringify(reference) !== JSON.stringify(run.shaped.glyphIds)) found.push({ text, ours: run.shaped.glyphIds, reference });
    }
  }
  return { runs, mismatches: found };
}

/** Distinct words, each shaped alone, compared with one hb-shape call per face, direction and script. */
function wordMismatches(words: readonly string[], bold: boolean): { runs: number; mismatches: Mismatch[] } {
  const groups = new Map<string, { face: string; rtl: boolean; script: string; texts: string[]; ours: number[][] }>();
  for (const word of words) {
    const { prepared, lines } = layoutLines(spec(word, { spans: [{ text: word, bold, italic: false }] }), Infinity);
    for (const run of lines[0]!.runs) {
      if (shapedRtl(run) !== run.rtl || lines[0]!.runs.length > 1) continue;
      const key = `${run.item.face.key}|${run.rtl}|${run.item.script}`;
      const group = groups.get(key) ?? groups.set(key, { face: run.item.face.key, rtl: run.rtl, script: run.item.script, texts: [], ours: [] }).get(key)!;
      group.texts.push(prepared.shapingText.slice(run.start, run.end));
      group.ours.push(run.shaped.glyphIds);
    }
  }
  const found: Mismatch[] = [];
  let runs = 0;
  for (const group of groups.values()) {
    const reference = hbShapeLines(group.face, group.texts, { rtl: group.rtl, script: group.script });
    group.texts.forEach((text, i) => {
      runs++;
      if (JSON.stringify(reference[i]) !== JSON.stringify(group.ours[i])) found.push({ text, ours: group.ours[i]!, reference: reference[i]! });
    });
  }
  return { runs, mismatches: found };
}

const paragraphs = articleParagraphs();
const words = [...new Set(paragraphs.flatMap((p) => p.split(/\s+/)).filter(Boolean))];

describe.skipIf(skip)('shaping is HarfBuzz’s, glyph for glyph (hb-shape on the same font)', () => {
  for (const [label, bold] of [['regular', false], ['bold', true]] as const) {
    it(`on every distinct word of the article (${label})`, () => {
      const { runs, mismatches: found } = wordMismatches(words, bold);
      expect(runs).toBeGreaterThanOrEqual(words.length * 0.9);
      expect(found).toEqual([]);
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
      expect(found).toEqual([]);
    });
  }

  const briefings = [
    ['the briefing model of the page-layout tests', fixtureBriefing()],
    ['the briefing built from data/dgsn-2017.json', pipelineBriefing('briefing.ar')],
    ['the French edition built from data/dgsn-2017.json', pipelineBriefing('briefing.fr')],
  ] as const;
  for (const [label, briefing] of briefings) {
    it(`on every line of ${label}`, () => {
      const found: Mismatch[] = [];
      let runs = 0;
      for (const { spec: paragraph, width } of briefing) {
        const r = mismatches(paragraph, width);
        runs += r.runs;
        found.push(...r.mismatches);
      }
      expect(runs).toBeGreaterThan(10);
      expect(found).toEqual([]);
    });
  }

  it('on mixed runs: brackets, Intl numbers, Arabic-Indic digits, marks, joiners, fallback scripts', () => {
    const percent = new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.105);
    const samples = [
      '(14 و15 و16 شتنبر 2017)',
      `بنسبة ${percent} من المجموع`,
      'الأرقام ٠١٢٣٤٥٦٧٨٩ هنا',
      'تحرير من طرف Le360 مع و.م.ع',
      'مُحَمَّدٌ رَسُولُ اللَّهِ',
      'خَيْرٌ مُشْتَرَكَةٌ',
      'ب\u200d و\u200dب', // ZWJ: joining forms without a neighbour
      'می\u200cخواهم', // ZWNJ: no join
      '«الأمن» [نص] {x} <y>',
      'ⵜⴰⵎⴰⵣⵉⵖⵜ ڢ עברית ⟨x⟩',
    ];
    const found = samples.flatMap((s) => mismatches(spec(s), Infinity).mismatches);
    expect(found).toEqual([]);
  });

  it('on words whose style changes between letters: each part keeps the joins of the whole word', () => {
    const split = (parts: [string, boolean][]): ParagraphSpec => ({ ...spec(''), spans: parts.map(([text, bold]) => ({ text, bold, italic: false })) });
    const samples = [split([['ال', false], ['مغرب', true]]), split([['بطا', true], ['قة', false], [' تعر', false], ['يف', true]]), split([['مُحَ', false], ['مَّدٌ', true]])];
    for (const sample of samples) {
      expect(mismatches(sample, Infinity).mismatches).toEqual([]);
      // The letters on both sides of the style change are in their joining (medial/initial/final) forms: the bold
      // part shaped alone would start with an initial or isolated form instead.
      const { lines } = layoutLines(sample, Infinity);
      const alone = layoutLines({ ...sample, spans: [{ ...sample.spans[1]!, text: sample.spans[1]!.text.trim() }] }, Infinity).lines[0]!.runs[0]!.shaped.glyphIds;
      const inWord = lines[0]!.runs.find((r) => r.item.style === (sample.spans[1]!.bold ? 1 : 0) && r.start === sample.spans[0]!.text.length)!.shaped.glyphIds;
      expect(inWord).not.toEqual(alone);
    }
  });
});
