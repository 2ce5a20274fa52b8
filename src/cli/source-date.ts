// SOURCE_DATE_EPOCH (reproducible-builds.org): when set, it is the document's date, overriding the dataset's.
// The wall clock is never read.
import { InputError } from '../errors.js';
import type { DocumentModel } from '../model/types.js';

/** The date SOURCE_DATE_EPOCH asks for as ISO 8601 in UTC, or undefined when it is unset or empty. */
export function sourceDateFromEnv(value: string | undefined): string | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const seconds = /^\d+$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  const date = new Date(seconds * 1000);
  if (!Number.isSafeInteger(seconds) || Number.isNaN(date.getTime())) {
    throw InputError.one('SOURCE_DATE_EPOCH', '', `must be a whole number of seconds since 1970-01-01 UTC, got "${value}"`);
  }
  return date.toISOString().replace(/\.000Z$/, 'Z');
}

/** The model with its date pinned: SOURCE_DATE_EPOCH if given, else the dataset's date, which must be valid. */
export function pinDocumentDate(model: DocumentModel, sourceDate: string | undefined): DocumentModel {
  if (sourceDate !== undefined) return { ...model, meta: { ...model.meta, date: sourceDate } };
  if (Number.isNaN(Date.parse(model.meta.date))) {
    // The dataset schema guarantees a date; a model without one is a fault upstream, not the user's.
    throw new Error(`the document model has no valid date (meta.date = ${JSON.stringify(model.meta.date)})`);
  }
  return model;
}
