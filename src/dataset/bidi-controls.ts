// A dataset string goes into a template's sentence, so its explicit bidi controls must end where it ends: an
// unterminated override (U+202D) in a label would otherwise reverse the rest of the paragraph around it, in
// every format. Each string gets the closers of whatever it left open (text/bidi.ts).
import { closeBidiControls } from '../text/bidi.js';

/** A copy of `value` with closeBidiControls applied to every string in it. */
export function closeBidiControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return closeBidiControls(value) as T;
  if (Array.isArray(value)) return value.map(closeBidiControlsDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, closeBidiControlsDeep(item)])) as T;
  }
  return value;
}
