// The typefaces every renderer uses, from npm font packages (OFL), never from the system.
// The PDF renderer embeds subsets of them; the DOCX renderer embeds them whole under word/fonts/.
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

/** The Medium weight of the body family: the PDF text engine's emphasis (`<em>`, italic) face, see pdfFontChain,
 *  and the DOCX's (Arabic has no true italic). */
export const EMPHASIS_FACE: FontFace = {
  family: EMPHASIS_FAMILY,
  weight: 'regular',
  path: require.resolve('@expo-google-fonts/ibm-plex-sans-arabic/500Medium/IBMPlexSansArabic_500Medium.ttf'),
};

/** Amiri covers characters the body family lacks (U+202F narrow no-break space, rarer Arabic signs). Its
 *  ToUnicode entries come out right in pdfkit (no dotless glyph reuse), unlike Noto Naskh Arabic 2.021. */
const FALLBACK_FAMILY = 'Amiri';

const FALLBACK_FACES: Record<FontWeight, FontFace> = {
  regular: {
    family: FALLBACK_FAMILY,
    weight: 'regular',
    path: require.resolve('@expo-google-fonts/amiri/400Regular/Amiri_400Regular.ttf'),
  },
  bold: {
    family: FALLBACK_FAMILY,
    weight: 'bold',
    path: require.resolve('@expo-google-fonts/amiri/700Bold/Amiri_700Bold.ttf'),
  },
};

/**
 * The faces the PDF text engine tries, in order, for a run in this style: the first that has a glyph for a
 * character sets it. Arabic has no true italic, and IBM Plex Sans Arabic ships none, so italic (emphasis) is
 * one weight step up (Medium) in every script; the engine adds a synthetic slant to runs of Latin (non-Arabic)
 * letters, never to Arabic or to digits.
 */
export function pdfFontChain(style: { bold: boolean; italic: boolean }): readonly FontFace[] {
  const weight: FontWeight = style.bold ? 'bold' : 'regular';
  const primary = style.bold ? faceFor('bold') : style.italic ? EMPHASIS_FACE : faceFor('regular');
  return [primary, FALLBACK_FACES[weight]];
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
