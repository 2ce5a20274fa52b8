// The Word briefing's XML: right to left where it must be, formatted by styles, tables that read from the right,
// fields in the footer, the PDF's faces embedded, and the same bytes every time.
import { beforeAll, describe, expect, it } from 'vitest';
import * as hb from 'harfbuzzjs';
import { strFromU8, unzipSync } from 'fflate';
import { BODY_FAMILY, EMPHASIS_FACE, EMPHASIS_FAMILY, FONT_FACES, fontBytes } from '../src/fonts/index.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { PAGE, docxRenderer } from '../src/renderers/docx/index.js';
import { obfuscateFont } from '../src/renderers/docx/fonts.js';
import { briefingModel, documentsTable, longTableModel } from './fixtures/docx/briefing-model.js';
import {
  ARABIC,
  StyleSheet,
  child,
  directionProblems,
  docxParts,
  findAll,
  inlineText,
  paragraphStyle,
  parseXml,
  partText,
  path,
  readDocx,
  textOf,
  type XmlElement,
} from './helpers/docx.js';

const render = (model: DocumentModel) => docxRenderer.render(model, { warn: () => {} });

/** Renders with the process's time zone (TZ) set to `zone`, then puts the previous one back. */
async function renderInTimeZone(zone: string, model: DocumentModel): Promise<Uint8Array> {
  const savedTz = process.env.TZ;
  try {
    process.env.TZ = zone;
    return await render(model);
  } finally {
    if (savedTz === undefined) delete process.env.TZ;
    else process.env.TZ = savedTz;
  }
}

let bytes: Uint8Array;
let parts: Map<string, Uint8Array>;
let body: XmlElement;
let styles: StyleSheet;
let header: XmlElement;
let footer: XmlElement;

beforeAll(async () => {
  bytes = await render(briefingModel);
  ({ parts, body, styles, header, footer } = readDocx(bytes));
});

const paragraphsOf = (root: XmlElement) => findAll(root, 'w:p');
const allParagraphs = () => [body, header, footer].flatMap(paragraphsOf);
const runsOf = (paragraph: XmlElement) => findAll(paragraph, 'w:r');
const styleOf = paragraphStyle;
const plain = inlineText;
/** Luma of an sRGB hex colour (Rec. 709 weights), roughly as a greyscale printer renders it: 0 black, 1 white. */
const luminance = (hex: string) => {
  const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
};

describe('docx renderer: direction', () => {
  it('has none of the faults that break right-to-left text in Word', () => {
    expect(directionProblems({ parts, body, styles, header, footer }, BODY_FAMILY)).toEqual([]);
  });

  it('marks every paragraph with Arabic text bidirectional (w:bidi), in the body, header and footer', () => {
    const arabic = allParagraphs().filter((p) => ARABIC.test(textOf(p)));
    expect(arabic.length).toBeGreaterThan(40);
    for (const p of arabic) expect(child(child(p, 'w:pPr'), 'w:bidi'), textOf(p)).toBeDefined();
  });

  it('marks every run with Arabic letters w:rtl, and no run with Latin letters or digits', () => {
    const runs = allParagraphs().flatMap(runsOf);
    const arabicRuns = runs.filter((r) => ARABIC.test(textOf(r)));
    expect(arabicRuns.length).toBeGreaterThan(60);
    for (const r of arabicRuns) expect(child(child(r, 'w:rPr'), 'w:rtl'), textOf(r)).toBeDefined();
    const ltrRuns = runs.filter((r) => /[A-Za-z0-9]/.test(textOf(r)));
    expect(ltrRuns.map(textOf)).toEqual(expect.arrayContaining(['1.965.644', '206.464', 'Le360', '60,7%', '2017']));
    for (const r of ltrRuns) {
      expect(ARABIC.test(textOf(r)), `"${textOf(r)}" mixes scripts in one run`).toBe(false);
      expect(child(child(r, 'w:rPr'), 'w:rtl'), textOf(r)).toBeUndefined();
    }
  });

  it('gives every Arabic run a complex-script font and size through its paragraph style, not on the run', () => {
    for (const p of allParagraphs()) {
      const style = styleOf(p);
      for (const r of runsOf(p).filter((run) => ARABIC.test(textOf(run)))) {
        expect(styles.runProperty(style, 'w:rFonts', 'w:cs'), `${style}: "${textOf(r)}"`).toBe(BODY_FAMILY);
        expect(Number(styles.runProperty(style, 'w:szCs')), style).toBeGreaterThan(0);
      }
    }
  });

  it('sets emphasis in the Emphasis character style: Medium face, Latin slanted, Arabic upright', () => {
    const emphasis = findAll(body, 'w:r').filter((r) => path(r, 'w:rPr', 'w:rStyle')?.attribs['w:val'] === 'Emphasis');
    expect(emphasis.map(textOf)).toEqual(['وأعلنت عن مباريات الشرطة بواسطة وصلات إشهارية ']);
    const style = styles.style('Emphasis');
    expect(style?.attribs['w:type']).toBe('character');
    expect(path(style, 'w:rPr', 'w:rFonts')?.attribs).toMatchObject({ 'w:ascii': EMPHASIS_FAMILY, 'w:cs': EMPHASIS_FAMILY });
    expect(path(style, 'w:rPr', 'w:i')).toBeDefined();
    expect(path(style, 'w:rPr', 'w:iCs')).toBeUndefined();
    expect(partText(parts, 'word/document.xml')).not.toMatch(/<w:iCs\/>/);
  });

  it('puts bold on both the Latin and the complex-script property', () => {
    const bold = findAll(body, 'w:r').filter((r) => child(child(r, 'w:rPr'), 'w:b'));
    expect(bold.map(textOf)).toEqual(expect.arrayContaining(['1.965.644', 'الفرق الجهوية للتدخل والأبحاث']));
    for (const r of bold) expect(child(child(r, 'w:rPr'), 'w:bCs')).toBeDefined();
  });

  it("keeps the text in logical order and drops Intl's bidi marks", () => {
    const modelParagraphs = briefingModel.blocks.flatMap((block) =>
      block.kind === 'paragraph' || block.kind === 'heading' ? [plain(block.inlines)] : [],
    );
    const docParagraphs = paragraphsOf(body).map(textOf);
    for (const expected of modelParagraphs) expect(docParagraphs).toContain(expected);
    expect(docParagraphs.some((p) => p.includes('(14 و15 و16 شتنبر 2017).\nوأعلنت'))).toBe(true);
    for (const name of [...parts.keys()].filter((n) => n.endsWith('.xml'))) {
      expect(partText(parts, name), name).not.toMatch(/[\u200e\u200f]/);
    }
  });

  it('sets the bidi language to ar-MA in the document defaults', () => {
    expect(child(path(styles.defaults, 'w:rPrDefault', 'w:rPr'), 'w:lang')?.attribs['w:bidi']).toBe('ar-MA');
  });
});

describe('docx renderer: styles', () => {
  it('maps the title and headings to Word heading styles with outline levels', () => {
    const expected: [string, string, string | undefined][] = [
      ['Title', 'Title', undefined],
      ['Heading1', 'heading 1', '0'],
      ['Heading2', 'heading 2', '1'],
      ['Heading3', 'heading 3', '2'],
    ];
    for (const [id, name, level] of expected) {
      const style = styles.style(id);
      expect(child(style, 'w:name')?.attribs['w:val'], id).toBe(name);
      expect(path(style, 'w:pPr', 'w:outlineLvl')?.attribs['w:val'], id).toBe(level);
      expect(path(style, 'w:pPr', 'w:keepNext'), id).toBeDefined();
    }
    const headingStyles = paragraphsOf(body).map(styleOf).filter((s) => /^(Title|Heading\d)$/.test(s));
    expect(headingStyles).toEqual(['Title', 'Heading1', 'Heading2', 'Heading2', 'Heading1']);
  });

  it('keeps the face in the Normal style only (and Emphasis): no run, paragraph mark or other style sets a font', () => {
    const normalFonts = path(styles.style('Normal'), 'w:rPr', 'w:rFonts')?.attribs;
    expect(normalFonts).toMatchObject({ 'w:ascii': BODY_FAMILY, 'w:hAnsi': BODY_FAMILY, 'w:cs': BODY_FAMILY });
    for (const id of styles.ids().filter((id) => id !== 'Normal' && id !== 'Emphasis')) {
      expect(path(styles.style(id), 'w:rPr', 'w:rFonts'), id).toBeUndefined();
    }
    expect(child(path(styles.defaults, 'w:rPrDefault', 'w:rPr'), 'w:rFonts')).toBeUndefined();
    for (const name of ['word/document.xml', 'word/header1.xml', 'word/footer1.xml', 'word/numbering.xml']) {
      const xml = partText(parts, name);
      expect(xml, name).not.toContain('<w:rFonts');
      expect(xml, name).not.toMatch(/<w:szCs? /);
    }
  });

  it('makes Normal right to left with widow/orphan control, so paragraphs typed in Word are too', () => {
    expect(path(styles.style('Normal'), 'w:pPr', 'w:bidi')).toBeDefined();
    expect(path(styles.style('Normal'), 'w:pPr', 'w:widowControl')).toBeDefined();
  });

  it('bases every paragraph style in use on Normal, so changing Normal changes the document', () => {
    const used = new Set(allParagraphs().map(styleOf));
    expect([...used].sort()).toEqual(
      expect.arrayContaining(['Caption', 'Footer', 'Header', 'KeyFigure', 'Lead', 'ListParagraph', 'Source', 'TableHeading', 'TableText', 'Title']),
    );
    for (const id of used) {
      const chain = styles.chain(id).map((s) => s.attribs['w:styleId']);
      expect(chain.at(-1), id).toBe('Normal');
    }
  });

  it('defines a table style with rules, a shaded bold first row and banded rows that print in greyscale', () => {
    const table = styles.style('BriefingTable');
    expect(table?.attribs['w:type']).toBe('table');
    const borders = path(table, 'w:tblPr', 'w:tblBorders');
    for (const side of ['w:top', 'w:bottom', 'w:insideH']) expect(child(borders, side)?.attribs['w:val'], side).toBe('single');
    const conditional = (type: string) => findAll(table!, 'w:tblStylePr').find((s) => s.attribs['w:type'] === type);
    const headerFill = path(conditional('firstRow'), 'w:tcPr', 'w:shd')?.attribs['w:fill'] ?? '';
    const bandFill = path(conditional('band2Horz'), 'w:tcPr', 'w:shd')?.attribs['w:fill'] ?? '';
    expect(path(conditional('firstRow'), 'w:rPr', 'w:b')).toBeDefined();
    // In greyscale: header shading light enough for its text, darker than the banding, which is darker than paper.
    expect(luminance(headerFill)).toBeGreaterThan(0.75);
    expect(luminance(headerFill)).toBeLessThan(luminance(bandFill) - 0.04);
    expect(luminance(bandFill)).toBeLessThan(0.97);
    // Every text colour prints dark.
    const textColors = [...partText(parts, 'word/styles.xml').matchAll(/<w:color w:val="([0-9A-F]{6})"/g)].map((m) => m[1]!);
    expect(textColors.length).toBeGreaterThan(3);
    for (const color of textColors) expect(luminance(color), color).toBeLessThan(0.4);
  });
});

describe('docx renderer: tables', () => {
  const tables = () => findAll(body, 'w:tbl');
  const modelTables = () => briefingModel.blocks.filter((b): b is TableBlock => b.kind === 'table');

  it('lays every table out right to left (w:bidiVisual) with the style, fixed widths and the whole text width', () => {
    expect(tables()).toHaveLength(modelTables().length);
    for (const table of tables()) {
      const properties = child(table, 'w:tblPr');
      expect(child(properties, 'w:bidiVisual')).toBeDefined();
      expect(child(properties, 'w:tblStyle')?.attribs['w:val']).toBe('BriefingTable');
      expect(child(properties, 'w:tblLayout')?.attribs['w:type']).toBe('fixed');
      const grid = findAll(table, 'w:gridCol').map((c) => Number(c.attribs['w:w']));
      const textWidth = PAGE.width - PAGE.margin.left - PAGE.margin.right;
      expect(child(properties, 'w:tblW')?.attribs).toMatchObject({ 'w:type': 'dxa', 'w:w': String(textWidth) });
      expect(grid.reduce((a, b) => a + b, 0)).toBe(textWidth);
    }
  });

  it('sizes columns from the model and writes cells first column first (the first column is drawn on the right)', () => {
    const [table] = tables();
    const grid = findAll(table!, 'w:gridCol').map((c) => Number(c.attribs['w:w']));
    const total = grid.reduce((a, b) => a + b, 0);
    documentsTable.columns.forEach((column, i) => expect(grid[i]! / total).toBeCloseTo(column.width, 3));
    const rows = findAll(table!, 'w:tr');
    const modelRows = [...documentsTable.head, ...documentsTable.body];
    expect(rows).toHaveLength(modelRows.length);
    rows.forEach((row, r) => {
      const cells = findAll(row, 'w:tc');
      expect(cells.map(textOf)).toEqual(modelRows[r]!.cells.map((cell) => plain(cell.inlines)));
      cells.forEach((cell, c) => expect(path(cell, 'w:tcPr', 'w:tcW')?.attribs['w:w']).toBe(String(grid[c])));
    });
  });

  it('marks header rows to repeat on every page and keeps every row on one page', () => {
    for (const [index, table] of tables().entries()) {
      const heads = modelTables()[index]!.head.length;
      findAll(table, 'w:tr').forEach((row, r) => {
        const trPr = child(row, 'w:trPr');
        expect(child(trPr, 'w:cantSplit'), `row ${r}`).toBeDefined();
        expect(child(trPr, 'w:tblHeader') !== undefined, `row ${r}`).toBe(r < heads);
      });
    }
  });

  it('keeps a short table on one page (each row keeps with the next) and lets a long one run on', async () => {
    for (const table of tables()) {
      const rows = findAll(table, 'w:tr');
      rows.forEach((row, r) => {
        const keeps = findAll(row, 'w:p').every((p) => path(p, 'w:pPr', 'w:keepNext') || styleOf(p) === 'TableHeading');
        expect(keeps, `row ${r}`).toBe(r < rows.length - 1);
      });
    }
    const long = parseXml(partText(docxParts(await render(longTableModel)), 'word/document.xml'));
    const bodyRows = findAll(findAll(long, 'w:tbl')[0]!, 'w:tr').slice(1);
    expect(bodyRows.some((row) => findAll(row, 'w:keepNext').length > 0)).toBe(false);
  });

  it('sits header cells on the rule under them and body cells at the top, as the theme says (the PDF and HTML do too)', () => {
    for (const [index, table] of tables().entries()) {
      const heads = modelTables()[index]!.head.length;
      findAll(table, 'w:tr').forEach((row, r) => {
        for (const cell of findAll(row, 'w:tc')) {
          expect(path(cell, 'w:tcPr', 'w:vAlign')?.attribs['w:val'], `row ${r}`).toBe(r < heads ? 'bottom' : 'top');
        }
      });
    }
  });

  // Figures are right-aligned, units under units, in a box as wide as the column's widest figure; the box sits where
  // the column's alignment (end: the left edge in Arabic) puts it. In a bidi paragraph Word reads w:jc left/right and
  // w:ind left/right as start/end: w:jc="left" is the right edge, w:ind/@w:left the room on the right.
  it('sets figure cells right-aligned in their column\'s box, the box placed as the model says (end)', () => {
    const [table] = tables();
    const [label, figure, share] = findAll(findAll(table!, 'w:tr')[1]!, 'w:p');
    expect(path(label, 'w:pPr', 'w:jc')).toBeUndefined();
    for (const cell of [figure, share]) {
      expect(path(cell, 'w:pPr', 'w:jc')?.attribs['w:val']).toBe('left');
      expect(Number(path(cell, 'w:pPr', 'w:ind')?.attribs['w:left']), 'the room right of the box').toBeGreaterThan(0);
    }
  });
});

describe('docx renderer: page', () => {
  it('is A4 with print margins, a header and a footer', () => {
    const section = findAll(body, 'w:sectPr')[0];
    expect(child(section, 'w:pgSz')?.attribs).toMatchObject({ 'w:w': '11906', 'w:h': '16838' });
    const margins = child(section, 'w:pgMar')?.attribs ?? {};
    // At least 2 cm all round, for printers that cannot print to the edge.
    for (const side of ['w:top', 'w:bottom', 'w:left', 'w:right']) expect(Number(margins[side])).toBeGreaterThanOrEqual(1134);
    expect(child(section, 'w:bidi'), 'a right-to-left section').toBeDefined();
    expect(findAll(section!, 'w:headerReference')).toHaveLength(1);
    expect(findAll(section!, 'w:footerReference')).toHaveLength(1);
  });

  it('writes the running header, and the source then the page label on one footer line, a tab apart', () => {
    expect(paragraphsOf(header).map(textOf)).toEqual([briefingModel.meta.header]);
    const lines = paragraphsOf(footer);
    expect(lines).toHaveLength(1);
    expect(textOf(lines[0]!).startsWith(briefingModel.meta.footer)).toBe(true);
    const stop = findAll(lines[0]!, 'w:tab').find((tab) => tab.attribs['w:pos']);
    // An end-aligned stop at the far margin ("right" reads as the end in a bidi paragraph, as w:jc does).
    expect(stop?.attribs).toMatchObject({ 'w:val': 'right', 'w:pos': String(PAGE.width - PAGE.margin.left - PAGE.margin.right) });
  });

  it('numbers pages with PAGE and NUMPAGES fields where the label says {page} and {pages}', () => {
    const label = paragraphsOf(footer)[0]!;
    const sequence = findAll(label, 'w:r').map((run) => {
      const instruction = child(run, 'w:instrText');
      if (instruction) return `[${instruction.children.map((t) => ('data' in t ? t.data : '')).join('').trim()}]`;
      if (child(run, 'w:tab')) return '<tab>';
      return textOf(run);
    });
    const parts = sequence.filter((s) => s !== '');
    const tab = parts.indexOf('<tab>');
    expect(parts.slice(0, tab).join('')).toBe(briefingModel.meta.footer);
    expect(parts.slice(tab).join('|')).toBe('<tab>|صفحة |[PAGE]| من |[NUMPAGES]');
    expect(findAll(label, 'w:fldChar').map((f) => f.attribs['w:fldCharType'])).toEqual([
      'begin',
      'separate',
      'end',
      'begin',
      'separate',
      'end',
    ]);
  });
});

/**
 * A HarfBuzz subset of `full`: smaller, with its layout tables, every character of the full face in Basic Latin
 * and the Arabic block (tatweel included), and Arabic that still joins when shaped with it.
 */
function expectEditableSubset(font: Uint8Array, full: Uint8Array, label: string): void {
  expect(font.byteLength, label).toBeLessThan(full.byteLength * 0.6);
  const face = new hb.Face(new hb.Blob(font));
  const fullFace = new hb.Face(new hb.Blob(full));
  for (const table of ['GSUB', 'GPOS', 'GDEF', 'name', 'cmap']) expect(face.referenceTable(table)?.byteLength, `${label} ${table}`).toBeGreaterThan(0);
  const kept = new Set(face.collectUnicodes());
  const wanted = [...fullFace.collectUnicodes()].filter((code) => (code >= 0x20 && code <= 0x7e) || (code >= 0x600 && code <= 0x6ff));
  expect(wanted.filter((code) => !kept.has(code)), label).toEqual([]);
  expect(kept.has(0x0640), label).toBe(true);
  const shaped = (source: Uint8Array) => {
    const buffer = new hb.Buffer();
    buffer.addText('الأمن الوطني');
    buffer.guessSegmentProperties();
    hb.shape(new hb.Font(new hb.Face(new hb.Blob(source))), buffer);
    return buffer.getGlyphInfosAndPositions().map((glyph) => glyph.xAdvance);
  };
  expect(shaped(font), label).toEqual(shaped(full));
}

describe('docx renderer: fonts and properties', () => {
  it('embeds every face of src/fonts under word/fonts/ as a subset that still shapes, obfuscated with the key the font table gives', () => {
    const fontTable = parseXml(partText(parts, 'word/fontTable.xml'));
    const font = findAll(fontTable, 'w:font').find((f) => f.attribs['w:name'] === BODY_FAMILY);
    expect(font).toBeDefined();
    const rels = partText(parts, 'word/_rels/fontTable.xml.rels');
    const embedded = [
      ['w:embedRegular', 'regular'],
      ['w:embedBold', 'bold'],
    ] as const;
    for (const [element, weight] of embedded) {
      const embed = child(font, element)!;
      const target = new RegExp(`Id="${embed.attribs['r:id']}"[^>]*Target="([^"]+)"`).exec(rels)?.[1];
      const stored = parts.get(`word/${target}`)!;
      expect(target).toMatch(/^fonts\/font\d\.odttf$/);
      const face = FONT_FACES.find((f) => f.weight === weight)!;
      expectEditableSubset(obfuscateFont(stored, embed.attribs['w:fontKey']!), fontBytes(face), weight);
    }
    const medium = findAll(fontTable, 'w:font').find((f) => f.attribs['w:name'] === EMPHASIS_FAMILY);
    const mediumKey = child(medium, 'w:embedRegular')!.attribs['w:fontKey']!;
    const mediumFile = partText(parts, 'word/_rels/fontTable.xml.rels').match(
      new RegExp(`Id="${child(medium, 'w:embedRegular')!.attribs['r:id']}"[^>]*Target="([^"]+)"`),
    )?.[1];
    expectEditableSubset(obfuscateFont(parts.get(`word/${mediumFile}`)!, mediumKey), fontBytes(EMPHASIS_FACE), 'medium');
    expect(partText(parts, 'word/settings.xml')).toContain('<w:embedTrueTypeFonts/>');
    expect(partText(parts, '[Content_Types].xml')).toContain('Extension="odttf"');
  });

  it('embeds the Medium face only for a document with emphasis', async () => {
    const plainModel: DocumentModel = {
      ...briefingModel,
      blocks: briefingModel.blocks.filter((b) => !(b.kind === 'paragraph' && b.inlines.some((i) => i.kind === 'text' && i.italic))),
    };
    const plainParts = docxParts(await render(plainModel));
    expect([...plainParts.keys()].filter((name) => name.startsWith('word/fonts/'))).toEqual(['word/fonts/font1.odttf', 'word/fonts/font2.odttf']);
    expect([...parts.keys()].filter((name) => name.startsWith('word/fonts/'))).toHaveLength(3);
  });

  it('names the Medium face as the font itself does (name ID 1), which is what Word looks up', async () => {
    const fontkit = await import('fontkit');
    const font = fontkit.create(fontBytes(EMPHASIS_FACE)) as { familyName: string };
    expect(font.familyName).toBe(EMPHASIS_FAMILY);
  });

  it('writes title, subject, author, keywords, language and the model date as core properties', () => {
    const core = partText(parts, 'docProps/core.xml');
    const meta = briefingModel.meta;
    expect(core).toContain(`<dc:title>${meta.title}</dc:title>`);
    expect(core).toContain(`<dc:subject>${meta.subject}</dc:subject>`);
    expect(core).toContain(`<dc:creator>${meta.author}</dc:creator>`);
    expect(core).toContain(`<cp:keywords>${meta.keywords.join('; ')}</cp:keywords>`);
    expect(core).toContain('<dc:language>ar-MA</dc:language>');
    expect(core).toContain('<dcterms:created xsi:type="dcterms:W3CDTF">2017-12-22T14:00:00Z</dcterms:created>');
    expect(core).toContain('<dcterms:modified xsi:type="dcterms:W3CDTF">2017-12-22T14:00:00Z</dcterms:modified>');
  });
});

describe('docx renderer: reproducible bytes', () => {
  it('renders the same model to the same bytes, whatever the clock and time zone', async () => {
    const again = await renderInTimeZone('Pacific/Kiritimati', briefingModel);
    const third = await renderInTimeZone('America/Los_Angeles', briefingModel);
    expect(Buffer.from(again).equals(Buffer.from(bytes))).toBe(true);
    expect(Buffer.from(third).equals(Buffer.from(bytes))).toBe(true);
  });

  it("dates every zip entry with the document's day and writes the parts in a fixed order", () => {
    const view = Buffer.from(bytes);
    const names: string[] = [];
    for (let offset = view.indexOf('PK\u0001\u0002', 0, 'latin1'); offset >= 0; offset = view.indexOf('PK\u0001\u0002', offset + 4, 'latin1')) {
      const time = view.readUInt16LE(offset + 12);
      const date = view.readUInt16LE(offset + 14);
      expect([1980 + (date >> 9), (date >> 5) & 15, date & 31, time >> 11, (time >> 5) & 63]).toEqual([2017, 12, 22, 12, 0]);
      names.push(view.toString('utf8', offset + 46, offset + 46 + view.readUInt16LE(offset + 28)));
    }
    expect(names.slice(0, 3)).toEqual(['[Content_Types].xml', '_rels/.rels', 'docProps/core.xml']);
    expect(names).toContain('word/fonts/font1.odttf');
  });

  it('follows the model date (SOURCE_DATE_EPOCH reaches it through the model)', async () => {
    const epoch = { ...briefingModel, meta: { ...briefingModel.meta, date: new Date(1_000_000_000 * 1000).toISOString() } };
    const core = partText(docxParts(await render(epoch)), 'docProps/core.xml');
    expect(core).toContain('2001-09-09T01:46:40Z');
  });
});

describe('docx renderer: warnings', () => {
  it('warns once for each character the embedded faces cannot draw, and not for bidi marks', async () => {
    const warnings: string[] = [];
    const model: DocumentModel = {
      ...briefingModel,
      blocks: [
        ...briefingModel.blocks,
        { kind: 'paragraph', role: 'body', align: 'start', inlines: [{ kind: 'text', text: 'رمز ☃ و☃ ‎%‏', bold: false, italic: false }] },
      ],
    };
    await docxRenderer.render(model, { warn: (warning) => warnings.push(`${warning.code}: ${warning.message}`) });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toBe('uncovered-character: DOCX: no embedded font has ☃ U+2603 (Miscellaneous Symbols); Word will take them from a system font');
    const clean: string[] = [];
    await docxRenderer.render(briefingModel, { warn: (warning) => clean.push(warning.message) });
    expect(clean).toEqual([]);
  });
});

describe('docx renderer: characters from the fallback faces', () => {
  it('sets Tifinagh in its own runs in Noto Sans Tifinagh and embeds that face (a subset), without a warning', async () => {
    const model: DocumentModel = {
      ...briefingModel,
      blocks: [...briefingModel.blocks, { kind: 'paragraph', role: 'body', align: 'start', inlines: [{ kind: 'text', text: 'الأمازيغية ⵜⴰⵎⴰⵣⵉⵖⵜ لغة رسمية', bold: false, italic: false }] }],
    };
    const warnings: string[] = [];
    const docx = await docxRenderer.render(model, { warn: (warning) => warnings.push(warning.message) });
    expect(warnings).toEqual([]);
    const files = unzipSync(docx);
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toMatch(/<w:rFonts w:ascii="Noto Sans Tifinagh" w:cs="Noto Sans Tifinagh" w:eastAsia="Noto Sans Tifinagh" w:hAnsi="Noto Sans Tifinagh"\/><\/w:rPr><w:t xml:space="preserve">ⵜⴰⵎⴰⵣⵉⵖⵜ<\/w:t>/);
    const fontTable = strFromU8(files['word/fontTable.xml']!);
    expect(fontTable).toContain('w:name="Noto Sans Tifinagh"');
    const key = /w:name="Noto Sans Tifinagh".*?w:embedRegular r:id="(\w+)" w:fontKey="([^"]+)"/s.exec(fontTable)!;
    const rels = strFromU8(files['word/_rels/fontTable.xml.rels']!);
    const target = new RegExp(`Id="${key[1]}"[^>]*Target="([^"]+)"`).exec(rels)![1]!;
    const face = new hb.Face(new hb.Blob(obfuscateFont(files[`word/${target}`]!, key[2]!)));
    expect(new Set(face.collectUnicodes())).toContain(0x2d5c);
  });
});

describe('docx renderer: a left-to-right document', () => {
  it('writes no w:bidi or w:bidiVisual, keeps Arabic runs w:rtl, and sets the Latin language', async () => {
    const model: DocumentModel = {
      meta: { ...briefingModel.meta, lang: 'fr-MA', dir: 'ltr', header: 'DGSN — bilan 2017', footer: 'Source : Le360', pageLabel: 'Page {page} sur {pages}' },
      blocks: [
        { kind: 'heading', level: 1, inlines: [{ kind: 'text', text: 'Bilan 2017 de la DGSN', bold: false, italic: false }] },
        { kind: 'paragraph', role: 'body', align: 'end', inlines: [{ kind: 'text', text: 'Carte nationale (البطاقة الوطنية) : 1.965.644', bold: false, italic: false }] },
        { ...documentsTable, caption: [] },
      ],
    };
    const ltr = readDocx(await render(model));
    expect(findAll(ltr.body, 'w:bidi')).toEqual([]);
    expect(findAll(ltr.body, 'w:bidiVisual')).toEqual([]);
    const paragraph = findAll(ltr.body, 'w:p')[1]!;
    expect(path(paragraph, 'w:pPr', 'w:jc')?.attribs['w:val']).toBe('right');
    const runs = findAll(paragraph, 'w:r').map((r) => [textOf(r), path(r, 'w:rPr', 'w:rtl') !== undefined]);
    expect(runs).toEqual([
      ['Carte nationale (', false],
      ['البطاقة الوطنية', true],
      [') : 1.965.644', false],
    ]);
    expect(child(path(ltr.styles.defaults, 'w:rPrDefault', 'w:rPr'), 'w:lang')?.attribs).toEqual({ 'w:val': 'fr-MA' });
  });
});

describe('docx renderer: zip dates in a daylight-saving gap', () => {
  it('gives the same bytes in a time zone whose clock skips the document time', async () => {
    // 2017-03-12 02:30 does not exist on Los Angeles clocks.
    const model = { ...briefingModel, meta: { ...briefingModel.meta, date: '2017-03-12T02:30:00Z' } };
    const utc = await renderInTimeZone('UTC', model);
    const losAngeles = await renderInTimeZone('America/Los_Angeles', model);
    expect(Buffer.from(losAngeles).equals(Buffer.from(utc))).toBe(true);
  });
});

describe('docx renderer: merged cells', () => {
  it('spans a cell over columns with w:gridSpan and the columns’ summed width', async () => {
    const [label, figure, share] = documentsTable.columns;
    const total = (text: string) => ({ inlines: [{ kind: 'text' as const, text, bold: true, italic: false }], header: false, align: 'start' as const, numeric: false, colspan: 2 });
    const model: DocumentModel = {
      ...briefingModel,
      blocks: [
        {
          ...documentsTable,
          columns: [label!, figure!, share!],
          body: [...documentsTable.body, { cells: [total('المجموع'), { ...total('3.240.780'), colspan: 1, numeric: true, align: 'end' }] }],
        },
      ],
    };
    const doc = readDocx(await render(model));
    const table = findAll(doc.body, 'w:tbl')[0]!;
    const grid = findAll(table, 'w:gridCol').map((c) => Number(c.attribs['w:w']));
    const last = findAll(table, 'w:tr').at(-1)!;
    const [merged, single] = findAll(last, 'w:tc');
    expect(path(merged, 'w:tcPr', 'w:gridSpan')?.attribs['w:val']).toBe('2');
    expect(Number(path(merged, 'w:tcPr', 'w:tcW')?.attribs['w:w'])).toBe(grid[0]! + grid[1]!);
    expect(Number(path(single, 'w:tcPr', 'w:tcW')?.attribs['w:w'])).toBe(grid[2]);
    expect(findAll(last, 'w:tc').map(textOf)).toEqual(['المجموع', '3.240.780']);
  });
});

describe('docx renderer: no running header or footer', () => {
  it('writes no header or footer part rather than an empty one (Word refuses those)', async () => {
    const model: DocumentModel = { ...briefingModel, meta: { ...briefingModel.meta, header: '', footer: '', pageLabel: '' } };
    const names = [...docxParts(await render(model)).keys()];
    expect(names.filter((name) => /word\/(header|footer)\d*\.xml$/.test(name))).toEqual([]);
  });
});
