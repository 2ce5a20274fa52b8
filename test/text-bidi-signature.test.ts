// The engine runs UAX #9 on a text's signature (runs of the classes that resolve alike, one character each) and
// spreads the levels back: it must give exactly the levels and paragraphs bidi-js gives the whole text, for any
// text — brackets, separators, controls, paragraph breaks and surrogate pairs included.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { bidi, embeddingLevels, type Direction } from '../src/text/bidi.js';
import { DEFAULT_DATA_FILE } from '../src/package-root.js';
import { articleParagraphs } from './fixtures/text/article.js';

/** Characters of every bidi class, runs of them likely (each is picked with its neighbours' odds). */
const ALPHABET = [
  'a', 'Z', 'é', 'א', 'ש', 'ب', 'ا', 'ل', '0', '9', '٣', '۳', '\u064e', '\u0651', ' ', '\u00a0', '\t', '\n', '\u2029',
  '%', '$', '٪', '+', '-', ',', '.', ':', '/', '،', '؟', '!', '"', '«', '»', '(', ')', '[', ']', '{', '}', '⟨', '⟩',
  '\u2329', '\u232a', '\u3008', '\u3009', '\u200d', '\u00ad', '\u200e', '\u200f', '\u061c', '\u202a', '\u202b',
  '\u202c', '\u202d', '\u202e', '\u2066', '\u2067', '\u2068', '\u2069', '\ud83d\ude00', 'ⵜ',
];

/** A small deterministic generator (mulberry32): a failure names its seed and comes back the same. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function randomText(next: () => number): string {
  const length = Math.floor(next() * 40);
  let text = '';
  let char = ALPHABET[0]!;
  for (let i = 0; i < length; i++) {
    // Half the time the same character again: runs are what the signature folds.
    if (next() < 0.5) char = ALPHABET[Math.floor(next() * ALPHABET.length)]!;
    text += char;
  }
  return text;
}

function expectBidiJsLevels(text: string, direction: Direction, label: string): void {
  const ours = embeddingLevels(text, direction);
  const reference = bidi.getEmbeddingLevels(text, direction);
  expect([...ours.levels], label).toEqual([...reference.levels]);
  expect(ours.paragraphs, label).toEqual(reference.paragraphs);
}

describe('bidi levels by signature', () => {
  it('equal bidi-js on 20 000 random texts of every bidi class, in both directions', () => {
    for (let seed = 1; seed <= 10_000; seed++) {
      const text = randomText(random(seed));
      for (const direction of ['rtl', 'ltr'] as const) expectBidiJsLevels(text, direction, `seed ${seed} ${direction} ${JSON.stringify(text)}`);
    }
  });

  it('equal bidi-js on the article and on every text of the dataset', () => {
    const dataset = readFileSync(DEFAULT_DATA_FILE, 'utf8');
    const texts = [...articleParagraphs()];
    JSON.parse(dataset, (_key, value: unknown) => {
      if (typeof value === 'string') texts.push(value);
      return value;
    });
    for (const text of texts) for (const direction of ['rtl', 'ltr'] as const) expectBidiJsLevels(text, direction, text);
  });

  it('equal bidi-js where the rules count or name characters: single separators, bracket pairs, marks after brackets', () => {
    const cases = ['1.5', '1..5', 'ب 1,5 و', 'ب 1,,5', 'ا (ب) c', 'a (ب) c', 'ا [b) c]', 'ا ((1)) ب', 'a (\u064e) ب', 'ب(\u064e\u064e)a', '12%% ب', 'ب $$12', '\u2329ب\u3009 a'];
    for (const text of cases) for (const direction of ['rtl', 'ltr'] as const) expectBidiJsLevels(text, direction, text);
  });
});
