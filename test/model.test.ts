// The built model of the real dataset through the real template: three tables with the right rows and the
// article's numbers in Moroccan style.
import { describe, expect, it } from 'vitest';
import type { Inline, TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';

const model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
const text = (inlines: Inline[]) => inlines.map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('');
const tables = model.blocks.filter((block): block is TableBlock => block.kind === 'table');
const column = (table: TableBlock, index: number) => table.body.map((row) => text(row.cells[index]!.inlines));

describe('the briefing model', () => {
  it('is an Arabic right-to-left document dated as the article', () => {
    expect(model.meta).toMatchObject({ lang: 'ar-MA', dir: 'rtl', date: '2017-12-22T14:00:00+00:00' });
    expect(model.meta.title).toBe('الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017');
  });

  it('has three tables: documents (8 rows), communication (4), plans (11)', () => {
    expect(tables.map((table) => table.body.length)).toEqual([8, 4, 11]);
    expect(tables.map((table) => table.columns.length)).toEqual([3, 2, 4]);
  });

  it('formats the figures as the article does', () => {
    expect(column(tables[0]!, 1)).toEqual(['1.965.644', '206.464', '47.914', '476', '1.158.875', '59.478', '7.448', '945']);
    expect(column(tables[0]!, 2)[1]).toBe('10,5%');
    expect(column(tables[1]!, 1)).toEqual(['1.646', '340', '652', '15.188']);
  });
});
