// Every figure is traceable to the article: its value, as the article writes it, is in its quote, and the quote
// is in the article. And the other way round: every number the article prints is in the dataset.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/dataset/load.js';

const article = readFileSync('data/source-article.ar.txt', 'utf8');
const dataset = loadDataset('data/dgsn-2017.json');
const figures = [...dataset.documents, ...dataset.communication];

/** How the article writes a count: 1.965.644 (ar-MA grouping) or 1646 (ungrouped), or in words. */
function writtenForms(value: number, written?: string): string[] {
  if (written !== undefined) return [written];
  return [new Intl.NumberFormat('ar-MA').format(value), String(value)];
}

describe('every figure comes from the article', () => {
  it.each(figures.map((figure) => [figure.id, figure] as const))('%s: value in its quote, quote in the article', (_id, figure) => {
    expect(article).toContain(figure.quote);
    expect(writtenForms(figure.value, figure.written).some((form) => figure.quote.includes(form))).toBe(true);
  });

  it.each(dataset.plans.map((plan) => [plan.id, plan] as const))('plan %s: quote in the article, counts in the quote', (_id, plan) => {
    expect(article).toContain(plan.quote);
    if (plan.count) {
      expect(writtenForms(plan.count.value, plan.count.written).some((form) => plan.quote.includes(form))).toBe(true);
      for (const part of plan.count.parts ?? []) {
        expect(writtenForms(part.value, part.written).some((form) => plan.quote.includes(form))).toBe(true);
      }
    }
  });

  it('the events and statements quote the article', () => {
    for (const record of [...dataset.events, ...dataset.facts]) expect(article).toContain(record.quote);
    expect(article).toContain(dataset.publication.credit);
    expect(article).toContain(dataset.publication.title);
  });

  it('the open days are the 14, 15 and 16 September 2017 of the article', () => {
    const [openDays] = dataset.events;
    expect(openDays?.days).toEqual(['2017-09-14', '2017-09-15', '2017-09-16']);
    expect(openDays?.quote).toContain('14 و15 و16 شتنبر 2017');
  });

  it('the publication date and time are the article\'s (Morocco was on UTC+00:00 in December 2017)', () => {
    expect(article).toContain('في 22/12/2017 على الساعة 14:00');
    expect(dataset.publication.publishedAt).toBe('2017-12-22T14:00:00+00:00');
  });

  it('the article prints no number the dataset lacks', () => {
    const known = new Set<string>();
    const add = (text: string) => known.add(text);
    for (const figure of figures) writtenForms(figure.value).forEach(add);
    for (const event of dataset.events) for (const day of event.days) add(String(Number(day.slice(8))));
    for (const year of [dataset.year, dataset.planYear]) add(String(year));
    for (const plan of dataset.plans) for (const number of plan.project.ar.match(/\d+/g) ?? []) add(number);
    const publication = dataset.publication;
    add(publication.publishedAt.slice(11, 16)); // 14:00
    for (const number of publication.source.ar.match(/\d+/g) ?? []) add(number); // Le360
    const date = publication.publishedAt.slice(0, 10).split('-').reverse().join('/'); // 22/12/2017

    const printed = article.replaceAll(date, '').replace(/14:00/g, ' 14:00 ').match(/\d[\d.:]*\d|\d/g) ?? [];
    expect(printed.filter((number) => !known.has(number))).toEqual([]);
  });
});
