// Characters the embedded faces cannot draw: Word and LibreOffice would quietly take them from some system font,
// which differs from machine to machine, so the build says so (as the PDF renderer does for its fonts).
//
// The face's coverage comes from fontkit; the bundle stores it beside the compressed faces (docx-faces/), so a
// DOCX-only run need not load and start fontkit (~20 ms) just to read a cmap.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { WarningSink } from '../../errors.js';
import { faceFor, fontBytes } from '../../fonts/index.js';
import type { DocumentModel } from '../../model/types.js';
import { pageLabelParts } from '../../model/page-label.js';
import { BUNDLED_FACES_DIR } from './fonts.js';
import { blockInlines } from '../../model/block-inlines.js';

/** Invisible controls the renderer drops or Word handles itself; they need no glyph. */
const NEEDS_NO_GLYPH = /[\s\u200b-\u200f\u2028-\u202e\u2060-\u2069\u061c\ufeff]/u;

type Covers = (codePoint: number) => boolean;

let bodyCoverage: Covers | undefined;

export async function warnUncoveredCharacters(model: DocumentModel, warn: WarningSink): Promise<void> {
  bodyCoverage ??= await faceCoverage(fontBytes(faceFor('regular')));
  const covers = bodyCoverage;
  const warned = new Set<number>();
  for (const text of modelTexts(model)) {
    for (const char of text) {
      const code = char.codePointAt(0)!;
      if (warned.has(code) || NEEDS_NO_GLYPH.test(char) || covers(code)) continue;
      warned.add(code);
      warn({
        code: 'uncovered-character',
        codePoints: [code],
        message: `DOCX: U+${code.toString(16).toUpperCase().padStart(4, '0')} "${char}" is not in the embedded ${faceFor('regular').family}; Word will take it from a system font`,
      });
    }
  }
}

/** Inclusive [first, last] code point ranges, ascending. */
type Ranges = [number, number][];

async function faceCoverage(font: Buffer): Promise<Covers> {
  const stored = storedRanges(font);
  if (stored) return (code) => inRanges(stored, code);
  const fontkit = await import('fontkit');
  const parsed = fontkit.create(font);
  return (code) => parsed.hasGlyphForCodePoint(code);
}

function storedRanges(font: Buffer): Ranges | undefined {
  try {
    const ranges = JSON.parse(readFileSync(join(BUNDLED_FACES_DIR, coverageFileName(font)), 'utf8')) as unknown;
    const valid =
      Array.isArray(ranges) &&
      ranges.every((range, index) => {
        if (!Array.isArray(range) || range.length !== 2 || !Number.isInteger(range[0]) || !Number.isInteger(range[1])) return false;
        const previous = ranges[index - 1] as [number, number] | undefined;
        return range[0] <= range[1] && (!previous || previous[1] < range[0]);
      });
    return valid ? (ranges as Ranges) : undefined;
  } catch {
    return undefined; // not bundled (running from source), or unreadable: ask fontkit
  }
}

function inRanges(ranges: Ranges, code: number): boolean {
  let low = 0;
  let high = ranges.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const [first, last] = ranges[middle]!;
    if (code < first) high = middle - 1;
    else if (code > last) low = middle + 1;
    else return true;
  }
  return false;
}

/** Named after a hash of the face's bytes, so another version of the font package is never mistaken for it. */
function coverageFileName(font: Uint8Array): string {
  return `${createHash('sha256').update(font).digest('hex')}.coverage.json`;
}

/** Writes the body face's coverage, as fontkit reads it code point by code point, into `folder` (at bundle time). */
export async function writeFaceCoverage(folder: string): Promise<void> {
  const font = fontBytes(faceFor('regular'));
  const fontkit = await import('fontkit');
  const parsed = fontkit.create(font);
  const ranges: Ranges = [];
  for (let code = 0; code <= 0x10ffff; code++) {
    if (!parsed.hasGlyphForCodePoint(code)) continue;
    const last = ranges[ranges.length - 1];
    if (last && last[1] === code - 1) last[1] = code;
    else ranges.push([code, code]);
  }
  writeFileSync(join(folder, coverageFileName(font)), JSON.stringify(ranges));
}

function* modelTexts(model: DocumentModel): Generator<string> {
  const { meta } = model;
  yield meta.header;
  yield meta.footer;
  for (const part of pageLabelParts(meta.pageLabel)) if ('text' in part) yield part.text;
  for (const block of model.blocks) {
    for (const inlines of blockInlines(block)) for (const inline of inlines) if (inline.kind === 'text') yield inline.text;
  }
}
