// The reader of numbers written out in Arabic words, which checks the dataset's `written` forms against values.
import { describe, expect, it } from 'vitest';
import { readArabicNumberWords } from '../src/dataset/arabic-number-words.js';

describe('readArabicNumberWords', () => {
  it.each([
    ['إحدى عشر', 11], // as the article writes it (grammar would want إحدى عشرة)
    ['إحدى عشرة', 11],
    ['أحد عشر', 11],
    ['احدى عشر', 11],
    ['أربعة', 4],
    ['أربع', 4],
    ['اثنا عشر', 12],
    ['ثلاثة عشر', 13],
    ['عشرة', 10],
    ['خمسة وعشرون', 25],
    ['ثمانية وتسعين', 98],
    ['واحد', 1],
    ['مائة', 100],
    ['مئتان', 200],
    ['ثلاثمائة', 300],
    ['ثلاث مائة', 300],
    ['تسعمئة وتسعة وتسعون', 999],
    ['ألف', 1000],
    ['ألفان', 2000],
    ['ثلاثة آلاف', 3000],
    ['ثلاثة عشر ألفا', 13000],
    ['مائة وخمسون ألف', 150000],
    ['ألف ومائتان وخمسة', 1205],
    ['أَرْبَعَةٌ', 4],
  ])('%s → %i', (words, value) => {
    expect(readArabicNumberWords(words)).toBe(value);
  });

  it.each(['', 'بناية', 'أربعة بنايات', 'ألف ألف', '11'])('%j is not a number in words', (words) => {
    expect(readArabicNumberWords(words)).toBeUndefined();
  });
});
