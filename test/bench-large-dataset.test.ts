// The large-dataset generator feeds the bench and the CLI's scale test: what it writes must load through the
// real loader (schema, cross-record rules, quotes checked against the article) with exactly the rows asked for.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { largeDataset, LARGE_PLAN_ROWS, readBaseDataset, writeLargeDataset } from '../src/bench/large-dataset.js';
import { loadDataset } from '../src/dataset/load.js';

const work = mkdtempSync(join(tmpdir(), 'large-dataset-test-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('writeLargeDataset', () => {
  const file = writeLargeDataset(join(work, 'nested', 'large.json'));
  const dataset = loadDataset(file);

  it('writes a dataset the real loader accepts, quotes checked against the article', () => {
    expect(dataset.publication.article, 'the article link still resolves from the new place').toBeDefined();
    expect(readFileSync(join(work, 'nested', dataset.publication.article!), 'utf8')).toContain(dataset.plans[0]!.quote);
  });

  it('has 5 000 plan rows by default, each with its own id and its own project name', () => {
    expect(LARGE_PLAN_ROWS).toBe(5000);
    expect(dataset.plans).toHaveLength(5000);
    expect(new Set(dataset.plans.map((plan) => plan.id)).size).toBe(5000);
    expect(new Set(dataset.plans.map((plan) => plan.project.ar)).size).toBe(5000);
  });

  it('keeps the rest of the real dataset as it is', () => {
    const base = readBaseDataset();
    expect(dataset.documents).toEqual(base.documents);
    expect(dataset.communication).toEqual(base.communication);
    expect(dataset.totals).toEqual(base.totals);
    expect(dataset.plans[0]!.quote).toBe(base.plans[0]!.quote);
    expect(dataset.plans[base.plans.length]!.area).toEqual(base.plans[0]!.area);
  });

  it('writes the number of rows asked for', () => {
    expect(loadDataset(writeLargeDataset(join(work, 'small.json'), 37)).plans).toHaveLength(37);
  });
});

describe('largeDataset', () => {
  const base = readBaseDataset();

  it('is deterministic and leaves its input alone', () => {
    const before = JSON.stringify(base);
    expect(JSON.stringify(largeDataset(base, 500))).toBe(JSON.stringify(largeDataset(base, 500)));
    expect(JSON.stringify(base)).toBe(before);
  });

  it('numbers the rows from 1 in the project name', () => {
    const plans = largeDataset(base, 3).plans;
    expect(plans[2]!.project.ar).toBe(`${base.plans[2]!.project.ar} (3)`);
    expect(plans[2]!.id).toBe(`${base.plans[2]!.id}-row-3`);
  });

  it('refuses a row count that is not a whole number of zero or more', () => {
    expect(() => largeDataset(base, -1)).toThrow(RangeError);
    expect(() => largeDataset(base, 2.5)).toThrow(RangeError);
  });
});
