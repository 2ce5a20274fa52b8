// The formatting helpers: Intl in the template's locale, without the bidi marks Intl adds.
import { readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDate, formatDays, formatNumber, formatPercent, formatTime, wallClock } from '../src/template/helpers.js';
import { loadTemplate } from '../src/template/engine.js';
import { scratchDir } from './helpers/scratch.js';

describe('formatting in ar-MA, as Moroccan Arabic writes it', () => {
  it('numbers group thousands with dots', () => {
    expect(formatNumber('ar-MA', 1965644)).toBe('1.965.644');
    expect(formatNumber('ar-MA', 945)).toBe('945');
    expect(formatNumber('ar-MA', 15188)).toBe('15.188');
  });

  it('percentages have a decimal comma, one decimal at most, and no bidi marks', () => {
    expect(new Intl.NumberFormat('ar-MA', { style: 'percent', maximumFractionDigits: 1 }).format(0.105)).toContain('\u200e');
    expect(formatPercent('ar-MA', 206464 / 1965644)).toBe('10,5%');
    expect(formatPercent('ar-MA', 0.5)).toBe('50%');
  });

  it('dates are the wall-clock date the ISO string states, in its own offset', () => {
    expect(formatDate('ar-MA', '2017-12-22T14:00:00+00:00')).toBe('22 دجنبر 2017');
    // 23:30 in Casablanca at UTC+01:00 is still the 22nd there, though already the 22nd 22:30 UTC.
    expect(formatDate('ar-MA', '2019-12-22T23:30:00+01:00')).toBe('22 دجنبر 2019');
    expect(formatTime('ar-MA', '2017-12-22T14:00:00+00:00')).toBe('14:00');
    expect(formatDate('ar-MA', '2017-02-30')).toBeUndefined();
    expect(wallClock('not a date')).toBeUndefined();
  });

  it('several days of one month read as the article writes them', () => {
    expect(formatDays('ar-MA', ['2017-09-14', '2017-09-15', '2017-09-16'])).toBe('14 و15 و16 شتنبر 2017');
    expect(formatDays('ar-MA', ['2017-09-30', '2017-10-01'])).toBe('30 شتنبر 2017 و1 أكتوبر 2017');
    expect(formatDays('ar-MA', ['2017-09-14'])).toBe('14 شتنبر 2017');
  });

  it('keeps the one mark that matters: before the sign of a negative number', () => {
    expect(formatNumber('ar-MA', -1234)).toBe('\u200e-1.234');
    expect(formatPercent('ar-MA', -0.105)).toBe('\u200e-10,5%');
  });

  it('no helper output for counts, shares and dates carries U+200E, U+200F or U+061C', () => {
    const outputs = [formatNumber('ar-MA', 1234567), formatPercent('ar-MA', 0.333), formatDate('ar-MA', '2017-12-22'), formatTime('ar-MA', '2017-12-22T09:05:00Z')];
    for (const output of outputs) expect(output).not.toMatch(/[\u200e\u200f\u061c]/);
  });
});

describe('compiled templates', () => {
  it('are reused while unchanged and recompiled when a file changes', () => {
    const dir = scratchDir('briefing-cache-');
    mkdirSync(join(dir, 'partials'));
    const page = (body: string) => `<html lang="ar-MA" dir="rtl"><head><title>t</title><meta name="date" content="2017-12-22T14:00:00+00:00"></head><body>${body}</body></html>`;
    writeFileSync(join(dir, 'b.hbs'), page('<p>{{number n}}</p>'));
    const first = loadTemplate('b', dir);
    expect(loadTemplate('b', dir)).toBe(first);
    expect(first.render({ n: 1965644 })).toContain('<p>1.965.644</p>');

    writeFileSync(join(dir, 'b.hbs'), page('<p>{{> p}}</p>'));
    writeFileSync(join(dir, 'partials', 'p.hbs'), '{{percent n}}');
    const later = new Date(Date.now() + 5000);
    utimesSync(join(dir, 'b.hbs'), later, later);
    const second = loadTemplate('b', dir);
    expect(second).not.toBe(first);
    expect(second.render({ n: 0.105 })).toContain('<p>10,5%</p>');
    expect(readFileSync(join(dir, 'b.hbs'), 'utf8')).toContain('{{> p}}');
  });

  it('use the literal lang of <html> as their locale', () => {
    const dir = scratchDir('briefing-locale-');
    writeFileSync(join(dir, 'f.hbs'), '<html lang="fr-FR" dir="ltr"><head><title>t</title><meta name="date" content="2017-12-22T14:00:00+00:00"></head><body><p>{{number n}} {{date d}}</p></body></html>');
    const template = loadTemplate('f', dir);
    expect(template.locale).toBe('fr-FR');
    expect(template.render({ n: 1965644, d: '2017-12-22T14:00:00+00:00' })).toContain('<p>1\u202f965\u202f644 22 décembre 2017</p>');
  });

  it('give no access to prototype properties: an inherited name is a missing variable at its line and column', () => {
    const dir = scratchDir('briefing-proto-');
    for (const [name, column] of [['constructor', 68], ['__proto__', 68], ['toString', 68]] as const) {
      writeFileSync(join(dir, `p-${column}-${name}.hbs`), `<html lang="ar" dir="rtl"><head><title>t</title></head><body><p>[{{o.${name}}}]</p></body></html>`);
      expect(() => loadTemplate(`p-${column}-${name}`, dir).render({ o: {} })).toThrow(`line 1, column ${column}: "${name}" is not defined (missing variable)`);
    }
  });

  it('name the line and column of a field looked up in a number or a string', () => {
    const dir = scratchDir('briefing-primitive-');
    writeFileSync(join(dir, 'n.hbs'), '<html lang="ar" dir="rtl"><head><title>t</title></head><body><p>{{year.x}} {{title.length}}</p></body></html>');
    expect(() => loadTemplate('n', dir).render({ year: 2017, title: 't' })).toThrow(/line 1, column 6\d: "x" is not defined: it is looked up in a number \(2017\)/);
  });
});
