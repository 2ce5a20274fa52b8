// Aggregates over arrays of any length. `Math.max(...values)` and `array.push(...values)` pass every element as a
// call argument and overflow the stack past ~100 000 elements (a 150 000-row table), so the code uses these.

/** The largest value, or `empty` for an empty list. */
export function maxOf(values: Iterable<number>, empty = 0): number {
  let max = -Infinity;
  for (const value of values) if (value > max) max = value;
  return max === -Infinity ? empty : max;
}

/** The smallest value, or `empty` for an empty list. */
export function minOf(values: Iterable<number>, empty = 0): number {
  let min = Infinity;
  for (const value of values) if (value < min) min = value;
  return min === Infinity ? empty : min;
}

/** Appends every item of `items` to `target` (in place), and returns `target`. */
export function appendAll<T>(target: T[], items: Iterable<T>): T[] {
  for (const item of items) target.push(item);
  return target;
}

/** The code points as a string, without spreading them into one call's arguments. */
export function fromCodePoints(codePoints: readonly number[]): string {
  let text = '';
  for (const codePoint of codePoints) text += String.fromCodePoint(codePoint);
  return text;
}

let lastDistinct: { text: string; codes: readonly number[] } | undefined;

/**
 * The distinct code points of `text`, in order of first appearance, in one pass without a string per character. A
 * document's whole text is asked about several times in a row (coverage, fallback faces, subsets): the last answer
 * is kept.
 */
export function distinctCodePoints(text: string): readonly number[] {
  if (lastDistinct?.text === text) return lastDistinct.codes;
  const seen = new Set<number>();
  const codes: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i)!;
    i += code > 0xffff ? 2 : 1;
    if (!seen.has(code)) {
      seen.add(code);
      codes.push(code);
    }
  }
  lastDistinct = { text, codes };
  return codes;
}

/**
 * Values computed from string keys, kept once a key is asked for a second time. A long table's one-off texts are
 * then computed and dropped young, instead of filling the cache and being copied into V8's old generation on their
 * way out; whatever repeats is computed twice and kept. Each part is emptied when it holds `limit` entries.
 */
export class RepeatCache<V> {
  private readonly values = new Map<string, V>();
  private readonly seenOnce = new Set<string>();

  constructor(private readonly limit: number) {}

  /** The value kept for `key`, or a computed one; `count` false computes without counting the use (a measurement
   *  that will not be asked again). */
  get(key: string, compute: () => V, count = true): V {
    const found = this.values.get(key);
    if (found !== undefined) return found;
    const value = compute();
    if (!count) return value;
    if (this.seenOnce.delete(key)) {
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, value);
    } else {
      if (this.seenOnce.size >= this.limit) this.seenOnce.clear();
      this.seenOnce.add(key);
    }
    return value;
  }
}
