// The document's blocks as renderers lay them out: consecutive key figures share one panel (a figure on the start
// side, its caption beside it, a row each), decided here once so the PDF, the DOCX and the HTML group them alike.
// Every renderer switches over LayoutUnit kinds exhaustively (see unreachable), so a new block kind fails to
// compile until each format draws it.
import type { Block, FigureBlock } from './types.js';

export interface FigurePanel {
  kind: 'figure-panel';
  figures: FigureBlock[];
}

export type LayoutUnit = Exclude<Block, FigureBlock> | FigurePanel;

export function layoutUnits(blocks: readonly Block[]): LayoutUnit[] {
  const units: LayoutUnit[] = [];
  for (const block of blocks) {
    if (block.kind !== 'figure') units.push(block);
    else {
      const last = units.at(-1);
      if (last?.kind === 'figure-panel') last.figures.push(block);
      else units.push({ kind: 'figure-panel', figures: [block] });
    }
  }
  return units;
}

/** The end of an exhaustive switch: the compiler proves it is never reached, and says which kind is missing. */
export function unreachable(value: never): never {
  throw new Error(`unhandled kind: ${JSON.stringify(value)}`);
}
