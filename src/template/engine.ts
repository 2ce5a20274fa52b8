// Loading, checking and running a Handlebars template with its partials, in an environment of its own:
// strict lookups (every missing variable is an error with its line), only the helpers of helpers.ts
// (knownHelpersOnly), partials registered explicitly from templates/partials/*.hbs, no prototype access,
// HTML-escaped output only. Every problem becomes an InputError naming the template file, line and column.
//
// Templates are precompiled at bundle time (src/bundle) where they can be, so a normal run needs only the
// Handlebars runtime; a template that reads differently from its precompiled version is compiled here
// (compile.ts). Compiled templates are kept per process and reused until one of their files changes
// (modification time and size of the template and of every partial, and the list of partials).
import { readdirSync, statSync, type Stats } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve } from 'node:path';
import type Handlebars from 'handlebars';
import handlebarsRuntime from 'handlebars/runtime.js';
import { InputError, type Problem } from '../errors.js';
import { confinedPath, readInputText } from '../input-files.js';
import type { TemplateText } from './compile.js';
import { templateCompiler } from './compiler.js';
import { STRICT_LOOKUP, strictLookup } from './strict-lookups.js';
import { HELPERS, TemplateHelperError } from './helpers.js';
import { PRECOMPILED } from './precompiled.js';
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

/** Handlebars without its compiler (its types ship only with the full package). */
const HandlebarsRuntime = handlebarsRuntime as unknown as typeof Handlebars;

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
    .map((entry) => {
      const path = join(folder, entry);
      // A partial is a file of this folder: a link that leads elsewhere would put that file into the output.
      confinedPath(path, folder, displayPath(path), '', `a partial must be a file in ${displayPath(folder)} (not a link out of it)`);
      return sourceFile(basename(entry, EXTENSION), path, templateDir, 'partial');
    });
}

/** Relative to the current directory where that is shorter and does not climb out of it. */
function displayPath(absolute: string): string {
  const fromCwd = relative(process.cwd(), absolute);
  return fromCwd === '' || fromCwd.startsWith('..') || isAbsolute(fromCwd) ? absolute : fromCwd;
}

type CompiledFunction = (context: unknown, options?: Record<string, unknown>) => string;
type TemplateSpecification = Parameters<typeof Handlebars.template>[0];

/** The file each error came from, set by the partial wrappers as the error passes out of a partial. */
const errorFiles = new WeakMap<object, string>();

function compileTemplate(main: SourceFile, partials: SourceFile[]): LoadedTemplate {
  const read = (source: SourceFile): TemplateText => ({
    name: source.name,
    file: source.file,
    text: readInputText({ path: source.path, shown: source.file, kind: source.kind }),
  });
  const mainText = read(main);
  const partialTexts = partials.map(read);
  const { locale, specifications } = precompiledFor(mainText, partialTexts) ?? compileNow(mainText, partialTexts);

  const environment = HandlebarsRuntime.create();
  for (const [helperName, helper] of Object.entries(HELPERS)) environment.registerHelper(helperName, helper);
  environment.registerHelper(STRICT_LOOKUP, strictLookup(HandlebarsRuntime.Exception));
  environment.unregisterHelper('log');
  const [mainSpecification, ...partialSpecifications] = specifications;
  partials.forEach((partial, index) => {
    const compiledPartial = environment.template(partialSpecifications[index]!) as unknown as CompiledFunction;
    environment.registerPartial(partial.name, ((context: unknown, options?: Record<string, unknown>) => {
      try {
        return compiledPartial(context, options);
      } catch (error) {
        if (error !== null && typeof error === 'object' && !errorFiles.has(error)) errorFiles.set(error, partial.file);
        throw error;
      }
    }) as unknown as Handlebars.Template);
  });
  const compiledMain = environment.template(mainSpecification!) as unknown as CompiledFunction;
  let expanded: ExpandedTemplate | undefined;

  return {
    file: main.file,
    locale,
    render(view: unknown): string {
      try {
        return compiledMain(view, { ...RUNTIME_OPTIONS, data: { locale } });
      } catch (error) {
        const file = (error !== null && typeof error === 'object' && errorFiles.get(error)) || main.file;
        throw new InputError([templateProblem(error, file)]);
      }
    },
    locate(problems: readonly Problem[]): Problem[] {
      expanded ??= expandTemplate(mainText, new Map(partialTexts.map((partial) => [partial.name, partial])));
      return locateInTemplate(problems, expanded, main.file);
    },
  };
}

/** Compiled now (Handlebars' compile() would wait for the first render), so every problem surfaces here with its
 *  line. The specification source becomes a function the way Handlebars' own compile() does it. */
function compileNow(main: TemplateText, partials: readonly TemplateText[]): { locale: string; specifications: TemplateSpecification[] } {
  const compiled = templateCompiler().compileTemplateSources(main, partials);
  if (compiled.problems.length > 0) throw new InputError(compiled.problems);
  return {
    locale: compiled.locale!,
    specifications: compiled.specifications.map((source) => new Function(`return ${source};`)() as TemplateSpecification),
  };
}

/** The bundle's precompiled specifications when the template and its partials read exactly as they were then. */
function precompiledFor(
  main: TemplateText,
  partials: readonly TemplateText[],
): { locale: string; specifications: TemplateSpecification[] } | undefined {
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
  return { locale: template.locale, specifications: specifications as TemplateSpecification[] };
}

/** One problem from whatever a helper or the Handlebars runtime threw, at the template place it names. */
function templateProblem(error: unknown, file: string): Problem {
  if (error instanceof TemplateHelperError) {
    const place = error.loc ? `line ${error.loc.start.line}, column ${error.loc.start.column + 1}` : '';
    return { file, place, message: error.message };
  }
  return handlebarsProblem(error, file);
}
