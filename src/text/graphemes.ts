// Grapheme cluster boundaries (UAX #29) in linear time. V8's Intl.Segmenter slows down with the length of the
// string it segments (10 000 characters: 45 ms, 160 000: 37 s), so long text is segmented in pieces of about
// PIECE characters, cut only where a boundary is certain whatever the rules: between two characters of the
// Basic Multilingual Plane that are letters, digits, punctuation, symbols or spaces (never a mark, a joiner, a
// prepended sign, a Hangul jamo, CR/LF or half of a surrogate pair, which take part in the rules' exceptions).

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

const PIECE = 512;

const PLAIN = /[\p{L}\p{N}\p{P}\p{S}\p{Zs}]/u;
const NOT_PLAIN = /[\p{Script=Hangul}\u0d4e]/u;

function isPlain(text: string, index: number): boolean {
  const unit = text.charCodeAt(index);
  if (unit >= 0xd800 && unit <= 0xdfff) return false;
  const char = text[index]!;
  return PLAIN.test(char) && !NOT_PLAIN.test(char);
}

/** Where a piece may end at or after `from`: a certain boundary, or the end of the text. */
function safeCut(text: string, from: number): number {
  for (let index = Math.max(from, 1); index < text.length; index++) {
    if (isPlain(text, index - 1) && isPlain(text, index)) return index;
  }
  return text.length;
}

/** The offsets (UTF-16) of the boundaries strictly inside `text`: where one grapheme cluster ends and the next starts. */
export function graphemeBoundaries(text: string): number[] {
  const boundaries: number[] = [];
  for (let start = 0; start < text.length; ) {
    const end = text.length - start <= PIECE ? text.length : safeCut(text, start + PIECE);
    if (start > 0) boundaries.push(start);
    for (const { index } of segmenter.segment(text.slice(start, end))) if (index > 0) boundaries.push(start + index);
    start = end;
  }
  return boundaries;
}
