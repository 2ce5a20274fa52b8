// One build, in three stages that each finish before the next starts:
//   1. model   — dataset + template → document model (its date pinned: SOURCE_DATE_EPOCH or the dataset's);
//   2. render  — every requested format, in memory, warnings collected;
//   3. write   — all files or none (see write.ts).
// Before them, the output folder is brought back to a complete set if a killed build left it mid-change.
// A failure in any stage leaves the output folder exactly as it was.
import { basename, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Warning } from '../errors.js';
import type { DocumentModel } from '../model/types.js';
import type { PipelineInput } from '../pipeline.js';
import { loadRenderer } from '../renderers/index.js';
import type { OutputFormat, Renderer } from '../renderers/types.js';
import { pinDocumentDate } from './source-date.js';
import { nodeWriterFs, recoverOutputFolder, writeAllOrNothing, WriteFailure, type WriterFs } from './write.js';

export interface BuildOptions {
  /** The dataset file, as the user named it (relative to the current directory, or absolute). */
  dataFile: string;
  template: string;
  templateDir: string;
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

export async function runBuild(options: BuildOptions, stages: BuildStages = defaultStages): Promise<BuildResult> {
  const started = performance.now();
  // A build killed outright before left the folder mid-change: finish that first, whatever this build then does.
  try {
    recoverOutputFolder(options.outDir);
  } catch (error) {
    throw new WriteFailure(options.outDir, error);
  }
  // Load the renderers while the model is built; a failure surfaces when they are awaited.
  const renderersLoading = Promise.all(options.formats.map((format) => stages.loadRenderer(format)));
  renderersLoading.catch(() => undefined);

  const model = pinDocumentDate(
    await stages.buildModel({ dataFile: options.dataFile, template: options.template, templateDir: options.templateDir }),
    options.sourceDate,
  );
  const renderers = await renderersLoading;

  const warnings: FormatWarning[] = [];
  const rendered: { file: BuiltFile; bytes: Uint8Array }[] = [];
  for (const renderer of renderers) {
    const renderStarted = performance.now();
    const bytes = await renderer.render(model, { warn: (warning) => warnings.push({ format: renderer.format, warning }) });
    const path = join(options.outDir, `${outputBaseName(options.template)}.${renderer.extension}`);
    rendered.push({
      bytes,
      file: { format: renderer.format, path, size: bytes.byteLength, milliseconds: performance.now() - renderStarted },
    });
  }
  if (options.strict && warnings.length > 0) throw new StrictModeFailure(warnings);

  await writeAllOrNothing(
    rendered.map(({ file, bytes }) => ({ path: file.path, bytes })),
    stages.fs,
  );
  return { files: rendered.map(({ file }) => file), warnings, milliseconds: performance.now() - started };
}
