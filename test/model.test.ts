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

  it('lists the 2018 plans with area, place and count where the article gives them', () => {
    const plans = tables[2]!;
    expect(plans.head[0]!.cells.map((cell) => text(cell.inlines))).toEqual(['المشروع', 'المجال', 'المكان', 'العدد']);
    const rows = plans.body.map((row) => row.cells.map((cell) => text(cell.inlines)));
    expect(rows).toContainEqual(['تشييد مدرسة للتكوين الشرطي', 'البنايات', 'فاس', '']);
    expect(rows).toContainEqual([
      'الشروع في أشغال بناء بنايات جديدة بمواصفات هندسية ومعايير أمان متطورة',
      'البنايات',
      'منها 4 بالمناطق الجنوبية للمملكة',
      '11',
    ]);
    expect(rows.find((row) => row[2] === 'الرباط')?.[0]).toMatch(/مركز التشخيص الطبي.*\nيرى النور سنة 2018$/s);
  });

  it('gives the open days as the article writes them, and the key figures', () => {
    const paragraphs = model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [text(block.inlines)] : []));
    expect(paragraphs).toContain('أيام الأبواب المفتوحة بمدينة الدار البيضاء خلال أيام 14 و15 و16 شتنبر 2017.');
    const figures = model.blocks.flatMap((block) => (block.kind === 'figure' ? [block.value] : []));
    expect(figures).toEqual(['1.965.644', '10,5%', '3.172.909']);
  });

  it('dates the title block and the source line "22 دجنبر 2017", 14:00', () => {
    const paragraphs = model.blocks.flatMap((block) => (block.kind === 'paragraph' ? [block] : []));
    const meta = paragraphs.find((paragraph) => paragraph.role === 'meta');
    const source = paragraphs.find((paragraph) => paragraph.role === 'source');
    expect(text(meta!.inlines)).toContain('Le360 مع و.م.ع، 22 دجنبر 2017 على الساعة 14:00');
    expect(text(source!.inlines)).toMatch(/^المصدر: Le360 مع و\.م\.ع، 22 دجنبر 2017 على الساعة 14:00/);
    expect(model.meta.pageLabel).toBe('صفحة {page} من {pages}');
  });

  it('carries no bidi mark from the formatting helpers', () => {
    expect(JSON.stringify(model)).not.toMatch(/[\u200e\u200f\u061c]/);
  });
});
