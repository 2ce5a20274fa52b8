// Pagination: blocks are laid out into slices (a line of a paragraph, a table row, a row of key figures), which
// are never cut; this module stacks them down the text frame and starts a new page where the next slice, or the
// run of slices chained to it by keep-with-next, does not fit.

export interface Slice {
  height: number;
  /** Space above; collapses with the previous slice's spaceAfter (the larger wins) and is dropped at a page top. */
  spaceBefore: number;
  spaceAfter: number;
  /** Never end a page right after this slice (headings, a table's caption and header, orphan/widow control). */
  keepWithNext: boolean;
  /** Slices drawn first when this slice opens a page: a table's header rows, repeated. */
  repeat?: Slice[];
  /** Draws the slice with its top at `top`. */
  draw(top: number): void;
  /** Called when the page ends right after this slice (a table closes its rules). */
  closePage?(bottom: number): void;
  /**
   * Only for content taller than a page (a huge table row): cuts the slice so that its first part fits in
   * `room` points, or returns undefined if not even one line fits.
   */
  split?(room: number): [Slice, Slice] | undefined;
}

export interface Frame {
  top: number;
  bottom: number;
}

const EPSILON = 0.01;

const heightOf = (slices: readonly Slice[]) => slices.reduce((sum, s) => sum + s.height, 0);

/**
 * Places every slice, calling `newPage` before a slice that must go on the next page. Slices are pulled from
 * `slices` as they are placed (plus the keep-with-next chain ahead), so a long table is laid out row by row
 * and a drawn row's lines can be freed before the next page is laid out.
 */
export function paginate(slices: Iterable<Slice>, frame: Frame, newPage: () => void): void {
  const frameHeight = frame.bottom - frame.top;
  const source = slices[Symbol.iterator]();
  /** The slice being placed (queue[0]) and the ones pulled ahead of it. */
  const queue: Slice[] = [];
  const pull = (count: number): boolean => {
    while (queue.length < count) {
      const next = source.next();
      if (next.done) return false;
      queue.push(next.value);
    }
    return true;
  };
  /** Height of queue[0] and every slice chained to it by keep-with-next, with the gaps between. */
  const chainHeight = (): number => {
    let height = queue[0]!.height;
    for (let i = 0; queue[i]!.keepWithNext && pull(i + 2); i++) {
      height += Math.max(queue[i]!.spaceAfter, queue[i + 1]!.spaceBefore) + queue[i + 1]!.height;
    }
    return height;
  };
  /** Cuts queue[0] to fit `room`, if it is splittable and taller than that. */
  const splitToFit = (room: number): Slice => {
    const slice = queue[0]!;
    if (!slice.split || slice.height <= room + EPSILON) return slice;
    const parts = slice.split(room);
    if (!parts) return slice;
    queue.splice(0, 1, ...parts);
    return parts[0];
  };

  let y = frame.top;
  let previous: Slice | undefined;
  while (pull(1)) {
    let slice = queue[0]!;
    if (previous) {
      const gap = Math.max(previous.spaceAfter, slice.spaceBefore);
      slice = splitToFit(frame.bottom - y - gap);
      const chain = chainHeight();
      const fitsHere = y + gap + chain <= frame.bottom + EPSILON;
      const aloneFitsHere = y + gap + slice.height <= frame.bottom + EPSILON;
      // Break before a chain that does not fit here but would fit on a fresh page; a chain longer than a page
      // only breaks where its first slice does not fit.
      const chainFitsFresh = heightOf(slice.repeat ?? []) + chain <= frameHeight + EPSILON;
      if (!aloneFitsHere || (!fitsHere && chainFitsFresh)) {
        previous.closePage?.(y);
        newPage();
        y = frame.top;
        for (const header of slice.repeat ?? []) {
          header.draw(y);
          y += header.height;
        }
        previous = undefined;
      } else {
        y += gap;
      }
    }
    if (!previous) slice = splitToFit(frame.bottom - y);
    slice.draw(y);
    y += slice.height;
    previous = slice;
    queue.shift();
  }
  previous?.closePage?.(y);
}
