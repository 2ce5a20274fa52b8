// The template is not tied to the DGSN dataset: any dataset that passes the schema goes through it, with empty
// sections, no parts, no totals and no article.
import { describe, expect, it } from 'vitest';
import type { TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { scratchDir } from './helpers/scratch.js';

describe('another dataset through the same template', () => {
  const model = buildDocumentModel({ dataFile: 'test/fixtures/spine/minimal.json', template: 'briefing.ar' });
  const tables = model.blocks.filter((block): block is TableBlock => block.kind === 'table');

  it('builds, with its own date in its own offset', () => {
    expect(model.meta.date).toBe('2020-12-30T09:30:00+01:00');
    expect(model.meta.footer).toBe('المصدر: مصدر تجريبي، 30 دجنبر 2020');
  });

  it('keeps the three tables, empty where the dataset is', () => {
    expect(tables.map((table) => table.body.length)).toEqual([1, 0, 1]);
    expect(tables.map((table) => table.head.length)).toEqual([1, 1, 1]);
  });

  it('shows no key figure it does not have', () => {
    expect(model.blocks.filter((block) => block.kind === 'figure')).toHaveLength(1);
  });
});

describe('a part of zero', () => {
  it('shows its share as 0%, not as a blank', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const data = JSON.parse(readFileSync('test/fixtures/spine/minimal.json', 'utf8'));
    data.documents.push({ ...data.documents[0], id: 'none-of-them', value: 0, partOf: 'cards', quote: 'منها 0 بطاقة' });
    const file = join(scratchDir('briefing-zero-'), 'zero.json');
    writeFileSync(file, JSON.stringify(data));
    const model = buildDocumentModel({ dataFile: file, template: 'briefing.ar' });
    const documents = model.blocks.find((block): block is TableBlock => block.kind === 'table')!;
    const shareCell = documents.body[1]!.cells[2]!.inlines[0];
    expect(shareCell).toMatchObject({ kind: 'text', text: '0%' });
  });
});

