// Visual order of mixed lines, checked by hand: each expectation lists the runs left to right as drawn, each
// run's characters as they appear on the page (right-to-left runs reversed, brackets mirrored).
// Reading aid: the page shows the string `runs.join('')`.
import { describe, expect, it } from 'vitest';
import type { ParagraphSpec } from '../src/text/index.js';
import { visualRuns } from '../src/text/index.js';
import { spec } from './fixtures/text/article.js';

const visual = (s: ParagraphSpec, width = Infinity) => visualRuns(s, width).map((line) => line.map((r) => r.visual));
const reversed = (s: string) => [...s].reverse().join('');

describe('visual order', () => {
  it('keeps 1.965.644 and 206.464 left to right inside an Arabic sentence', () => {
    expect(visual(spec('إصدار 1.965.644 بطاقة، من بينها 206.464 بطاقة'))).toEqual([
      [reversed(' بطاقة'), '206.464', reversed(' بطاقة، من بينها '), '1.965.644', reversed('إصدار ')],
    ]);
  });

  it('keeps Le360 whole and the Arabic around it right to left', () => {
    expect(visual(spec('تحرير من طرف Le360 مع و.م.ع'))).toEqual([[reversed(' مع و.م.ع'), 'Le360', reversed('تحرير من طرف ')]]);
  });

  it('mirrors the brackets of (14 و15 و16 شتنبر 2017)', () => {
    // On the page: ")2017 شتنبر 16و 15و 14(" read right to left, i.e. the bracket at the right opens.
    expect(visual(spec('(14 و15 و16 شتنبر 2017)'))).toEqual([['(', '2017', ' ربنتش ', '16', 'و ', '15', 'و ', '14', ')']]);
  });

  it('sets an Intl ar-MA percentage with its sign right of the number, and never draws its LRM marks', () => {
    const percent = new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.105);
    expect(percent).toBe('10,5\u200e%\u200e');
    const runs = visualRuns(spec(`بنسبة ${percent} من المجموع`))[0]!;
    // The LRMs make the sign a left-to-right neighbour of the number: one run, "10,5%", as Intl meant.
    expect(runs.map((r) => r.visual)).toEqual([reversed(' من المجموع'), '10,5%', reversed('بنسبة ')]);
    expect(runs.every((r) => !/[\u200e\u200f]/.test(r.visual))).toBe(true);
  });

  it('sets a line of Arabic-Indic digits left to right', () => {
    expect(visual(spec('٠١٢٣٤٥٦٧٨٩'))).toEqual([['٠١٢٣٤٥٦٧٨٩']]);
    expect(visual(spec('الأرقام ٠١٢٣ هنا'))).toEqual([[reversed(' هنا'), '٠١٢٣', reversed('الأرقام ')]]);
  });

  it('puts an Arabic phrase right to left inside a left-to-right paragraph', () => {
    expect(visual(spec('Source: Le360 مع و.م.ع today', { direction: 'ltr' }))).toEqual([['Source: Le360 ', reversed('مع و.م.ع'), ' today']]);
  });

  it('reorders each line on its own: a French phrase wrapped inside an Arabic paragraph reads left to right on both lines', () => {
    const lines = visual(spec('وتسمى بالفرنسية Direction générale de la sûreté nationale منذ سنوات'), 150);
    expect(lines.length).toBeGreaterThan(1);
    const latin = lines.map((runs) => runs.filter((r) => /[a-z]/.test(r)).join('|'));
    // The phrase continues on the next line: its first words on the first line, in their own order.
    expect(latin.filter(Boolean).join(' ').replace(/\s+/g, ' ').trim()).toBe('Direction générale de la sûreté nationale');
    for (const runs of lines) expect(runs.join('')).not.toMatch(/nationale.*Direction/);
  });

  it('orders lines logically: the first words of an RTL paragraph are on the first line, at its right', () => {
    const lines = visualRuns(spec('الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017'), 150);
    expect(lines.length).toBeGreaterThan(1);
    expect(lines[0]!.at(-1)!.text.startsWith('الأمن')).toBe(true);
    expect(lines.at(-1)!.some((r) => r.text === '2017')).toBe(true);
  });
});
