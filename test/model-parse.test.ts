// The HTML subset → document model: whitespace as HTML collapses it, inline styles, tables, lists, figures,
// metadata, and an error at the line and column of anything outside the subset.
import { describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { parseDocument } from '../src/model/parse.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';

const HEAD = `<head><title>عنوان</title><meta name="date" content="2017-12-22T14:00:00+00:00"></head>`;
const page = (body: string, head = HEAD) => `<!DOCTYPE html>\n<html lang="ar-MA" dir="rtl">\n${head}\n<body>\n${body}\n</body>\n</html>\n`;
const parse = (html: string): DocumentModel => parseDocument(html, { file: 'briefing.html' });
const blocksOf = (body: string) => parse(page(body)).blocks;

function problemsOf(html: string): string[] {
  try {
    parse(html);
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems.map((problem) => `${problem.file}: ${problem.place}: ${problem.message}`);
  }
  throw new Error('accepted');
}

const text = (value: string, bold = false, italic = false) => ({ kind: 'text', text: value, bold, italic });

describe('metadata', () => {
  it('comes from <html lang dir>, <title> and <meta>', () => {
    const model = parse(
      page(
        '<p>x</p>',
        `<head><meta charset="utf-8"><title>  حصيلة
          2017 </title><meta name="author" content="Le360 مع و.م.ع"><meta name="subject" content="بلاغ">
          <meta name="keywords" content="الأمن الوطني، DGSN, 2017"><meta name="date" content="2017-12-22T14:00:00+00:00">
          <meta name="header" content="رأس"><meta name="footer" content="ذيل"><meta name="page-label" content="صفحة {page} من {pages}"></head>`,
      ),
    );
    expect(model.meta).toEqual({
      title: ' حصيلة 2017 ',
      lang: 'ar-MA',
      dir: 'rtl',
      author: 'Le360 مع و.م.ع',
      subject: 'بلاغ',
      keywords: ['الأمن الوطني', 'DGSN', '2017'],
      date: '2017-12-22T14:00:00+00:00',
      header: 'رأس',
      footer: 'ذيل',
      pageLabel: 'صفحة {page} من {pages}',
    });
  });

  it('needs a title and a date with its offset', () => {
    expect(problemsOf(page('<p>x</p>', '<head><meta name="date" content="2017-12-22"></head>'))).toEqual([
      'briefing.html: line 3, column 1: <head> needs a non-empty <title>',
      'briefing.html: line 3, column 1: <meta name="date"> must be an ISO 8601 date-time with offset, like 2017-12-22T14:00:00+00:00, not "2017-12-22"',
    ]);
  });
});

describe('inline text', () => {
  it('collapses white space as HTML does and keeps styles and breaks', () => {
    const [paragraph] = blocksOf('<p class="lead" data-align="justify">\n   أصدرت   <strong>1.965.644 </strong>\n <em>بطاقة</em><br>\n  ثم <b><i>هذا</i></b>  \n</p>');
    expect(paragraph).toEqual({
      kind: 'paragraph',
      role: 'lead',
      align: 'justify',
      inlines: [text('أصدرت '), text('1.965.644 ', true), text('بطاقة', false, true), { kind: 'break' }, text('ثم '), text('هذا', true, true)],
    });
  });

  it('decodes entities, keeps no-break spaces and bidi marks, and merges runs of one style', () => {
    const [paragraph] = blocksOf('<p>&lt;b&gt; {{x}} a&nbsp;b\u200f c<strong></strong> d</p>');
    expect(paragraph).toMatchObject({ inlines: [text('<b> {{x}} a\u00a0b\u200f c d')] });
  });

  it('headings of three levels', () => {
    expect(blocksOf('<h1>أ</h1><h2>ب</h2><h3>ج</h3>').map((block) => block.kind === 'heading' && block.level)).toEqual([1, 2, 3]);
  });
});

describe('tables', () => {
  const table = (html: string) => blocksOf(html)[0] as TableBlock;

  it('reads caption, head and body rows, numeric cells, alignment and relative widths', () => {
    const block = table(`<table><caption>الوثائق</caption>
      <thead><tr><th data-width="6">البيان</th><th class="num" data-width="2" data-align="center">العدد</th></tr></thead>
      <tbody><tr><td>بطاقة</td><td class="num">1.965.644</td></tr><tr><td colspan="2">ملاحظة</td></tr></tbody></table>`);
    expect(block.caption).toEqual([text('الوثائق')]);
    expect(block.columns).toEqual([
      { width: 0.75, align: 'start', numeric: false },
      { width: 0.25, align: 'end', numeric: true },
    ]);
    expect(block.head[0]?.cells.map((cell) => [cell.header, cell.align, cell.numeric])).toEqual([
      [true, 'start', false],
      [true, 'center', true],
    ]);
    expect(block.body[1]?.cells[0]).toMatchObject({ colspan: 2, header: false });
  });

  it('without data-width, columns are sized by their text', () => {
    const block = table('<table><tr><td>نص طويل جدا في هذه الخانة</td><td class="num">12</td></tr></table>');
    expect(block.columns[0]!.width).toBeGreaterThan(block.columns[1]!.width);
    expect(block.columns.reduce((sum, column) => sum + column.width, 0)).toBeCloseTo(1, 10);
    expect(block.head).toEqual([]);
  });

  it('rejects rows of different widths and partial data-width', () => {
    expect(problemsOf(page('<table><tr><td data-width="2">a</td><td>b</td></tr>\n<tr><td>c</td></tr></table>'))).toEqual([
      'briefing.html: line 5, column 8: give data-width on every cell of the first row, or on none',
      'briefing.html: line 6, column 1: this row spans 1 column, the table has 2',
    ]);
  });
});

describe('lists and key figures', () => {
  it('reads ordered and unordered lists', () => {
    expect(blocksOf('<ul><li>أ</li><li><b>ب</b></li></ul><ol><li>ج</li></ol>')).toEqual([
      { kind: 'list', ordered: false, items: [[text('أ')], [text('ب', true)]] },
      { kind: 'list', ordered: true, items: [[text('ج')]] },
    ]);
  });

  it('reads <figure class="stat">', () => {
    expect(blocksOf('<figure class="stat"><data value="1965644"> 1.965.644 </data><figcaption>بطاقة</figcaption></figure>')).toEqual([
      { kind: 'figure', value: '1.965.644', caption: [text('بطاقة')] },
    ]);
  });
});

describe('anything outside the subset is an error at its place', () => {
  it('an unknown element or attribute', () => {
    expect(problemsOf(page('<p>x</p>\n  <div>y</div>\n<p style="x">z</p>'))).toEqual([
      expect.stringMatching(/^briefing\.html: line 6, column 3: element <div> is not allowed/),
      'briefing.html: line 7, column 1: <p>: attribute style is not allowed on <p> (allowed: class, data-align)',
    ]);
  });

  it('misplaced elements and stray text', () => {
    expect(problemsOf(page('loose text\n<p><table><tr><td>x</td></tr></table></p>\n<td>y</td>'))).toEqual([
      'briefing.html: line 5, column 1: text is not allowed directly inside <body> (put it in a <p>)',
      'briefing.html: line 6, column 4: <table> is not allowed inside <p> (only text, strong, b, em, i, br)',
      expect.stringMatching(/^briefing\.html: line 7, column 1: <td> is not allowed in <body>/),
    ]);
  });

  it('an unclosed element', () => {
    expect(problemsOf(page('<p><strong>x</p>'))).toEqual(['briefing.html: line 5, column 4: <strong> is not closed (write </strong>)']);
  });
});
