// The document's blocks as one stream of slices, in reading order, laid out as the paginator asks for them.
import type { Block, FigureBlock } from '../../model/types.js';
import { figurePanelSlices, headingSlices, listSlices, paragraphSlices } from './blocks.js';
import type { LayoutContext } from './context.js';
import type { Slice } from './flow.js';
import { tableSlices } from './table.js';

export function* layoutBlocks(ctx: LayoutContext, blocks: readonly Block[]): Generator<Slice> {
  let figures: FigureBlock[] = [];
  for (const block of blocks) {
    if (block.kind === 'figure') {
      figures.push(block);
      continue;
    }
    if (figures.length > 0) yield* figurePanelSlices(ctx, figures);
    figures = [];
    switch (block.kind) {
      case 'heading':
        yield* headingSlices(ctx, block);
        break;
      case 'paragraph':
        yield* paragraphSlices(ctx, block);
        break;
      case 'list':
        yield* listSlices(ctx, block);
        break;
      case 'table':
        yield* tableSlices(ctx, block);
        break;
    }
  }
  if (figures.length > 0) yield* figurePanelSlices(ctx, figures);
}
