// The document's blocks as one stream of slices, in reading order, laid out as the paginator asks for them.
import type { Block, FigureBlock } from '../../model/types.js';
import { figurePanelSlices, headingSlices, listSlices, paragraphSlices } from './blocks.js';
import type { LayoutContext } from './context.js';
import type { Slice } from './flow.js';
import { tableSlices } from './table.js';

export function* layoutBlocks(ctx: LayoutContext, blocks: readonly Block[]): Generator<Slice> {
  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index]!;
    switch (block.kind) {
      case 'figure': {
        // Consecutive key figures share one panel.
        const figures: FigureBlock[] = [block];
        for (let next = blocks[index + 1]; next?.kind === 'figure'; next = blocks[index + 1]) {
          figures.push(next);
          index++;
        }
        yield* figurePanelSlices(ctx, figures);
        break;
      }
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
}
