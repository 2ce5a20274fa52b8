// Shaping by HarfBuzz (harfbuzzjs), one item at a time (one face, script and bidi level), with the text around
// it as HarfBuzz's context so the letters at its edges keep their joining forms. Results are kept per face and
// text once a text comes back (RepeatCache), so drawing the same words again costs a map lookup.
import * as hb from 'harfbuzzjs';
import { RepeatCache } from '../collections.js';
import { isBidiControl, mirroredCharacter } from './bidi.js';
import { isShapingControl } from './coverage.js';
import type { LoadedFace } from './fonts.js';
import { isRightToLeftScript } from './segmentation.js';

export interface ShapedRun {
  /** Glyph ids in visual order (left to right), ready to draw. */
  glyphIds: number[];
  /** Per glyph, the UTF-16 offset in the paragraph where its cluster starts (HarfBuzz cluster, character level). */
  clusters: number[];
  /** The characters each glyph stands for, in logical order: a cluster's characters go to its first glyph that is
   *  not a mark; the other glyphs of the cluster stand for none. Controls are left out. */
  codePoints: number[][];
  /** Per glyph, in font units. */
  xAdvances: number[];
  xOffsets: number[];
  yOffsets: number[];
  /** The glyph's own advance width (its hmtx entry), in font units. */
  glyphWidths: number[];
  /** The glyph is a combining mark (it takes no room and sits on the glyph it belongs to). */
  isMark: boolean[];
  /** Per glyph, HarfBuzz's flags (UNSAFE_TO_BREAK, SAFE_TO_INSERT_TATWEEL). */
  flags: number[];
  /** Sum of xAdvances, in font units. */
  advance: number;
  /** Number of U+0020 space glyphs: where justification adds room. */
  spaces: number;
  /**
   * The run as the shaping cache keeps it, when this one is a copy of it (the same glyphs and characters, the
   * clusters counted from elsewhere in the paragraph): runs of the same text share it, so a renderer may key what
   * it derives from the glyphs by it. A run whose glyphs or characters changed after shaping has none.
   */
  origin?: ShapedRun;
}

export interface ShapeRequest {
  /** The paragraph's text, for the characters each glyph stands for. */
  text: string;
  /** The paragraph's text as it is shaped (look-alikes swapped in, tabs as spaces): the same length as `text`. */
  shapingText: string;
  /** The range to shape. */
  start: number;
  end: number;
  /** The range HarfBuzz may look at around it (the paragraph, or the line when a break cut a join). */
  contextStart: number;
  contextEnd: number;
  /** The bidi level is odd: the glyphs go right to left. */
  rtl: boolean;
  /** ISO 15924 script code, '' for neutral text, 'Zzzz' for a script HarfBuzz is left to guess. */
  script: string;
  face: LoadedFace;
}

/** HarfBuzz reads at most five characters of context each side; marks and controls can sit between. */
const CONTEXT = 16;
const MAX_CACHED = 50_000;
const cache = new Map<LoadedFace, RepeatCache<ShapedRun>>();

let sharedBuffer: hb.Buffer | undefined;

const COMBINING_MARK = /^\p{M}$/u;

/** Any combining mark (general category M): it takes no room of its own and sits on the character before it. */
export function isCombiningMark(code: number): boolean {
  return COMBINING_MARK.test(String.fromCodePoint(code));
}

/** `count` false: a use not counted towards keeping the run (RepeatCache), for text only measured. */
export function shape(request: ShapeRequest, count = true): ShapedRun {
  const { face, start, end } = request;
  // Context only where the run touches letters (a word split by a change of style or face): elsewhere the run
  // shapes the same alone, and the same words in other sentences share one cache entry.
  const windowStart = joinsAcross(request.shapingText, start - 1) ? Math.max(request.contextStart, start - CONTEXT) : start;
  const windowEnd = joinsAcross(request.shapingText, end) ? Math.min(request.contextEnd, end + CONTEXT) : end;
  // Shaped in the script's own direction (HarfBuzz joins Arabic only right to left); a run whose bidi level
  // says the other way (an override) is reversed after. HarfBuzz mirrors brackets when it shapes right to left;
  // a reversed run gets them mirrored before, so a bracket ends mirrored exactly when its level is odd.
  const shapeRtl = request.script && request.script !== 'Zzzz' ? isRightToLeftScript(request.script) : request.rtl;
  const reversed = shapeRtl !== request.rtl;
  let window = request.shapingText.slice(windowStart, windowEnd);
  if (reversed) window = mirrored(window, start - windowStart, end - windowStart);
  const original = request.text.slice(start, end);
  const key = `${shapeRtl ? 'R' : 'L'}${reversed ? 'x' : ''}${request.script}:${start - windowStart}:${end - start}:${window}\u0000${original === window.slice(start - windowStart, end - windowStart) ? '' : original}`;
  let byText = cache.get(face);
  if (!byText) cache.set(face, (byText = new RepeatCache(MAX_CACHED)));
  const run = byText.get(key, () => {
    const shaped = shapeWindow(face, window, start - windowStart, end - start, shapeRtl, request.script, original, {
      startOfText: windowStart === 0,
      endOfText: windowEnd === request.text.length,
    });
    return reversed ? reversedRun(shaped) : shaped;
  }, count);
  // Cached runs count clusters from the shaped range's start.
  return copyOf(run, start);
}

/**
 * A cached run as a paragraph uses it: its clusters counted from `offset`, its origin the cached run. Written out
 * field by field: V8 gives objects made by spreading here a hidden class each (tens of thousands in a long table,
 * ~10 MB, and every read of them megamorphic).
 */
function copyOf(run: ShapedRun, offset: number): ShapedRun {
  return {
    glyphIds: run.glyphIds,
    clusters: run.clusters.map((cluster) => cluster + offset),
    codePoints: run.codePoints,
    xAdvances: run.xAdvances,
    xOffsets: run.xOffsets,
    yOffsets: run.yOffsets,
    glyphWidths: run.glyphWidths,
    isMark: run.isMark,
    flags: run.flags,
    advance: run.advance,
    spaces: run.spaces,
    origin: run,
  };
}

/** Characters shaping may look through or join with: letters, marks, joiners and other format characters. */
const JOINS = /[\p{L}\p{M}\p{Cf}]/u;

function joinsAcross(text: string, index: number): boolean {
  const char = text[index];
  return char !== undefined && JOINS.test(char);
}

/** `text` with the mirrorable characters of [from, to) swapped for their mirror images. */
function mirrored(text: string, from: number, to: number): string {
  let out = '';
  for (let i = 0; i < text.length; i++) out += i >= from && i < to ? (mirroredCharacter(text[i]!) ?? text[i]!) : text[i]!;
  return out;
}

function shapeWindow(
  face: LoadedFace,
  window: string,
  itemOffset: number,
  itemLength: number,
  rtl: boolean,
  script: string,
  original: string,
  edges: { startOfText: boolean; endOfText: boolean },
): ShapedRun {
  // One buffer for the process, emptied before each use: a buffer per call would leave the freeing to the
  // garbage collector's finalizers, and HarfBuzz's memory would grow meanwhile.
  const buffer = (sharedBuffer ??= new hb.Buffer());
  buffer.reset();
  buffer.addText(window, itemOffset, itemLength);
  buffer.setDirection(rtl ? hb.Direction.RTL : hb.Direction.LTR);
  if (script && script !== 'Zzzz') buffer.setScript(script);
  buffer.guessSegmentProperties();
  // Character-level clusters: a mark keeps its own cluster, so it copies out as itself.
  buffer.setClusterLevel(hb.ClusterLevel.MONOTONE_CHARACTERS);
  buffer.setFlags(
    hb.BufferFlag.REMOVE_DEFAULT_IGNORABLES | hb.BufferFlag.PRODUCE_SAFE_TO_INSERT_TATWEEL |
      (edges.startOfText ? hb.BufferFlag.BOT : 0) | (edges.endOfText ? hb.BufferFlag.EOT : 0),
  );
  hb.shape(face.hbFont, buffer);
  // Infos and positions apart: harfbuzzjs's combined getter defines hidden properties on every glyph (slow).
  const infos = buffer.getGlyphInfos();
  const positions = buffer.getGlyphPositions();
  const glyphs = infos.map((info, i) => {
    const position = positions[i]!;
    return { codepoint: info.codepoint, cluster: info.cluster, flags: info.flags, xAdvance: position.xAdvance, xOffset: position.xOffset, yOffset: position.yOffset };
  });
  const run: ShapedRun = { glyphIds: [], clusters: [], codePoints: [], xAdvances: [], xOffsets: [], yOffsets: [], glyphWidths: [], isMark: [], flags: [], advance: 0, spaces: 0 };
  const isMark = glyphs.map((glyph) => (glyph.xAdvance ?? 0) === 0 && isMarkGlyph(face, glyph.codepoint, original, glyph.cluster - itemOffset));
  const characters = clusterCharacters(glyphs.map((glyph) => glyph.cluster - itemOffset), isMark, original, rtl);
  for (let i = 0; i < glyphs.length; i++) {
    const glyph = glyphs[i]!;
    const cluster = glyph.cluster - itemOffset;
    const codes = characters[i]!;
    run.glyphIds.push(glyph.codepoint);
    run.clusters.push(cluster);
    run.codePoints.push(codes);
    run.xAdvances.push(glyph.xAdvance ?? 0);
    run.xOffsets.push(glyph.xOffset ?? 0);
    run.yOffsets.push(glyph.yOffset ?? 0);
    run.glyphWidths.push(face.glyphAdvance(glyph.codepoint));
    run.isMark.push(isMark[i]!);
    run.flags.push(glyph.flags);
    run.advance += glyph.xAdvance ?? 0;
    if (codes.length === 1 && codes[0] === 0x20) run.spaces++;
  }
  return run;
}

/**
 * What each glyph stands for: a cluster's characters (from its start to the next cluster's) go to its first
 * glyph in logical order that is not a mark (a ligature's glyph, a letter under its marks), or to its first glyph.
 */
function clusterCharacters(clusters: readonly number[], isMark: readonly boolean[], text: string, rtl: boolean): number[][] {
  const count = clusters.length;
  const characters: number[][] = new Array<number[]>(count);
  // Monotone clusters: ascending left to right in a left-to-right run, descending in a right-to-left one. Walk in
  // logical order, one cluster (a stretch of equal values) at a time.
  const at = (k: number) => (rtl ? count - 1 - k : k);
  for (let k = 0; k < count; ) {
    const cluster = clusters[at(k)]!;
    let next = k;
    while (next < count && clusters[at(next)] === cluster) next++;
    const end = next < count ? clusters[at(next)]! : text.length;
    let owner = at(k);
    for (let j = k; j < next; j++) {
      if (!isMark[at(j)]) {
        owner = at(j);
        break;
      }
    }
    for (let j = k; j < next; j++) characters[at(j)] = at(j) === owner ? codePointsOf(text.slice(cluster, end)) : [];
    k = next;
  }
  return characters;
}

const MARK_CLASS = 3;

/** A glyph the font classes as a mark, or one with no advance standing for combining marks only. */
function isMarkGlyph(face: LoadedFace, glyphId: number, original: string, cluster: number): boolean {
  if (face.glyphClass(glyphId) === MARK_CLASS) return true;
  const code = original.codePointAt(cluster);
  return code !== undefined && isCombiningMark(code);
}

/** The code points of `text` that are drawn or copied: controls (bidi, ZWJ, variation selectors) left out. */
function codePointsOf(text: string): number[] {
  const codes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (!isBidiControl(code) && !isShapingControl(code)) codes.push(code);
  }
  return codes;
}

function reversedRun(run: ShapedRun): ShapedRun {
  return {
    glyphIds: [...run.glyphIds].reverse(),
    clusters: [...run.clusters].reverse(),
    codePoints: [...run.codePoints].reverse(),
    xAdvances: [...run.xAdvances].reverse(),
    xOffsets: [...run.xOffsets].reverse(),
    yOffsets: [...run.yOffsets].reverse(),
    glyphWidths: [...run.glyphWidths].reverse(),
    isMark: [...run.isMark].reverse(),
    flags: [...run.flags].reverse(),
    advance: run.advance,
    spaces: run.spaces,
  };
}

/** The glyphs of `run` whose clusters start in [from, to), in the same (visual) order. */
export function sliceRun(run: ShapedRun, from: number, to: number): ShapedRun {
  // Most lines take an item whole: nothing to copy.
  if (run.clusters.every((cluster) => cluster >= from && cluster < to)) return run;
  const origin = run.origin;
  if (!origin || origin.clusters.length === 0) return pickGlyphs(run, from, to);
  // The same piece of the same shaped text (a cell's first line, on every row of a long table) is cut once and
  // shares its origin, as whole runs do.
  const offset = run.clusters[0]! - origin.clusters[0]!;
  let pieces = slicesOf.get(origin);
  if (!pieces) slicesOf.set(origin, (pieces = new Map()));
  const key = `${from - offset}:${to - offset}`;
  let piece = pieces.get(key);
  if (!piece) pieces.set(key, (piece = pickGlyphs(origin, from - offset, to - offset)));
  return copyOf(piece, offset);
}

/** Pieces of cached runs, by the range they keep (counted as the cached run counts its clusters). */
const slicesOf = new WeakMap<ShapedRun, Map<string, ShapedRun>>();

/** The glyphs of `run` whose clusters lie in [from, to). */
function pickGlyphs(run: ShapedRun, from: number, to: number): ShapedRun {
  const keep: number[] = [];
  for (let i = 0; i < run.clusters.length; i++) if (run.clusters[i]! >= from && run.clusters[i]! < to) keep.push(i);
  const pick = <T>(values: T[]) => keep.map((i) => values[i]!);
  const xAdvances = pick(run.xAdvances);
  const codePoints = pick(run.codePoints);
  return {
    glyphIds: pick(run.glyphIds),
    clusters: pick(run.clusters),
    codePoints,
    xAdvances,
    xOffsets: pick(run.xOffsets),
    yOffsets: pick(run.yOffsets),
    glyphWidths: pick(run.glyphWidths),
    isMark: pick(run.isMark),
    flags: pick(run.flags),
    advance: xAdvances.reduce((a, b) => a + b, 0),
    spaces: codePoints.filter((codes) => codes.length === 1 && codes[0] === 0x20).length,
  };
}
