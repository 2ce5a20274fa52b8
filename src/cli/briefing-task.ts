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
    const { lines, internal } = describeFailure(error, (path) => path);
    return { ok: false, ...where, problems: lines, internal };
  }
}

export interface FailureDescription {
  /** One line per problem, each naming its file and place. */
  lines: string[];
  /** A fault in briefing, not in the input. */
  internal: boolean;
  /** What the failure was, for the closing line. */
  kind: 'input' | 'strict' | 'write' | 'internal';
}

/** A failed build said as the user reads it (`shown` puts a path as the user named it), for one build or a batch. */
export function describeFailure(error: unknown, shown: (path: string) => string): FailureDescription {
  if (error instanceof InputError) return { lines: error.problems.map(formatProblem), internal: false, kind: 'input' };
  if (error instanceof StrictModeFailure) return { lines: warningLines(error.warnings, 'error'), internal: false, kind: 'strict' };
  // The output folder is the user's to fix (read-only, full, a folder where a file goes).
  if (error instanceof WriteFailure) return { lines: [`${shown(error.path)}: ${describeFsError(error.cause)}`], internal: false, kind: 'write' };
  const message = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  return { lines: [`internal error: ${message}`], internal: true, kind: 'internal' };
}
