// The template helpers: numbers, percentages and dates through Intl, in the template's locale (`ar-MA` gives
// 1.965.644, 10,5% and "22 دجنبر 2017", as Moroccan Arabic writes them).
//
// Bidi marks: Intl puts U+200E (LRM) around pieces of its output: ar-MA writes 10,5% as "10,5\u200E%\u200E" and
// -5 as "\u200E-5". The helpers drop the marks that change nothing (the bidi algorithm already keeps "10,5%"
// together: % next to a European digit resolves as one), so the model's text stays clean for every renderer,
// search and copy-paste. They keep the one mark that matters, before a sign: without it, "-5" in a right-to-left
// line shows its minus on the wrong side.
import type { HelperOptions } from 'handlebars';
import { isolated } from '../text/bidi.js';

/** A helper was called with something it cannot format; `loc` is the call's place in the template. */
export class TemplateHelperError extends Error {
  constructor(
    message: string,
    readonly loc: { start: { line: number; column: number } } | undefined,
  ) {
    super(message);
    this.name = 'TemplateHelperError';
  }
}

/** LRM, RLM and ALM, except directly before a plus or minus sign. */
const MEANINGLESS_BIDI_MARKS = /[\u200E\u200F\u061C](?![-+\u2212])/g;

function stripBidiMarks(text: string): string {
  return text.replace(MEANINGLESS_BIDI_MARKS, '');
}

interface Formatters {
  number: Intl.NumberFormat;
  percent: Intl.NumberFormat;
  date: Intl.DateTimeFormat;
  dayOnly: Intl.DateTimeFormat;
  monthYear: Intl.DateTimeFormat;
  time: Intl.DateTimeFormat;
  list: Intl.ListFormat;
}

const formattersByLocale = new Map<string, Formatters>();

/**
 * The locale whose number format a document locale takes. CLDR's fr-MA groups digits with a full stop
 * (1.965.644), as the Arabic does; French typography, which the French edition follows, groups them with narrow
 * no-break spaces (1 965 644) and puts a no-break space before % ("10,5 %"): that is `fr`.
 */
const NUMBER_LOCALE: Readonly<Record<string, string>> = { 'fr-MA': 'fr' };

/** Each formatter built on first use: building one costs milliseconds (ICU loads its patterns), and a template
 *  may use only a few. */
function lazily<T extends object>(builders: { [K in keyof T]: () => T[K] }): T {
  const built: Partial<T> = {};
  const formatters = {} as T;
  for (const key of Object.keys(builders) as (keyof T)[]) {
    Object.defineProperty(formatters, key, { get: () => (built[key] ??= builders[key]()), enumerable: true });
  }
  return formatters;
}

/** Intl formatters are costly to build: one set per locale, per process. */
function formattersFor(locale: string): Formatters {
  let formatters = formattersByLocale.get(locale);
  if (!formatters) {
    // Dates are formatted in UTC from a wall-clock time (see wallClock), so no time zone database is involved.
    const utc = { timeZone: 'UTC' } as const;
    const numbers = Object.hasOwn(NUMBER_LOCALE, locale) ? NUMBER_LOCALE[locale]! : locale;
    formatters = lazily<Formatters>({
      number: () => new Intl.NumberFormat(numbers, { maximumFractionDigits: 0 }),
      percent: () => new Intl.NumberFormat(numbers, { style: 'percent', minimumFractionDigits: 0, maximumFractionDigits: 1 }),
      date: () => new Intl.DateTimeFormat(locale, { ...utc, day: 'numeric', month: 'long', year: 'numeric' }),
      dayOnly: () => new Intl.DateTimeFormat(locale, { ...utc, day: 'numeric' }),
      monthYear: () => new Intl.DateTimeFormat(locale, { ...utc, month: 'long', year: 'numeric' }),
      time: () => new Intl.DateTimeFormat(locale, { ...utc, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
      list: () => new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' }),
    });
    formattersByLocale.set(locale, formatters);
  }
  return formatters;
}

/**
 * The wall-clock date and time an ISO string states, as a Date whose UTC fields hold them:
 * "2017-12-22T14:00:00+00:00" is 22 December, 14:00, whatever the offset and wherever this runs.
 */
export function wallClock(iso: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso);
  if (!match) return undefined;
  const [, year, month, day, hour = '0', minute = '0', second = '0'] = match;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second)));
  return date.getUTCDate() === Number(day) ? date : undefined;
}

export function formatNumber(locale: string, value: number): string {
  return stripBidiMarks(formattersFor(locale).number.format(value));
}

export function formatPercent(locale: string, ratio: number): string {
  return stripBidiMarks(formattersFor(locale).percent.format(ratio));
}

export function formatDate(locale: string, iso: string): string | undefined {
  const date = wallClock(iso);
  return date && stripBidiMarks(formattersFor(locale).date.format(date));
}

export function formatTime(locale: string, iso: string): string | undefined {
  const date = wallClock(iso);
  return date && stripBidiMarks(formattersFor(locale).time.format(date));
}

/**
 * Several days, as the article writes them: "14 و15 و16 شتنبر 2017" when they share a month, else each date in
 * full joined as a list.
 */
export function formatDays(locale: string, isoDays: readonly string[]): string | undefined {
  const dates = isoDays.map(wallClock);
  if (dates.some((date) => date === undefined)) return undefined;
  const formatters = formattersFor(locale);
  const all = dates as Date[];
  const [first] = all;
  if (!first) return '';
  const sameMonth = all.every((date) => date.getUTCFullYear() === first.getUTCFullYear() && date.getUTCMonth() === first.getUTCMonth());
  const text =
    sameMonth && all.length > 1
      ? `${formatters.list.format(all.map((date) => formatters.dayOnly.format(date)))} ${formatters.monthYear.format(first)}`
      : formatters.list.format(all.map((date) => formatters.date.format(date)));
  return stripBidiMarks(text);
}

type Loc = TemplateHelperError['loc'];

function localeOf(options: HelperOptions): string {
  const locale = (options.data as { locale?: unknown } | undefined)?.locale;
  if (typeof locale !== 'string') throw new TemplateHelperError('no locale for the formatting helpers', loc(options));
  return locale;
}

function loc(options: HelperOptions): Loc {
  return (options as HelperOptions & { loc?: Loc }).loc;
}

function describe(value: unknown): string {
  return value === null ? 'null' : value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : `${typeof value} ${JSON.stringify(value)}`;
}

/** Handlebars passes its options object last; helpers check their argument count. */
function argumentsOf(name: string, count: number, args: unknown[]): { values: unknown[]; options: HelperOptions } {
  const options = args[args.length - 1] as HelperOptions;
  const values = args.slice(0, -1);
  if (values.length !== count) {
    throw new TemplateHelperError(`{{${name}}} takes ${count} argument${count === 1 ? '' : 's'}, got ${values.length}`, loc(options));
  }
  return { values, options };
}

function numberArgument(name: string, value: unknown, options: HelperOptions): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new TemplateHelperError(`{{${name}}} needs a number, got ${describe(value)}`, loc(options));
  }
  return value;
}

function dateArgument(name: string, formatted: string | undefined, value: unknown, options: HelperOptions): string {
  if (formatted === undefined) {
    throw new TemplateHelperError(`{{${name}}} needs an ISO 8601 date like 2017-12-22, got ${describe(value)}`, loc(options));
  }
  return formatted;
}

/** The helpers every template gets; nothing else is callable (knownHelpersOnly). */
export const HELPERS = {
  /** {{number 1965644}} → 1.965.644 */
  number(...args: unknown[]): string {
    const { values, options } = argumentsOf('number', 1, args);
    return formatNumber(localeOf(options), numberArgument('number', values[0], options));
  },
  /** {{percent 0.105}} → 10,5% (at most one decimal) */
  percent(...args: unknown[]): string {
    const { values, options } = argumentsOf('percent', 1, args);
    return formatPercent(localeOf(options), numberArgument('percent', values[0], options));
  },
  /** {{date "2017-12-22T14:00:00+00:00"}} → 22 دجنبر 2017 (the date as stated, in its own offset) */
  date(...args: unknown[]): string {
    const { values, options } = argumentsOf('date', 1, args);
    const value = values[0];
    return dateArgument('date', typeof value === 'string' ? formatDate(localeOf(options), value) : undefined, value, options);
  },
  /** {{time "2017-12-22T14:00:00+00:00"}} → 14:00 */
  time(...args: unknown[]): string {
    const { values, options } = argumentsOf('time', 1, args);
    const value = values[0];
    return dateArgument('time', typeof value === 'string' ? formatTime(localeOf(options), value) : undefined, value, options);
  },
  /** {{days event.days}} → 14 و15 و16 شتنبر 2017 */
  days(...args: unknown[]): string {
    const { values, options } = argumentsOf('days', 1, args);
    const value = values[0];
    const formatted =
      Array.isArray(value) && value.every((item) => typeof item === 'string') ? formatDays(localeOf(options), value) : undefined;
    return dateArgument('days', formatted, value, options);
  },
  /** {{capital "journées portes ouvertes"}} → Journées portes ouvertes (first letter, in the locale's case rules) */
  capital(...args: unknown[]): string {
    const { values, options } = argumentsOf('capital', 1, args);
    const value = values[0];
    if (typeof value !== 'string') throw new TemplateHelperError(`{{capital}} needs text, got ${describe(value)}`, loc(options));
    const first = value.codePointAt(0);
    if (first === undefined) return value;
    const head = String.fromCodePoint(first);
    return head.toLocaleUpperCase(localeOf(options)) + value.slice(head.length);
  },
  /**
   * {{isolate publication.source.fr}} → the text between FSI and PDI (U+2068, U+2069): a bidi isolate taking the
   * direction of its first strong letter, so "Le360 مع و.م.ع" inside a French sentence keeps its own order and
   * the ", 22 décembre" after it is not pulled into its right-to-left run (as HTML's <bdi> does).
   */
  isolate(...args: unknown[]): string {
    const { values, options } = argumentsOf('isolate', 1, args);
    const value = values[0];
    if (typeof value !== 'string') throw new TemplateHelperError(`{{isolate}} needs text, got ${describe(value)}`, loc(options));
    return isolated(value);
  },
  /** {{eq a b}}: strict equality, for {{#if (eq ...)}}. */
  eq(...args: unknown[]): boolean {
    const { values } = argumentsOf('eq', 2, args);
    return values[0] === values[1];
  },
} as const;

export type HelperName = keyof typeof HELPERS;
