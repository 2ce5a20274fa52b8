// The typefaces the DOCX embeds under word/fonts/, each with a font key pinned to its name (ECMA-376 Part 2 §11.1
// obfuscation depends on the key, so a random key would make every build differ).
//
// Each face is a HarfBuzz subset (fonts/subset.ts): whole scripts, layout tables kept, hinting dropped. docx would
// obfuscate and deflate it on every render. Instead the Document gets a
// 32-byte placeholder per face, which makes docx write the font table, relationships, content type and
// `w:embedTrueTypeFonts`; the package pass (package.ts) then puts in the real face, obfuscated and deflated once
// per process. The bundle compresses them at build time (dist/bin/docx-faces/), so a CLI run only reads them.
import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckedFile, writeCheckedFile } from '../../fonts/checked-files.js';
import { BODY_FAMILY, EMPHASIS_FACE, EMPHASIS_FAMILY, faceFor, fontBytes, type FontFace } from '../../fonts/index.js';
import { EDITABLE_CHARACTERS, subsetFont } from '../../fonts/subset.js';
import { deflated, type DeflatedData } from './zip.js';

/** A family as Word's font table lists it, with the faces embedded for it. */
interface EmbeddedFamily {
  name: string;
  regular: FontFace;
  bold?: FontFace;
  /** The characters a fallback family is cut to (the document's); a body family keeps whole scripts instead. */
  only?: readonly number[];
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
const cached = new Map<string, EmbeddedFonts>();

export interface EmbeddingOptions {
  emphasis: boolean;
  /** Fallback faces the text takes characters from (Noto Sans Tifinagh...), each embedded as a family of its own. */
  fallbacks: readonly FontFace[];
  /** The document's characters beyond the subsets' fixed set (fonts/subset.ts EDITABLE_CHARACTERS), ascending. */
  extraCharacters: readonly number[];
  /** The characters the fallback faces draw in the document, ascending: what their subsets keep. */
  fallbackCharacters: readonly number[];
}

/**
 * The embedded faces: the body family always, the Medium face when the document has emphasis, each subset by
 * HarfBuzz to whole scripts (layout tables kept, so the text still shapes as it is edited). Subset, obfuscated
 * and compressed on first use and kept for the process.
 */
export function embeddedFonts(options: EmbeddingOptions): EmbeddedFonts {
  const key = `${options.emphasis}:${options.fallbacks.map((face) => face.path).join('|')}:${options.extraCharacters.join(',')}:${options.fallbackCharacters.join(',')}`;
  let fonts = cached.get(key);
  if (!fonts) {
    const fallbacks = options.fallbacks.map((face): EmbeddedFamily => ({ name: face.family, regular: face, only: options.fallbackCharacters }));
    fonts = prepareFonts([BODY, ...(options.emphasis ? [EMPHASIS] : []), ...fallbacks], options.extraCharacters);
    if (cached.size > 16) cached.clear();
    cached.set(key, fonts);
  }
  return fonts;
}

function prepareFonts(families: readonly EmbeddedFamily[], extraCharacters: readonly number[]): EmbeddedFonts {
  const documentOption = families.map((family) =>
    family.bold ? { name: family.name, data: PLACEHOLDER, bold: PLACEHOLDER } : { name: family.name, data: PLACEHOLDER },
  );
  const ordered = families.flatMap((family) => [family.regular, ...(family.bold ? [family.bold] : [])].map((face) => ({ family, face })));
  const faces = ordered.map(({ family, face }, index): EmbeddedFace => {
    const fontKey = pinnedFontKey(family.name, face.weight);
    const characters = family.only ?? extraCharacters;
    const key = `${fontKey}${face.path}:${family.only ? 'only' : 'editable'}:${characters.join(',')}`;
    let data = compressed.get(key);
    if (!data) {
      data = family.only ? deflated(obfuscateFont(subsetFont(face.path, fontBytes(face), family.only), fontKey), FONT_LEVEL) : compressedFace(face, fontKey, extraCharacters);
      if (compressed.size > 64) compressed.clear();
      compressed.set(key, data);
    }
    return { path: `word/fonts/font${index + 1}.odttf`, fontKey, face, ...data };
  });
  return { documentOption, faces };
}

/**
 * The faces compressed at bundle time, beside the bundle's chunks (src/bundle); from source the folder does not exist and every face is compressed on first use (~25 ms).
 */
export const BUNDLED_FACES_DIR = fileURLToPath(new URL('./docx-faces/', import.meta.url));
const FONT_LEVEL = 9;

/** The face subset, obfuscated with its key and deflated: from the bundle's folder when it holds this very one. */
function compressedFace(face: FontFace, fontKey: string, extraCharacters: readonly number[]): DeflatedData {
  const font = fontBytes(face);
  const name = precompressedName(font, fontKey, extraCharacters);
  const stored = readPrecompressed(name);
  if (stored) return stored;
  const subset = subsetFont(face.path, font, [...EDITABLE_CHARACTERS, ...extraCharacters]);
  return deflated(obfuscateFont(subset, fontKey), FONT_LEVEL);
}

/**
 * A precompressed face: a checked file (fonts/checked-files.ts: a damaged one is made again, never embedded) of the
 * face's CRC-32 and length (what its zip entry records), then its deflated bytes. (Inflating it back to check would
 * cost a cold build ~2 ms.)
 */
function readPrecompressed(name: string): DeflatedData | undefined {
  const body = readCheckedFile(join(BUNDLED_FACES_DIR, name));
  if (!body || body.length < 8) return undefined; // not precompressed (running from source), or damaged
  return { deflated: new Uint8Array(body.subarray(8)), crc: body.readUInt32LE(0), size: body.readUInt32LE(4) };
}

/** Named after a hash of the face's bytes, its key, the level and the characters kept, so nothing is mistaken. */
function precompressedName(font: Uint8Array, fontKey: string, extraCharacters: readonly number[]): string {
  return `${createHash('sha256').update(font).update(`\u0000${fontKey}\u0000${FONT_LEVEL}\u0000${extraCharacters.join(',')}`).digest('hex')}.deflate`;
}

/** Writes every face the DOCX of a document with no character beyond the fixed set may embed (with emphasis),
 *  subset and compressed, into `folder` (the bundle's docx-faces/). */
export function writePrecompressedFaces(folder: string): number {
  const { faces } = embeddedFonts({ emphasis: true, fallbacks: [], extraCharacters: [], fallbackCharacters: [] });
  for (const face of faces) {
    const header = Buffer.alloc(8);
    header.writeUInt32LE(face.crc >>> 0, 0);
    header.writeUInt32LE(face.size, 4);
    writeCheckedFile(join(folder, precompressedName(fontBytes(face.face), face.fontKey, [])), Buffer.concat([header, face.deflated]));
  }
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
