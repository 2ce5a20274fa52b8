// Reading a dataset file: JSON syntax (with line and column), then the schema, then the cross-record rules.
// Every problem becomes one line of an InputError naming the file and the JSON path.
import { statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { findNodeAtLocation, parse as parseJsonWithErrors, parseTree, printParseErrorCode, visit, type ParseError } from 'jsonc-parser';
import type { $ZodIssue } from 'zod/v4/core';
import { formatLineColumn, InputError, lineColumnAt, type Problem } from '../errors.js';
import { confinedPath, readInputText } from '../input-files.js';
import { nestingProblem, unsafeTextProblems } from './raw-checks.js';
import { describeJsonValue, jsonPath, valueAt, type PathSegment } from './json-path.js';
import { datasetSchema, type Dataset } from './schema.js';
import { salvageRecords, validateDataset } from './validate.js';
import { appendAll } from '../collections.js';

/** Loads and checks a dataset; `file` is shown in errors as given. Throws InputError listing every problem. */
export function loadDataset(file: string): Dataset {
  const absolute = resolve(file);
  const text = readInputText({ path: absolute, shown: file, kind: 'dataset' });
  return parseDataset(text, file, (relativePath) => resolve(dirname(absolute), relativePath), dirname(absolute));
}

/** Checks dataset text; `resolveSibling` finds the article a dataset names (relative to the dataset file), which
 *  must lie inside `datasetFolder` once links are resolved. */
export function parseDataset(text: string, file: string, resolveSibling?: (path: string) => string, datasetFolder?: string): Dataset {
  const tooDeep = nestingProblem(text, file);
  if (tooDeep) throw new InputError([tooDeep]);
  const raw = parseJson(text.replace(/^\uFEFF/, ''), file);

  const result = datasetSchema.safeParse(raw);
  const problems = unsafeTextProblems(raw, file);
  if (!result.success) appendAll(problems, result.error.issues.flatMap((issue) => issueProblems(issue, raw, file)));
  // The cross-record rules run even when some records fail the schema (on those that pass), so one run
  // reports every problem.
  const checkable = result.success ? result.data : salvageRecords(raw);

  let article: { file: string; text: string } | undefined;
  const articleName = checkable.publication?.article;
  if (articleName !== undefined && resolveSibling) {
    const place = jsonPath(['publication', 'article']);
    try {
      article = { file: articleName, text: readArticle(resolveSibling(articleName), datasetFolder, articleName) };
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      // Reported at the dataset's key that names the article, with the article's own place (a byte offset).
      appendAll(problems, error.problems.map((problem) => ({ file, place, message: `"${articleName}"${problem.place ? ` at ${problem.place}` : ''}: ${problem.message}` })));
    }
  }

  appendAll(problems, validateDataset(checkable, { file, article }));
  if (problems.length > 0 || !result.success) throw new InputError(sortByFileOrder(problems, text));
  return result.data;
}

/** The article's text: inside the dataset's folder (a dataset cannot make the build read /etc or /proc). */
function readArticle(path: string, datasetFolder: string | undefined, shown: string): string {
  const real = datasetFolder ? confinedPath(path, datasetFolder, shown, '', "the article must be a file in the dataset's folder or below it") : path;
  return readInputText({ path: real, shown, kind: 'article' });
}

/** Problems in the order of the file: by where their JSON path (or its nearest existing parent) starts. */
function sortByFileOrder(problems: Problem[], text: string): Problem[] {
  const tree = parseTree(text);
  const offsetOf = (place: string): number => {
    const segments = pathSegments(place);
    for (let length = segments.length; length >= 0; length -= 1) {
      const node = tree && findNodeAtLocation(tree, segments.slice(0, length));
      if (node) return node.offset;
    }
    return 0;
  };
  return problems
    .map((problem, order) => ({ problem, order, offset: offsetOf(problem.place) }))
    .sort((a, b) => a.offset - b.offset || a.order - b.order)
    .map(({ problem }) => problem);
}

/** `$.documents[3]["odd key"]` → ['documents', 3, 'odd key']. */
function pathSegments(place: string): PathSegment[] {
  const segments: PathSegment[] = [];
  for (const match of place.matchAll(/\.([A-Za-z_$][\w$]*)|\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]/g)) {
    if (match[1] !== undefined) segments.push(match[1]);
    else if (match[2] !== undefined) segments.push(Number(match[2]));
    else if (match[3] !== undefined) segments.push(JSON.parse(match[3]) as string);
  }
  return segments;
}

const datasetCache = new Map<string, { mtimeMs: number; size: number; dataset: Dataset }>();

/** `loadDataset`, remembered per file until the file changes (same modification time and size). */
export function loadDatasetCached(file: string): Dataset {
  const absolute = resolve(file);
  let stats;
  try {
    stats = statSync(absolute);
  } catch {
    return loadDataset(file); // reports the unreadable file
  }
  const cached = datasetCache.get(absolute);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.dataset;
  const dataset = loadDataset(file);
  datasetCache.set(absolute, { mtimeMs: stats.mtimeMs, size: stats.size, dataset });
  return dataset;
}

function parseJson(text: string, file: string): unknown {
  try {
    const value: unknown = JSON.parse(text);
    const duplicates = duplicateKeys(text);
    if (duplicates.length > 0) {
      throw new InputError(duplicates.map(({ path }) => ({ file, place: jsonPath(path), message: 'key given twice (JSON keeps only the last)' })));
    }
    return value;
  } catch (error) {
    if (error instanceof InputError) throw error;
    // JSON.parse does not always say where; jsonc-parser (strict settings) does.
    const errors: ParseError[] = [];
    parseJsonWithErrors(text, errors, { disallowComments: true, allowTrailingComma: false, allowEmptyContent: false });
    const first = errors[0];
    const offset = first?.offset ?? 0;
    const reason = first ? describeSyntaxError(printParseErrorCode(first.error)) : (error as Error).message;
    throw InputError.one(file, formatLineColumn(lineColumnAt(text, offset)), `invalid JSON: ${reason}`);
  }
}

function describeSyntaxError(code: string): string {
  const words = code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
  return words === 'invalid comment token' ? 'comments are not allowed in JSON' : words;
}

/** Keys repeated inside one object: JSON.parse keeps the last silently, which would hide a typo. */
function duplicateKeys(text: string): { path: PathSegment[] }[] {
  const found: { path: PathSegment[] }[] = [];
  const stack: Set<string>[] = [];
  visit(text, {
    onObjectBegin: () => void stack.push(new Set()),
    onObjectEnd: () => void stack.pop(),
    onObjectProperty: (property, _offset, _length, _line, _column, pathSupplier) => {
      const keys = stack[stack.length - 1];
      if (!keys) return;
      if (keys.has(property)) found.push({ path: [...(pathSupplier() as PathSegment[]), property] });
      keys.add(property);
    },
  });
  return found;
}

function issueProblems(issue: $ZodIssue, raw: unknown, file: string): Problem[] {
  const path = issue.path.filter((segment): segment is PathSegment => typeof segment !== 'symbol');
  const problem = (segments: PathSegment[], message: string): Problem => ({ file, place: jsonPath(segments), message });

  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => problem([...path, key], `unknown key "${key}"`));
    case 'invalid_type': {
      const { found, value } = valueAt(raw, path);
      if (!found) return [problem(path, 'missing field')];
      if (issue.expected === 'int') return [problem(path, 'must be a whole number (it counts things)')];
      return [problem(path, `must be ${article(issue.expected)}, not ${describeJsonValue(value)}`)];
    }
    default:
      return [problem(path, issue.message)];
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    string: 'a string',
    number: 'a number',
    object: 'an object',
    array: 'an array',
    boolean: 'true or false',
  };
  return names[expected] ?? expected;
}
