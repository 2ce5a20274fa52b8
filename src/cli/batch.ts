// Many briefings in one run: one per dataset, each into OUT/<dataset name>/, spread over worker threads
// (piscina), each briefing's files written on their own transactionally. A briefing that fails fails alone.
import { join } from 'node:path';
import { batchFolderName, type TemplateChoice } from './args.js';
import { buildBriefing, type BriefingOutcome, type BriefingTask } from './briefing-task.js';
import type { OutputFormat } from '../renderers/types.js';
import { youngGenerationOfNewHeaps } from '../v8-flags.js';

export interface BatchOptions {
  dataFiles: readonly string[];
  templates: TemplateChoice[];
  formats: OutputFormat[];
  outDir: string;
  strict: boolean;
  sourceDate?: string | undefined;
  jobs: number;
}

/** MB of each of a worker thread's two young-generation semi-spaces (see workerHeapFlags). */
const WORKER_SEMI_SPACE_MB = 16;

/**
 * A worker builds briefing after briefing: young-generation semi-spaces of this size let each briefing's garbage
 * die young instead of being scavenged every megabyte (the process itself runs with 1 MB ones, `bin`'s
 * --max-semi-space-size=1, for one build's peak memory). V8's flag is process-wide and overrides Worker's
 * resourceLimits, so it is set here, before the workers' heaps are made; the main thread's heap keeps its size.
 */
function workerHeapFlags(): void {
  youngGenerationOfNewHeaps(WORKER_SEMI_SPACE_MB);
}

/** Builds every briefing; `onDone` hears of each as it finishes. Outcomes come back in the datasets' order. */
export async function runBatch(options: BatchOptions, onDone: (outcome: BriefingOutcome) => void): Promise<BriefingOutcome[]> {
  const tasks = options.dataFiles.map(
    (dataFile): BriefingTask => ({
      dataFile,
      templates: options.templates,
      formats: options.formats,
      outDir: join(options.outDir, batchFolderName(dataFile)),
      strict: options.strict,
      sourceDate: options.sourceDate,
    }),
  );
  const jobs = Math.min(options.jobs, tasks.length);
  // One job, or one briefing: no threads to start (each costs a fresh module load).
  if (jobs <= 1) {
    const outcomes: BriefingOutcome[] = [];
    for (const task of tasks) {
      const outcome = await buildBriefing(task);
      onDone(outcome);
      outcomes.push(outcome);
    }
    return outcomes;
  }
  const { Piscina } = await import('piscina');
  workerHeapFlags();
  const pool = new Piscina<BriefingTask, BriefingOutcome>({
    filename: new URL('./batch-worker.js', import.meta.url).href,
    minThreads: jobs,
    maxThreads: jobs,
    idleTimeout: 1000,
  });
  try {
    return await Promise.all(
      tasks.map(async (task) => {
        const outcome = await pool.run(task);
        onDone(outcome);
        return outcome;
      }),
    );
  } finally {
    await pool.destroy();
  }
}
