// The real briefing (data/dgsn-2017.json through templates/briefing.ar.hbs) as a Word document: the invariants the
// fixture tests check in detail, held by the document users actually get.
import { beforeAll, describe, expect, it } from 'vitest';
import { BODY_FAMILY } from '../src/fonts/index.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { docxRenderer } from '../src/renderers/docx/index.js';
import { directionProblems, findAll, inlineText, readDocx, tableProblems, textOf, type RenderedDocx } from './helpers/docx.js';

let model: DocumentModel;
let bytes: Uint8Array;
let doc: RenderedDocx;
const warnings: string[] = [];

beforeAll(async () => {
  model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
  bytes = await docxRenderer.render(model, { warn: (warning) => warnings.push(warning.message) });
  doc = readDocx(bytes);
});

describe('the DGSN 2017 briefing as DOCX', () => {
  it('renders without warnings', () => {
    expect(warnings).toEqual([]);
  });

  it('is right to left everywhere it must be, and only there', () => {
    expect(directionProblems(doc, BODY_FAMILY)).toEqual([]);
  });

  it('has every table laid out from the right, in logical order, with repeating header rows', () => {
    const tables = model.blocks.filter((block): block is TableBlock => block.kind === 'table');
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tableProblems(doc, tables)).toEqual([]);
  });

  it('holds every paragraph and heading of the model, in logical order', () => {
    const paragraphs = findAll(doc.body, 'w:p').map(textOf);
    for (const block of model.blocks) {
      if (block.kind === 'paragraph' || block.kind === 'heading') expect(paragraphs).toContain(inlineText(block.inlines));
      if (block.kind === 'list') for (const item of block.items) expect(paragraphs).toContain(inlineText(item));
    }
  });

  it('is byte-identical when rendered again', async () => {
    const again = await docxRenderer.render(model, { warn: () => {} });
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
  });
});
