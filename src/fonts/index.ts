// The typefaces every renderer uses, from npm font packages (OFL), never from the system.
// Every renderer embeds subsets of them: the PDF the glyphs it draws, the DOCX and HTML whole scripts.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export type FontWeight = 'regular' | 'bold';

export interface FontFace {
  /** The family name as the font itself declares it (what Word and browsers look up). */
  family: string;
  weight: FontWeight;
  /** Absolute path to the TTF inside node_modules. */
  path: string;
}

/** One family that covers Arabic, Latin and digits, so a run never changes face mid-word. */
export const BODY_FAMILY = 'IBM Plex Sans Arabic';

export const FONT_FACES: readonly FontFace[] = [
  {
    family: BODY_FAMILY,
    weight: 'regular',
    path: require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/400Regular/IBMPlexSansArabic_400Regular.ttf'),
  },
  {
    family: BODY_FAMILY,
    weight: 'bold',
    path: require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/700Bold/IBMPlexSansArabic_700Bold.ttf'),
  },
];

/**
 * The Medium face's own family name (name ID 1; name ID 16 says IBM Plex Sans Arabic), which Word looks fonts up by:
 * the DOCX Emphasis style's face.
 */
export const EMPHASIS_FAMILY = 'IBM Plex Sans Arabic Medium';

/** The Medium weight of the body family: the text engine's emphasis (`<em>`, italic) face, see fontChain,
 *  and the DOCX's (Arabic has no true italic). */
export const EMPHASIS_FACE: FontFace = {
  family: EMPHASIS_FAMILY,
  weight: 'regular',
  path: require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/500Medium/IBMPlexSansArabic_500Medium.ttf'),
};

/** A font file inside an npm font package. */
const pkg = (path: string) => require.resolve(`@expo-google-fonts/${path}`);

/**
 * The fallback faces, in the order they are tried after the body face: Noto Sans Arabic first (a sans like
 * IBM Plex, with the Arabic the body lacks: ڢ, U+202F NARROW NO-BREAK SPACE, Quranic signs), Amiri for what is
 * left of Arabic, then Tifinagh (an official script of Morocco), Hebrew, and Noto Sans Math for brackets and
 * symbols (⟨⟩). They are only read when a text has a character the faces before them lack.
 */
const FALLBACK_FACES: readonly Record<FontWeight, FontFace>[] = [
  {
    regular: { family: 'Noto Sans Arabic', weight: 'regular', path: pkg('noto-sans-arabic/400Regular/NotoSansArabic_400Regular.ttf') },
    bold: { family: 'Noto Sans Arabic', weight: 'bold', path: pkg('noto-sans-arabic/700Bold/NotoSansArabic_700Bold.ttf') },
  },
  {
    regular: { family: 'Amiri', weight: 'regular', path: pkg('amiri/400Regular/Amiri_400Regular.ttf') },
    bold: { family: 'Amiri', weight: 'bold', path: pkg('amiri/700Bold/Amiri_700Bold.ttf') },
  },
  oneWeight({ family: 'Noto Sans Tifinagh', weight: 'regular', path: pkg('noto-sans-tifinagh/400Regular/NotoSansTifinagh_400Regular.ttf') }),
  {
    regular: { family: 'Noto Sans Hebrew', weight: 'regular', path: pkg('noto-sans-hebrew/400Regular/NotoSansHebrew_400Regular.ttf') },
    bold: { family: 'Noto Sans Hebrew', weight: 'bold', path: pkg('noto-sans-hebrew/700Bold/NotoSansHebrew_700Bold.ttf') },
  },
  oneWeight({ family: 'Noto Sans Math', weight: 'regular', path: pkg('noto-sans-math/400Regular/NotoSansMath_400Regular.ttf') }),
];

function oneWeight(face: FontFace): Record<FontWeight, FontFace> {
  return { regular: face, bold: face };
}

/** Every fallback family's name, in the order they are tried (the HTML's font-family list). */
export const FALLBACK_FAMILIES: readonly string[] = FALLBACK_FACES.map((faces) => faces.regular.family);

/**
 * The faces the text engine tries, in order, for a run in this style: the first that has a glyph for a
 * character sets it. Arabic has no true italic, and IBM Plex Sans Arabic ships none, so italic (emphasis) is
 * one weight step up (Medium) in every script; the engine adds a synthetic slant to runs of Latin (non-Arabic)
 * letters, never to Arabic or to digits.
 */
export function fontChain(style: { bold: boolean; italic: boolean }): readonly FontFace[] {
  const weight: FontWeight = style.bold ? 'bold' : 'regular';
  const primary = style.bold ? faceFor('bold') : style.italic ? EMPHASIS_FACE : faceFor('regular');
  return [primary, ...FALLBACK_FACES.map((faces) => faces[weight])];
}

const bytesByPath = new Map<string, Buffer>();

/** The font file's bytes, read once per process. */
export function fontBytes(face: FontFace): Buffer {
  let bytes = bytesByPath.get(face.path);
  if (!bytes) {
    bytes = readFileSync(face.path);
    bytesByPath.set(face.path, bytes);
  }
  return bytes;
}

export function faceFor(weight: FontWeight): FontFace {
  const face = FONT_FACES.find((f) => f.weight === weight);
  if (!face) throw new Error(`no font face for weight ${weight}`);
  return face;
}
