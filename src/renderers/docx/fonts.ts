// The typefaces the DOCX embeds under word/fonts/, each with a font key pinned to its name (ECMA-376 Part 2 §11.1
// obfuscation depends on the key, so a random key would make every build differ).
//
// docx would obfuscate and deflate ~460 KB of TTF on every render (~20 ms). Instead the Document gets a
// 32-byte placeholder per face, which makes docx write the font table, relationships, content type and
// `w:embedTrueTypeFonts`; the package pass (package.ts) then puts in the real face, obfuscated and deflated once
// per process. The bundle compresses them at build time (dist/bin/docx-faces/), so a CLI run only reads them.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32, inflateRawSync } from 'node:zlib';
import { BODY_FAMILY, EMPHASIS_FACE, EMPHASIS_FAMILY, faceFor, fontBytes, type FontFace } from '../../fonts/index.js';
import { deflated, type DeflatedData } from './zip.js';

/** A family as Word's font table lists it, with the faces embedded for it. */
interface EmbeddedFamily {
  name: string;
  regular: FontFace;
  bold?: FontFace;
}

const BODY: EmbeddedFamily = { name: BODY_FAMILY, regular: faceFor('regular'), bold: faceFor('bold') };
const EMPHASIS: EmbeddedFamily = { name: EMPHASIS_FAMILY, regular: EMPHASIS_FACE };

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

const compressed = new Map<string, DeflatedData>();
const cached = new Map<boolean, EmbeddedFonts>();

/**
 * The embedded faces: the body family always, the Medium face when the document has emphasis. Read, obfuscated
 * and compressed on first use and kept for the process.
 */
export function embeddedFonts(options: { emphasis: boolean }): EmbeddedFonts {
  let fonts = cached.get(options.emphasis);
  if (!fonts) {
    fonts = prepareFonts(options.emphasis ? [BODY, EMPHASIS] : [BODY]);
    cached.set(options.emphasis, fonts);
  }
  return fonts;
}

function prepareFonts(families: readonly EmbeddedFamily[]): EmbeddedFonts {
  const documentOption = families.map((family) =>
    family.bold ? { name: family.name, data: PLACEHOLDER, bold: PLACEHOLDER } : { name: family.name, data: PLACEHOLDER },
  );
  const ordered = families.flatMap((family) => [family.regular, ...(family.bold ? [family.bold] : [])].map((face) => ({ family: family.name, face })));
  const faces = ordered.map(({ family, face }, index): EmbeddedFace => {
    const fontKey = pinnedFontKey(family, face.weight);
    const key = `${fontKey}${face.path}`;
    let data = compressed.get(key);
    if (!data) {
      data = compressedFace(fontBytes(face), fontKey);
      compressed.set(key, data);
    }
    return { path: `word/fonts/font${index + 1}.odttf`, fontKey, face, ...data };
  });
  return { documentOption, faces };
}

/**
 * The faces compressed at bundle time, beside the bundle's chunks (src/bundle), with the body face's coverage
 * (coverage.ts); from source the folder does not exist and every face is compressed on first use (~25 ms).
 */
export const BUNDLED_FACES_DIR = fileURLToPath(new URL('./docx-faces/', import.meta.url));
const FONT_LEVEL = 9;

/** The face obfuscated with its key and deflated: from the bundle's folder when it holds this very face. */
function compressedFace(font: Uint8Array, fontKey: string): DeflatedData {
  const obfuscated = obfuscateFont(font, fontKey);
  const crc = crc32(obfuscated);
  try {
    const stored = new Uint8Array(readFileSync(join(BUNDLED_FACES_DIR, precompressedName(font, fontKey))));
    // Inflating it back (~2 ms) checks the file is whole: a damaged one is recompressed, never embedded.
    const inflated = inflateRawSync(stored);
    if (inflated.length === obfuscated.length && crc32(inflated) === crc) return { deflated: stored, crc, size: obfuscated.length };
  } catch {
    // not precompressed (running from source), or unreadable: compress it here
  }
  return deflated(obfuscated, FONT_LEVEL);
}

/** Named after a hash of the face's bytes, its key and the level, so a changed font package is never mistaken. */
function precompressedName(font: Uint8Array, fontKey: string): string {
  return `${createHash('sha256').update(font).update(`\u0000${fontKey}\u0000${FONT_LEVEL}`).digest('hex')}.deflate`;
}

/** Writes every face the DOCX may embed (those of a document with emphasis), compressed, into `folder` (the
 *  bundle's docx-faces/). */
export function writePrecompressedFaces(folder: string): number {
  mkdirSync(folder, { recursive: true });
  const { faces } = embeddedFonts({ emphasis: true });
  for (const face of faces) writeFileSync(join(folder, precompressedName(fontBytes(face.face), face.fontKey)), face.deflated);
  return faces.length;
}

/** A GUID made from a hash of the family and weight: the same face always gets the same key. */
function pinnedFontKey(family: string, weight: FontFace['weight']): string {
  const hex = createHash('sha256').update(`${family}\u0000${weight}`).digest('hex').toUpperCase();
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
