// A valid dataset with as many plan rows as asked (5 000 for scale tests), grown from the real one: every
// row is one of the article's plans with its own id and a numbered project name, so no two rows are the same
// text (a layout cache cannot make them free) and the 2018-plans table runs over many pages.
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { DEFAULT_DATA_FILE } from '../build/package.js';
import type { Dataset, Label, Plan } from '../dataset/schema.js';

/** The default large size: the scale tests' 5 000 plan rows. */
export const LARGE_PLAN_ROWS = 5000;

/**
 * `base` with exactly `planRows` plans, cycling through its own plans. Row n (from 1) gets the id
 * `<plan id>-row-<n>` and " (n)" after its project name; everything else (area, place, count, quote) is the
 * real plan's (quotes verbatim), so every cross-record rule the real dataset passes, this one passes too.
 */
export function largeDataset(base: Dataset, planRows: number = LARGE_PLAN_ROWS): Dataset {
  if (!Number.isSafeInteger(planRows) || planRows < 0) throw new RangeError(`planRows must be a whole number ≥ 0, got ${planRows}`);
  if (base.plans.length === 0 && planRows > 0) throw new RangeError('the base dataset has no plans to repeat');
  const plans: Plan[] = [];
  for (let row = 1; row <= planRows; row++) {
    const plan = base.plans[(row - 1) % base.plans.length]!;
    plans.push({ ...plan, id: `${plan.id}-row-${row}`, project: numbered(plan.project, row) });
  }
  return { ...structuredClone(base), plans };
}

function numbered(label: Label, row: number): Label {
  return { ar: `${label.ar} (${row})`, fr: `${label.fr} (${row})` };
}

/** Reads the dataset JSON at `baseFile` (the real dataset by default) without validating it. */
export function readBaseDataset(baseFile: string = DEFAULT_DATA_FILE): Dataset {
  return JSON.parse(readFileSync(baseFile, 'utf8')) as Dataset;
}

/**
 * Writes a large dataset grown from `baseFile` as JSON to `path` (through a temporary file) and returns the
 * path. Its article link is rewritten relative to `path`, so the quotes are still checked against the article.
 */
export function writeLargeDataset(path: string, planRows: number = LARGE_PLAN_ROWS, baseFile: string = DEFAULT_DATA_FILE): string {
  const base = readBaseDataset(baseFile);
  const dataset = largeDataset(base, planRows);
  if (base.publication.article !== undefined) {
    const article = resolve(dirname(resolve(baseFile)), base.publication.article);
    dataset.publication.article = relative(dirname(resolve(path)), article);
  }
  mkdirSync(dirname(path), { recursive: true });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(dataset, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}
