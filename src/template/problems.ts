// Handlebars' exceptions (missing variables under `strict`, compile errors) as problems at their template place.
import type { Problem } from '../errors.js';

/** A problem from an exception Handlebars threw (with its lineNumber and column where it knows them). */
export function handlebarsProblem(error: unknown, file: string): Problem {
  const { message = String(error), lineNumber, column } = error as { message?: string; lineNumber?: unknown; column?: unknown };
  const place = typeof lineNumber === 'number' ? `line ${lineNumber}, column ${typeof column === 'number' ? column + 1 : 1}` : '';
  return { file, place, message: describeHandlebarsMessage(message.replace(/ - \d+:\d+$/, '')) };
}

function describeHandlebarsMessage(message: string): string {
  const missing = /^"([^"]*)" not defined in (.*)$/s.exec(message);
  if (missing) {
    const [, name, parent] = missing;
    return parent === 'null' || parent === 'undefined'
      ? `"${name}" is not defined: what it is looked up in is ${parent}`
      : `"${name}" is not defined (missing variable)`;
  }
  return message;
}
