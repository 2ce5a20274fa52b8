// The document's blocks as one stream of slices, in reading order, ready for the paginator.
import type { Block, FigureBlock } from '../../model/types.js';
import { figurePanelSlices, headingSlices, listSlices, paragraphSlices } from './blocks.js';
import type { LayoutContext } from './context.js';
import type { Slice } from './flow.js';
import { tableSlices } from './table.js';

export function layoutBlocks(ctx: LayoutContext, blocks: readonly Block[]): Slice[] {
  const slices: Slice[] = [];
  let figures: FigureBlock[] = [];
  const flushFigures = () => {
    if (figures.length > 0) slices.push(...figurePanelSlices(ctx, figures));
    figures = [];
  };
  for (const block of blocks) {
    if (block.kind === 'figure') {
      figures.push(block);
      continue;
    }
    flushFigures();
    switch (block.kind) {
      case 'heading':
        slices.push(...headingSlices(ctx, block));
        break;
      case 'paragraph':
        slices.push(...paragraphSlices(ctx, block));
        break;
      case 'list':
        slices.push(...listSlices(ctx, block));
        break;
      case 'table':
        slices.push(...tableSlices(ctx, block));
        break;
    }
  }
  flushFigures();
  return slices;
}
