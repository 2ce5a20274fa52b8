// Table rows are written one at a time (serialized-rows.ts) instead of by docx's writer at the end, a cell already
// written repeated as text: the XML must be exactly what docx writes for the same rows, markup characters,
// attributes, empty elements and all.
import { AlignmentType, Document, Packer, Paragraph, ShadingType, Table, TableCell, TableRow, TextRun, WidthType } from 'docx';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { SerializedTables, xmlOf, type RowParts } from '../src/renderers/docx/serialized-rows.js';

/** Rows with what a briefing's tables hold, text that needs escaping, and cells that repeat from row to row. */
function rowParts(index: number): RowParts {
  const text = [`الصف ${index} <b> & "quoted" 'single'`, '  leading and trailing spaces  ', '', 'tab\there\u0001control'][index % 4]!;
  const shaded = index % 2 === 1;
  const bold = index % 3 === 0;
  return {
    properties: { ...(index === 0 ? { tableHeader: true } : {}), cantSplit: true },
    cells: [
      {
        key: JSON.stringify([text, shaded, bold]),
        make: () =>
          new TableCell({
            width: { size: 3000, type: WidthType.DXA },
            ...(shaded ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'EEF2F7' } } : {}),
            children: [new Paragraph({ bidirectional: true, alignment: AlignmentType.RIGHT, children: [new TextRun({ text, bold, rightToLeft: true })] })],
          }),
      },
      { key: 'empty', make: () => new TableCell({ width: { size: 6000, type: WidthType.DXA }, children: [new Paragraph({})] }) },
    ],
  };
}

/** The same row as docx makes it. */
const docxRow = (index: number) => {
  const { properties, cells } = rowParts(index);
  return new TableRow({ ...properties, children: cells.map((cell) => cell.make()) });
};

async function documentXml(rows: TableRow[], tables?: SerializedTables): Promise<string> {
  const table = new Table({ width: { size: 9000, type: WidthType.DXA }, columnWidths: [3000, 6000], visuallyRightToLeft: true, rows });
  const document = new Document({ sections: [{ children: [table, new Paragraph('after')] }] });
  const xml = strFromU8(unzipSync(await Packer.toBuffer(document))['word/document.xml']!);
  return tables ? strFromU8(tables.insertInto(xml)) : xml;
}

describe('DOCX table rows written one at a time', () => {
  it("gives the XML docx's own writer gives for the same rows", async () => {
    const count = 12;
    const byDocx = await documentXml(Array.from({ length: count }, (_, i) => docxRow(i)));
    const tables = new SerializedTables();
    const streamed = await documentXml([tables.rows(count, rowParts)], tables);
    expect(streamed).toBe(byDocx);
    expect(byDocx).toContain('&lt;b&gt; &amp; &quot;quoted&quot; &apos;single&apos;');
  });

  it('writes every marker of the document, and a table without rows as docx does', async () => {
    const tables = new SerializedTables();
    const empty = await documentXml([tables.rows(0, rowParts)], tables);
    expect(empty).toBe(await documentXml([]));
    expect(empty).not.toContain('dgsn-rows');
  });

  it('refuses a marker no table wrote (the document would lose rows silently)', () => {
    expect(() => new SerializedTables().insertInto('<w:tbl><dgsn-rows-3/></w:tbl>')).toThrow(/no table wrote/);
  });

  it('writes the shapes docx prepares: attributes, text, empty and childless elements', () => {
    expect(xmlOf({ 'w:b': {} })).toBe('<w:b/>');
    expect(xmlOf({ 'w:jc': { _attr: { 'w:val': 'right' } } })).toBe('<w:jc w:val="right"/>');
    expect(xmlOf({ 'w:t': [{ _attr: { 'xml:space': 'preserve' } }, 'a < b'] })).toBe('<w:t xml:space="preserve">a &lt; b</w:t>');
    expect(xmlOf({ 'w:p': [] })).toBe('<w:p></w:p>');
    expect(xmlOf({ 'w:sz': 21 })).toBe('<w:sz>21</w:sz>');
  });
});
