// Hostile input, property-based: the real dataset with text fields replaced by any Unicode (bidi controls and
// overrides, combining marks, emoji, CJK, 500-letter words, markup, empty strings) and counts by zero or huge
// numbers. The build never crashes; every character a font covers comes back out of the PDF; each one no font
// covers is reported; no text of the briefing is reversed by a stray bidi control; nothing is drawn outside its
// table cell or the page's margins. Builds run in one process, as the benchmark's warm renders do.
// Fixed seed, modest runs; BRIEFING_PROPERTY_SEED and BRIEFING_PROPERTY_RUNS explore further.
import fc from 'fast-check';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { defaultStages, runBuild, type BuildStages, type FormatWarning } from '../src/cli/build.js';
import { DEFAULT_DATA_FILE, TEMPLATE_DIR } from '../src/package-root.js';

const ARABIC_TEMPLATE = 'briefing.ar';
import { InputError } from '../src/errors.js';
import type { DocumentModel } from '../src/model/types.js';
import { FRAME, PAGE } from '../src/renderers/pdf/style.js';
import {
  characterSet,
  codePointLabel,
  figurePaths,
  freeTextPaths,
  isFound,
  isInvisible,
  modelText,
  pdfCoverage,
  setAt,
  setCounts,
  setPlanCounts,
  type JsonPath,
} from './helpers/cli-hostile.js';
import { describeWithCliTools, drawnGlyphs, extractedPages, misplacedGlyphs, PDF_TOOLS } from './helpers/cli-pdf.js';
import { zipEntries } from './helpers/cli-zip.js';

const SEED = Number(process.env.BRIEFING_PROPERTY_SEED ?? 20171222);
const RUNS = Number(process.env.BRIEFING_PROPERTY_RUNS ?? 12);
/** Printers cannot reach the last few millimetres of a sheet: the running header and footer stay inside this. */
const PRINTABLE_INSET = 18;

type Json = Parameters<typeof freeTextPaths>[0];
let workDir: string;
let base: Json;
/** The free-text fields the briefing shows (found by the probe). */
let shownPaths: JsonPath[] = [];
/** Words of the unedited briefing's PDF text, letters reversed: seeing one means a bidi control leaked. */
let reversedWords = new Set<string>();
let buildCount = 0;


// ---- building ----

/** The dataset without its article link, so replaced text need not be quoted from the article. */
function baseDataset(): Json {
  const dataset = JSON.parse(readFileSync(DEFAULT_DATA_FILE, 'utf8')) as { publication: { article?: string } };
  delete dataset.publication.article;
  return dataset as Json;
}

async function buildModel(dataFile: string) {
  return defaultStages.buildModel({ dataFile, template: ARABIC_TEMPLATE, templateDir: TEMPLATE_DIR });
}

interface Built {
  problems?: string[];
  warnings: FormatWarning[];
  pdfFile: string;
  docx: Buffer;
  html: string;
  modelText: string;
}

/** Builds all three formats in this process; an InputError comes back as problems, anything else throws. */
async function build(dataset: Json): Promise<Built> {
  buildCount += 1;
  const name = `case-${buildCount}`;
  const dataFile = join(workDir, `${name}.json`);
  writeFileSync(dataFile, JSON.stringify(dataset, null, 1));
  const outDir = join(workDir, `out-${buildCount}`);
  // The model the build made, kept for the text checks rather than built a second time.
  let model: DocumentModel | undefined;
  const stages: BuildStages = { ...defaultStages, buildModel: async (input) => (model = await defaultStages.buildModel(input)) };
  try {
    const result = await runBuild(
      { dataFile, templates: [{ name: ARABIC_TEMPLATE, dir: TEMPLATE_DIR }], formats: ['pdf', 'docx', 'html'], outDir, strict: false },
      stages,
    );
    return {
      warnings: result.warnings,
      pdfFile: join(outDir, `${ARABIC_TEMPLATE}.pdf`),
      docx: readFileSync(join(outDir, `${ARABIC_TEMPLATE}.docx`)),
      html: readFileSync(join(outDir, `${ARABIC_TEMPLATE}.html`), 'utf8'),
      modelText: modelText(model!),
    };
  } catch (error) {
    if (!(error instanceof InputError)) throw error; // an internal fault: the property fails with it
    return { problems: error.problems.map((p) => `${p.file}: ${p.place}: ${p.message}`), warnings: [], pdfFile: '', docx: Buffer.alloc(0), html: '', modelText: '' };
  }
}

function edited(edits: [JsonPath, string][], counts: { path: JsonPath; value: number }[] = []): Json {
  const dataset = structuredClone(base);
  for (const [path, text] of edits) setAt(dataset, path, text);
  setCounts(dataset, counts);
  return dataset;
}

const jsonPathOf = (path: JsonPath) => path.reduce<string>((text, key) => (typeof key === 'number' ? `${text}[${key}]` : `${text}.${key}`), '$');
const words = (text: string) => text.match(/[\p{L}\p{N}]{4,}/gu) ?? [];

// ---- the checks ----

function expectBuilt(built: Built): void {
  expect(built.problems, 'the dataset is valid and must build').toBeUndefined();
}

/** Every visible character of the replaced text is in the model, the PDF (or reported) and the DOCX. */
function expectNoCharacterLost(texts: string[], built: Built): void {
  const inModel = characterSet(built.modelText);
  const extracted = characterSet(extractedPages(built.pdfFile).join('\n'));
  const reported = built.warnings.filter((w) => w.format === 'pdf').map((w) => w.warning.message).join('\n');
  const documentXml = zipEntries(built.docx).get('word/document.xml')!.toString('utf8');
  const inDocx = characterSet(
    documentXml.replace(/<[^>]+>/g, '').replace(/&(lt|gt|quot|apos|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' })[name]!),
  );
  for (const char of new Set(texts.flatMap((text) => [...text]))) {
    if (isInvisible(char)) continue;
    const label = `${codePointLabel(char)} ${char}`;
    expect(isFound(char, inModel), `${label}: in the document model`).toBe(true);
    expect(isFound(char, inDocx), `${label}: in the DOCX`).toBe(true);
    const coverage = pdfCoverage(char);
    const found = isFound(char, extracted);
    const warned = reported.includes(codePointLabel(char));
    if (coverage === 'all') expect(found, `${label}: a font covers it, so it must be in the PDF's text`).toBe(true);
    else if (coverage === 'none') expect(warned, `${label}: no font covers it, so it must be reported`).toBe(true);
    else expect(found || warned, `${label}: in the PDF's text or reported`).toBe(true);
  }
}

/** No word of the briefing's own text comes out reversed (a bidi override leaking out of a field). */
function expectNothingReversed(built: Built): void {
  const leaked = words(extractedPages(built.pdfFile).join('\n')).filter((word) => reversedWords.has(word));
  expect(leaked.slice(0, 8), 'words of the briefing reversed by a bidi control from a field').toEqual([]);
}

/** Nothing drawn outside its table cell (clip) or the page's margins. */
function expectNothingOutside(built: Built): void {
  const area = { x0: FRAME.left, x1: FRAME.right, y0: PRINTABLE_INSET, y1: PAGE.height - PRINTABLE_INSET };
  const misplaced = misplacedGlyphs(drawnGlyphs(built.pdfFile).glyphs, area);
  expect(misplaced.slice(0, 3), `${misplaced.length} glyphs outside their cell or the margins`).toEqual([]);
}

// ---- arbitraries ----

const BIDI_CONTROLS = ['\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\u200e', '\u200f', '\u061c'];
const PIECES = [
  ...BIDI_CONTROLS,
  '\u0301', '\u0651', '\u064e', '\u0670', '\u0653', // combining marks: acute, shadda, fatha, superscript alef, madda
  '😀', '👩‍👩‍👧', '🇲🇦', '🏽', // emoji: plain, ZWJ sequence, flag, skin-tone modifier
  '中', '文', '字', 'ひ', '한', // CJK
  'ب', 'ت', 'ل', 'ا', 'لا', 'ة', 'ـ', '٣', '٤', '،', // Arabic
  'A', 'z', 'é', '1', '9', '.', ',', '(', ')', '[', '«', '»', '%', ' ', ' ', '\u00a0', '\t',
  '<b>', '</td>', '&amp;', '<script>alert(1)</script>', '{{', '}}', '{{publication.title}}', '{{> x}}', '\\', '"', "'",
];

const hostileText = fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 14 }).map((parts) => parts.join('')) },
  // Any code point the build accepts: well-formed, and no C0/C1 control but tab and line breaks (those are refused,
  // naming the field: test/hostile-input.test.ts).
  {
    weight: 2,
    arbitrary: fc
      .string({ unit: 'binary', minLength: 1, maxLength: 24 })
      .map((text) => text.toWellFormed().replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/g, '\ufffd')),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 24 }) },
  // A word far wider than any column or line: 500 letters without a space.
  { weight: 1, arbitrary: fc.constantFrom('ب', 'x', '中', 'مـ').map((letter) => letter.repeat(500).slice(0, 500)) },
  // Nothing, or nothing visible: the schema must refuse it, naming the field.
  { weight: 1, arbitrary: fc.constantFrom('', ' ', '\n\t ') },
);

const count = fc.oneof(
  fc.constant(0),
  fc.integer({ min: 0, max: 99 }),
  fc.integer({ min: 1_000_000_000, max: 999_999_999_999 }),
  fc.constant(Number.MAX_SAFE_INTEGER),
);

describeWithCliTools(PDF_TOOLS, 'hostile datasets', () => {
  beforeAll(async () => {
    workDir = mkdtempSync(join(tmpdir(), 'briefing-property-'));
    base = baseDataset();
    // Which free-text fields the briefing shows: give each a unique marker and look for it in the model.
    const probe = structuredClone(base);
    const paths = freeTextPaths(probe);
    paths.forEach((path, index) => setAt(probe, path, `QX${index}QX`));
    const probeFile = join(workDir, 'probe.json');
    writeFileSync(probeFile, JSON.stringify(probe));
    const text = modelText(await buildModel(probeFile));
    shownPaths = paths.filter((_, index) => text.includes(`QX${index}QX`));
    const unedited = await build(base);
    reversedWords = new Set(
      words(extractedPages(unedited.pdfFile).join('\n'))
        .map((word) => [...word].reverse().join(''))
        .filter((reversed) => !/^\d+$/.test(reversed)),
    );
  }, 120_000);
  afterAll(() => {
    if (workDir && !process.env.BRIEFING_KEEP_TEST_OUTPUT) rmSync(workDir, { recursive: true, force: true });
  });

  const field = (dotted: string): JsonPath => dotted.split('.').map((key) => (/^\d+$/.test(key) ? Number(key) : key));

  it('the probe finds the free-text fields the briefing shows', () => {
    expect(shownPaths.length).toBeGreaterThan(20);
    expect(shownPaths.map((path) => path.join('.'))).toEqual(expect.arrayContaining(['publication.title', 'documents.0.label.ar', 'plans.0.project.ar']));
  });

  it('a label that looks like markup or Handlebars stays text, in every format', async () => {
    const label = '<b>غليظ</b> {{publication.title}} {{> x}} &amp; <script>alert(1)</script>';
    const built = await build(edited([[field('documents.0.label.ar'), label]]));
    expectBuilt(built);
    expect(built.modelText).toContain(label);
    expect(built.html).toContain('&lt;b&gt;غليظ&lt;/b&gt; {{publication.title}} {{&gt; x}} &amp;amp; &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(built.html).not.toContain('<script>alert(1)');
    expect(built.html).not.toContain('<b>غليظ');
    expectNoCharacterLost([label], built);
  }, 60_000);

  it('counts of zero and of 2^53 − 1 build, the zero even for a figure that has parts, and fit their cells', async () => {
    const figures = figurePaths(base);
    for (const value of [0, Number.MAX_SAFE_INTEGER]) {
      const dataset = edited([], figures.map((path) => ({ path, value })));
      setPlanCounts(dataset, value);
      const built = await build(dataset);
      expectBuilt(built);
      expectNothingOutside(built);
      expect(extractedPages(built.pdfFile).join('\n')).toContain(value === 0 ? '0' : '9.007.199.254.740.991');
    }
  }, 60_000);

  it('a 500-letter word in a table cell is broken inside its cell, and the other columns keep their text in theirs', async () => {
    const built = await build(edited([[field('plans.0.project.ar'), 'ب'.repeat(500)], [field('documents.0.label.ar'), 'x'.repeat(500)]]));
    expectBuilt(built);
    expectNoCharacterLost(['ب', 'x'], built);
    expectNothingOutside(built);
  }, 60_000);

  it('an unterminated bidi override or embedding in a field does not reverse the text around it', async () => {
    for (const control of ['\u202d', '\u202e', '\u202a', '\u202b', '\u2066', '\u2067']) {
      // The fields' own words are short (under four letters), so only the briefing's own words are checked.
      const built = await build(edited([[field('publication.communique.ar'), `${control}نص ab`], [field('documents.2.label.ar'), `${control}حقل`]]));
      expectBuilt(built);
      expectNothingReversed(built);
      expectNoCharacterLost(['نص ab', 'حقل'], built);
    }
  }, 120_000);

  it('one process, many documents: what one briefing drew does not change how the next copies out', async () => {
    // The text engine and fonts are shared between documents in a process (warm renders, the benchmark).
    await build(edited([[field('plans.10.place.ar'), 'ù ﬄ é ﻻ']]));
    const built = await build(edited([[field('publication.issuer.abbreviation'), 'publication']]));
    expectBuilt(built);
    expect(extractedPages(built.pdfFile).join('\n')).not.toContain('\ufffd');
    expectNoCharacterLost(['publication'], built);
  }, 60_000);

  it('random hostile datasets: no crash, no character lost, nothing reversed, nothing outside its cell', async () => {
    interface Case {
      edits: { path: number; text: string }[];
      counts: { figure: number; value: number }[];
      planCount: number | null;
    }
    const figures = figurePaths(base);
    const caseArbitrary: fc.Arbitrary<Case> = fc.record({
      edits: fc.uniqueArray(fc.record({ path: fc.nat({ max: shownPaths.length - 1 }), text: hostileText }), {
        minLength: 1,
        maxLength: 5,
        selector: (edit) => edit.path,
      }),
      counts: fc.array(fc.record({ figure: fc.nat({ max: figures.length - 1 }), value: count }), { maxLength: 3 }),
      planCount: fc.option(count, { freq: 3 }),
    });
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async ({ edits, counts, planCount }) => {
        const dataset = edited(
          edits.map((edit) => [shownPaths[edit.path]!, edit.text]),
          counts.map((c) => ({ path: figures[c.figure]!, value: c.value })),
        );
        if (planCount !== null) setPlanCounts(dataset, planCount);
        const built = await build(dataset);
        const blank = edits.filter((edit) => edit.text.trim() === '');
        if (blank.length > 0) {
          // Refused as bad input, naming each blank field.
          expect(built.problems, 'a blank text field is an input error').toBeDefined();
          for (const edit of blank) {
            const place = jsonPathOf(shownPaths[edit.path]!);
            expect(built.problems!.some((problem) => problem.includes(`: ${place}: `)), `a problem at ${place}`).toBe(true);
          }
          return;
        }
        expectBuilt(built);
        expectNoCharacterLost(edits.map((edit) => edit.text), built);
        expectNothingReversed(built);
        expectNothingOutside(built);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
  }, 600_000);
});
