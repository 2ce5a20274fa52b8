// A valid dataset with as many plan rows as asked (5 000 for scale tests), grown from the real one: every
// row is one of the article's plans with its own id and a numbered project name, so no two rows are the same
// text (a layout cache cannot make them free) and the 2018-plans table runs over many pages.
import { copyFileSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DEFAULT_DATA_FILE } from '../package-root.js';
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

/** The real dataset without its article (so a copy of it may be written anywhere: the quotes go unchecked). */
export function datasetWithoutArticle(baseFile: string = DEFAULT_DATA_FILE): Dataset {
  const dataset = readBaseDataset(baseFile);
  delete (dataset.publication as { article?: string }).article;
  return dataset;
}

/** Reads the dataset JSON at `baseFile` (the real dataset by default) without validating it. */
export function readBaseDataset(baseFile: string = DEFAULT_DATA_FILE): Dataset {
  return JSON.parse(readFileSync(baseFile, 'utf8')) as Dataset;
}

/**
 * Writes a large dataset grown from `baseFile` as JSON to `path` (through a temporary file) and returns the
 * path. Its article is copied beside `path`, so the quotes are still checked against the article.
 */
export function writeLargeDataset(path: string, planRows: number = LARGE_PLAN_ROWS, baseFile: string = DEFAULT_DATA_FILE): string {
  const base = readBaseDataset(baseFile);
  return writeDataset(path, largeDataset(base, planRows), base, baseFile);
}

/** The length of the bench's unbroken title: a run of text with no break opportunity in it. */
export const UNBROKEN_TITLE_LENGTH = 200_000;

/** `base` with a title of `length` characters and no space: its own title's letters, repeated. Every line
 *  break in it is an emergency break inside a word, which must cost time in proportion to the length. */
export function unbrokenTitleDataset(base: Dataset, length: number = UNBROKEN_TITLE_LENGTH): Dataset {
  const letters = base.publication.title.replace(/\s+/gu, '');
  const dataset = structuredClone(base);
  dataset.publication.title = letters.repeat(Math.ceil(length / letters.length)).slice(0, length);
  return dataset;
}

/** Writes `unbrokenTitleDataset` of the real dataset to `path`, its article beside it. */
export function writeUnbrokenTitleDataset(path: string, length: number = UNBROKEN_TITLE_LENGTH, baseFile: string = DEFAULT_DATA_FILE): string {
  const base = readBaseDataset(baseFile);
  return writeDataset(path, unbrokenTitleDataset(base, length), base, baseFile);
}

function writeDataset(path: string, dataset: Dataset, base: Dataset, baseFile: string): string {
  mkdirSync(dirname(path), { recursive: true });
  if (base.publication.article !== undefined) {
    // A dataset's article lies in its own folder (the build refuses one outside): a copy goes beside it.
    const article = resolve(dirname(resolve(baseFile)), base.publication.article);
    copyFileSync(article, join(dirname(resolve(path)), basename(article)));
    dataset.publication.article = basename(article);
  }
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(dataset, null, 2)}\n`);
  renameSync(temp, path);
  return path;
}
