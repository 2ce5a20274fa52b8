// The package pass takes docx's files before docx zips them (its compiler, outside docx's typed API). Should a
// docx release drop that, the pass falls back to unzipping what docx writes: both must give the same bytes.
import { Packer } from 'docx';
import { describe, expect, it } from 'vitest';
import type { DocumentModel } from '../src/model/types.js';
import { docxRenderer, packagedBriefing } from '../src/renderers/docx/index.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { briefingModel, longTableModel } from './fixtures/docx/briefing-model.js';
import { docxParts, partText } from './helpers/docx.js';

async function packaged(model: DocumentModel, from: 'compiler' | 'zip'): Promise<Buffer> {
  return Buffer.from(await packagedBriefing(model, undefined, from));
}

describe('DOCX package pass', () => {
  it("finds docx's compiler (else every render zips, unzips and zips again)", () => {
    expect((Packer as unknown as { compiler?: { compile?: unknown } }).compiler?.compile).toBeTypeOf('function');
  });

  for (const [name, model] of [
    ['the briefing', briefingModel],
    ['a long table', longTableModel],
  ] as const) {
    it(`gives the same bytes from docx's files as from docx's zip (${name})`, async () => {
      const direct = await packaged(model, 'compiler');
      expect(direct.equals(await packaged(model, 'zip'))).toBe(true);
      expect(direct.equals(Buffer.from(await docxRenderer.render(model, { warn: () => {} })))).toBe(true);
    });
  }

  it('formats the styles once per language and direction: each edition keeps its own, in any order', async () => {
    const arabic = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' });
    const french = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.fr' });
    const styles = async (model: DocumentModel) => partText(docxParts(await docxRenderer.render(model, { warn: () => {} })), 'word/styles.xml');
    for (const model of [arabic, french, arabic, french]) {
      const xml = await styles(model);
      expect(xml).toContain(model.meta.dir === 'rtl' ? '<w:lang w:bidi="ar-MA"/>' : '<w:lang w:val="fr-MA"/>');
      expect(xml.includes('<w:bidi/>')).toBe(model.meta.dir === 'rtl');
    }
  });
});
