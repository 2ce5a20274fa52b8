// JSON paths as users read them in error messages: `$.documents[3].value`, `$["odd key"]`.

export type PathSegment = string | number;

export function jsonPath(segments: readonly PathSegment[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (/^[A-Za-z_$][\w$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(segment)}]`;
  }
  return path;
}

/** The value at `segments` inside `root`, and whether its last key exists at all. */
export function valueAt(root: unknown, segments: readonly PathSegment[]): { found: boolean; value: unknown } {
  let current: unknown = root;
  for (const segment of segments) {
    if (current === null || typeof current !== 'object' || !Object.prototype.hasOwnProperty.call(current, segment)) {
      return { found: false, value: undefined };
    }
    current = (current as Record<PathSegment, unknown>)[segment];
  }
  return { found: true, value: current };
}

/** `a string ("12")`, `null`, `an array`: the kind of a JSON value, for "must be X, not Y" messages. */
export function describeJsonValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return `a string (${JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value)})`;
    case 'number':
      return `the number ${value}`;
    case 'boolean':
      return `${value}`;
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

export interface FieldCharacters {
  path: string;
  /** The characters asked about that the field has, in order of first appearance. */
  codePoints: number[];
}

/** Every string field inside `root` that has one of the characters `codePoints`, in document order. */
export function fieldsWithCharacters(root: unknown, codePoints: ReadonlySet<number>): FieldCharacters[] {
  const found: FieldCharacters[] = [];
  // An explicit stack: a dataset is at most 32 levels deep, but no recursion is needed to walk it.
  const stack: { value: unknown; segments: PathSegment[] }[] = [{ value: root, segments: [] }];
  while (stack.length > 0) {
    const { value, segments } = stack.pop()!;
    if (typeof value === 'string') {
      const codes: number[] = [];
      for (const char of value) {
        const code = char.codePointAt(0)!;
        if (codePoints.has(code) && !codes.includes(code)) codes.push(code);
      }
      if (codes.length > 0) found.push({ path: jsonPath(segments), codePoints: codes });
    } else if (Array.isArray(value)) {
      for (let index = value.length - 1; index >= 0; index--) stack.push({ value: value[index], segments: [...segments, index] });
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let index = entries.length - 1; index >= 0; index--) stack.push({ value: entries[index]![1], segments: [...segments, entries[index]![0]] });
    }
  }
  return found;
}
