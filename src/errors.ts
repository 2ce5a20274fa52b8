// Errors the user can fix (bad dataset, template, flag) versus faults in this program.
// The CLI prints an InputError as one line per problem, `file:place: message`, and exits 1, with no stack trace.

export interface Problem {
  /** The file at fault, as the user named it (relative path where possible). */
  file: string;
  /** Where in the file: a JSON path (`$.documents[2].value`), `line 12, column 5`, or '' for the whole file. */
  place: string;
  message: string;
}

export class InputError extends Error {
  readonly problems: Problem[];

  constructor(problems: Problem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'InputError';
    this.problems = problems;
  }

  static one(file: string, place: string, message: string): InputError {
    return new InputError([{ file, place, message }]);
  }
}

export function formatProblem(problem: Problem): string {
  return problem.place ? `${problem.file}: ${problem.place}: ${problem.message}` : `${problem.file}: ${problem.message}`;
}

/** Line and column (both from 1) of a string offset. */
export function lineColumnAt(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let index = text.indexOf('\n'); index !== -1 && index < offset; index = text.indexOf('\n', index + 1)) {
    line += 1;
    lineStart = index + 1;
  }
  return { line, column: offset - lineStart + 1 };
}

/** A problem's `place` in a text file: `line 12, column 5`. */
export function formatLineColumn(position: { line: number; column: number }): string {
  return `line ${position.line}, column ${position.column}`;
}

/** A warning that does not stop the build (e.g. a character no font covers); `--strict` makes warnings errors. */
export interface Warning {
  code: 'uncovered-character' | 'other';
  message: string;
  /** For 'uncovered-character': the characters, so the build can say which dataset fields have them. */
  codePoints?: number[];
}

export type WarningSink = (warning: Warning) => void;
