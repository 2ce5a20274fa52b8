// The PDF as a file: metadata, tags, fonts, reproducibility, size, as poppler and qpdf read it.
import { beforeAll, describe, expect, it } from 'vitest';
import { pageLabel } from '../src/renderers/pdf/furniture.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { briefingModel, longTableModel, META } from './fixtures/pdf/briefing-model.js';
import { FRAME } from '../src/renderers/pdf/style.js';
import { briefingDocument, describeWithTools, pdfObjects, renderModel, run, structureTree, wordBoxes, type StructNode } from './helpers/pdf.js';

const all = (node: StructNode, type: string): StructNode[] => [
  ...(node.type === type ? [node] : []),
  ...node.kids.flatMap((kid) => all(kid, type)),
];

describe('page label', () => {
  it('fills in page numbers formatted for the document language', () => {
    expect(pageLabel(META, 1, 2)).toBe('صفحة 1 من 2');
    expect(pageLabel({ ...META, lang: 'ar-EG' }, 3, 12)).toBe('صفحة ٣ من ١٢');
  });
});

describeWithTools(['pdfinfo', 'pdffonts', 'qpdf'], 'PDF document', () => {
  let file: string;
  let bytes: Uint8Array;
  let model: DocumentModel;

  beforeAll(async () => {
    ({ model } = await briefingDocument());
    ({ file, bytes } = await renderModel(model));
  });

  it('carries the metadata, dated from the model, as a tagged A4 PDF 1.7', () => {
    const info = run('pdfinfo', ['-isodates', file]);
    const field = (name: string) => info.match(new RegExp(`^${name}:\\s*(.*)$`, 'm'))?.[1];
    const { meta } = model;
    expect(field('Title')).toBe(meta.title);
    expect(field('Author')).toBe(meta.author);
    expect(field('Subject')).toBe(meta.subject);
    expect(field('Keywords')).toBe(meta.keywords.join(', '));
    const date = new Date(meta.date).toISOString().replace(/\.\d+Z$/, 'Z');
    expect(field('CreationDate')).toBe(date);
    expect(field('ModDate')).toBe(date);
    expect(field('Tagged')).toBe('yes');
    expect(field('PDF version')).toBe('1.7');
    expect(field('Page size')).toMatch(/595\.28 x 841\.89 pts \(A4\)/);
  });

  it('declares the language and asks viewers to show the title', () => {
    const { root, get } = pdfObjects(file);
    expect(root['/Lang']).toBe(`u:${model.meta.lang}`);
    expect(get(root['/ViewerPreferences'])['/DisplayDocTitle']).toBe(true);
    expect(get(root['/MarkInfo'])['/Marked']).toBe(true);
  });

  it('embeds every font as a subset', () => {
    const rows = run('pdffonts', [file]).trim().split('\n').slice(2);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      // name type encoding emb sub uni object-id: read the three yes/no columns from the end.
      const [emb, sub, uni] = row.trim().split(/\s+/).slice(-5, -2);
      expect({ row, emb, sub, uni }).toMatchObject({ emb: 'yes', sub: 'yes', uni: 'yes' });
    }
  });

  it('has a structure tree: Document → headings, paragraphs, list and tables with TR/TH/TD', () => {
    const tree = structureTree(file);
    const [document] = tree.kids;
    expect(document?.type).toBe('Document');
    const topLevel = document!.kids.map((k) => k.type);
    expect(topLevel[0]).toBe('H1');
    expect(topLevel).toEqual(expect.arrayContaining(['H2', 'P', 'Table']));
    expect(topLevel.filter((t) => t === 'Table')).toHaveLength(model.blocks.filter((b) => b.kind === 'table').length);

    const modelTables = model.blocks.filter((b): b is TableBlock => b.kind === 'table');
    for (const [t, table] of all(document!, 'Table').entries()) {
      expect(table.kids.map((k) => k.type)).toEqual(['Caption', 'THead', 'TBody']);
      const [, thead, tbody] = table.kids;
      const headCells = thead!.kids.flatMap((tr) => (expect(tr.type).toBe('TR'), tr.kids));
      expect(headCells.every((c) => c.type === 'TH' && c.content > 0)).toBe(true);
      expect(headCells.every((c) => c.attributes['/Scope'] === '/Column')).toBe(true);
      const bodyRows = tbody!.kids;
      expect(bodyRows.length).toBeGreaterThan(0);
      expect(bodyRows).toHaveLength(modelTables[t]!.body.length);
      bodyRows.forEach((tr, r) => {
        expect(tr.type).toBe('TR');
        expect(tr.kids.length).toBe(headCells.length);
        // A cell owns its text; an empty cell owns nothing (its dash is an artifact).
        tr.kids.forEach((td, c) => {
          const text = modelTables[t]!.body[r]!.cells[c]!.inlines.map((i) => (i.kind === 'text' ? i.text : '')).join('');
          expect(td.type).toBe('TD');
          expect(td.content > 0).toBe(text.trim() !== '');
        });
      });
    }
    for (const list of all(document!, 'L')) for (const item of list.kids) expect(item.kids.map((k) => k.type)).toEqual(['Lbl', 'LBody']);
    // Every heading and paragraph owns the text drawn for it.
    for (const type of ['H1', 'H2', 'H3', 'P']) for (const node of all(document!, type)) expect(node.content).toBeGreaterThan(0);
  });

  it('marks the running header and footer as pagination artifacts on every page', () => {
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', file, '-']);
    const pages = Number(run('pdfinfo', [file]).match(/^Pages:\s*(\d+)/m)![1]);
    expect(pages).toBeGreaterThanOrEqual(1);
    // Two pagination artifacts per page (header, footer) plus repeated table headers, if any.
    expect(qdf.match(/\/Artifact <<\s*\/Type \/Pagination\s*\/Attached \[\/Top\]\s*>> BDC/g)?.length).toBe(pages);
    expect(qdf.match(/\/Artifact <<\s*\/Type \/Pagination\s*\/Attached \[\/Bottom\]\s*>> BDC/g)?.length).toBe(pages);
  });

  it('tags a cell spanning columns with its ColSpan', async () => {
    const base = briefingModel();
    const table = structuredClone(base.blocks.find((b): b is TableBlock => b.kind === 'table')!);
    const [first, ...rest] = table.body[0]!.cells;
    table.body[0]!.cells = [{ ...first!, colspan: 2 }, ...rest.slice(1)];
    const { file: spanned } = await renderModel({ ...base, blocks: [table] });
    const [cell] = all(structureTree(spanned), 'TD');
    expect(cell!.attributes).toMatchObject({ '/O': '/Table', '/ColSpan': 2 });
  });

  it('gives byte-identical files for the same model', async () => {
    const again = await renderModel(structuredClone(model));
    expect(Buffer.from(again.bytes).equals(Buffer.from(bytes))).toBe(true);
  });

  it('stays small: ≤ 50 KB for a two-page briefing, and a guard against growth for the real one', async () => {
    const { bytes: twoPages } = await renderModel(briefingModel());
    expect(twoPages.length).toBeLessThanOrEqual(50 * 1024);
    // The real briefing: three pages, font subsets ~25 KB, content streams ~9 KB; the structure elements and
    // other dictionaries sit in object streams (pack.ts). 55.6 KB before packing, 41.5 KB after.
    expect(bytes.length).toBeLessThanOrEqual(50 * 1024);
  });

  it('is a valid PDF 1.5+ file: dictionaries in object streams, a cross-reference stream, streams intact', () => {
    const check = run('qpdf', ['--check', file]);
    expect(check).toContain('No syntax or stream encoding errors found');
    const text = Buffer.from(bytes).toString('latin1');
    expect(text).toContain('/Type /ObjStm');
    expect(text).toMatch(/\/Type \/XRef[\s\S]*startxref\n\d+\n%%EOF\n$/);
    expect(text).not.toMatch(/\nxref\n/);
    // Only streams are left outside object streams: no structure element is written in clear.
    expect(text).not.toMatch(/\/S \/TD/);
  });

  it('writes a long document\'s finished pages out early, their furniture in a second content stream', async () => {
    const { file: long } = await renderModel(longTableModel(400));
    expect(run('qpdf', ['--check', long])).toContain('No syntax or stream encoding errors found');
    const { root, get } = pdfObjects(long);
    const pages = (get(get(root['/Pages'])['/Kids']) as unknown as string[]).map((ref) => get(ref));
    expect(pages.length).toBeGreaterThan(6);
    // The first four pages are whole (one stream); every later page but the last was sealed when it ended.
    const streams = pages.map((page) => (Array.isArray(page['/Contents']) ? page['/Contents'].length : 1));
    expect(streams).toEqual(pages.map((_, i) => (i < 4 || i === pages.length - 1 ? 1 : 2)));
    // Every page still gets its running header and footer, numbered out of the final count.
    const qdf = run('qpdf', ['--qdf', '--object-streams=disable', long, '-']);
    expect(qdf.match(/\/Attached \[\/Top\]/g)).toHaveLength(pages.length);
    expect(qdf.match(/\/Attached \[\/Bottom\]/g)).toHaveLength(pages.length);
    const footers = wordBoxes(long).map((page) => page.words.filter((w) => w.yMin > FRAME.bottom).map((w) => w.text).join(' '));
    footers.forEach((footer, i) => {
      // pdftotext -bbox gives words in visual order: compare the page numbers only.
      expect(footer.match(/\d+/g)?.map(Number).sort((a, b) => a - b)).toEqual([i + 1, pages.length].sort((a, b) => a - b));
    });
  });

  it('escapes metadata for the XMP packet', async () => {
    const { file: other } = await renderModel({ ...model, meta: { ...model.meta, title: 'Results & <plans>' } });
    const xmp = run('qpdf', ['--qdf', '--object-streams=disable', other, '-']);
    expect(xmp).toContain('Results &amp; &lt;plans&gt;');
  });
});
