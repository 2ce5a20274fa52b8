// The template compiler: parse every file of a template (main + partials), check it (AST rules, HTML subset, the
// main file's locale) and precompile it to JavaScript source. It returns plain data (problems, specification
// source), never throws an InputError: the bundle loads it as a separate file only when a template is not among
// the ones precompiled at bundle time, and it also runs at bundle time to precompile them.
import Handlebars from 'handlebars';
import type { Problem } from '../errors.js';
import { checkTemplateAst } from './ast-check.js';
import { HELPERS } from './helpers.js';
import { checkTemplateHtml } from './html-check.js';
import { parserOf } from './handlebars-internals.js';
import { handlebarsProblem } from './problems.js';
import { installStrictLookups } from './strict-lookups.js';
import { appendAll } from '../collections.js';

/** One template file and its text. */
export interface TemplateText {
  /** Partial name, or the template's name for the main file. */
  name: string;
  /** The file as shown in messages. */
  file: string;
  text: string;
}

export interface CompiledSources {
  /** Every problem, file by file (main first), each file's from top to bottom. Empty when it compiled. */
  problems: Problem[];
  /** The literal `lang` of the main file's `<html>`. */
  locale: string | undefined;
  /** Handlebars template specification as JavaScript source (an object literal), main first, then partials. */
  specifications: string[];
  /** When there are problems but every file parsed: the same files compiled without the helper checks, so the
   *  engine can render once more to report the missing variables and bad calls too, all in one run. */
  lenientSpecifications: string[] | undefined;
  /** The helpers the files call that do not exist (stubbed in the reporting render). */
  unknownHelpers: string[];
}

const COMPILE_OPTIONS = {
  strict: true,
  knownHelpersOnly: true,
  knownHelpers: Object.fromEntries(Object.keys(HELPERS).map((name) => [name, true])),
  noEscape: false,
  preventIndent: true,
} as const;

type Program = ReturnType<typeof Handlebars.parse>;

let environment: typeof Handlebars | undefined;

function compilerEnvironment(): typeof Handlebars {
  if (!environment) {
    environment = Handlebars.create();
    installStrictLookups(environment);
  }
  return environment;
}

export function compileTemplateSources(main: TemplateText, partials: readonly TemplateText[]): CompiledSources {
  const env = compilerEnvironment();
  const helperNames = new Set(Object.keys(HELPERS));
  const partialNames = new Set(partials.map((partial) => partial.name));
  const problems: Problem[] = [];
  const programs: { source: TemplateText; program: Program }[] = [];
  let locale: string | undefined;
  const unknownHelpers = new Set<string>();

  for (const source of [main, ...partials]) {
    const found: Problem[] = [];
    const program = parseTemplate(env, source.text, source.file, found);
    if (program) {
      appendAll(found, checkTemplateAst(program, {
          file: source.file,
          helpers: helperNames,
          partials: partialNames,
          onUnknownHelper: (name) => unknownHelpers.add(name),
        }));
      programs.push({ source, program });
    }
    const html = checkTemplateHtml(source.text, source.file);
    appendAll(found, html.problems);
    if (source === main) {
      locale = html.lang;
      if (locale === undefined) {
        found.push({ file: source.file, place: '', message: 'the template needs <html lang="..."> with a literal language tag (its locale)' });
      }
    }
    appendAll(problems, sortByLine(found));
  }
  const specifications: string[] = [];
  if (problems.length === 0) {
    for (const { source, program } of programs) {
      try {
        specifications.push(env.precompile(program, COMPILE_OPTIONS) as string);
      } catch (error) {
        problems.push(compileProblem(error, source.file));
      }
    }
  }
  if (problems.length === 0) return { problems, locale, specifications, lenientSpecifications: undefined, unknownHelpers: [] };
  const everyFileParsed = programs.length === partials.length + 1;
  return {
    problems,
    locale,
    specifications: [],
    lenientSpecifications: everyFileParsed ? lenientlyCompiled(env, programs) : undefined,
    unknownHelpers: [...unknownHelpers],
  };
}

/** The programs compiled with unknown helpers allowed (they resolve to nothing at run time), or undefined where
 *  even that fails. */
function lenientlyCompiled(env: typeof Handlebars, programs: readonly { program: Program }[]): string[] | undefined {
  try {
    return programs.map(({ program }) => env.precompile(program, { ...COMPILE_OPTIONS, knownHelpersOnly: false }) as string);
  } catch {
    return undefined;
  }
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
function parseTemplate(env: typeof Handlebars, text: string, file: string, problems: Problem[]): Program | undefined {
  // The generated parser reports through its parseError method, with the location in a second argument that
  // Handlebars drops; it is swapped for the duration of this (synchronous) call to keep the location.
  const parser = parserOf<JisonHash>(env);
  const original = parser.parseError;
  parser.parseError = (message: string, hash: JisonHash) => {
    throw new TemplateSyntaxError(message, hash.loc);
  };
  try {
    return env.parse(text);
  } catch (error) {
    problems.push(compileProblem(error, file));
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

function compileProblem(error: unknown, file: string): Problem {
  if (error instanceof TemplateSyntaxError) {
    const lastLine = error.message.split('\n').pop() ?? error.message;
    const place = error.loc ? `line ${error.loc.first_line}, column ${error.loc.first_column + 1}` : '';
    return { file, place, message: `template syntax error: ${lastLine.replace(/^Expecting/, 'expecting')}` };
  }
  return handlebarsProblem(error, file);
}
