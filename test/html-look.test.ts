// The HTML preview wears the PDF's look: the shared palette, and a dash in an empty body cell.
import { describe, expect, it } from 'vitest';
import { buildDocumentModel } from '../src/pipeline.js';
import { renderHtml } from '../src/renderers/html/index.js';
import { FURNITURE, HEADING, MARGIN, PALETTE, PARAGRAPH, TABLE } from '../src/theme/index.js';

const model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
const html = renderHtml(model, false);
const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';

describe('the HTML preview looks like the PDF', () => {
  it('takes its colours from the shared palette (white paper and the screen backdrop aside)', () => {
    const colours = new Set(css.match(/#[0-9a-f]{6}\b/gi)?.map((colour) => colour.toLowerCase()));
    const allowed = new Set<string>([...Object.values(PALETTE), '#ffffff', '#e7eaed']);
    expect([...colours].filter((colour) => !allowed.has(colour))).toEqual([]);
    for (const [name, colour] of Object.entries(PALETTE)) expect(css).toContain(`--${name}:${colour};`);
    expect(css).toContain(`th{background:var(--headerFill);font-size:${TABLE.head.size}pt;line-height:${TABLE.head.lineHeight};color:${PALETTE.heading};font-weight:700;`);
  });

  it("takes its page margins, sizes and line heights from the theme, as the PDF and the DOCX do", () => {
    expect(css).toContain(`@page{size:A4;margin:${MARGIN.top}pt ${MARGIN.right}pt ${MARGIN.bottom}pt ${MARGIN.left}pt;`);
    expect(css).toMatch(new RegExp(`html\\{font-family:[^}]*;font-size:${PARAGRAPH.body.size}pt;line-height:${PARAGRAPH.body.lineHeight};`));
    expect(css).toContain(`h1{font-size:${HEADING[1].size}pt;line-height:${HEADING[1].lineHeight};`);
    expect(css).toContain(`h2{font-size:${HEADING[2].size}pt;`);
    expect(css).toContain(`p.note{font-size:${PARAGRAPH.note.size}pt;`);
    expect(css).toContain(`font-size:${FURNITURE.size}pt;`);
  });

  it('sets emphasis as the PDF and the DOCX do: the Medium face, Latin letters slanted, Arabic and digits upright', () => {
    expect(css).toContain('em,i{font-style:normal;font-weight:500;}');
    expect(css).toContain('em .latin,i .latin{font-style:oblique 12deg;}');
    const emphasised = renderHtml(
      { ...model, blocks: [{ kind: 'paragraph', role: 'body', align: 'start', inlines: [{ kind: 'text', text: 'نص DGSN (Le360) 2017', bold: false, italic: true }] }] },
      false,
    );
    expect(emphasised).toContain('<p><em>نص <span class="latin">DGSN (Le360</span>) 2017</em></p>');
  });

  it('shows a muted dash in an empty body cell, which it writes with nothing inside so :empty matches', () => {
    expect(css).toContain('tbody td:empty::after,tbody th:empty::after{content:"\u2013";color:var(--muted);}');
    const body = html.slice(html.indexOf('<tbody>'));
    expect(body).toMatch(/<td[^>]*><\/td>/);
    expect(body).not.toMatch(/<td[^>]*>\s+<\/td>/);
  });
});
