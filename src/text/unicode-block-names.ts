// Names of Unicode blocks, for warnings that say which kind of character went missing.
import { UNICODE_BLOCKS } from './unicode-blocks.js';

export function blockName(codePoint: number): string {
  let lo = 0;
  let hi = UNICODE_BLOCKS.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [first, last, name] = UNICODE_BLOCKS[mid]!;
    if (codePoint < first) hi = mid - 1;
    else if (codePoint > last) lo = mid + 1;
    else return name;
  }
  return 'No block';
}

/** `U+1F600 (Emoticons)` */
export function describeCodePoint(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, '0')} (${blockName(codePoint)})`;
}

/** `ⵜ U+2D5C, ⴰ U+2D30 (Tifinagh)`: characters with their code points, grouped by block. */
export function describeCharacters(codePoints: readonly number[]): string {
  const byBlock = new Map<string, string[]>();
  for (const code of codePoints) {
    const block = blockName(code);
    const shown = /\p{C}|\p{Z}|\p{M}/u.test(String.fromCodePoint(code)) ? '' : `${String.fromCodePoint(code)} `;
    (byBlock.get(block) ?? byBlock.set(block, []).get(block)!).push(`${shown}U+${code.toString(16).toUpperCase().padStart(4, '0')}`);
  }
  return [...byBlock].map(([block, chars]) => `${chars.join(', ')} (${block})`).join(', ');
}
