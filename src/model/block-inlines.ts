// The runs of text a document model holds, block by block (for checks that read all of it: coverage, emphasis).
import { unreachable } from './layout-units.js';
import type { Block, DocumentModel, Inline, TextInline } from './types.js';

/** Every list of inlines in the block: a paragraph's, a list's items, a table's caption and cells... */
export function blockInlines(block: Block): (readonly Inline[])[] {
  switch (block.kind) {
    case 'heading':
    case 'paragraph':
      return [block.inlines];
    case 'list':
      return block.items;
    case 'figure':
      return [[{ kind: 'text', text: block.value, bold: false, italic: false }], block.caption];
    case 'table':
      return [block.caption, ...[...block.head, ...block.body].flatMap((row) => row.cells.map((cell) => cell.inlines))];
    case 'chart':
      return [block.caption, ...block.bars.flatMap((bar) => [bar.label, [{ kind: 'text' as const, text: bar.display, bold: false, italic: false }]])];
    default:
      return unreachable(block);
  }
}

/** An inline as plain text, a line break as `lineBreak`; exhaustive over the inline kinds, checked by the compiler. */
export function inlineText(inline: Inline, lineBreak = '\n'): string {
  switch (inline.kind) {
    case 'text':
      return inline.text;
    case 'break':
      return lineBreak;
    default:
      return unreachable(inline);
  }
}

/** True when some text run of the document satisfies `test` (a renderer asking whether it needs a face). */
export function someTextInline(model: DocumentModel, test: (inline: TextInline) => boolean): boolean {
  return model.blocks.some((block) => blockInlines(block).some((inlines) => inlines.some((inline) => inline.kind === 'text' && test(inline))));
}
