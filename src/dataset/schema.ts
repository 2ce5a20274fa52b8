// The dataset's shape, once: zod gives both the runtime check (every object strict, so a misspelt key is an
// error) and the TypeScript types. zod/mini: the same checks as classic zod with a functional API, a fraction
// of the code to load at start-up (every message here is our own, so mini's lack of default messages is moot). Cross-record rules (unique ids, parts within their wholes, quotes found in
// the article) need the whole dataset and live in validate.ts.
import * as z from 'zod/mini';

const nonEmpty = z.string().check(z.refine((text) => text.trim().length > 0, 'must not be empty'));

/** A stable, lowercase kebab-case identifier (`id-cards`), unique across the whole dataset. */
const id = z.string().check(z.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lowercase id like "id-cards" (a-z, 0-9, dashes)'));

/** How many of something: a whole number, zero or more. */
const count = z
  .number()
  .check(z.int('must be a whole number (it counts things)'), z.nonnegative('must not be negative (it counts things)'));

const year = z.number().check(z.int('must be a whole year'), z.gte(1900, 'must be a year (1900 or later)'), z.lte(2200, 'must be a year'));

/** The same thing in Arabic (the article's wording where the article says it) and in French. */
export const labelSchema = z.strictObject({ ar: nonEmpty, fr: nonEmpty });

/** A verbatim sentence or fragment of the article: where a fact comes from. */
const quote = nonEmpty;

/** How the article writes a number when it spells it in words (`إحدى عشر`); digits need nothing. */
const written = nonEmpty;

const dateTime = z.iso.datetime({ offset: true, local: false, error: 'must be an ISO 8601 date-time with its offset, like 2017-12-22T14:00:00+00:00' });
const day = z.iso.date({ error: 'must be an ISO 8601 date, like 2017-09-14' });

export const publicationSchema = z.strictObject({
  /** The article's headline. */
  title: nonEmpty,
  /** When the article was published, with the UTC offset then in force. */
  publishedAt: dateTime,
  /** The byline as printed (e.g. `DR`). */
  byline: nonEmpty,
  /** Who wrote it up, in each edition's language: `Le360 مع و.م.ع`, `Le360 avec la MAP` (the MAP, Maghreb Arabe
   *  Presse, is و.م.ع in Arabic). */
  source: labelSchema,
  /** The credit line as the article prints it. */
  credit: quote,
  /** The body whose results the article reports. */
  issuer: z.strictObject({ ar: nonEmpty, fr: nonEmpty, abbreviation: nonEmpty }),
  /** The communiqué the article reports on. */
  communique: labelSchema,
  /** The article's text, relative to the dataset file: when given, every quote must be found in it. */
  article: z.optional(nonEmpty),
});

/** A counted figure, as the article gives it. */
export const figureSchema = z.strictObject({
  id,
  value: count,
  /** The value as the article spells it, when not in digits. */
  written: z.optional(written),
  /** What is counted, e.g. {ar: "بطاقة", fr: "cartes"}. */
  unit: labelSchema,
  label: labelSchema,
  /** The id of the figure this one is a part of (206.464 of the 1.965.644 ID cards). */
  partOf: z.optional(id),
  quote,
});

/** A statement without a figure (the second-generation card under development, recruitment on TV). */
export const factSchema = z.strictObject({
  id,
  section: z.enum(['documents', 'communication', 'plans'], { error: 'must be "documents", "communication" or "plans"' }),
  label: labelSchema,
  quote,
});

/** Something that happened on given days at a given place (the open days). */
export const eventSchema = z.strictObject({
  id,
  label: labelSchema,
  place: labelSchema,
  days: z.array(day).check(z.minLength(1, 'must list at least one day')),
  quote,
});

/** A part of a planned count: 4 of the 11 buildings are in the southern regions. */
export const planCountPartSchema = z.strictObject({
  value: count,
  written: z.optional(written),
  place: z.optional(labelSchema),
  label: z.optional(labelSchema),
});

export const planCountSchema = z.strictObject({
  value: count,
  written: z.optional(written),
  unit: labelSchema,
  parts: z.optional(z.array(planCountPartSchema)),
});

/** A project planned for the plan year. */
export const planSchema = z.strictObject({
  id,
  project: labelSchema,
  /** The field it belongs to (modernisation, infrastructure, ...). */
  area: labelSchema,
  place: z.optional(labelSchema),
  count: z.optional(planCountSchema),
  /** The year it is due, when the article says. */
  due: z.optional(year),
  quote,
});

/** A total computed in code from the listed figures (never typed in); they must all count the same thing. */
export const totalSchema = z.strictObject({
  id,
  label: labelSchema,
  of: z.array(id).check(z.minLength(2, 'must list at least two figure ids')),
});

export const datasetSchema = z.strictObject({
  /** The year the results are for. */
  year,
  /** The year the plans are for. */
  planYear: year,
  publication: publicationSchema,
  documents: z.array(figureSchema),
  communication: z.array(figureSchema),
  events: z.array(eventSchema),
  facts: z.array(factSchema),
  plans: z.array(planSchema),
  totals: z.array(totalSchema),
});

export type Label = z.infer<typeof labelSchema>;
export type Publication = z.infer<typeof publicationSchema>;
export type Figure = z.infer<typeof figureSchema>;
export type Fact = z.infer<typeof factSchema>;
export type Event = z.infer<typeof eventSchema>;
export type PlanCountPart = z.infer<typeof planCountPartSchema>;
export type PlanCount = z.infer<typeof planCountSchema>;
export type Plan = z.infer<typeof planSchema>;
export type Total = z.infer<typeof totalSchema>;
export type Dataset = z.infer<typeof datasetSchema>;

/** The top-level collections whose records carry ids. */
export const ID_COLLECTIONS = ['documents', 'communication', 'events', 'facts', 'plans', 'totals'] as const;
