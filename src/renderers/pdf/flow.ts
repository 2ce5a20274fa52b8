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

/** Places every slice, calling `newPage` before a slice that must go on the next page. */
export function paginate(slices: readonly Slice[], frame: Frame, newPage: () => void): void {
  const frameHeight = frame.bottom - frame.top;
  let y = frame.top;
  let previous: Slice | undefined;

  const queue = [...slices];
  /** Cuts the slice at `index` to fit `room`, if it is splittable and taller than that. */
  const splitToFit = (index: number, room: number): Slice => {
    const slice = queue[index]!;
    if (!slice.split || slice.height <= room + EPSILON) return slice;
    const parts = slice.split(room);
    if (!parts) return slice;
    queue.splice(index, 1, ...parts);
    return parts[0];
  };

  for (let index = 0; index < queue.length; index++) {
    let slice = queue[index]!;
    if (previous) {
      const gap = Math.max(previous.spaceAfter, slice.spaceBefore);
      slice = splitToFit(index, frame.bottom - y - gap);
      const chain = chainHeight(queue, index);
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
    if (!previous) slice = splitToFit(index, frame.bottom - y);
    slice.draw(y);
    y += slice.height;
    previous = slice;
  }
  previous?.closePage?.(y);
}

/** Height of the slice at `start` and every slice chained to it by keep-with-next, with the gaps between. */
function chainHeight(slices: readonly Slice[], start: number): number {
  let height = slices[start]!.height;
  for (let i = start; slices[i]!.keepWithNext && i + 1 < slices.length; i++) {
    const next = slices[i + 1]!;
    height += Math.max(slices[i]!.spaceAfter, next.spaceBefore) + next.height;
  }
  return height;
}
