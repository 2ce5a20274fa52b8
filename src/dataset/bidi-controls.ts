// A dataset string goes into a template's sentence, so its explicit bidi controls must end where it ends: an
// unterminated override (U+202D) in a label would otherwise reverse the rest of the paragraph around it, in
// every format. Each string gets the closers (PDF U+202C, PDI U+2069) of whatever it left open (UAX #9 §3.3.2).

const OPENS_EMBEDDING = new Set(['\u202a', '\u202b', '\u202d', '\u202e']); // LRE RLE LRO RLO
const OPENS_ISOLATE = new Set(['\u2066', '\u2067', '\u2068']); // LRI RLI FSI
const POP_EMBEDDING = '\u202c';
const POP_ISOLATE = '\u2069';
/** Any explicit embedding, override or isolate control (most strings have none: they are returned as they are). */
const ANY_CONTROL = /[\u202a-\u202e\u2066-\u2069]/;

/** `text` with the embeddings, overrides and isolates it opens and does not close, closed at its end. */
function closeBidiControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  const open: string[] = [];
  for (const char of text) {
    if (OPENS_EMBEDDING.has(char)) open.push(POP_EMBEDDING);
    else if (OPENS_ISOLATE.has(char)) open.push(POP_ISOLATE);
    else if (char === POP_EMBEDDING && open.at(-1) === POP_EMBEDDING) open.pop();
    else if (char === POP_ISOLATE && open.includes(POP_ISOLATE)) {
      // A PDI closes its isolate and every embedding opened inside it.
      while (open.pop() !== POP_ISOLATE);
    }
  }
  return open.length === 0 ? text : text + open.reverse().join('');
}

/** A copy of `value` with closeBidiControls applied to every string in it. */
export function closeBidiControlsDeep<T>(value: T): T {
  if (typeof value === 'string') return closeBidiControls(value) as T;
  if (Array.isArray(value)) return value.map(closeBidiControlsDeep) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, closeBidiControlsDeep(item)])) as T;
  }
  return value;
}
