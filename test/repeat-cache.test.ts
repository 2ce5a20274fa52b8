// RepeatCache keeps a value from the second time its key is asked: one-off keys cost a computation and nothing
// kept, repeated ones are computed twice and then served, and neither part grows past its limit.
import { describe, expect, it } from 'vitest';
import { RepeatCache } from '../src/collections.js';

describe('RepeatCache', () => {
  it('computes a key twice, then serves the value kept the second time', () => {
    const cache = new RepeatCache<{ n: number }>(10);
    let computed = 0;
    const get = () => cache.get('key', () => ({ n: ++computed }));
    const first = get();
    const second = get();
    expect(first).not.toBe(second);
    expect(get()).toBe(second);
    expect(get()).toBe(second);
    expect(computed).toBe(2);
  });

  it('keeps nothing for a key asked once, and empties the kept values when they are full', () => {
    const cache = new RepeatCache<number>(2);
    let computed = 0;
    const get = (key: string) => cache.get(key, () => ++computed);
    get('once');
    for (const key of ['x', 'x', 'y', 'y']) get(key);
    expect(computed).toBe(5);
    get('x');
    get('y');
    expect(computed).toBe(5);
    // A third value to keep empties the two kept: x is computed again (and seen once more).
    get('z');
    get('z');
    get('x');
    expect(computed).toBe(8);
    // 'once' was seen once, long ago: asked again, it is kept now, not before.
    get('once');
    get('once');
    expect(computed).toBe(9);
  });
});
