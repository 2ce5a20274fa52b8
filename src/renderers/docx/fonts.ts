// The typefaces the DOCX embeds under word/fonts/, each with a font key pinned to its name (ECMA-376 Part 2 §11.1
// obfuscation depends on the key, so a random key would make every build differ).
//
// docx would obfuscate and deflate ~460 KB of TTF on every render (~20 ms). Instead the Document gets a
// 32-byte placeholder per face, which makes docx write the font table, relationships, content type and
// `w:embedTrueTypeFonts`; the package pass (package.ts) then puts in the real face, obfuscated and deflated once
// per process.
import { createHash } from 'node:crypto';
import { FONT_FACES, fontBytes, type FontFace } from '../../fonts/index.js';
import { deflated, type DeflatedData } from './package.js';

/** One face as it goes into the package: its place, its key and its bytes, compressed once. */
export interface EmbeddedFace extends DeflatedData {
  /** e.g. `word/fonts/font1.odttf`; docx numbers the files in the order of the `fonts` option, regular before bold. */
  path: string;
  /** `{XXXXXXXX-XXXX-XXXX-XXXX-XXXXXXXXXXXX}`, as `w:fontKey` writes it. */
  fontKey: string;
  face: FontFace;
}

export interface EmbeddedFonts {
  /** The `fonts` option of the docx Document: placeholders that docx numbers and relates. */
  documentOption: { name: string; data: Buffer; bold?: Buffer }[];
  faces: EmbeddedFace[];
}

const PLACEHOLDER = Buffer.alloc(32);

let cached: EmbeddedFonts | undefined;

/** The embedded faces, read, obfuscated and compressed on first use and kept for the process. */
export function embeddedFonts(): EmbeddedFonts {
  cached ??= prepareFonts();
  return cached;
}

function prepareFonts(): EmbeddedFonts {
  const families = [...new Set(FONT_FACES.map((face) => face.family))];
  const documentOption: EmbeddedFonts['documentOption'] = [];
  const ordered: FontFace[] = [];
  for (const family of families) {
    const regular = FONT_FACES.find((face) => face.family === family && face.weight === 'regular');
    const bold = FONT_FACES.find((face) => face.family === family && face.weight === 'bold');
    if (!regular) throw new Error(`font family ${family} has no regular face`);
    documentOption.push(bold ? { name: family, data: PLACEHOLDER, bold: PLACEHOLDER } : { name: family, data: PLACEHOLDER });
    ordered.push(regular, ...(bold ? [bold] : []));
  }
  const faces = ordered.map((face, index): EmbeddedFace => {
    const fontKey = pinnedFontKey(face);
    return {
      path: `word/fonts/font${index + 1}.odttf`,
      fontKey,
      face,
      ...deflated(obfuscateFont(fontBytes(face), fontKey), 9),
    };
  });
  return { documentOption, faces };
}

/** A GUID made from a hash of the family and weight: the same face always gets the same key. */
export function pinnedFontKey(face: Pick<FontFace, 'family' | 'weight'>): string {
  const hex = createHash('sha256').update(`${face.family}\u0000${face.weight}`).digest('hex').toUpperCase();
  return `{${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}}`;
}

/**
 * ECMA-376 Part 2 §11.1: XOR the first 32 bytes with the key's 16 bytes, taken from the GUID's hex digits in
 * reverse order. The same function undoes it.
 */
export function obfuscateFont(font: Uint8Array, fontKey: string): Uint8Array {
  const hex = fontKey.replace(/[{}-]/g, '');
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) throw new Error(`not a font key: ${fontKey}`);
  const key = Array.from({ length: 16 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16)).reverse();
  const out = Uint8Array.from(font);
  for (let i = 0; i < Math.min(32, out.length); i++) out[i] = (out[i] ?? 0) ^ (key[i % 16] ?? 0);
  return out;
}
