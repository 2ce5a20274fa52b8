// The paginator on its own: where pages break, what repeats, what collapses.
import { describe, expect, it } from 'vitest';
import { paginate, type Slice } from '../src/renderers/pdf/flow.js';

interface Placed {
  name: string;
  page: number;
  top: number;
}

/** Slices that record where they were drawn. */
function harness() {
  const placed: Placed[] = [];
  let page = 1;
  const slice = (name: string, height: number, extra: Partial<Slice> = {}): Slice => ({
    height,
    spaceBefore: 0,
    spaceAfter: 0,
    keepWithNext: false,
    draw: (top) => placed.push({ name, page, top }),
    ...extra,
  });
  const run = (slices: Slice[]) => paginate(slices, { top: 100, bottom: 200 }, () => page++);
  return { placed, slice, run, where: (name: string) => placed.filter((p) => p.name === name) };
}

describe('paginate', () => {
  it('stacks slices and breaks before one that does not fit', () => {
    const h = harness();
    h.run([h.slice('a', 40), h.slice('b', 40), h.slice('c', 40)]);
    expect(h.placed).toEqual([
      { name: 'a', page: 1, top: 100 },
      { name: 'b', page: 1, top: 140 },
      { name: 'c', page: 2, top: 100 },
    ]);
  });

  it('collapses spacing (the larger wins) and drops it at the top of a page', () => {
    const h = harness();
    h.run([h.slice('a', 30, { spaceAfter: 10 }), h.slice('b', 30, { spaceBefore: 6 }), h.slice('c', 30, { spaceBefore: 20 })]);
    expect(h.where('b')[0]!.top).toBe(140);
    expect(h.where('c')[0]).toEqual({ name: 'c', page: 2, top: 100 });
  });

  it('never leaves a heading last on a page: keep-with-next moves the chain to the next page', () => {
    const h = harness();
    h.run([h.slice('body', 60), h.slice('heading', 20, { keepWithNext: true }), h.slice('line1', 15, { keepWithNext: true }), h.slice('line2', 15)]);
    expect(h.where('heading')[0]).toMatchObject({ page: 2, top: 100 });
    expect(h.where('line2')[0]).toMatchObject({ page: 2 });
  });

  it('breaks a chain taller than a page only where a slice does not fit', () => {
    const h = harness();
    const chain = Array.from({ length: 8 }, (_, i) => h.slice(`k${i}`, 20, { keepWithNext: true }));
    h.run([h.slice('a', 50), ...chain]);
    expect(h.where('k0')[0]).toMatchObject({ page: 1, top: 150 });
    expect(h.where('k2')[0]).toMatchObject({ page: 2, top: 100 });
  });

  it('repeats header slices at the top of a page a slice opens, and closes the previous page', () => {
    const h = harness();
    const closed: number[] = [];
    const head = h.slice('head', 20);
    const rows = Array.from({ length: 6 }, (_, i) => h.slice(`row${i}`, 25, { repeat: [head], closePage: (bottom) => closed.push(bottom) }));
    h.run([head, ...rows]);
    // Page 1: head + 3 rows (20 + 75 = 95); page 2: head again + 3 rows.
    expect(h.where('head').map((p) => [p.page, p.top])).toEqual([
      [1, 100],
      [2, 100],
    ]);
    expect(h.where('row3')[0]).toMatchObject({ page: 2, top: 120 });
    expect(closed[0]).toBe(195);
  });

  it('cuts a slice taller than a page to fill the room left, then page by page', () => {
    const h = harness();
    // A 230-point "row" made of 23 lines of 10 points; it may be cut between lines.
    const tall = (lines: number, name: string): Slice =>
      h.slice(name, lines * 10, {
        split: (room) => {
          const fit = Math.floor(room / 10);
          return fit > 0 ? [tall(fit, `${name}+`), tall(lines - fit, `${name}-`)] : undefined;
        },
      });
    h.run([h.slice('a', 55), tall(23, 'row')]);
    expect(h.placed.map((p) => [p.name, p.page, p.top])).toEqual([
      ['a', 1, 100],
      ['row+', 1, 155],
      ['row-+', 2, 100],
      ['row--', 3, 100],
    ]);
  });
});
