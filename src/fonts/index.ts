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
