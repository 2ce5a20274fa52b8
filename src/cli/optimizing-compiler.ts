// V8's optimising compiler (TurboFan) starts switched off (`bin`'s --no-opt, src/cli.ts): a briefing's build is
// over before most optimised code would pay back its compilation, and on a machine of few cores the compile jobs
// slow the build they are for (a cold build of all three formats ~3 % faster without). Work that runs longer
// switches it on (../v8-flags.ts): a large dataset, a batch, watch. V8 reads the flag at each tiering decision, so it
// holds from then.
import { statSync } from 'node:fs';

/** A dataset above this size makes a build long enough for optimised code to pay. Measured with the dataset's
 *  plans repeated: 150 plan rows (117 KB) build 3 % faster without, 300 rows (225 KB) 4 % slower (data/dgsn-2017.json
 *  is 16 KB, the bench's 5 000 rows 3.6 MB). */
export const LONG_BUILD_DATASET_BYTES = 160 * 1024;

/** Whether building `dataFile` is long work (false when it cannot be read: the build says why). */
export function isLongBuildDataset(dataFile: string): boolean {
  try {
    return statSync(dataFile).size > LONG_BUILD_DATASET_BYTES;
  } catch {
    return false;
  }
}
