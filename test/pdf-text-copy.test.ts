// Copy and search: text extracted from the engine's PDF with poppler comes back in logical order with the
// right letters. Poppler reorders a right-to-left line itself (TextOutputDev's reorderText) when the glyphs'
// ToUnicode entries are Arabic and drawn in visual order, which is how the engine draws.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { articleParagraphs, renderParagraphs, spec, type TestPdf } from './fixtures/text/article.js';
import { missingTool, pdftotext, recall } from './fixtures/text/extract.js';
import { scratchDir } from './helpers/scratch.js';

const missing = missingTool('pdftotext', 'poppler-utils');

describe.skipIf(missing !== null)(`copy-paste with pdftotext${missing ? ` (skipped: ${missing})` : ''}`, () => {
  let pdf: TestPdf;
  let text: string;
  beforeAll(async () => {
    const paragraphs = articleParagraphs();
    pdf = await renderParagraphs(
      paragraphs.map((p, i) => spec(p, { spans: [{ text: p, bold: i === 0, italic: false }], size: i === 0 ? 16 : 11, align: i > 2 ? 'justify' : 'start' })),
    );
    text = pdftotext(pdf.bytes);
  });

  it('returns at least 99 % of the characters in logical order, white space aside', () => {
    const squeeze = (s: string) => s.replace(/\s+/g, '');
    expect(recall(pdf.lines.map(squeeze), text.split('\n').map(squeeze).join('\n'))).toBeGreaterThanOrEqual(0.99);
  });

  it('returns at least 99.5 % of the characters with white space, neutrals beside numbers in their place', () => {
    // Poppler's reorderText gives a number (or a Latin word) the neutrals on its left, and takes a separator
    // (، . : %) for part of a number: "2017. و" came back ".2017 و" and "تم، خلال" "تم ،خلال" (97.7 % on the
    // article). The engine copies out a right-to-left mark where that would happen (see draw.ts): measured
    // 99.97 %.
    expect(recall(pdf.lines, text)).toBeGreaterThanOrEqual(0.995);
  });

  it('returns numbers in brackets and neutrals after numbers in logical order (poppler’s reordering steered with RLM)', async () => {
    const lines = ['ولد سنة (1609) في فاس', 'ولد 19 (1618) في فاس', 'إصدار 2017. وقد تم، خلال السنة', 'Le360 مع و.م.ع، 22 دجنبر 2017', 'برسم سنة 2018.', 'أي 10,5%. وبلغ'];
    const one = await renderParagraphs(lines.map((line) => spec(line)));
    const copied = pdftotext(one.bytes).split('\n').map((line) => line.trim()).filter(Boolean);
    // The marks are invisible; the text around them is what a reader pastes.
    expect(copied.map((line) => line.replace(/\u200f/g, ''))).toEqual(lines);
  });

  it('returns ligatures (لا, لأ, لي, تر …) with their letters in logical order', () => {
    for (const word of ['الأمن', 'الوطني', 'حوالي', 'إلكترونية', 'شتنبر', 'بلاغا', 'الإعلان']) expect(text).toContain(word);
  });

  it('returns mirrored brackets as the characters in the text', () => {
    expect(text).toContain('(مديرية أمن القصور');
    expect(text).toContain('الملكية)');
  });

  it('returns a mirrored bracket that carries a combining mark as the bracket in the text', async () => {
    // The mark makes the bracket a cluster of its own, drawn with ActualText: it must be the logical bracket.
    const one = await renderParagraphs([spec('قال (ٌ) لهم')]);
    expect(pdftotext(one.bytes).trim()).toBe('قال (ٌ) لهم');
  });

  it('returns vowelled words whole, marks on their letters, in logical order', async () => {
    const vowelled = 'مُحَمَّدٌ رَسُولُ اللَّهِ';
    const one = await renderParagraphs([spec(vowelled)]);
    // The engine stores shadda before the vowel it carries (see collect.ts); compare with its own line text.
    expect(pdftotext(one.bytes).trim()).toBe(one.lines[0]);
    expect(one.lines[0]!.normalize('NFC')).toBe(vowelled.normalize('NFC'));
  });

  it('returns words whole where kerning opens a gap inside them (bold title at 18 pt)', async () => {
    const title = 'الأمن الوطني أصدر حوالي مليوني بطاقة تعريف إلكترونية خلال 2017';
    const one = await renderParagraphs([spec(title, { size: 18, spans: [{ text: title, bold: true, italic: false }] })]);
    expect(pdftotext(one.bytes).replace(/\s+/g, ' ').trim()).toBe(title);
  });

  it('embeds subset fonts', () => {
    const dir = scratchDir('pdf-text-');
    const file = join(dir, 'article.pdf');
    writeFileSync(file, pdf.bytes);
    const rows = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter(Boolean);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row).toMatch(/^[A-Z]{6}\+\S+\s+CID TrueType\s+Identity-H\s+yes yes yes/);
  });
});
