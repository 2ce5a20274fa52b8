// Rules that need the whole dataset, checked after the schema: unique ids, parts that exist and fit in their
// wholes, totals of like figures, values written in their quotes, quotes found in the article.
import type { Problem } from '../errors.js';
import { readArabicNumberWords } from './arabic-number-words.js';
import { jsonPath, type PathSegment } from './json-path.js';
import {
  eventSchema,
  factSchema,
  figureSchema,
  ID_COLLECTIONS,
  planSchema,
  publicationSchema,
  totalSchema,
  type Dataset,
  type Figure,
  type Publication,
} from './schema.js';

type Collection = (typeof ID_COLLECTIONS)[number];

/** A dataset whose records may each have failed the schema (null), so the rules can still run on the rest. */
export type CheckableDataset = { [K in Collection]: (Dataset[K][number] | null)[] } & {
  publication: Publication | null;
  /** Ids of the records that failed the schema: references to them are not reported again as unknown. */
  invalidRecordIds: Set<string>;
};

/** The records of `raw` that pass their own schema, at their own indices; the others are null. */
export function salvageRecords(raw: unknown): CheckableDataset {
  const root = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
  const records = <T>(key: Collection, schema: { safeParse(value: unknown): { success: boolean; data?: T } }): (T | null)[] => {
    const list = root[key];
    return Array.isArray(list) ? list.map((item) => schema.safeParse(item).data ?? null) : [];
  };
  const invalidRecordIds = new Set<string>();
  for (const key of ID_COLLECTIONS) {
    const list = root[key];
    if (!Array.isArray(list)) continue;
    for (const item of list) {
      const id = (item as { id?: unknown } | null)?.id;
      if (typeof id === 'string') invalidRecordIds.add(id);
    }
  }
  const salvaged = {
    invalidRecordIds,
    publication: publicationSchema.safeParse(root.publication).data ?? null,
    documents: records('documents', figureSchema),
    communication: records('communication', figureSchema),
    events: records('events', eventSchema),
    facts: records('facts', factSchema),
    plans: records('plans', planSchema),
    totals: records('totals', totalSchema),
  };
  for (const key of ID_COLLECTIONS) for (const record of salvaged[key]) if (record) invalidRecordIds.delete(record.id);
  return salvaged;
}

export interface ValidationContext {
  /** The dataset file as the user named it. */
  file: string;
  /** The article's text when the dataset names one (`publication.article`), else undefined. */
  article?: { file: string; text: string } | undefined;
}

/** Every problem found, in document order; an empty list means the dataset is sound. */
export function validateDataset(dataset: Dataset | CheckableDataset, context: ValidationContext): Problem[] {
  const problems: Problem[] = [];
  const checks: Checks = {
    dataset,
    report: (path, message) => problems.push({ file: context.file, place: jsonPath(path), message }),
    // A reference to a record that failed the schema is not a second problem.
    failedIds: 'invalidRecordIds' in dataset ? dataset.invalidRecordIds : new Set<string>(),
    figures: figuresById(dataset),
  };
  checkUniqueIds(checks);
  checkParts(checks);
  checkPlanParts(checks);
  checkTotals(checks);
  checkWrittenValues(checks);
  if (context.article) checkQuotes(checks, context.article);
  return problems;
}

type FigureIndex = Map<string, { figure: Figure; path: PathSegment[] }>;

/** What every check reads and where it reports. */
interface Checks {
  dataset: Dataset | CheckableDataset;
  report: (path: PathSegment[], message: string) => void;
  failedIds: ReadonlySet<string>;
  figures: FigureIndex;
}

/** The figures (documents and communication) by id, the first of each id. */
function figuresById(dataset: Dataset | CheckableDataset): FigureIndex {
  const figures: FigureIndex = new Map();
  for (const collection of ['documents', 'communication'] as const) {
    dataset[collection].forEach((figure, index) => {
      if (figure && !figures.has(figure.id)) figures.set(figure.id, { figure, path: [collection, index] });
    });
  }

  return figures;
}

/** Ids are unique across every collection, so a `partOf` or a total can name any figure. */
function checkUniqueIds({ dataset, report }: Checks): void {
  const firstSeen = new Map<string, PathSegment[]>();
  for (const collection of ID_COLLECTIONS) {
    (dataset[collection] as ({ id: string } | null)[]).forEach((record, index) => {
      if (!record) return;
      const path: PathSegment[] = [collection, index, 'id'];
      const earlier = firstSeen.get(record.id);
      if (earlier) report(path, `duplicate id "${record.id}" (already used at ${jsonPath(earlier)})`);
      else firstSeen.set(record.id, path);
    });
  }

}

/** A part names an existing figure, not itself nor a loop, and is no larger than its whole. */
function checkParts({ report, failedIds, figures }: Checks): void {
  for (const [, { figure, path }] of figures) {
    if (figure.partOf === undefined) continue;
    const whole = figures.get(figure.partOf);
    if (figure.partOf === figure.id) report([...path, 'partOf'], 'a figure cannot be a part of itself');
    else if (!whole) {
      if (!failedIds.has(figure.partOf)) report([...path, 'partOf'], `no figure has the id "${figure.partOf}"`);
    }
    else if (whole.figure.partOf !== undefined && partChainLoops(figure.id, figures)) {
      report([...path, 'partOf'], `"${figure.id}" and "${figure.partOf}" are parts of each other`);
    } else if (figure.value > whole.figure.value) {
      report(
        [...path, 'value'],
        `${figure.value} is larger than ${whole.figure.value}, the value of "${whole.figure.id}" it is a part of (${jsonPath([...whole.path, 'value'])})`,
      );
    }
  }

}

/** A plan's parts are no larger than its count. */
function checkPlanParts({ dataset, report }: Checks): void {
  dataset.plans.forEach((plan, index) => {
    plan?.count?.parts?.forEach((part, partIndex) => {
      if (plan.count && part.value > plan.count.value) {
        report(
          ['plans', index, 'count', 'parts', partIndex, 'value'],
          `${part.value} is larger than ${plan.count.value}, the count it is a part of`,
        );
      }
    });
  });

}

/** A total adds up existing figures, each once, counting the same thing, never a part with its whole. */
function checkTotals({ dataset, report, failedIds, figures }: Checks): void {
  dataset.totals.forEach((total, index) => {
    if (!total) return;
    const members: Figure[] = [];
    total.of.forEach((memberId, memberIndex) => {
      const path: PathSegment[] = ['totals', index, 'of', memberIndex];
      const member = figures.get(memberId)?.figure;
      if (!member) {
        if (!failedIds.has(memberId)) report(path, `no figure has the id "${memberId}"`);
      }
      else if (total.of.indexOf(memberId) !== memberIndex) report(path, `"${memberId}" is listed twice`);
      else members.push(member);
    });
    const [first] = members;
    for (const member of members) {
      if (first && member.unit.ar !== first.unit.ar) {
        report(['totals', index, 'of'], `cannot add up figures that count different things ("${first.id}" counts ${first.unit.fr}, "${member.id}" counts ${member.unit.fr})`);
        break;
      }
      if (member.partOf !== undefined && members.some((other) => other.id === member.partOf)) {
        report(['totals', index, 'of'], `"${member.id}" is a part of "${member.partOf}": adding both counts it twice`);
      }
    }
  });

}

/**
 * A value must be written in its own quote, so a typo in either shows up; a value the article writes in words
 * must be the number those words say.
 */
function checkWrittenValues({ dataset, report, figures }: Checks): void {
  const checkWritten = (path: PathSegment[], value: number, written: string | undefined, quote: string) => {
    if (written !== undefined) {
      const said = readArabicNumberWords(written);
      if (said === undefined) report(path, `"${written}" (its "written" form) cannot be read as a number in Arabic words`);
      else if (said !== value) report(path, `${value} does not match its "written" form "${written}", which says ${said}`);
    }
    const forms = written !== undefined ? [written] : digitForms(value);
    if (!forms.some((form) => containsNumber(quote, form))) {
      report(path, `${value} is not in its quote (looked for ${forms.map((form) => `"${form}"`).join(' or ')})`);
    }
  };
  for (const [, { figure, path }] of figures) checkWritten([...path, 'value'], figure.value, figure.written, figure.quote);
  dataset.plans.forEach((plan, index) => {
    if (!plan?.count) return;
    checkWritten(['plans', index, 'count', 'value'], plan.count.value, plan.count.written, plan.quote);
    plan.count.parts?.forEach((part, partIndex) =>
      checkWritten(['plans', index, 'count', 'parts', partIndex, 'value'], part.value, part.written, plan.quote),
    );
    if (plan.due !== undefined && !containsNumber(plan.quote, String(plan.due))) {
      report(['plans', index, 'due'], `${plan.due} is not in its quote`);
    }
  });

}

/** Every quote is in the article. */
function checkQuotes({ dataset, report }: Checks, article: { file: string; text: string }): void {
  const text = normalizeSpace(article.text);
  const checkQuote = (path: PathSegment[], quote: string) => {
    if (!text.includes(normalizeSpace(quote))) report(path, `quote not found in the article ${article.file}`);
  };
  for (const collection of ID_COLLECTIONS) {
    if (collection === 'totals') continue;
    (dataset[collection] as ({ quote: string } | null)[]).forEach((record, index) => {
      if (record) checkQuote([collection, index, 'quote'], record.quote);
    });
  }
  if (dataset.publication) checkQuote(['publication', 'credit'], dataset.publication.credit);
}

function partChainLoops(start: string, figures: Map<string, { figure: Figure }>): boolean {
  const seen = new Set<string>();
  let current: string | undefined = start;
  while (current !== undefined) {
    if (seen.has(current)) return true;
    seen.add(current);
    current = figures.get(current)?.figure.partOf;
  }
  return false;
}

/** The ways the article writes a count in digits: grouped with dots (1.965.644) or not (15188). */
function digitForms(value: number): string[] {
  const plain = String(value);
  const grouped = plain.replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  return grouped === plain ? [plain] : [grouped, plain];
}

/** `form` occurs in `text` not as a piece of a longer number (945 is not in 1945). */
function containsNumber(text: string, form: string): boolean {
  if (!/^[\d.]+$/.test(form)) return text.includes(form);
  let from = 0;
  for (;;) {
    const at = text.indexOf(form, from);
    if (at < 0) return false;
    const before = text[at - 1] ?? '';
    const after = text[at + form.length] ?? '';
    const digitOrDotDigit = (char: string, next: string) => /\d/.test(char) || (char === '.' && /\d/.test(next));
    if (!/\d/.test(before) && !digitOrDotDigit(after, text[at + form.length + 1] ?? '')) return true;
    from = at + 1;
  }
}

function normalizeSpace(text: string): string {
  return text.replace(/\s+/g, ' ');
}
