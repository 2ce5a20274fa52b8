// The HTML preview wears the PDF's look: the shared palette, and a dash in an empty body cell.
import { describe, expect, it } from 'vitest';
import { buildDocumentModel } from '../src/pipeline.js';
import { renderHtml } from '../src/renderers/html/index.js';
import { PALETTE } from '../src/renderers/palette.js';

const model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
const html = renderHtml(model, false);
const css = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] ?? '';

describe('the HTML preview looks like the PDF', () => {
  it('takes its colours from the shared palette (white paper and the screen backdrop aside)', () => {
    const colours = new Set(css.match(/#[0-9a-f]{6}\b/gi)?.map((colour) => colour.toLowerCase()));
    const allowed = new Set<string>([...Object.values(PALETTE), '#ffffff', '#e7eaed']);
    expect([...colours].filter((colour) => !allowed.has(colour))).toEqual([]);
    for (const [name, colour] of Object.entries(PALETTE)) expect(css).toContain(`--${name}:${colour};`);
    expect(css).toContain('th{background:var(--headerFill);color:var(--heading);');
  });

  it('shows a muted dash in an empty body cell, which it writes with nothing inside so :empty matches', () => {
    expect(css).toContain('tbody td:empty::after{content:"\\2013";color:var(--muted);}');
    const body = html.slice(html.indexOf('<tbody>'));
    expect(body).toMatch(/<td[^>]*><\/td>/);
    expect(body).not.toMatch(/<td[^>]*>\s+<\/td>/);
  });
});
