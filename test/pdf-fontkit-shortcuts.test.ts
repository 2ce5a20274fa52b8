// The PDF's two fontkit shortcuts (src/renderers/pdf/fontkit-shortcuts.ts) write what fontkit itself writes, for
// every face the briefings embed: subsets byte for byte, composite glyphs included, and the post table's header.
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { EMPHASIS_FACE, fontBytes, fontChain, FONT_FACES, type FontFace } from '../src/fonts/index.js';
import { copySimpleGlyphsUndecoded, readPostHeaderOnly } from '../src/renderers/pdf/fontkit-shortcuts.js';

const faces: FontFace[] = [
  ...new Map(
    [...FONT_FACES, EMPHASIS_FACE, ...fontChain({ bold: false, italic: false }), ...fontChain({ bold: true, italic: false })].map((face) => [face.path, face]),
  ).values(),
];
const name = (face: FontFace) => face.path.split('/').pop()!;
interface SubsetLike {
  includeGlyph(glyphId: number): number;
  encode(): Uint8Array;
}

/** The fontkit font of a TrueType face, as read here. */
interface Font {
  numGlyphs: number;
  italicAngle: number;
  createSubset(): SubsetLike;
}

const open = (face: FontFace) => create(fontBytes(face)) as unknown as Font;

/** Glyph ids to subset: the first few hundred and every composite glyph (negative numberOfContours) among all. */
function glyphSample(font: Font): number[] {
  const internals = font as unknown as { loca?: { offsets: number[] }; _getTableStream(tag: string): { pos: number; readBuffer(n: number): Uint8Array } };
  const ids = Array.from({ length: Math.min(font.numGlyphs, 300) }, (_, id) => id);
  const offsets = internals.loca?.offsets ?? [];
  for (let id = 0; id < font.numGlyphs && offsets.length > 0; id++) {
    const stream = internals._getTableStream('glyf');
    stream.pos += offsets[id]!;
    const head = stream.readBuffer(Math.min(2, offsets[id + 1]! - offsets[id]!));
    if (head.length === 2 && (head[0]! & 0x80) !== 0) ids.push(id);
  }
  return [...new Set(ids)].sort((a, b) => a - b);
}

function encodedSubset(font: Font, glyphIds: readonly number[], shortcut: boolean): Uint8Array {
  const subset = font.createSubset();
  if (shortcut) copySimpleGlyphsUndecoded(subset);
  for (const id of glyphIds) subset.includeGlyph(id);
  return subset.encode();
}

describe('fontkit shortcuts of the PDF', () => {
  it.each(faces.map((face) => [name(face), face] as const))('%s: a subset is byte for byte fontkit’s own, composites included', (_, face) => {
    const sample = glyphSample(open(face));
    const composites = sample.filter((id) => id >= 300).length;
    const expected = encodedSubset(open(face), sample, false);
    const actual = encodedSubset(open(face), sample, true);
    expect(Buffer.from(actual).equals(Buffer.from(expected)), `${name(face)}: ${sample.length} glyphs, ${composites} composites past the first 300`).toBe(true);
  });

  it('finds composite glyphs to test in the body faces', () => {
    expect(glyphSample(open(FONT_FACES[0]!)).length).toBeGreaterThan(300);
  });

  it.each(faces.map((face) => [name(face), face] as const))('%s: the post header is what fontkit decodes', (_, face) => {
    const decoded = (open(face) as unknown as { post: Record<string, number> }).post;
    const font = open(face);
    readPostHeaderOnly(font);
    const header = (font as unknown as { post: Record<string, number> }).post;
    for (const field of ['version', 'italicAngle', 'underlinePosition', 'underlineThickness', 'isFixedPitch']) {
      expect(header[field], field).toBe(decoded[field]);
    }
    expect(font.italicAngle).toBe(decoded.italicAngle);
    // The header alone, not fontkit's whole table (version 2 lists every glyph's name).
    if (decoded.version === 2) expect(Object.keys(header)).not.toContain('names');
  });
});
