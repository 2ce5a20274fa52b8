// Font coverage: which face of a style's chain draws a character, and which characters no face has. The PDF
// draws those as the body face's .notdef box; every format reports them (renderers name the format, the CLI the
// dataset fields).
import { isBidiControl } from './bidi.js';
import { distinctCodePoints } from '../collections.js';
import type { FontFace } from '../fonts/index.js';
import { faceChain, styleIndex, type LoadedFace, type StyleIndex } from './fonts.js';

/** Default-ignorable characters that steer shaping (ZWNJ, ZWJ, variation selectors, …): they belong to the
 *  face of the character before them, need no glyph, and are never reported as uncovered. */
export function isShapingControl(code: number): boolean {
  return (
    code === 0x00ad || code === 0x034f || (code >= 0x180b && code <= 0x180f) || (code >= 0x200b && code <= 0x200d) ||
    (code >= 0x2060 && code <= 0x2064) || (code >= 0xfe00 && code <= 0xfe0f) || code === 0xfeff || (code >= 0xe0100 && code <= 0xe01ef)
  );
}

export function isLineSeparator(code: number): boolean {
  return code === 0x0a || code === 0x0d || code === 0x0b || code === 0x0c || code === 0x85 || code === 0x2028 || code === 0x2029;
}

/** Characters no renderer draws a glyph for: bidi and shaping controls, line separators, tabs. */
export function needsNoGlyph(code: number): boolean {
  return isBidiControl(code) || isShapingControl(code) || isLineSeparator(code) || code === 0x09;
}

/**
 * Characters drawn with the glyph of one that looks the same where no face has their own: CJK and deprecated
 * angle brackets as the mathematical ones. They copy out as themselves.
 */
const LOOKALIKES = new Map<number, number>([
  [0x3008, 0x27e8], // 〈 → ⟨
  [0x3009, 0x27e9], // 〉 → ⟩
  [0x2329, 0x27e8], // 〈 → ⟨
  [0x232a, 0x27e9], // 〉 → ⟩
  [0x300a, 0x27ea], // 《 → ⟪
  [0x300b, 0x27eb], // 》 → ⟫
]);

export interface FaceChoice {
  face: LoadedFace;
  /** The character the face draws: the character itself, or its look-alike. */
  drawn: number;
}

/** The face that draws `code` in this style, or null when none of the chain has it (nor a look-alike). */
export function faceFor(code: number, style: StyleIndex): FaceChoice | null {
  const chain = faceChain(style);
  const face = chain.covering(code);
  if (face) return { face, drawn: code };
  const lookalike = LOOKALIKES.get(code);
  const other = lookalike === undefined ? null : chain.covering(lookalike);
  return other ? { face: other, drawn: lookalike! } : null;
}

/** The distinct characters of `text` that no face of the style draws, in order of appearance. */
export function uncoveredCharacters(text: string, style: { bold: boolean; italic: boolean } = { bold: false, italic: false }): number[] {
  const index = styleIndex(style.bold, style.italic);
  const uncovered: number[] = [];
  for (const code of distinctCodePoints(text)) {
    if (!needsNoGlyph(code) && !faceFor(code, index)) uncovered.push(code);
  }
  return uncovered;
}

/**
 * The distinct characters of `text` that need a glyph and that the style's body face (the chain's first) lacks:
 * what a format embedding only the body faces (the DOCX) must report.
 */
export function missingFromBodyFace(text: string, style: { bold: boolean; italic: boolean } = { bold: false, italic: false }): number[] {
  const body = faceChain(styleIndex(style.bold, style.italic)).at(0);
  const missing: number[] = [];
  for (const code of distinctCodePoints(text)) {
    if (body.coverage.has(code) || needsNoGlyph(code) || WHITE_SPACE.test(String.fromCodePoint(code))) continue;
    missing.push(code);
  }
  return missing;
}

const WHITE_SPACE = /^\s$/u;

/** The fallback faces (not the body faces) the engine takes some character of `text` from, in regular and bold. */
export function fallbackFacesFor(text: string): FontFace[] {
  const faces = new Map<string, FontFace>();
  for (const style of [styleIndex(false, false), styleIndex(true, false)]) {
    const body = faceChain(style).at(0);
    for (const code of missingFromBodyFace(text, { bold: style === 1, italic: false })) {
      const choice = faceFor(code, style);
      if (choice && choice.face !== body) faces.set(choice.face.key, choice.face.face);
    }
  }
  return [...faces.values()];
}

/**
 * The family of the fallback face that draws `char` in this style, where the body face lacks it; undefined for a
 * character the body face draws, white space (any face's will do) and characters that need no glyph.
 */
export function fallbackFamilyOf(char: string, style: { bold: boolean; italic: boolean }): string | undefined {
  const code = char.codePointAt(0)!;
  const index = styleIndex(style.bold, style.italic);
  const body = faceChain(index).at(0);
  if (body.coverage.has(code) || needsNoGlyph(code) || WHITE_SPACE.test(char)) return undefined;
  const choice = faceFor(code, index);
  return choice && choice.face !== body ? choice.face.face.family : undefined;
}
