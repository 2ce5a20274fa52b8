// Font subsetting by HarfBuzz (harfbuzzjs's harfbuzz-subset.wasm, called through its C exports): the subset
// keeps the layout tables (GSUB, GPOS, GDEF) for the characters kept, so text in it still shapes: Arabic joins
// and marks sit on their letters in Word or a browser, also in text a user types later with those characters.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { distinctCodePoints } from '../collections.js';
import { storedSubset, writeStoredSubset } from './stored-subsets.js';
import { compiledByBaselineOnly } from '../v8-flags.js';

interface SubsetExports {
  memory: { buffer: ArrayBuffer };
  malloc(size: number): number;
  free(pointer: number): void;
  hb_blob_create(data: number, length: number, mode: number, userData: number, destroy: number): number;
  hb_blob_destroy(blob: number): void;
  hb_blob_get_length(blob: number): number;
  hb_blob_get_data(blob: number, length: number): number;
  hb_face_create(blob: number, index: number): number;
  hb_face_destroy(face: number): void;
  hb_face_reference_blob(face: number): number;
  hb_set_add(set: number, value: number): void;
  hb_set_del(set: number, value: number): void;
  hb_subset_input_set(input: number, setType: number): number;
  hb_subset_input_create_or_fail(): number;
  hb_subset_input_destroy(input: number): void;
  hb_subset_input_unicode_set(input: number): number;
  hb_subset_input_set_flags(input: number, flags: number): void;
  hb_subset_or_fail(face: number, input: number): number;
}

const HB_MEMORY_MODE_READONLY = 1;
/** HB_SUBSET_SETS_LAYOUT_FEATURE_TAG: the layout features the subset keeps. */
const LAYOUT_FEATURE_TAGS = 6;

/**
 * Layout features HarfBuzz's subsetter keeps by default that no briefing and no plain editing use: stylistic
 * alternates and sets, fractions, superiors and inferiors, slashed zero, case forms. Joining, ligatures, marks and
 * kerning stay. About 2 KB of every compressed face.
 */
const UNUSED_FEATURES = [
  'aalt', 'salt', 'case', 'zero', 'frac', 'numr', 'dnom', 'ordn', 'sups', 'subs', 'sinf',
  ...Array.from({ length: 20 }, (_, i) => `ss${String(i + 1).padStart(2, '0')}`),
  ...Array.from({ length: 20 }, (_, i) => `cv${String(i + 1).padStart(2, '0')}`),
];

const tag = (name: string) => ((name.charCodeAt(0) << 24) | (name.charCodeAt(1) << 16) | (name.charCodeAt(2) << 8) | name.charCodeAt(3)) >>> 0;
/** HB_SUBSET_FLAGS_NO_HINTING: hinting instructions are for low-resolution screens of the 1990s; they are most
 *  of a TrueType face's weight and every current renderer ignores them or does better without. */
const NO_HINTING = 0x1;

/** The two WebAssembly constructors used (Node has them; its type declarations here do not). */
interface WebAssemblyApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object) => { exports: unknown };
}
const { WebAssembly: wasmApi } = globalThis as unknown as { WebAssembly: WebAssemblyApi };

let wasm: SubsetExports | undefined;

/** harfbuzz-subset.wasm, instantiated on first use (it needs no imports). */
function subsetter(): SubsetExports {
  if (!wasm) {
    const path = createRequire(import.meta.url).resolve('harfbuzzjs/dist/harfbuzz-subset.wasm');
    wasm = new wasmApi.Instance(baselineCompiled(readFileSync(path))).exports as SubsetExports;
  }
  return wasm;
}

/**
 * The module compiled by V8's baseline compiler (Liftoff) alone. A subset runs its hot loops long enough for V8 to
 * start optimising the 680 KB module in the background, and Node 20 waits for that at exit: ~0.3 s and ~30 MB
 * more for every build that writes HTML, to make a 1 ms subset faster. The flag is read when a module is compiled,
 * so it is set for this one only (HarfBuzz's shaper, which long runs keep busy, still tiers up).
 */
function baselineCompiled(bytes: Uint8Array): object {
  return compiledByBaselineOnly(() => new wasmApi.Module(bytes));
}

const cache = new Map<string, Uint8Array>();

/**
 * The face `font` reduced to the glyphs of `codePoints` and those the layout tables reach from them (ligatures,
 * joining forms, marks). Kept per font and set of characters: a briefing asks for the same subsets every render.
 * `fontKey` is the face's file: its path inside node_modules and its size name it among stored subsets.
 */
export function subsetFont(fontKey: string, font: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  const codes = [...new Set(codePoints)].sort((a, b) => a - b);
  const key = `${faceIdentity(fontKey, font)}\u0000${codes.join(',')}`;
  let subset = cache.get(key);
  if (!subset) {
    subset = storedSubset(key) ?? subsetUncached(font, codes);
    if (cache.size > 64) cache.clear();
    cache.set(key, subset);
  }
  recording?.set(key, subset);
  return subset;
}

/** The subsets asked for while storeSubsetsAskedBy runs its work. */
let recording: Map<string, Uint8Array> | undefined;

/** A face's file named the same wherever the package is installed: its path from node_modules on, and its size. */
function faceIdentity(path: string, font: Uint8Array): string {
  const inPackages = path.replace(/\\/g, '/').lastIndexOf('node_modules/');
  return `${inPackages < 0 ? path : path.slice(inPackages + 'node_modules/'.length)}:${font.byteLength}`;
}

/** Runs `work` and writes every subset it asked for into `folder` (the bundle's font-subsets/); returns how many. */
export async function storeSubsetsAskedBy(folder: string, work: () => Promise<unknown>): Promise<number> {
  const asked = new Map<string, Uint8Array>();
  recording = asked;
  try {
    await work();
  } finally {
    recording = undefined;
  }
  for (const [key, subset] of asked) writeStoredSubset(folder, key, subset);
  return asked.size;
}

function subsetUncached(font: Uint8Array, codes: readonly number[]): Uint8Array {
  const hb = subsetter();
  const fontPointer = hb.malloc(font.byteLength);
  new Uint8Array(hb.memory.buffer).set(font, fontPointer);
  const blob = hb.hb_blob_create(fontPointer, font.byteLength, HB_MEMORY_MODE_READONLY, 0, 0);
  const face = hb.hb_face_create(blob, 0);
  hb.hb_blob_destroy(blob);
  const input = hb.hb_subset_input_create_or_fail();
  if (input === 0) throw new Error('hb-subset: out of memory');
  try {
    const unicodes = hb.hb_subset_input_unicode_set(input);
    for (const code of codes) hb.hb_set_add(unicodes, code);
    hb.hb_subset_input_set_flags(input, NO_HINTING);
    const features = hb.hb_subset_input_set(input, LAYOUT_FEATURE_TAGS);
    for (const feature of UNUSED_FEATURES) hb.hb_set_del(features, tag(feature));
    const subsetFace = hb.hb_subset_or_fail(face, input);
    if (subsetFace === 0) throw new Error('hb-subset failed on a font');
    const resultBlob = hb.hb_face_reference_blob(subsetFace);
    const length = hb.hb_blob_get_length(resultBlob);
    const data = hb.hb_blob_get_data(resultBlob, 0);
    // Copied out before anything else runs: the wasm memory may grow and move.
    const out = new Uint8Array(hb.memory.buffer, data, length).slice();
    hb.hb_blob_destroy(resultBlob);
    hb.hb_face_destroy(subsetFace);
    return out;
  } finally {
    hb.hb_subset_input_destroy(input);
    hb.hb_face_destroy(face);
    hb.free(fontPointer);
  }
}

/** Inclusive ranges of code points. */
const range = (first: number, last: number) => Array.from({ length: last - first + 1 }, (_, i) => first + i);

/**
 * What an editable document's subset keeps whatever its text: whole blocks of the scripts a briefing writes, so a
 * user editing it in Word still has the letters, digits and punctuation (Basic Latin, Latin-1, the Arabic block
 * with tatweel U+0640, quotes, dashes, joiners, bidi marks); characters outside them are added as the text has them.
 */
export const EDITABLE_CHARACTERS: ReadonlySet<number> = new Set([
  ...range(0x20, 0x7e),
  ...range(0xa0, 0xff),
  ...range(0x0600, 0x06ff),
  // Dashes, quotes, ellipsis, the list bullet; the thin and narrow no-break spaces of French typography; joiners and marks.
  ...[0x2022, 0x2007, 0x2009, 0x2010, 0x2011, 0x2013, 0x2014, 0x2018, 0x2019, 0x201c, 0x201d, 0x2026, 0x202f, 0x2060, 0x200c, 0x200d, 0x200e, 0x200f, 0x25cc],
]);

/** Controls and format characters: no glyph to keep. */
const NO_GLYPH = /^[\p{Cc}\p{Cf}]$/u;

/** The characters of `text` outside EDITABLE_CHARACTERS that have glyphs, ascending. */
export function charactersBeyondEditable(text: string): number[] {
  return distinctCodePoints(text)
    .filter((code) => !EDITABLE_CHARACTERS.has(code) && !NO_GLYPH.test(String.fromCodePoint(code)))
    .sort((a, b) => a - b);
}
