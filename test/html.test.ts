// The HTML preview renders the model (not the template's output): standalone, right to left, print-styled,
// escaped, and the same bytes every time.
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { createHtmlRenderer, htmlRenderer, renderHtml } from '../src/renderers/html/index.js';

const context = { warn: () => undefined };
const model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
const decode = (bytes: Uint8Array) => new TextDecoder('utf-8', { fatal: true }).decode(bytes);

describe('the HTML preview of the briefing', () => {
  it('is a Renderer for .html', () => {
    expect(htmlRenderer).toMatchObject({ format: 'html', extension: 'html' });
  });

  it('gives the same bytes every time', async () => {
    const first = await htmlRenderer.render(model, context);
    const second = await htmlRenderer.render(structuredClone(model), context);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
    expect(decode(first)).toBe(renderHtml(model));
  });

  it('is a right-to-left Arabic page with the metadata', () => {
    const html = renderHtml(model, false);
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ar-MA" dir="rtl">\n<head>\n<meta charset="utf-8">')).toBe(true);
    expect(html).toContain(`<title>${model.meta.title}</title>`);
    expect(html).toContain('<meta name="date" content="2017-12-22T14:00:00+00:00">');
  });

  it('is standalone: the font is embedded and nothing is fetched', async () => {
    const html = decode(await htmlRenderer.render(model, context));
    // Regular, bold, and the Medium emphasis face (the plans table has emphasis).
    expect(html.match(/@font-face\{font-family:'IBM Plex Sans Arabic';font-style:normal;font-weight:(400|700|500);/g)).toHaveLength(3);
    expect(html).toContain('src:url(data:font/ttf;base64,AAEAAA');
    expect(html).not.toMatch(/https?:\/\//);
    expect(html).not.toMatch(/<script|<link|<img/);
  });

  it('prints on A4 with the running header, the source and "page X of Y"', () => {
    const html = renderHtml(model, false);
    expect(html).toContain('@page{size:A4;');
    // As in the PDF: the header and the source at the start (right), the page label at the end (left).
    expect(html).toContain(`@top-right{content:"${model.meta.header}";`);
    expect(html).toContain(`@bottom-right{content:"${model.meta.footer}";`);
    expect(html).toContain('@bottom-left{content:"صفحة " counter(page) " من " counter(pages);');
    expect(html).toContain("font-family:'IBM Plex Sans Arabic', 'Noto Sans Arabic', 'Amiri', 'Noto Sans Tifinagh'");
  });

  it('has the three tables with repeated header rows, column widths and figures', () => {
    const html = renderHtml(model, false);
    expect(html.match(/<table>/g)).toHaveLength(3);
    expect(html.match(/<thead>/g)).toHaveLength(3);
    expect(html).toContain('thead{display:table-header-group;}');
    expect(html).toContain('<colgroup>\n<col style="width:63.83%">\n<col style="width:21.28%">\n<col style="width:14.89%">\n</colgroup>');
    // A figure sits right-aligned in a box as wide as its column's widest figure (units under units).
    expect(html).toMatch(/<td class="num align-center"><span class="figure" style="min-width:[\d.]+pt">1\.965\.644<\/span><\/td>/);
    expect(html).toMatch(/<td class="num align-center"><span class="figure" style="min-width:[\d.]+pt">10,5%<\/span><\/td>/);
    expect(html).toContain('.figure{display:inline-block;text-align:right;}');
    // Header cells on the rule under them, body cells at the top (the theme's, as in the PDF and the DOCX).
    expect(html).toMatch(/th,td\{[^}]*vertical-align:top;/);
    expect(html).toContain('thead th{vertical-align:bottom;}');
    expect(html).toContain('<figure class="stat"><div class="value">1.965.644</div>');
    expect(html).toContain('<tr><th class="align-start" scope="col">البيان</th><th class="num align-center" scope="col">العدد</th>');
  });

  it('escapes text: markup in the model stays text', () => {
    const tricky: DocumentModel = {
      meta: { ...model.meta, title: 'a <b> & "c"' },
      blocks: [{ kind: 'paragraph', role: 'body', align: 'start', inlines: [{ kind: 'text', text: '<b>x</b> {{y}} &amp;', bold: true, italic: false }] }],
    };
    const html = renderHtml(tricky, false);
    expect(html).toContain('<title>a &lt;b&gt; &amp; "c"</title>');
    expect(html).toContain('<p><strong>&lt;b&gt;x&lt;/b&gt; {{y}} &amp;amp;</strong></p>');
  });

  it('can leave the font out and name it with fallbacks', async () => {
    const html = decode(await createHtmlRenderer({ embedFonts: false }).render(model, context));
    expect(html).not.toContain('@font-face');
    expect(html.length).toBeLessThan(30_000);
  });
});
