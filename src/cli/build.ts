// One build, in three stages that each finish before the next starts:
//   1. model   — dataset + each template (edition) → document model (its date pinned: SOURCE_DATE_EPOCH or the
//                dataset's); the problems of every edition are reported together;
//   2. render  — every requested format of every edition, in memory, warnings collected;
//   3. write   — all files of all editions or none (see ../output/write.ts).
// Before them, the output folder is brought back to a complete set if a killed build left it mid-change.
// A failure in any stage leaves the output folder exactly as it was.
import { basename, join } from 'node:path';
import { monotonicMs } from './clock.js';
import { InputError, type Problem, type Warning } from '../errors.js';
import type { DocumentModel } from '../model/types.js';
import type { PipelineInput } from '../pipeline.js';
import { loadRenderer } from '../renderers/index.js';
import type { OutputFormat, Renderer } from '../renderers/types.js';
import type { TemplateChoice } from './args.js';
import { pinDocumentDate } from './source-date.js';
import { nodeWriterFs, recoverOutputFolder, writeAllOrNothing, WriteFailure, type WriterFs } from '../output/write.js';

export interface BuildOptions {
  /** The dataset file, as the user named it (relative to the current directory, or absolute). */
  dataFile: string;
  /** The editions to build, each into its own set of files named after its template. */
  templates: readonly TemplateChoice[];
  formats: readonly OutputFormat[];
  /** Absolute path of the output folder. */
  outDir: string;
  /** Warnings fail the build, and nothing is written. */
  strict: boolean;
  /** ISO date from SOURCE_DATE_EPOCH, overriding the dataset's date. */
  sourceDate?: string | undefined;
}

/** The stages' implementations; tests replace one to make it fail. */
export interface BuildStages {
  buildModel(input: PipelineInput): DocumentModel | Promise<DocumentModel>;
  loadRenderer(format: OutputFormat): Promise<Renderer>;
  fs: WriterFs;
}

export const defaultStages: BuildStages = {
  // Imported on first use so `briefing --help` does not load Handlebars, zod and the parser.
  buildModel: async (input) => (await import('../pipeline.js')).buildDocumentModel(input),
  loadRenderer,
  fs: nodeWriterFs,
};

export interface BuiltFile {
  format: OutputFormat;
  path: string;
  size: number;
  /** Time spent rendering this format. */
  milliseconds: number;
}

export interface FormatWarning {
  format: OutputFormat;
  warning: Warning;
}

export interface BuildResult {
  files: BuiltFile[];
  warnings: FormatWarning[];
  milliseconds: number;
}

/** `--strict` and the renderers reported warnings: the build fails before anything is written. */
export class StrictModeFailure extends Error {
  constructor(readonly warnings: FormatWarning[]) {
    super(`${warnings.length} warning${warnings.length === 1 ? '' : 's'} with --strict`);
    this.name = 'StrictModeFailure';
  }
}

/**
 * The output files' name: the template's, e.g. briefing.ar → output/briefing.ar.pdf, so a file's name says which
 * briefing and language it is. Another dataset built with the same template goes to its own `--out` folder.
 */
export function outputBaseName(template: string): string {
  return basename(template);
}

/**
 * The order formats are rendered in. The HTML goes first: a process's first font subset compiles HarfBuzz's
 * WebAssembly subsetter, which needs ~9 MB for a moment; before the PDF's and the DOCX's memory has grown, that
 * moment is not the build's peak (all three formats: 104 → 96 MB). The PDF, whose memory grows most, goes last.
 */
const RENDER_RANK: Record<OutputFormat, number> = { html: 0, docx: 1, pdf: 2 };

export async function runBuild(options: BuildOptions, stages: BuildStages = defaultStages): Promise<BuildResult> {
  const started = monotonicMs();
  // A build killed outright before left the folder mid-change: finish that first, whatever this build then does.
  try {
    recoverOutputFolder(options.outDir);
  } catch (error) {
    throw new WriteFailure(options.outDir, error);
  }
  // Load the renderers while the model is built; a failure surfaces when they are awaited.
  const renderersLoading = Promise.all(options.formats.map((format) => stages.loadRenderer(format)));
  renderersLoading.catch(() => undefined);

  const models = await buildModels(options, stages);
  const renderers = await renderersLoading;

  // Every edition in every format, rendered in RENDER_RANK's order; files, warnings and the report keep the order asked for.
  const jobs = models.flatMap(({ template, model }) => renderers.map((renderer) => ({ template, model, renderer })));
  const done = new Map<(typeof jobs)[number], { bytes: Uint8Array; warnings: FormatWarning[]; milliseconds: number }>();
  for (const job of [...jobs].sort((a, b) => RENDER_RANK[a.renderer.format] - RENDER_RANK[b.renderer.format])) {
    const { renderer } = job;
    const renderStarted = monotonicMs();
    const jobWarnings: FormatWarning[] = [];
    const bytes = await renderer.render(job.model, { warn: (warning) => jobWarnings.push({ format: renderer.format, warning }) });
    done.set(job, { bytes, warnings: jobWarnings, milliseconds: monotonicMs() - renderStarted });
  }
  const warnings: FormatWarning[] = [];
  const rendered: { file: BuiltFile; bytes: Uint8Array }[] = [];
  for (const job of jobs) {
    const { bytes, warnings: jobWarnings, milliseconds } = done.get(job)!;
    warnings.push(...jobWarnings);
    const path = join(options.outDir, `${outputBaseName(job.template.name)}.${job.renderer.extension}`);
    rendered.push({ bytes, file: { format: job.renderer.format, path, size: bytes.byteLength, milliseconds } });
  }
  await locateUncoveredCharacters(warnings, options.dataFile);
  if (options.strict && warnings.length > 0) throw new StrictModeFailure(warnings);

  await writeAllOrNothing(
    rendered.map(({ file, bytes }) => ({ path: file.path, bytes })),
    stages.fs,
  );
  return { files: rendered.map(({ file }) => file), warnings, milliseconds: monotonicMs() - started };
}

/** Every edition's model; the input problems of all editions are thrown together (each problem once). */
async function buildModels(options: BuildOptions, stages: BuildStages): Promise<{ template: TemplateChoice; model: DocumentModel }[]> {
  const models: { template: TemplateChoice; model: DocumentModel }[] = [];
  const problems: Problem[] = [];
  for (const template of options.templates) {
    try {
      const model = await stages.buildModel({ dataFile: options.dataFile, template: template.name, templateDir: template.dir });
      models.push({ template, model: pinDocumentDate(model, options.sourceDate) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(...error.problems);
    }
  }
  if (problems.length > 0) throw new InputError(withoutRepeats(problems));
  return models;
}

/** A dataset problem is found once per edition; it is reported once. */
function withoutRepeats(problems: readonly Problem[]): Problem[] {
  const seen = new Set<string>();
  return problems.filter((problem) => {
    const key = JSON.stringify([problem.file, problem.place, problem.message]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** What a reader of each format sees of a character no embedded font has. */
const CONSEQUENCE: Record<OutputFormat, string> = {
  pdf: 'the PDF draws a box',
  docx: 'Word takes it from a system font',
  html: 'the browser takes it from a system font',
};

/**
 * The renderers report characters no font covers; the build says them once per dataset field (its JSON path and
 * the characters), so the user knows what to fix. Characters only the template writes are said once.
 */
async function locateUncoveredCharacters(warnings: FormatWarning[], dataFile: string): Promise<void> {
  const formatsByCode = new Map<number, Set<OutputFormat>>();
  for (const { format, warning } of warnings) for (const code of warning.codePoints ?? []) (formatsByCode.get(code) ?? formatsByCode.set(code, new Set()).get(code)!).add(format);
  if (formatsByCode.size === 0) return;
  let dataset: unknown;
  try {
    dataset = (await import('../dataset/load.js')).loadDatasetCached(dataFile);
  } catch {
    dataset = undefined; // The model was built from it, so this only fails with stand-in stages.
  }
  const { fieldsWithCharacters } = await import('../dataset/json-path.js');
  const { describeCharacters } = await import('../text/unicode-block-names.js');
  const fields = fieldsWithCharacters(dataset, new Set(formatsByCode.keys()));
  const located: FormatWarning[] = [];
  const add = (codes: readonly number[], what: string) => {
    const formats = [...new Set(codes.flatMap((code) => [...formatsByCode.get(code)!]))];
    const message = `${what}: ${formats.map((format) => CONSEQUENCE[format]).join('; ')}`;
    for (const format of formats) located.push({ format, warning: { code: 'uncovered-character', codePoints: [...codes], message } });
  };
  for (const field of fields) add(field.codePoints, `${dataFile}: ${field.path}: no font has ${describeCharacters(field.codePoints)}`);
  const inFields = new Set(fields.flatMap((field) => field.codePoints));
  const templateOnly = [...formatsByCode.keys()].filter((code) => !inFields.has(code));
  if (templateOnly.length > 0) add(templateOnly, `the template writes ${describeCharacters(templateOnly)}, which no font has`);
  warnings.splice(0, warnings.length, ...warnings.filter(({ warning }) => warning.code !== 'uncovered-character'), ...located);
}
