// The dataset: the real one loads, and each kind of bad data is rejected with the file and its JSON path.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deriveFigures } from '../src/dataset/derive.js';
import { loadDataset, parseDataset } from '../src/dataset/load.js';
import { InputError, type Problem } from '../src/errors.js';

const DATA_FILE = 'data/dgsn-2017.json';
const original = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as Record<string, any>;
const resolveSibling = (path: string) => join('data', path);

/** The problems reported for the real dataset after `change` (which edits a deep copy). */
function problemsAfter(change: (data: Record<string, any>) => void): Problem[] {
  const data = structuredClone(original);
  change(data);
  return problemsOf(JSON.stringify(data, null, 2));
}

function problemsOf(text: string): Problem[] {
  try {
    parseDataset(text, 'data/bad.json', resolveSibling);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('the dataset was accepted');
}

const places = (problems: Problem[]) => problems.map((problem) => `${problem.place}: ${problem.message}`);

describe('the DGSN 2017 dataset', () => {
  const dataset = loadDataset(DATA_FILE);

  it('loads with every section of the article', () => {
    expect(dataset.documents).toHaveLength(8);
    expect(dataset.communication).toHaveLength(4);
    expect(dataset.events).toHaveLength(1);
    expect(dataset.plans).toHaveLength(11);
    expect(dataset.publication.publishedAt).toBe('2017-12-22T14:00:00+00:00');
  });

  it('derives the share of ID cards for Moroccans abroad and the total of cards', () => {
    const { shares, totals } = deriveFigures(dataset);
    expect(shares.get('id-cards-moroccans-abroad')?.ratio).toBeCloseTo(206464 / 1965644, 12);
    expect(totals).toEqual([expect.objectContaining({ id: 'cards-total', value: 1965644 + 47914 + 476 + 1158875 })]);
  });
});

describe('bad data is rejected with its file and JSON path', () => {
  it('a missing field', () => {
    const problems = problemsAfter((data) => delete data.documents[3].value);
    expect(problems).toEqual([{ file: 'data/bad.json', place: '$.documents[3].value', message: 'missing field' }]);
  });

  it('a wrong type', () => {
    const problems = problemsAfter((data) => (data.documents[2].value = '47.914'));
    expect(places(problems)).toEqual(['$.documents[2].value: must be a number, not a string ("47.914")']);
  });

  it('a negative count', () => {
    const problems = problemsAfter((data) => (data.communication[1].value = -340));
    expect(places(problems)).toEqual(['$.communication[1].value: must not be negative (it counts things)']);
  });

  it('a count that is not a whole number', () => {
    const problems = problemsAfter((data) => (data.documents[7].value = 945.5));
    expect(places(problems)).toEqual(['$.documents[7].value: must be a whole number (it counts things)']);
  });

  it('a duplicate id', () => {
    const problems = problemsAfter((data) => (data.plans[4].id = 'id-cards'));
    expect(places(problems)).toEqual(['$.plans[4].id: duplicate id "id-cards" (already used at $.documents[0].id)']);
  });

  it('an unknown key', () => {
    const problems = problemsAfter((data) => (data.documents[0].vaule = 1));
    expect(places(problems)).toEqual(['$.documents[0].vaule: unknown key "vaule"']);
  });

  it('a part larger than its whole', () => {
    const problems = problemsAfter((data) => {
      data.documents[1].value = 2965644;
      data.documents[1].quote = 'من بينها 2965644 بطاقة';
      delete data.publication.article;
    });
    expect(places(problems)).toEqual([
      '$.documents[1].value: 2965644 is larger than 1965644, the value of "id-cards" it is a part of ($.documents[0].value)',
    ]);
  });

  it('a planned count with a part larger than the count', () => {
    const problems = problemsAfter((data) => (data.plans[4].count.parts[0].value = 12));
    expect(places(problems)).toContain('$.plans[4].count.parts[0].value: 12 is larger than 11, the count it is a part of');
  });

  it('a part of a figure that does not exist', () => {
    const problems = problemsAfter((data) => (data.documents[1].partOf = 'id-card'));
    expect(places(problems)).toEqual(['$.documents[1].partOf: no figure has the id "id-card"']);
  });

  it('invalid JSON, with line and column', () => {
    const text = JSON.stringify(original, null, 2).replace('"year": 2017,', '"year": 2017,,');
    expect(problemsOf(text)).toEqual([
      { file: 'data/bad.json', place: 'line 2, column 16', message: 'invalid JSON: property name expected' },
    ]);
  });

  it('a key given twice', () => {
    const text = JSON.stringify(original, null, 2).replace('"year": 2017,', '"year": 2017, "year": 2016,');
    expect(places(problemsOf(text))).toEqual(['$.year: key given twice (JSON keeps only the last)']);
  });

  it('a value its quote does not contain', () => {
    const problems = problemsAfter((data) => (data.documents[4].value = 1158876));
    expect(places(problems)).toEqual(['$.documents[4].value: 1158876 is not in its quote (looked for "1.158.876" or "1158876")']);
  });

  it('a count that its written-out words do not say', () => {
    const index = original.plans.findIndex((plan: { id: string }) => plan.id === 'new-buildings');
    const problems = problemsAfter((data) => (data.plans[index].count.value = 12));
    expect(places(problems)).toEqual([
      `$.plans[${index}].count.value: 12 does not match its "written" form "إحدى عشر", which says 11`,
    ]);
  });

  it('a written-out count that is not a number', () => {
    const index = original.plans.findIndex((plan: { id: string }) => plan.id === 'new-buildings');
    const problems = problemsAfter((data) => (data.plans[index].count.parts[0].written = 'بنايات'));
    expect(places(problems)).toContain(
      `$.plans[${index}].count.parts[0].value: "بنايات" (its "written" form) cannot be read as a number in Arabic words`,
    );
  });

  it('a quote that is not in the article', () => {
    const problems = problemsAfter((data) => (data.communication[3].quote = 'عقدت مصالح الأمن 15188 اجتماعا'));
    expect(places(problems)).toEqual(['$.communication[3].quote: quote not found in the article source-article.ar.txt']);
  });

  it('a total of figures that count different things', () => {
    const problems = problemsAfter((data) => data.totals[0].of.push('entry-visas'));
    expect(places(problems)[0]).toMatch(/^\$\.totals\[0\]\.of: cannot add up figures that count different things/);
  });

  it('a date without its offset', () => {
    const problems = problemsAfter((data) => (data.publication.publishedAt = '2017-12-22T14:00:00'));
    expect(places(problems)).toEqual([
      '$.publication.publishedAt: must be an ISO 8601 date-time with its offset, like 2017-12-22T14:00:00+00:00',
    ]);
  });

  it('every problem at once, one line each', () => {
    const problems = problemsAfter((data) => {
      delete data.documents[0].label;
      data.communication[0].value = -1;
      data.plans[0].extra = true;
    });
    expect(problems).toHaveLength(3);
    const error = new InputError(problems);
    expect(error.message.split('\n')).toEqual([
      'data/bad.json: $.documents[0].label: missing field',
      'data/bad.json: $.communication[0].value: must not be negative (it counts things)',
      'data/bad.json: $.plans[0].extra: unknown key "extra"',
    ]);
  });

  it('rules across records still run when some records fail the schema, without echoing those failures', () => {
    const problems = problemsAfter((data) => {
      data.documents[0].value = 'many'; // id-cards fails the schema...
      data.totals[0].of.push('nothing-here'); // ...so only this reference is unknown, not id-cards itself
      data.plans[1].id = 'emergency-line-19-application';
      data.plans[4].count.parts[0].value = 40;
    });
    expect(places(problems)).toEqual([
      '$.documents[0].value: must be a number, not a string ("many")',
      '$.plans[1].id: duplicate id "emergency-line-19-application" (already used at $.plans[0].id)',
      '$.plans[4].count.parts[0].value: 40 is larger than 11, the count it is a part of',
      '$.plans[4].count.parts[0].value: 40 does not match its "written" form "أربعة", which says 4',
      '$.totals[0].of[4]: no figure has the id "nothing-here"',
    ]);
  });

  it('a missing file', () => {
    expect(() => loadDataset('data/nope.json')).toThrow(/^data\/nope\.json: cannot read the dataset: no such file \(ENOENT\)$/);
  });
});
