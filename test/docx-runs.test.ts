// Direction runs: the DOCX marks a run right-to-left only where UAX #9 resolves it so, and drops Intl's bidi marks.
import { describe, expect, it } from 'vitest';
import { directionRuns, type DirectionRun } from '../src/renderers/docx/direction-runs.js';
import { text } from './fixtures/docx/briefing-model.js';

const runs = (...parts: Parameters<typeof text>[0][]) =>
  directionRuns(
    parts.map((part) => text(part)),
    'rtl',
  ).map((run) => (run.kind === 'text' ? [run.text, run.rtl] : ['<br>', null]));

describe('directionRuns', () => {
  it('puts figures inside Arabic text in left-to-right runs of their own', () => {
    expect(runs('إصدار 1.965.644 بطاقة، من بينها 206.464 بطاقة')).toEqual([
      ['إصدار ', true],
      ['1.965.644', false],
      [' بطاقة، من بينها ', true],
      ['206.464', false],
      [' بطاقة', true],
    ]);
  });

  it('keeps Latin words left to right and the spaces around them with the Arabic', () => {
    expect(runs('تحرير من طرف Le360 مع و.م.ع')).toEqual([
      ['تحرير من طرف ', true],
      ['Le360', false],
      [' مع و.م.ع', true],
    ]);
  });

  it('keeps brackets around figures in the right-to-left run, so Word mirrors them', () => {
    expect(runs('(14 و15 و16 شتنبر 2017)')).toEqual([
      ['(', true],
      ['14', false],
      [' و', true],
      ['15', false],
      [' و', true],
      ['16', false],
      [' شتنبر ', true],
      ['2017', false],
      [')', true],
    ]);
  });

  it("drops Intl's U+200E marks after using them, keeping a percentage in one left-to-right run", () => {
    const share = new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.607);
    expect(share).toContain('\u200e');
    expect(runs(`النسبة ${share} من المجموع`)).toEqual([
      ['النسبة ', true],
      ['60,7%', false],
      [' من المجموع', true],
    ]);
  });

  it('splits across inlines without merging different styles, and keeps line breaks in place', () => {
    const result = directionRuns(
      [text('مواصلة إحداث '), text('الفرق الجهوية', { bold: true }), { kind: 'break' }, text('سنة 2018')],
      'rtl',
    );
    expect(result).toEqual([
      { kind: 'text', text: 'مواصلة إحداث ', rtl: true, bold: false, italic: false },
      { kind: 'text', text: 'الفرق الجهوية', rtl: true, bold: true, italic: false },
      { kind: 'break' },
      { kind: 'text', text: 'سنة ', rtl: true, bold: false, italic: false },
      { kind: 'text', text: '2018', rtl: false, bold: false, italic: false },
    ]);
  });

  it('marks nothing right-to-left in a left-to-right paragraph of Latin text', () => {
    const result = directionRuns([text('Le360, 22/12/2017')], 'ltr') as DirectionRun[];
    expect(result.every((run) => !run.rtl)).toBe(true);
  });
});
