// The command line, parsed strictly: an unknown flag, a missing or empty value, a repeated flag or an unknown
// format is an input error naming the flag.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { availableParallelism } from 'node:os';
import { globSync } from 'tinyglobby';
import { InputError, type Problem } from '../errors.js';
import { isOutputFormat, OUTPUT_FORMATS } from '../renderers/index.js';
import type { OutputFormat } from '../renderers/types.js';
import { DEFAULT_DATA_FILE, DEFAULT_TEMPLATES, TEMPLATE_DIR } from '../package-root.js';

export const USAGE = `Usage: briefing build [options]
       briefing watch [options] [--port N]
       briefing --help | --version

Builds the briefing from a dataset through a template into PDF, Word and HTML files.

Options:
  --data FILE       dataset JSON (default: the package's data/dgsn-2017.json); give it more than once, or a
                    quoted pattern ('batches/*.json', expanded by briefing itself, sorted), for many briefings:
                    each goes to OUT/<dataset name>/
  --jobs N          briefings built at once, on worker threads (default: the available cores)
  --shard K/N       build only the K-th of N equal slices of the sorted dataset list (1-based), for CI
                    matrices and Kubernetes Indexed Jobs
  --template LIST   comma-separated templates, each a name in the package's templates/ folder or the path
                    of a .hbs file (its partials in partials/ beside it); one set of files per template
                    (default: ${DEFAULT_TEMPLATES.join(',')}, the Arabic and the French edition)
  --format LIST     comma-separated formats out of ${OUTPUT_FORMATS.join(', ')} (default: all)
  --out DIR         output folder, created if missing (default: output)
  --quiet, -q       print nothing when the build succeeds
  --strict          treat warnings (e.g. a character no font covers) as errors
  --port N          briefing watch: the preview's port on 127.0.0.1 (default 4173; 0 picks a free one)
  --help, -h        show this help
  --version, -V     show the version

Input files must be regular UTF-8 files of at most 16 MiB (dataset) or 1 MiB (article, template, each partial);
the article must lie in the dataset's folder, and partials in the template's partials/ folder.

Paths are relative to the current directory. Files are written only when every format has rendered,
each through a temporary file renamed into place, so a failed build leaves the output folder untouched.

Environment:
  SOURCE_DATE_EPOCH  seconds since 1970-01-01 UTC: the document date, instead of the dataset's
  BRIEFING_DEBUG=1   print the stack trace of an internal error

Exit status: 0 built, 1 bad input (dataset, template, option), 2 internal error.`;

export type Command =
  | { kind: 'help' }
  | { kind: 'version' }
  | {
      kind: 'build' | 'watch';
      /** For watch: the preview's port on the loopback interface. */
      port: number;
      /** The datasets, sorted, patterns expanded, this shard's slice only. */
      dataFiles: string[];
      /** More than one dataset given (or a pattern): each briefing goes to its own folder under outDir. */
      batch: boolean;
      jobs: number;
      templates: TemplateChoice[];
      formats: OutputFormat[];
      outDir: string;
      quiet: boolean;
      strict: boolean;
    };

/** A template to build: its name (the output files' name) and the folder that holds it and its partials/. */
export interface TemplateChoice {
  name: string;
  dir: string;
}

const COMMAND_LINE = 'command line';

const optionSpec = {
  data: { type: 'string', multiple: true },
  jobs: { type: 'string' },
  shard: { type: 'string' },
  port: { type: 'string' },
  template: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  quiet: { type: 'boolean', short: 'q' },
  strict: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'V' },
} as const;

export function parseCommandLine(argv: readonly string[], cwd: string): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true, tokens: true });
  } catch (error) {
    throw new InputError([parseArgsProblem(error)]);
  }
  const { values, positionals, tokens } = parsed;
  if (values.help) return { kind: 'help' };
  if (values.version) return { kind: 'version' };

  const problems: Problem[] = [];
  const problem = (place: string, message: string) => problems.push({ file: COMMAND_LINE, place, message });

  const [command, ...extra] = positionals;
  if (command === undefined) problem('', 'missing command: briefing build (see briefing --help)');
  else if (command !== 'build' && command !== 'watch') problem(command, 'unknown command; the commands are "build" and "watch" (see briefing --help)');
  if (extra.length > 0) problem(extra.join(' '), 'unexpected argument (options start with --)');

  for (const name of Object.keys(optionSpec).filter((option) => option !== 'data')) {
    const count = tokens.filter((token) => token.kind === 'option' && token.name === name).length;
    if (count > 1) problem(`--${name}`, 'given more than once');
  }
  for (const name of ['template', 'format', 'out', 'jobs', 'shard', 'port'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') problem(`--${name}`, 'needs a value');
  }
  if (values.data?.some((value) => value.trim() === '')) problem('--data', 'needs a value');

  const templates = parseTemplates(values.template, cwd, problem);
  const formats = parseFormats(values.format, problem);
  const jobs = parseJobs(values.jobs, problem);
  const shard = parseShard(values.shard, problem);
  const given = values.data ?? [displayPath(DEFAULT_DATA_FILE, cwd)];
  const dataFiles = expandDataFiles(given, cwd, problem);
  const batch = given.length > 1 || given.some(isPattern) || shard !== undefined;
  if (batch) sameNamesProblem(dataFiles, problem);
  if (command === 'watch' && batch) problem('--data', 'briefing watch previews one dataset');
  if (command !== 'watch' && values.port !== undefined) problem('--port', 'is for briefing watch');
  const port = parsePort(values.port, problem);

  if (problems.length > 0) throw new InputError(problems);
  return {
    kind: command === 'watch' ? 'watch' : 'build',
    port,
    dataFiles: shard ? shardOf(dataFiles, shard) : dataFiles,
    batch,
    jobs,
    templates,
    formats,
    outDir: resolve(cwd, values.out ?? 'output'),
    quiet: values.quiet ?? false,
    strict: values.strict ?? false,
  };
}

const TEMPLATE_EXTENSION = '.hbs';

type ReportProblem = (place: string, message: string) => void;

/** A glob pattern rather than a file name. */
const isPattern = (value: string) => /[*?[\]{}]/.test(value);

/** Every `--data` value, patterns expanded by tinyglobby (so every shell gives the same list), sorted, once each. */
function expandDataFiles(values: readonly string[], cwd: string, problem: ReportProblem): string[] {
  const files = new Set<string>();
  for (const value of values) {
    if (!isPattern(value)) {
      files.add(value);
      continue;
    }
    const matches = globSync(value, { cwd, onlyFiles: true, expandDirectories: false });
    if (matches.length === 0) problem('--data', `"${value}" matches no file`);
    for (const match of matches) files.add(match);
  }
  return [...files].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Two datasets of one name would write the same folder. */
function sameNamesProblem(files: readonly string[], problem: ReportProblem): void {
  const byName = new Map<string, string>();
  for (const file of files) {
    const name = batchFolderName(file);
    const other = byName.get(name);
    if (other !== undefined) problem('--data', `${other} and ${file} would both build into ${name}/ (rename one)`);
    byName.set(name, file);
  }
}

/** A batch briefing's folder under --out: its dataset's file name without .json. */
export function batchFolderName(dataFile: string): string {
  return basename(dataFile).replace(/\.json$/i, '');
}

export const DEFAULT_PORT = 4173;

function parsePort(value: string | undefined, problem: ReportProblem): number {
  if (value === undefined) return DEFAULT_PORT;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value.trim()) || port > 65535) {
    problem('--port', `"${value}" is not a port (0 to 65535)`);
    return DEFAULT_PORT;
  }
  return port;
}

export function defaultJobs(): number {
  return Math.max(1, availableParallelism());
}

function parseJobs(value: string | undefined, problem: ReportProblem): number {
  if (value === undefined) return defaultJobs();
  if (!/^[1-9]\d{0,3}$/.test(value.trim())) {
    problem('--jobs', `"${value}" is not a number of jobs (a whole number from 1)`);
    return 1;
  }
  return Number(value);
}

export interface Shard {
  /** 1-based. */
  index: number;
  count: number;
}

function parseShard(value: string | undefined, problem: ReportProblem): Shard | undefined {
  if (value === undefined) return undefined;
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) {
    problem('--shard', `"${value}" is not a shard: K/N with 1 ≤ K ≤ N, e.g. 2/4`);
    return undefined;
  }
  return { index, count };
}

/**
 * The K-th of N contiguous slices of `files` (sorted), sizes differing by at most one: every file is in exactly
 * one shard, whatever N, so a CI matrix of N jobs builds each briefing once.
 */
export function shardOf<T>(files: readonly T[], shard: Shard): T[] {
  const start = Math.floor(((shard.index - 1) * files.length) / shard.count);
  const end = Math.floor((shard.index * files.length) / shard.count);
  return files.slice(start, end);
}

/** The templates of `--template`, in the order given; two that would write the same files are refused. */
function parseTemplates(list: string | undefined, cwd: string, problem: (place: string, message: string) => void): TemplateChoice[] {
  const items = list === undefined ? [...DEFAULT_TEMPLATES] : list.split(',').map((item) => item.trim()).filter((item) => item !== '');
  if (items.length === 0 && list !== undefined && list.trim() !== '') problem('--template', 'needs a template name');
  const templates: TemplateChoice[] = [];
  for (const item of items) {
    const template = templateLocation(item, cwd, problem);
    const same = templates.find((earlier) => earlier.name === template.name);
    if (same === undefined) templates.push(template);
    else if (same.dir !== template.dir) problem('--template', `two templates named "${template.name}" would write the same files`);
  }
  return templates;
}

/** A bare name is a template of the package; a path (with a slash, or ending in .hbs) is the user's file. */
function templateLocation(value: string, cwd: string, problem: (place: string, message: string) => void): { name: string; dir: string } {
  const isPath = value.includes('/') || value.includes(sep) || value.endsWith(TEMPLATE_EXTENSION);
  if (!isPath) {
    if (!/^[\p{L}\p{N}_.-]+$/u.test(value) || value.startsWith('.')) {
      problem('--template', `"${value}" is not a template name (a file name in templates/ without ${TEMPLATE_EXTENSION})`);
    }
    return { name: value, dir: TEMPLATE_DIR };
  }
  if (!value.endsWith(TEMPLATE_EXTENSION)) problem('--template', `"${value}" is not a ${TEMPLATE_EXTENSION} file`);
  const path = resolve(cwd, value);
  const packageName = basename(value, TEMPLATE_EXTENSION);
  if (!existsSync(path) && basename(value) === value && existsSync(join(TEMPLATE_DIR, value))) {
    problem('--template', `no file "${value}" here; for the package's template give its name without ${TEMPLATE_EXTENSION}: --template ${packageName}`);
  }
  return { name: basename(path, TEMPLATE_EXTENSION), dir: dirname(path) };
}

function parseFormats(list: string | undefined, problem: (place: string, message: string) => void): OutputFormat[] {
  if (list === undefined) return [...OUTPUT_FORMATS];
  const formats: OutputFormat[] = [];
  for (const item of list.split(',').map((name) => name.trim().toLowerCase())) {
    if (item === '') continue;
    if (!isOutputFormat(item)) problem('--format', `unknown format "${item}" (choose from ${OUTPUT_FORMATS.join(', ')})`);
    else if (!formats.includes(item)) formats.push(item);
  }
  return formats;
}

/** A path as it is best shown to the user: relative to the current directory unless that climbs out of it. */
export function displayPath(path: string, cwd: string): string {
  const fromCwd = relative(cwd, path);
  return fromCwd === '' ? '.' : fromCwd.startsWith('..') || isAbsolute(fromCwd) ? path : fromCwd;
}

function parseArgsProblem(error: unknown): Problem {
  const { code, message } = error as { code?: string; message?: string };
  const option = /--[\w-]+/.exec(message ?? '')?.[0] ?? /'(-[^'\s,]+)/.exec(message ?? '')?.[1] ?? '';
  switch (code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return { file: COMMAND_LINE, place: option, message: 'unknown option (see briefing --help)' };
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE':
      return {
        file: COMMAND_LINE,
        place: option,
        message: /argument missing/.test(message ?? '')
          ? 'needs a value'
          : /ambiguous/.test(message ?? '')
            ? `needs a value (write ${option}=VALUE for a value that starts with -)`
            : 'takes no value',
      };
    default:
      return { file: COMMAND_LINE, place: option, message: message ?? String(error) };
  }
}
