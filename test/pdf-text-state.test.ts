// Nothing one document does may change what the next one copies out. The engine shares parsed fonts (and
// their shaping caches) between documents, and fontkit keeps one glyph object per glyph id with the characters
// it was first asked for; a subset built at the end of a document asks for glyphs with none. This file runs
// first in its own process, so no earlier test has warmed those glyphs.
import { describe, expect, it } from 'vitest';
import { renderParagraphs, spec } from './fixtures/text/article.js';
import { missingTool, pdftotext } from './fixtures/text/extract.js';

const missing = missingTool('pdftotext', 'poppler-utils');

describe.skipIf(missing !== null)(`state between documents${missing ? ` (skipped: ${missing})` : ''}`, () => {
  it('a later document copies out characters whose glyphs an earlier subset used as components', async () => {
    // `"` (quotedbl) and `ù` are composite glyphs built from `'` and `u`: encoding the first document's subset
    // made fontkit cache those component glyphs with no characters.
    await renderParagraphs([spec('\u202e"x'), spec('ù', { direction: 'ltr' })]);
    const second = await renderParagraphs([spec("قال 'نعم'"), spec('u and ü', { direction: 'ltr' })]);
    const text = pdftotext(second.bytes);
    expect(text).not.toContain('\ufffd');
    expect(text).toContain("'نعم'");
    expect(text).toContain('u and ü');
  });
});
