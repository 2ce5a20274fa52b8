// The command line, parsed strictly: an unknown flag, a missing or empty value, a repeated flag or an unknown
// format is an input error naming the flag.
import { existsSync } from 'node:fs';
import { basename, dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { parseArgs } from 'node:util';
import { InputError, type Problem } from '../errors.js';
import { isOutputFormat, OUTPUT_FORMATS } from '../renderers/index.js';
import type { OutputFormat } from '../renderers/types.js';
import { DEFAULT_DATA_FILE, DEFAULT_TEMPLATES, TEMPLATE_DIR } from '../package-root.js';

export const USAGE = `Usage: briefing build [options]
       briefing --help | --version

Builds the briefing from a dataset through a template into PDF, Word and HTML files.

Options:
  --data FILE       dataset JSON (default: the package's data/dgsn-2017.json)
  --template LIST   comma-separated templates, each a name in the package's templates/ folder or the path
                    of a .hbs file (its partials in partials/ beside it); one set of files per template
                    (default: ${DEFAULT_TEMPLATES.join(',')}, the Arabic and the French edition)
  --format LIST     comma-separated formats out of ${OUTPUT_FORMATS.join(', ')} (default: all)
  --out DIR         output folder, created if missing (default: output)
  --quiet, -q       print nothing when the build succeeds
  --strict          treat warnings (e.g. a character no font covers) as errors
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
      kind: 'build';
      dataFile: string;
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
  data: { type: 'string' },
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
  else if (command !== 'build') problem(command, 'unknown command; the command is "build" (see briefing --help)');
  if (extra.length > 0) problem(extra.join(' '), 'unexpected argument (options start with --)');

  for (const name of Object.keys(optionSpec)) {
    const count = tokens.filter((token) => token.kind === 'option' && token.name === name).length;
    if (count > 1) problem(`--${name}`, 'given more than once');
  }
  for (const name of ['data', 'template', 'format', 'out'] as const) {
    if (values[name] !== undefined && values[name].trim() === '') problem(`--${name}`, 'needs a value');
  }

  const templates = parseTemplates(values.template, cwd, problem);
  const formats = parseFormats(values.format, problem);

  if (problems.length > 0) throw new InputError(problems);
  return {
    kind: 'build',
    dataFile: values.data ?? displayPath(DEFAULT_DATA_FILE, cwd),
    templates,
    formats,
    outDir: resolve(cwd, values.out ?? 'output'),
    quiet: values.quiet ?? false,
    strict: values.strict ?? false,
  };
}

const TEMPLATE_EXTENSION = '.hbs';

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
