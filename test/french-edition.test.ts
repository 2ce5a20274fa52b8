// The French edition (templates/briefing.fr.hbs) from the same dataset: left to right in all three formats,
// French typography in its numbers, percentages and dates, Arabic names quoted inside French text in their own
// right-to-left runs, and a missing French string a build error naming its JSON path.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../src/errors.js';
import { blockInlines, inlineText } from '../src/model/block-inlines.js';
import type { DocumentModel, TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { docxRenderer } from '../src/renderers/docx/index.js';
import { renderHtml } from '../src/renderers/html/index.js';
import { docxParts, findAll, parseXml, partText, textOf, type XmlElement } from './helpers/docx.js';
import { describeWithTools, renderModel } from './helpers/pdf.js';
import { extractedPages } from './helpers/cli-pdf.js';
import { scratchDir } from './helpers/scratch.js';

const DATA_FILE = 'data/dgsn-2017.json';
const NARROW_NBSP = '\u202f';
const NBSP = '\u00a0';

const french = buildDocumentModel({ dataFile: DATA_FILE, template: 'briefing.fr' });
const arabic = buildDocumentModel({ dataFile: DATA_FILE, template: 'briefing.ar' });

/** All the text of the model's blocks, a block's pieces on lines of their own. */
const plain = (model: DocumentModel) =>
  model.blocks
    .flatMap(blockInlines)
    .map((inlines) => inlines.map((inline) => inlineText(inline)).join(''))
    .join('\n');

describe('the French model', () => {
  it('takes its language and direction from the template: fr-MA, left to right', () => {
    expect(french.meta.lang).toBe('fr-MA');
    expect(french.meta.dir).toBe('ltr');
    expect(french.meta.pageLabel).toBe('Page {page} sur {pages}');
    expect(arabic.meta.dir).toBe('rtl');
  });

  it('writes numbers, percentages and dates as French typography wants them', () => {
    const text = plain(french);
    expect(text).toContain(`1${NARROW_NBSP}965${NARROW_NBSP}644${NBSP}cartes nationales`);
    expect(text).toContain(`10,5${NBSP}%`);
    expect(french.meta.footer).toContain('22 décembre 2017');
    // No break between a number and its unit, nor before a colon; typographic apostrophes.
    expect(text).toContain(`206${NARROW_NBSP}464${NBSP}cartes pour les Marocains résidant à l’étranger`);
    expect(text).toContain(`pour 2017${NBSP}:`);
    expect(text).not.toMatch(/\d \d{3}\b/); // no ordinary space inside a number
    expect(text).not.toMatch(/\d\.\d{3}\b/); // no Moroccan-Arabic grouping dot
    expect(text).not.toMatch(/ [:;!?](?:\s|$)/); // the space before : ; ! ? is a no-break one
    expect(text).not.toContain("'");
  });

  it('is the same facts as the Arabic edition: the same tables with the same numbers of rows', () => {
    const shape = (model: DocumentModel) => model.blocks.filter((block): block is TableBlock => block.kind === 'table').map((table) => [table.columns.length, table.body.length]);
    expect(shape(french)).toEqual(shape(arabic));
  });
});

describe('a missing French string', () => {
  it('fails the build naming its JSON path, never falls back to the Arabic', () => {
    const dataset = JSON.parse(readFileSync(DATA_FILE, 'utf8')) as { documents: { label: Record<string, string> }[] };
    delete (dataset.documents[2]!.label as Partial<Record<string, string>>).fr;
    const dir = scratchDir('briefing-french-');
    writeFileSync(join(dir, 'dataset.json'), JSON.stringify(dataset));
    writeFileSync(join(dir, 'source-article.ar.txt'), readFileSync('data/source-article.ar.txt'));
    const attempt = () => buildDocumentModel({ dataFile: join(dir, 'dataset.json'), template: 'briefing.fr' });
    expect(attempt).toThrow(InputError);
    try {
      attempt();
    } catch (error) {
      expect((error as InputError).problems).toContainEqual(expect.objectContaining({ place: '$.documents[2].label.fr' }));
    }
  });
});

describe('the French HTML', () => {
  const html = renderHtml(french, false);

  it('is fr-MA, left to right, with the footer on the left and the page label on the right', () => {
    expect(html).toContain('<html lang="fr-MA" dir="ltr">');
    expect(html).toContain(`@bottom-left{content:"${french.meta.footer}";`);
    expect(html).toContain('@bottom-right{content:"Page " counter(page) " sur " counter(pages);');
  });

  it('names the source in French (Le360 avec la MAP, not the Arabic credit)', () => {
    expect(french.meta.footer).toBe('Source\u00a0: \u2068Le360 avec la MAP\u2069, 22 décembre 2017');
  });

  it('keeps the Arabic title it quotes isolated inside the French sentence, so the punctuation after it stays in place', () => {
    const source = french.blocks.find((block) => block.kind === 'paragraph' && block.role === 'source');
    expect(source && blockInlines(source).flat().map((inline) => inlineText(inline)).join('')).toMatch(/«\u00a0\u2068الأمن الوطني أصدر [^\u2069]* خلال 2017\u2069\u00a0», d’après le communiqué/);
  });
});

describe('the French DOCX', () => {
  let document: XmlElement;
  let styles: string;

  beforeAll(async () => {
    const parts = docxParts(await docxRenderer.render(french, { warn: () => {} }));
    document = parseXml(partText(parts, 'word/document.xml'));
    styles = partText(parts, 'word/styles.xml');
  });

  it('has no right-to-left paragraph and no right-to-left table', () => {
    expect(findAll(document, 'w:bidi')).toEqual([]);
    expect(findAll(document, 'w:bidiVisual')).toEqual([]);
    expect(styles).not.toContain('w:bidi');
    expect(styles).toMatch(/<w:lang w:val="fr-MA"\/>/);
  });

  it('keeps the Arabic title quoted in French text in a right-to-left run of its own, and nothing else', () => {
    const rtlRuns = findAll(document, 'w:r').filter((run) => findAll(run, 'w:rtl').length > 0);
    expect(rtlRuns.map(textOf)).toContain('الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال ');
    for (const run of rtlRuns) expect(textOf(run)).toMatch(/^[\u0600-\u06ff\s.«»]+$/);
  });
});

/** poppler wraps right-to-left text in embedding controls and marks; what the reader reads is the rest. */
const withoutBidiControls = (text: string) => text.replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');

describeWithTools(['pdftotext', 'qpdf'], 'the French PDF', () => {
  let file: string;
  let pages: string[];

  beforeAll(async () => {
    file = (await renderModel(french)).file;
    pages = extractedPages(file, { layout: true });
  }, 60_000);

  it('reads in order: title, meta, lead, figures, headings, tables with their first column on the left', () => {
    // Every run of spaces as one: the order of the words is what is checked here.
    const text = pages.join('\n').replace(/\s+/g, ' ');
    const inOrder = [
      'Sûreté nationale : bilan 2017 et projets pour 2018',
      'Direction générale de la sûreté nationale (DGSN)',
      'Dans son communiqué sur le bilan annuel',
      '1 965 644 cartes nationales d’identité électroniques',
      'Documents délivrés en 2017',
      'Documents administratifs',
      'Désignation Nombre Part',
      'Cartes nationales d’identité électroniques 1 965 644 –',
      'dont : cartes pour les Marocains résidant à l’étranger 206 464 10,5 %',
      'Communication et ouverture en 2017',
      'Projets programmés pour 2018',
      'Projet Domaine Lieu Nombre',
      'Construction d’une école de formation',
      'Bâtiments Fès –',
    ];
    let from = 0;
    for (const part of inOrder) {
      const at = text.indexOf(part, from);
      expect(at, part).toBeGreaterThanOrEqual(0);
      from = at + part.length;
    }
  });

  it('breaks no header word: a column holds its widest word in the header\'s bold', () => {
    for (const header of ['Désignation', 'Nombre', 'Domaine', 'Lieu']) expect(pages.join('\n')).toMatch(new RegExp(`\\b${header}\\b`));
    expect(pages.join('\n')).not.toMatch(/\bNomb(?!re\b)\w*/);
  });

  it('keeps the narrow no-break spaces of its numbers and the no-break spaces in the text it copies out', () => {
    // poppler and mupdf copy every space out as U+0020, so the check reads the fonts' ToUnicode maps.
    const uncompressed = join(scratchDir('briefing-french-pdf-'), 'qdf.pdf');
    execFileSync('qpdf', ['--qdf', '--object-streams=disable', file, uncompressed]);
    const cmaps = readFileSync(uncompressed, 'latin1');
    expect(cmaps).toMatch(/<202f>/i);
    expect(cmaps).toMatch(/<00a0>/i);
  });

  it('numbers its pages "Page X sur Y"', () => {
    pages.forEach((page, index) => expect(page).toContain(`Page ${index + 1} sur ${pages.length}`));
  });

  it('copies the Arabic title quoted inside a French line out in logical order', () => {
    const line = withoutBidiControls(pages.at(-1)!).split('\n').find((candidate) => candidate.startsWith('Source : Le360 avec la MAP, 22 décembre 2017 à 14:00'))!;
    expect(line).toMatch(/« الأمن الوطني أصدر حوالي مليوني بطاقة/);
  });
});

describeWithTools(['pdftotext'], 'a Latin acronym inside Arabic text (the Arabic PDF)', () => {
  it('copies out as written, in logical order, its brackets the right way round', async () => {
    const [first] = extractedPages((await renderModel(arabic)).file);
    expect(withoutBidiControls(first!)).toContain('المديرية العامة للأمن الوطني (DGSN)');
  }, 60_000);
});
