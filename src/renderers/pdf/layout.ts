// The document's blocks as one stream of slices, in reading order, laid out as the paginator asks for them.
import { layoutUnits, unreachable } from '../../model/layout-units.js';
import type { Block } from '../../model/types.js';
import { figurePanelSlices, headingSlices, listSlices, paragraphSlices } from './blocks.js';
import type { LayoutContext } from './context.js';
import type { Slice } from './flow.js';
import { tableSlices } from './table.js';
import { chartSlices } from './chart.js';

export function* layoutBlocks(ctx: LayoutContext, blocks: readonly Block[]): Generator<Slice> {
  for (const unit of layoutUnits(blocks)) {
    switch (unit.kind) {
      case 'figure-panel':
        yield* figurePanelSlices(ctx, unit.figures);
        break;
      case 'heading':
        yield* headingSlices(ctx, unit);
        break;
      case 'paragraph':
        yield* paragraphSlices(ctx, unit);
        break;
      case 'list':
        yield* listSlices(ctx, unit);
        break;
      case 'table':
        yield* tableSlices(ctx, unit);
        break;
      case 'chart':
        yield* chartSlices(ctx, unit);
        break;
      default:
        unreachable(unit);
    }
  }
}
