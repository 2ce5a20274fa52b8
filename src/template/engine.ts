// Loading, checking and running a Handlebars template with its partials, in an environment of its own:
// strict lookups (every missing variable is an error with its line), only the helpers of helpers.ts
// (knownHelpersOnly), partials registered explicitly from templates/partials/*.hbs, no prototype access,
// HTML-escaped output only. Every problem becomes an InputError naming the template file, line and column.
//
// Templates are precompiled at bundle time (src/bundle) where they can be, so a normal run needs only the
// Handlebars runtime; a template that reads differently from its precompiled version is compiled here
// (compile.ts). Compiled templates are kept per process and reused until one of their files changes
// (modification time and size of the template and of every partial, and the list of partials).
import { statSync, type Stats } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import type Handlebars from 'handlebars';
import { InputError, type Problem } from '../errors.js';
import { confinedPath, readInputText } from '../input-files.js';
import type { TemplateText } from './compile.js';
import { templateCompiler } from './compiler-loader.js';
import { STRICT_LOOKUP, strictLookup } from './strict-lookups.js';
import { HELPERS, TemplateHelperError } from './helpers.js';
import { PRECOMPILED } from './precompiled.js';
import { mainTemplatePaths, partialPaths } from './template-files.js';
import {
  compiledTemplate,
  HandlebarsRuntime,
  registerCompiledPartial,
  type CompiledFunction,
  type TemplateSpecification,
} from './handlebars-internals.js';
import { handlebarsProblem } from './problems.js';
import { expandTemplate, locateInTemplate, type ExpandedTemplate } from './source-map.js';

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
  kind: 'template' | 'partial';
  stats: Stats;
}

const cache = new Map<string, { signature: string; template: LoadedTemplate }>();

/** The template `name` (file `<templateDir>/<name>.hbs`) with the partials of `<templateDir>/partials/`. */
export function loadTemplate(name: string, templateDir: string): LoadedTemplate {
  const main = sourceFile(name, join(templateDir, `${name}${EXTENSION}`), templateDir, 'template');
  const partials = partialFiles(templateDir);
  const signature = [main, ...partials].map((source) => `${source.path}:${source.stats.mtimeMs}:${source.stats.size}`).join('|');
  const cached = cache.get(main.path);
  if (cached && cached.signature === signature) return cached.template;
  const template = compileTemplate(main, partials);
  cache.set(main.path, { signature, template });
  return template;
}

function sourceFile(name: string, path: string, templateDir: string, kind: SourceFile['kind']): SourceFile {
  const absolute = resolve(path);
  try {
    return { name, path: absolute, file: displayPath(absolute), kind, stats: statSync(absolute) };
  } catch {
    const available = listTemplates(templateDir);
    throw InputError.one(
      displayPath(absolute),
      '',
      `no such ${kind}${available.length ? ` (templates: ${available.join(', ')})` : ''}`,
    );
  }
}

function listTemplates(templateDir: string): string[] {
  return mainTemplatePaths(templateDir).map((template) => template.name);
}

/** The partials of `<templateDir>/partials/`: its .hbs files and those of its subfolders (one per edition, e.g.
 *  `partials/fr/summary.hbs`, named `fr/summary`), sorted by name. */
function partialFiles(templateDir: string): SourceFile[] {
  const folder = join(templateDir, PARTIALS_FOLDER);
  return partialPaths(folder).map(({ name, path }) => {
    // A partial is a file of this folder: a link that leads elsewhere would put that file into the output.
    confinedPath(path, folder, displayPath(path), '', `a partial must be a file in ${displayPath(folder)} (not a link out of it)`);
    return sourceFile(name, path, templateDir, 'partial');
  });
}

/** Relative to the current directory where that is shorter and does not climb out of it. */
function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}

type Helper = (this: unknown, ...args: unknown[]) => unknown;

/** What a template found wrong, with the HTML its reporting render wrote (missing values left empty) when it
 *  got that far, so the pipeline can add the model's problems of the same run. */
export class TemplateRenderError extends InputError {
  constructor(
    problems: Problem[],
    readonly partialHtml: string | undefined,
  ) {
    super(problems);
  }
}

/** The problems of one reporting render, once each, in the file being rendered (main or partial). */
class ProblemRecorder {
  readonly problems: Problem[] = [];
  private readonly seen = new Set<string>();
  private readonly files: string[] = [];

  constructor(private readonly mainFile: string) {}

  get file(): string {
    return this.files.at(-1) ?? this.mainFile;
  }

  add(error: unknown, file = this.file): void {
    const problem = templateProblem(error, file);
    const key = `${problem.file}\0${problem.place}\0${problem.message}`;
    if (this.seen.has(key)) return; // the same miss in every row of an {{#each}}
    this.seen.add(key);
    this.problems.push(problem);
  }

  within<T>(file: string, run: () => T): T {
    this.files.push(file);
    try {
      return run();
    } finally {
      this.files.pop();
    }
  }
}

/** The file each error came from, set by the partial wrappers as the error passes out of a partial. */
const errorFiles = new WeakMap<object, string>();

/** The recorder of the reporting render under way (rendering is synchronous: one at a time). */
let recording: ProblemRecorder | undefined;

function compileTemplate(main: SourceFile, partials: SourceFile[]): LoadedTemplate {
  const read = (source: SourceFile): TemplateText => ({
    name: source.name,
    file: source.file,
    text: readInputText({ path: source.path, shown: source.file, kind: source.kind }),
  });
  const mainText = read(main);
  const partialTexts = partials.map(read);
  const compiled = precompiledFor(mainText, partialTexts) ?? compileNow(mainText, partialTexts);
  const locale = compiled.locale ?? 'ar-MA';
  const strictMain = compiled.problems.length === 0 ? strictEnvironment(compiled.specifications, partials) : undefined;
  const reportingSpecifications = compiled.problems.length === 0 ? compiled.specifications : compiled.lenientSpecifications;
  let reportingMain: CompiledFunction | undefined;
  let expanded: ExpandedTemplate | undefined;

  /** Renders once more, recording every problem instead of stopping at the first. */
  const report = (view: unknown, firstError: unknown): never => {
    const recorder = new ProblemRecorder(main.file);
    let html: string | undefined;
    if (reportingSpecifications) {
      reportingMain ??= reportingEnvironment(reportingSpecifications, partials, compiled.unknownHelpers);
      recording = recorder;
      try {
        html = reportingMain(view, { ...RUNTIME_OPTIONS, data: { locale } });
      } catch (error) {
        // What stops even this render (an unknown partial) is already a compile problem, or is the one to report.
        if (compiled.problems.length === 0) recorder.add(error);
      } finally {
        recording = undefined;
      }
    }
    if (firstError !== undefined && recorder.problems.length === 0) {
      recorder.add(firstError, (firstError !== null && typeof firstError === 'object' && errorFiles.get(firstError)) || main.file);
    }
    throw new TemplateRenderError([...compiled.problems, ...withoutSamePlace(recorder.problems, compiled.problems)], html);
  };

  return {
    file: main.file,
    locale,
    render(view: unknown): string {
      if (!strictMain) return report(view, undefined);
      try {
        return strictMain(view, { ...RUNTIME_OPTIONS, data: { locale } });
      } catch (error) {
        return report(view, error);
      }
    },
    locate(problems: readonly Problem[]): Problem[] {
      expanded ??= expandTemplate(mainText, new Map(partialTexts.map((partial) => [partial.name, partial])));
      return locateInTemplate(problems, expanded, main.file);
    },
  };
}

/** A render problem at the place of a compile problem says the same thing again (an unknown helper is also
 *  a missing variable there). */
function withoutSamePlace(problems: readonly Problem[], already: readonly Problem[]): Problem[] {
  const lines = new Set(already.map((problem) => `${problem.file}\0${/line \d+/.exec(problem.place)?.[0] ?? ''}`));
  return problems.filter((problem) => !lines.has(`${problem.file}\0${/line \d+/.exec(problem.place)?.[0] ?? ''}`));
}

/** The environment of a normal render: the first problem stops it (the reporting render then finds the rest). */
function strictEnvironment(specifications: readonly TemplateSpecification[], partials: readonly SourceFile[]): CompiledFunction {
  const environment = HandlebarsRuntime.create();
  for (const [helperName, helper] of Object.entries(HELPERS)) environment.registerHelper(helperName, helper);
  environment.registerHelper(STRICT_LOOKUP, strictLookup(HandlebarsRuntime.Exception));
  environment.unregisterHelper('log');
  return registerTemplates(environment, specifications, partials, (file, compiledPartial) => (context, options) => {
    try {
      return compiledPartial(context, options);
    } catch (error) {
      if (error !== null && typeof error === 'object' && !errorFiles.has(error)) errorFiles.set(error, file);
      throw error;
    }
  });
}

/**
 * The environment of a reporting render: a missing variable is recorded and reads as undefined, a helper given
 * such an undefined says nothing more (its cause is reported), a helper that fails is recorded and writes
 * nothing, an unknown helper (a compile problem already) writes nothing. So one render finds every problem.
 */
function reportingEnvironment(
  specifications: readonly TemplateSpecification[],
  partials: readonly SourceFile[],
  unknownHelpers: readonly string[],
): CompiledFunction {
  const environment = HandlebarsRuntime.create();
  // An unknown helper (a compile problem already) writes its name, so what needs text (a title) is not reported empty too.
  for (const name of unknownHelpers) environment.registerHelper(name, () => `{{${name}}}`);
  for (const [helperName, helper] of Object.entries(HELPERS)) environment.registerHelper(helperName, reportingHelper(helper as Helper));
  const lookup = strictLookup(HandlebarsRuntime.Exception);
  environment.registerHelper(STRICT_LOOKUP, (parent: unknown, name: string, loc: unknown) => {
    if (parent === undefined) return undefined; // looked up in a missing variable, reported already
    try {
      return lookup(parent, name, loc);
    } catch (error) {
      recording?.add(error);
      return undefined;
    }
  });
  environment.registerHelper('helperMissing', () => undefined);
  environment.unregisterHelper('log');
  return registerTemplates(environment, specifications, partials, (file, compiledPartial) => (context, options) =>
    recording ? recording.within(file, () => compiledPartial(context, options)) : compiledPartial(context, options),
  );
}

function reportingHelper(helper: Helper): Helper {
  return function reporting(this: unknown, ...args: unknown[]) {
    const options = args.at(-1) as { hash?: Record<string, unknown> } | undefined;
    const values = [...args.slice(0, -1), ...Object.values(options?.hash ?? {})];
    if (values.includes(undefined)) return '';
    try {
      return helper.apply(this, args);
    } catch (error) {
      recording?.add(error);
      return '';
    }
  };
}

function registerTemplates(
  environment: typeof Handlebars,
  specifications: readonly TemplateSpecification[],
  partials: readonly SourceFile[],
  wrapPartial: (file: string, compiledPartial: CompiledFunction) => CompiledFunction,
): CompiledFunction {
  const [mainSpecification, ...partialSpecifications] = specifications;
  partials.forEach((partial, index) => {
    const compiledPartial = compiledTemplate(environment, partialSpecifications[index]!);
    registerCompiledPartial(environment, partial.name, wrapPartial(partial.file, compiledPartial));
  });
  return compiledTemplate(environment, mainSpecification!);
}

interface CompiledTemplates {
  /** Empty when the template compiled. */
  problems: Problem[];
  locale: string | undefined;
  specifications: TemplateSpecification[];
  lenientSpecifications: TemplateSpecification[] | undefined;
  unknownHelpers: readonly string[];
}

/** Compiled now (Handlebars' compile() would wait for the first render), so every problem surfaces here with its
 *  line. The specification source becomes a function the way Handlebars' own compile() does it. */
function compileNow(main: TemplateText, partials: readonly TemplateText[]): CompiledTemplates {
  const compiled = templateCompiler().compileTemplateSources(main, partials);
  const toSpecification = (source: string) => new Function(`return ${source};`)() as TemplateSpecification;
  return {
    problems: compiled.problems,
    locale: compiled.locale,
    specifications: compiled.specifications.map(toSpecification),
    lenientSpecifications: compiled.lenientSpecifications?.map(toSpecification),
    unknownHelpers: compiled.unknownHelpers,
  };
}

/** The bundle's precompiled specifications when the template and its partials read exactly as they were then. */
function precompiledFor(main: TemplateText, partials: readonly TemplateText[]): CompiledTemplates | undefined {
  if (!PRECOMPILED) return undefined;
  const template = Object.hasOwn(PRECOMPILED.templates, main.name) ? PRECOMPILED.templates[main.name] : undefined;
  if (!template || template.text !== main.text) return undefined;
  // The same partials exactly: one more or one fewer changes what the checks allow.
  if (Object.keys(PRECOMPILED.partials).length !== partials.length) return undefined;
  const specifications = [template.specification];
  for (const partial of partials) {
    const known = Object.hasOwn(PRECOMPILED.partials, partial.name) ? PRECOMPILED.partials[partial.name] : undefined;
    if (!known || known.text !== partial.text) return undefined;
    specifications.push(known.specification);
  }
  return { problems: [], locale: template.locale, specifications: specifications as TemplateSpecification[], lenientSpecifications: undefined, unknownHelpers: [] };
}

/** One problem from whatever a helper or the Handlebars runtime threw, at the template place it names. */
function templateProblem(error: unknown, file: string): Problem {
  if (error instanceof TemplateHelperError) {
    const place = error.loc ? `line ${error.loc.start.line}, column ${error.loc.start.column + 1}` : '';
    return { file, place, message: error.message };
  }
  return handlebarsProblem(error, file);
}
