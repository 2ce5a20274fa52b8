// Checks on the dataset before its schema: limits that keep the later steps (recursive parsers, the schema, the
// renderers) safe, and text that no renderer may receive. Each problem names the JSON path or line and column.
import { formatLineColumn, lineColumnAt, type Problem } from '../errors.js';
import { jsonPath, type PathSegment } from './json-path.js';

/** How deep objects and arrays may nest; the dataset's own shape needs 4. */
export const MAX_NESTING = 32;

/** The first place where objects and arrays nest deeper than MAX_NESTING, found by one scan of the text. */
export function nestingProblem(text: string, file: string): Problem | undefined {
  let depth = 0;
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text.charCodeAt(index);
    if (inString) {
      if (char === 0x5c) index += 1; // backslash: skip the escaped character
      else if (char === 0x22) inString = false;
    } else if (char === 0x22) inString = true;
    else if (char === 0x7b || char === 0x5b) {
      depth += 1;
      if (depth > MAX_NESTING) {
        return { file, place: formatLineColumn(lineColumnAt(text, index)), message: `objects and arrays nest more than ${MAX_NESTING} levels deep (the limit)` };
      }
    } else if (char === 0x7d || char === 0x5d) depth -= 1;
  }
  return undefined;
}

// C0 and C1 controls other than tab, line feed and carriage return: invisible, and NUL breaks HTML and XML.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;

/** Why a string cannot go into a document, or undefined. */
function unsafeText(text: string): string | undefined {
  const control = CONTROL.exec(text);
  if (control) return `holds the control character U+${control[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at character ${control.index + 1}; remove it`;
  if (!text.isWellFormed()) {
    const index = indexOfLoneSurrogate(text);
    const unit = text.charCodeAt(index).toString(16).toUpperCase();
    return `holds a lone surrogate \\u${unit} (half of a UTF-16 pair, not a character) at character ${[...text.slice(0, index)].length + 1}`;
  }
  return undefined;
}

function indexOfLoneSurrogate(text: string): number {
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) index += 1;
      else return index;
    } else if (unit >= 0xdc00 && unit <= 0xdfff) return index;
  }
  return -1;
}

/** Every key and string value holding a control character or a lone surrogate, by JSON path. */
export function unsafeTextProblems(raw: unknown, file: string): Problem[] {
  const problems: Problem[] = [];
  // An explicit stack, not recursion: the depth is bounded by nestingProblem, but this needs no such promise.
  const pending: { value: unknown; path: PathSegment[] }[] = [{ value: raw, path: [] }];
  while (pending.length > 0) {
    const { value, path } = pending.pop()!;
    if (typeof value === 'string') {
      const reason = unsafeText(value);
      if (reason) problems.push({ file, place: jsonPath(path), message: reason });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index -= 1) pending.push({ value: value[index], path: [...path, index] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, item] = entries[index]!;
        const reason = unsafeText(key);
        if (reason) problems.push({ file, place: jsonPath([...path, key]), message: `its key ${reason}` });
        pending.push({ value: item, path: [...path, key] });
      }
    }
  }
  return problems;
}
