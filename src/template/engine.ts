// Loading, checking and running a Handlebars template with its partials, in an environment of its own:
// strict lookups (every missing variable is an error with its line), only the helpers of helpers.ts
// (knownHelpersOnly), partials registered explicitly from templates/partials/*.hbs, no prototype access,
// HTML-escaped output only. Every problem becomes an InputError naming the template file, line and column.
//
// Compiled templates are kept per process and reused until one of their files changes (modification time and
// size of the template and of every partial, and the list of partials).
import { readdirSync, readFileSync, statSync, type Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import Handlebars from 'handlebars';
import { InputError, type Problem } from '../errors.js';
import { checkTemplateAst } from './ast-check.js';
import { HELPERS } from './helpers.js';
import { TemplateHelperError } from './helpers.js';
import { checkTemplateHtml } from './html-check.js';
import { expandTemplate, locateInTemplate, type ExpandedTemplate } from './source-map.js';
import { installStrictLookups } from './strict-lookups.js';

export interface LoadedTemplate {
  /** The main template file, as shown in messages. */
  file: string;
  /** The locale of number and date helpers: the literal `lang` of the template's `<html>`. */
  locale: string;
  /** Renders the view; throws InputError naming the template file and line of a missing variable or bad call. */
  render(view: unknown): string;
  /** Problems found in the rendered HTML, moved to the template lines that wrote them where possible. */
  locate(problems: readonly Problem[]): Problem[];
}

const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  noEscape: false,
  preventIndent: true,
} as const;

const RUNTIME_OPTIONS = {
  allowProtoPropertiesByDefault: false,
  allowProtoMethodsByDefault: false,
} as const;

export const PARTIALS_FOLDER = 'partials';
const EXTENSION = '.hbs';

interface SourceFile {
  name: string;
  path: string;
  file: string;
  stats: Stats;
}

const cache = new Map<string, { signature: string; template: LoadedTemplate }>();

/** The template `name` (file `<templateDir>/<name>.hbs`) with the partials of `<templateDir>/partials/`. */
export function loadTemplate(name: string, templateDir: string): LoadedTemplate {
  const main = sourceFile(name, join(templateDir, `${name}${EXTENSION}`), templateDir);
  const partials = partialFiles(templateDir);
  const signature = [main, ...partials].map((source) => `${source.path}:${source.stats.mtimeMs}:${source.stats.size}`).join('|');
  const cached = cache.get(main.path);
  if (cached && cached.signature === signature) return cached.template;
  const template = compileTemplate(main, partials);
  cache.set(main.path, { signature, template });
  return template;
}

/** Forgets compiled templates (tests that rewrite a template within the same millisecond). */
export function clearTemplateCache(): void {
  cache.clear();
}

function sourceFile(name: string, path: string, templateDir: string): SourceFile {
  const absolute = resolve(path);
  try {
    return { name, path: absolute, file: displayPath(absolute), stats: statSync(absolute) };
  } catch {
    const available = listTemplates(templateDir);
    throw InputError.one(
      displayPath(absolute),
      '',
      `no such template${available.length ? ` (templates: ${available.join(', ')})` : ''}`,
    );
  }
}

function listTemplates(templateDir: string): string[] {
  try {
    return readdirSync(templateDir)
      .filter((entry) => entry.endsWith(EXTENSION))
      .map((entry) => entry.slice(0, -EXTENSION.length))
      .sort();
  } catch {
    return [];
  }
}

function partialFiles(templateDir: string): SourceFile[] {
  const folder = join(templateDir, PARTIALS_FOLDER);
  let entries: string[];
  try {
    entries = readdirSync(folder);
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.endsWith(EXTENSION))
    .sort()
    .map((entry) => sourceFile(basename(entry, EXTENSION), join(folder, entry), templateDir));
}

/** Relative to the current directory where that is shorter and does not climb out of it. */
function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}

type Program = ReturnType<typeof Handlebars.parse>;
type CompiledFunction = (context: unknown, options?: Record<string, unknown>) => string;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** The file each error came from, set by the partial wrappers as the error passes out of a partial. */
const errorFiles = new WeakMap<object, string>();

function compileTemplate(main: SourceFile, partials: SourceFile[]): LoadedTemplate {
  const environment = Handlebars.create();
  installStrictLookups(environment);
  for (const [helperName, helper] of Object.entries(HELPERS)) environment.registerHelper(helperName, helper);

  const helperNames = new Set(Object.keys(HELPERS));
  const partialNames = new Set(partials.map((partial) => partial.name));
  const problems: Problem[] = [];
  const programs = new Map<SourceFile, Program>();
  const texts = new Map<SourceFile, string>();
  let locale: string | undefined;

  for (const source of [main, ...partials]) {
    const text = readFileSync(source.path, 'utf8');
    texts.set(source, text);
    const found: Problem[] = [];
    const program = parseTemplate(environment, text, source.file, found);
    if (program) {
      found.push(...checkTemplateAst(program as never, { file: source.file, helpers: helperNames, partials: partialNames }));
      programs.set(source, program);
    }
    const html = checkTemplateHtml(text, source.file);
    found.push(...html.problems);
    if (source === main) {
      locale = html.lang;
      if (locale === undefined) {
        found.push({ file: source.file, place: '', message: 'the template needs <html lang="..."> with a literal language tag (its locale)' });
      }
    }
    problems.push(...sortByLine(found));
  }
  // Compiled now (Handlebars' compile() would wait for the first render), so compile errors surface here with
  // their line. precompile() gives the template as JavaScript source, turned into a function the way compile()
  // itself does it.
  const compiled = new Map<SourceFile, CompiledFunction>();
  if (problems.length === 0) {
    for (const [source, program] of programs) {
      try {
        const specification = new Function(`return ${environment.precompile(program, COMPILE_OPTIONS)};`)() as TemplateSpecification;
        compiled.set(source, environment.template(specification) as unknown as CompiledFunction);
      } catch (error) {
        problems.push(templateProblem(error, source.file));
      }
    }
  }
  if (problems.length > 0) throw new InputError(problems);

  for (const partial of partials) {
    const compiledPartial = compiled.get(partial)!;
    environment.registerPartial(partial.name, ((context: unknown, options?: Record<string, unknown>) => {
      try {
        return compiledPartial(context, options);
      } catch (error) {
        if (error !== null && typeof error === 'object' && !errorFiles.has(error)) errorFiles.set(error, partial.file);
        throw error;
      }
    }) as unknown as Handlebars.Template);
  }
  const compiledMain = compiled.get(main)!;
  const templateLocale = locale!;
  let expanded: ExpandedTemplate | undefined;

  return {
    file: main.file,
    locale: templateLocale,
    render(view: unknown): string {
      try {
        return compiledMain(view, { ...RUNTIME_OPTIONS, data: { locale: templateLocale } });
      } catch (error) {
        const file = (error !== null && typeof error === 'object' && errorFiles.get(error)) || main.file;
        throw new InputError([templateProblem(error, file)]);
      }
    },
    locate(problems: readonly Problem[]): Problem[] {
      expanded ??= expandTemplate(
        { file: main.file, text: texts.get(main)! },
        new Map(partials.map((partial) => [partial.name, { file: partial.file, text: texts.get(partial)! }])),
      );
      return locateInTemplate(problems, expanded, main.file);
    },
  };
}

/** One file's problems from top to bottom (whole-file problems first). */
function sortByLine(problems: Problem[]): Problem[] {
  const position = (place: string) => {
    const match = /line (\d+), column (\d+)/.exec(place);
    return match ? Number(match[1]) * 1e6 + Number(match[2]) : 0;
  };
  return problems
    .map((problem, order) => ({ problem, order, at: position(problem.place) }))
    .sort((a, b) => a.at - b.at || a.order - b.order)
    .map(({ problem }) => problem);
}

interface JisonHash {
  loc?: { first_line: number; first_column: number };
}

/** Handlebars.parse, with syntax errors as problems at their line and column. */
function parseTemplate(environment: typeof Handlebars, text: string, file: string, problems: Problem[]): Program | undefined {
  // The generated parser reports through its parseError method, with the location in a second argument that
  // Handlebars drops; it is swapped for the duration of this (synchronous) call to keep the location.
  const parser = (environment as unknown as { Parser: unknown }).Parser as { parseError: (message: string, hash: JisonHash) => never };
  const original = parser.parseError;
  parser.parseError = (message: string, hash: JisonHash) => {
    throw new TemplateSyntaxError(message, hash.loc);
  };
  try {
    return environment.parse(text);
  } catch (error) {
    problems.push(templateProblem(error, file));
    return undefined;
  } finally {
    parser.parseError = original;
  }
}

class TemplateSyntaxError extends Error {
  constructor(
    message: string,
    readonly loc: JisonHash['loc'],
  ) {
    super(message);
  }
}

/** One problem from whatever Handlebars or a helper threw, at the template place it names. */
export function templateProblem(error: unknown, file: string): Problem {
  if (error instanceof TemplateSyntaxError) {
    const lastLine = error.message.split('\n').pop() ?? error.message;
    const place = error.loc ? `line ${error.loc.first_line}, column ${error.loc.first_column + 1}` : '';
    return { file, place, message: `template syntax error: ${lastLine.replace(/^Expecting/, 'expecting')}` };
  }
  if (error instanceof TemplateHelperError) {
    const place = error.loc ? `line ${error.loc.start.line}, column ${error.loc.start.column + 1}` : '';
    return { file, place, message: error.message };
  }
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
