// One briefing of a batch, as a worker thread (or the main thread) builds it: the build's outcome as plain data,
// a failure said the way the single build says it (file and place), so the batch can name it in its summary.
import { formatProblem, InputError } from '../errors.js';
import { describeFsError, WriteFailure } from '../output/write.js';
import type { OutputFormat } from '../renderers/types.js';
import type { TemplateChoice } from './args.js';
import { defaultStages, runBuild, StrictModeFailure, type BuiltFile, type FormatWarning } from './build.js';
import { warningLines } from './report.js';

export interface BriefingTask {
  dataFile: string;
  templates: TemplateChoice[];
  formats: OutputFormat[];
  outDir: string;
  strict: boolean;
  sourceDate?: string | undefined;
}

export type BriefingOutcome =
  | { ok: true; dataFile: string; outDir: string; files: BuiltFile[]; warnings: FormatWarning[]; milliseconds: number }
  | { ok: false; dataFile: string; outDir: string; problems: string[]; internal: boolean };

export async function buildBriefing(task: BriefingTask): Promise<BriefingOutcome> {
  const where = { dataFile: task.dataFile, outDir: task.outDir };
  try {
    const result = await runBuild(task, defaultStages);
    return { ok: true, ...where, ...result };
  } catch (error) {
    if (error instanceof InputError) return { ok: false, ...where, problems: error.problems.map(formatProblem), internal: false };
    if (error instanceof StrictModeFailure) return { ok: false, ...where, problems: warningLines(error.warnings, 'error'), internal: false };
    if (error instanceof WriteFailure) return { ok: false, ...where, problems: [`${error.path}: ${describeFsError(error.cause)}`], internal: false };
    const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
    return { ok: false, ...where, problems: [`internal error: ${message}`], internal: true };
  }
}
