// Bidi for the whole project: one bidi-js instance (UAX #9) and one table of the bidi controls, used by the text
// engine, the DOCX direction runs, the dataset's control closing and the templates' `isolate` helper.
import bidiFactory from 'bidi-js';
import { RepeatCache } from '../collections.js';

export const bidi = bidiFactory();

export type EmbeddingLevels = ReturnType<typeof bidi.getEmbeddingLevels>;

export type Direction = 'ltr' | 'rtl';

/** Every bidi control character, by its UAX #9 name. They steer the algorithm and are never drawn. */
export const BIDI_CONTROLS = {
  LRM: '\u200e',
  RLM: '\u200f',
  ALM: '\u061c',
  LRE: '\u202a',
  RLE: '\u202b',
  PDF: '\u202c',
  LRO: '\u202d',
  RLO: '\u202e',
  LRI: '\u2066',
  RLI: '\u2067',
  FSI: '\u2068',
  PDI: '\u2069',
} as const;

const { LRM, RLM, ALM, LRE, RLE, PDF, LRO, RLO, LRI, RLI, FSI, PDI } = BIDI_CONTROLS;

/** Controls that open an embedding or override (closed by PDF) and those that open an isolate (closed by PDI). */
export const OPENS_EMBEDDING: ReadonlySet<string> = new Set([LRE, RLE, LRO, RLO]);
export const OPENS_ISOLATE: ReadonlySet<string> = new Set([LRI, RLI, FSI]);

/** The implicit marks: strong characters of no width (Intl's `ar-MA` output carries LRM around `%`). */
export const BIDI_MARKS: ReadonlySet<string> = new Set([LRM, RLM, ALM]);

const CONTROL_CODES = new Set(Object.values(BIDI_CONTROLS).map((char) => char.charCodeAt(0)));
const CONTROL_CLASS = `[${Object.values(BIDI_CONTROLS).join('')}]`;
const ANY_CONTROL = new RegExp(CONTROL_CLASS);
const ALL_CONTROLS = new RegExp(CONTROL_CLASS, 'g');
const ALL_MARKS = new RegExp(`[${[...BIDI_MARKS].join('')}]`, 'g');

export function isBidiControl(code: number): boolean {
  return CONTROL_CODES.has(code);
}

export function hasBidiControls(text: string): boolean {
  return ANY_CONTROL.test(text);
}

/** `text` without bidi controls: what is drawn and what copy-paste should give. */
export function withoutBidiControls(text: string): string {
  return text.replace(ALL_CONTROLS, '');
}

/** `text` without the implicit marks (embeddings and isolates kept). */
export function withoutBidiMarks(text: string): string {
  return text.replace(ALL_MARKS, '');
}

/** `text` as a first-strong isolate (FSI … PDI), as HTML's <bdi> does. */
export function isolated(text: string): string {
  return FSI + text + PDI;
}

/** `text` with the embeddings, overrides and isolates it opens and does not close, closed at its end (§3.3.2). */
export function closeBidiControls(text: string): string {
  if (!hasBidiControls(text)) return text;
  const open: string[] = [];
  for (const char of text) {
    if (OPENS_EMBEDDING.has(char)) open.push(PDF);
    else if (OPENS_ISOLATE.has(char)) open.push(PDI);
    else if (char === PDF && open.at(-1) === PDF) open.pop();
    else if (char === PDI && open.includes(PDI)) {
      // A PDI closes its isolate and every embedding opened inside it.
      while (open.pop() !== PDI);
    }
  }
  return open.length === 0 ? text : text + open.reverse().join('');
}

/**
 * Bidi classes whose runs UAX #9 resolves alike, character for character: no rule counts them or looks at which
 * character they are (W1 NSM, W2 and W7 EN, W5 ET, N1/N2 neutrals, L1 white space all treat a run as a whole). A
 * run of one of them is one token of a text's signature, written as the character here (of that class, no
 * bracket). The other classes stay one token per character, themselves: brackets (N0 pairs them), separators (W4
 * takes a single one), segment and paragraph separators, boundary neutrals and the explicit controls.
 */
const RUN_CLASSES: readonly (readonly [name: string, representative: string])[] = [
  ['L', 'a'],
  ['R', '\u05d0'],
  ['AL', '\u0627'],
  ['EN', '0'],
  ['AN', '\u0660'],
  ['NSM', '\u064e'],
  ['WS', ' '],
  ['ET', '%'],
];
const ITSELF = 0xff;

/** Per UTF-16 unit (bidi-js classifies units, not code points): 0 not looked up yet, 1 + its RUN_CLASSES index, or ITSELF. */
const unitClasses = new Uint8Array(0x10000);

function unitClass(unit: number): number {
  let found = unitClasses[unit]!;
  if (found === 0) {
    const name = bidi.getBidiCharTypeName(String.fromCharCode(unit));
    const index = RUN_CLASSES.findIndex(([runClass]) => runClass === name);
    found = unitClasses[unit] = index >= 0 ? index + 1 : ITSELF;
  }
  return found;
}

const signatureLevels = new RepeatCache<EmbeddingLevels>(4096);

/**
 * UAX #9 embedding levels of `text` as one paragraph of the given base direction. bidi-js runs on the text's
 * signature (each run of a RUN_CLASSES class as one character) and its levels are spread back over the runs: the
 * levels bidi-js gives the whole text (test/text-bidi-signature.test.ts checks it on random texts), for a fraction
 * of the work, and texts of one shape share a run of the algorithm ("name of a plan (17)" and "another plan's name
 * (4083)" have one signature).
 */
export function embeddingLevels(text: string, direction: Direction): EmbeddingLevels {
  const tokenStarts: number[] = [];
  let signature = '';
  let previous = 0;
  for (let i = 0; i < text.length; i++) {
    const runClass = unitClass(text.charCodeAt(i));
    if (runClass === ITSELF) signature += text[i];
    else if (runClass !== previous) signature += RUN_CLASSES[runClass - 1]![1];
    else continue;
    tokenStarts.push(i);
    previous = runClass === ITSELF ? 0 : runClass;
  }
  const resolved = signatureLevels.get(`${direction}\u0000${signature}`, () => bidi.getEmbeddingLevels(signature, direction));
  const startOf = (token: number) => (token < tokenStarts.length ? tokenStarts[token]! : text.length);
  const levels = new Uint8Array(text.length);
  for (let token = 0; token < tokenStarts.length; token++) levels.fill(resolved.levels[token]!, tokenStarts[token], startOf(token + 1));
  const paragraphs = resolved.paragraphs.map(({ start, end, level }) => ({ start: startOf(start), end: startOf(end + 1) - 1, level }));
  return { levels, paragraphs };
}

export const isRightToLeftLevel = (level: number | undefined): boolean => ((level ?? 0) & 1) === 1;

/** A range of logical text at one direction (odd or even level). */
export interface DirectionRange {
  start: number;
  end: number;
  rtl: boolean;
}

/** `text` cut where the direction changes: what the DOCX writes as runs with and without `w:rtl`. */
export function directionRanges(text: string, direction: Direction): DirectionRange[] {
  const { levels } = embeddingLevels(text, direction);
  const ranges: DirectionRange[] = [];
  for (let start = 0; start < text.length; ) {
    const rtl = isRightToLeftLevel(levels[start]);
    let end = start + 1;
    while (end < text.length && isRightToLeftLevel(levels[end]) === rtl) end++;
    ranges.push({ start, end, rtl });
    start = end;
  }
  return ranges;
}

/** The character a bracket is drawn as at a right-to-left level (UAX #9 L4), or null. */
export function mirroredCharacter(char: string): string | null {
  return bidi.getMirroredCharacter(char);
}
