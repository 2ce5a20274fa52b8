// Justification with kashida (tatweel, U+0640), as Word and LibreOffice justify Arabic: a line's free room goes
// first into lengthened joins, one per word at the place Arabic calligraphy lengthens (ranked as LibreOffice's
// i18nutil kashida.cxx ranks them), and only what is left into the spaces. A tatweel goes only where HarfBuzz
// says inserting one keeps the glyphs around it (SAFE_TO_INSERT_TATWEEL), never inside lam-alef nor beside ZWNJ,
// never in Latin; the paragraph's last line is not stretched. The inserted tatweels are drawn, never copied out.
import * as hb from 'harfbuzzjs';
import { isRightToLeftLevel } from './bidi.js';
import type { Prepared } from './prepare.js';
import { shape, type ShapedRun } from './shape.js';
import type { FinalLine, VisualRun } from './types.js';

export const TATWEEL = '\u0640';
const ZWNJ = '\u200c';

const SEEN_SAD = new Set([...'سشصض']);
const FINAL_TEH_MARBUTA_HEH_DAL = new Set([...'ةهدذ']);
const FINAL_ALEF_TAH_LAM_KAF_GAF = new Set([...'اأإآٱطظلكگ']);
const BEH_LIKE = new Set([...'بتثنيىئپ']);
const REH_YEH = new Set([...'رزيى']);
const FINAL_WAW_AIN_QAF_FEH = new Set([...'وؤعغقف']);
const ALEF_FAMILY = new Set([...'اأإآٱ']);
const ARABIC_LETTER = /^(?=\p{Script=Arabic})\p{L}$/u;

/** Where a tatweel may go in a word, in the order kashida.cxx prefers them (0 best); null where it may not. */
function rankBefore(letters: readonly string[], j: number): number | null {
  const previous = letters[j - 1];
  const letter = letters[j];
  if (previous === undefined || letter === undefined) return null;
  if (previous === 'ل' && ALEF_FAMILY.has(letter)) return null; // inside lam-alef
  const final = j === letters.length - 1;
  if (SEEN_SAD.has(previous)) return 0;
  if (final && FINAL_TEH_MARBUTA_HEH_DAL.has(letter)) return 1;
  if (final && FINAL_ALEF_TAH_LAM_KAF_GAF.has(letter)) return 2;
  if (!final && BEH_LIKE.has(letter) && REH_YEH.has(letters[j + 1] ?? '')) return 3;
  if (final && FINAL_WAW_AIN_QAF_FEH.has(letter)) return 4;
  if (final) return 5;
  return null;
}

export interface KashidaPlace {
  /** The tatweel goes before this UTF-16 offset of the paragraph. */
  offset: number;
  rank: number;
}

/** The best place in each Arabic word of the run (at most one per word), where HarfBuzz allows one. */
export function kashidaPlaces(p: Prepared, run: VisualRun): KashidaPlace[] {
  if (!isRightToLeftLevel(run.item.level) || run.item.script !== 'Arab') return [];
  const safe = new Set<number>();
  run.shaped.clusters.forEach((cluster, i) => {
    if (run.shaped.flags[i]! & hb.GlyphFlag.SAFE_TO_INSERT_TATWEEL) safe.add(cluster);
  });
  const places: KashidaPlace[] = [];
  let letters: { char: string; offset: number }[] = [];
  const endWord = () => {
    let best: KashidaPlace | null = null;
    const chars = letters.map((l) => l.char);
    for (let j = 1; j < letters.length; j++) {
      const offset = letters[j]!.offset;
      if (!safe.has(offset) || p.text[offset - 1] === ZWNJ || p.text[offset] === ZWNJ) continue;
      const rank = rankBefore(chars, j);
      if (rank !== null && (!best || rank <= best.rank)) best = { offset, rank };
    }
    if (best) places.push(best);
    letters = [];
  };
  for (let i = run.start; i < run.end; i++) {
    const char = p.text[i]!;
    if (ARABIC_LETTER.test(char)) letters.push({ char, offset: i });
    else if (!/\p{M}/u.test(char)) endWord();
  }
  endWord();
  return places;
}

/**
 * The run shaped again with a tatweel before each of `offsets`. The tatweels' glyphs stand for no character, so
 * copying out gives the text without them; every other glyph keeps its paragraph offset.
 */
export function withTatweels(p: Prepared, run: VisualRun, offsets: ReadonlySet<number>): ShapedRun {
  let text = '';
  let shapingText = '';
  const originalOffset: number[] = [];
  const inserted = new Set<number>();
  for (let i = run.start; i < run.end; i++) {
    if (offsets.has(i)) {
      inserted.add(text.length);
      originalOffset.push(i);
      text += TATWEEL;
      shapingText += TATWEEL;
    }
    originalOffset.push(i);
    text += p.text[i]!;
    shapingText += p.shapingText[i]!;
  }
  const shaped = shape({ text, shapingText, start: 0, end: text.length, contextStart: 0, contextEnd: text.length, rtl: true, script: run.item.script, face: run.item.face });
  return {
    ...shaped,
    clusters: shaped.clusters.map((cluster) => originalOffset[cluster]!),
    codePoints: shaped.codePoints.map((codes, i) => (inserted.has(shaped.clusters[i]!) ? [] : codes)),
    spaces: shaped.spaces,
    // Tatweels inserted: not the glyphs the cache holds for this text.
    origin: undefined,
  };
}

/** Advance of one tatweel in the face, in font units, or null when the face has none. */
function tatweelAdvance(run: VisualRun): number | null {
  if (!run.item.face.coverage.has(0x0640)) return null;
  return shape({ text: TATWEEL, shapingText: TATWEEL, start: 0, end: 1, contextStart: 0, contextEnd: 1, rtl: true, script: 'Arab', face: run.item.face }).advance;
}

export interface KashidaResult {
  line: FinalLine;
  /** Families whose face has no tatweel: their words were justified by spaces only. */
  withoutTatweel: string[];
}

/**
 * Fills the line's free room with tatweels, best-ranked places first, one per word, as many as fit; the rest
 * stays for the spaces (the renderer widens them). A run that takes tatweels is shaped again with them.
 */
export function justifyWithKashida(p: Prepared, line: FinalLine, size: number, maxWidth: number): KashidaResult {
  const withoutTatweel: string[] = [];
  let free = maxWidth - line.width;
  if (free <= 0) return { line, withoutTatweel };
  const candidates: { runIndex: number; place: KashidaPlace; width: number }[] = [];
  line.runs.forEach((run, runIndex) => {
    const places = kashidaPlaces(p, run);
    if (places.length === 0) return;
    const advance = tatweelAdvance(run);
    if (advance === null || advance <= 0) {
      if (!withoutTatweel.includes(run.item.face.face.family)) withoutTatweel.push(run.item.face.face.family);
      return;
    }
    const width = (advance * run.item.scale * size) / run.item.face.unitsPerEm;
    for (const place of places) candidates.push({ runIndex, place, width });
  });
  // Best ranks first; among equals, spread over the line (every other word before the ones between).
  candidates.sort((a, b) => a.place.rank - b.place.rank || a.place.offset - b.place.offset);
  const chosen = new Map<number, Set<number>>();
  for (const candidate of candidates) {
    if (candidate.width > free) continue;
    free -= candidate.width;
    (chosen.get(candidate.runIndex) ?? chosen.set(candidate.runIndex, new Set()).get(candidate.runIndex)!).add(candidate.place.offset);
  }
  if (chosen.size === 0) return { line, withoutTatweel };
  const runs = line.runs.map((run, index) => {
    const offsets = chosen.get(index);
    if (!offsets) return run;
    const shaped = withTatweels(p, run, offsets);
    return { ...run, shaped, width: (shaped.advance * run.item.scale * size) / run.item.face.unitsPerEm };
  });
  const width = runs.reduce((sum, run) => sum + run.width, 0);
  // Shaping with a tatweel may change a form's width a little: never past the line.
  if (width > maxWidth + 0.01) return { line, withoutTatweel };
  return { line: { ...line, runs, width, kashidas: [...chosen.values()].reduce((n, set) => n + set.size, 0) }, withoutTatweel };
}
