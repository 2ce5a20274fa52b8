// Reads a cardinal number written out in Arabic words ("إحدى عشر", "أربعة", "خمسة وعشرون", "ثلاثمائة ألف"), so
// the dataset can check that a figure's `written` form says the same number as its `value`. News prose writes
// small counts in words and is loose with gender and case agreement ("إحدى عشر" for إحدى عشرة), so the reader
// accepts every gender and case form and ignores hamza, alif maqsura, ta marbuta and vowel-mark spelling.

/** Spelling differences that do not change the number: vowel marks and tatweel, hamza seats, ى/ي, ة/ه. */
function normalize(text: string): string {
  return text
    .replace(/[\u064B-\u065F\u0670\u0640]/g, '')
    .replace(/[أإآ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .trim();
}

const UNIT_STEMS: Record<string, number> = {
  ثلاث: 3,
  اربع: 4,
  خمس: 5,
  ست: 6,
  سبع: 7,
  ثمان: 8,
  تسع: 9,
};

/** Each word's value, in normalized spelling. */
const WORDS = new Map<string, number>();
function define(value: number, ...forms: string[]): void {
  for (const form of forms) WORDS.set(normalize(form), value);
}
define(0, 'صفر');
define(1, 'واحد', 'واحدة', 'أحد', 'إحدى');
define(2, 'اثنان', 'اثنين', 'اثنتان', 'اثنتين', 'اثنا', 'اثني', 'اثنتا', 'اثنتي', 'ثنتان', 'ثنتين');
for (const [stem, value] of Object.entries(UNIT_STEMS)) {
  define(value, stem, `${stem}ة`);
  define(value * 10, `${stem}ون`, `${stem}ين`);
  define(value * 100, `${stem}مائة`, `${stem}مئة`);
}
define(8, 'ثماني', 'ثمانية'); // not the stem's ثمانة
define(10, 'عشر', 'عشرة');
define(20, 'عشرون', 'عشرين');
define(100, 'مائة', 'مئة');
define(200, 'مائتان', 'مائتين', 'مئتان', 'مئتين', 'مائتا', 'مئتا', 'مائتي', 'مئتي');

/** 1 000 and 2 000 by themselves; آلاف is the plural after 3 to 10. */
const THOUSAND_FORMS = new Map([
  [normalize('ألف'), 1],
  [normalize('ألفا'), 1],
  [normalize('آلاف'), 1],
  [normalize('ألفان'), 2],
  [normalize('ألفين'), 2],
]);

type Token = { kind: 'number'; value: number } | { kind: 'thousand'; times: number };

function tokenize(text: string): Token[] | undefined {
  const tokens: Token[] = [];
  for (const raw of normalize(text).split(/[\s\u060C,]+/).filter(Boolean)) {
    // "و" joins the parts of a compound ("خمسة وعشرون"); واحد starts with و itself.
    const word = WORDS.has(raw) || THOUSAND_FORMS.has(raw) ? raw : raw.startsWith('و') ? raw.slice(1) : raw;
    const thousands = THOUSAND_FORMS.get(word);
    if (thousands !== undefined) tokens.push({ kind: 'thousand', times: thousands });
    else if (WORDS.has(word)) tokens.push({ kind: 'number', value: WORDS.get(word)! });
    else return undefined;
  }
  return tokens;
}

/** The number `text` writes out in Arabic words (0 to 999 999), or undefined where it is not one. */
export function readArabicNumberWords(text: string): number | undefined {
  const tokens = tokenize(text);
  if (!tokens || tokens.length === 0) return undefined;
  let total = 0;
  let group = 0; // the part below a thousand being read
  let previous: Token | undefined;
  for (const token of tokens) {
    if (token.kind === 'thousand') {
      if (total > 0) return undefined;
      // ألف and ألفان carry their own count; "ثلاثة آلاف", "مائة ألف" multiply what came before.
      total = (token.times === 2 ? 2 : group === 0 ? 1 : group) * 1000;
      group = 0;
    } else if (token.value === 10 && previous?.kind === 'number' && previous.value >= 1 && previous.value <= 9) {
      group += 10; // a teen: "أحد عشر", "ثلاثة عشر"
    } else if (token.value === 100 && previous?.kind === 'number' && previous.value >= 3 && previous.value <= 9) {
      group += previous.value * 99; // "ثلاث مائة" written apart: 3 + 297
    } else {
      group += token.value;
    }
    previous = token;
  }
  return total + group;
}
