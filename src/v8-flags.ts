// Every V8 flag the program switches while it runs, in one place. V8's flags are process-wide, and V8 takes a code
// cache only under the flags it was made with: `setStartingFlags` sets back each flag a switch here may change,
// before bundle/code-cache.ts writes its cache. A new switch belongs here, with its way back.
import { createRequire } from 'node:module';

type V8 = typeof import('node:v8');
let v8: V8 | undefined;

/** node:v8 is loaded on the first switch: a build that switches none never pays for it at start-up. */
function setFlags(flags: string): void {
  (v8 ??= createRequire(import.meta.url)('node:v8') as V8).setFlagsFromString(flags);
}

/** V8's optimising compiler on from now on, worker threads made later included (`bin` starts it off: --no-opt). */
export function optimizeFromNowOn(): void {
  setFlags('--opt');
}

/**
 * `compile` run with V8's WebAssembly baseline compiler (Liftoff) alone: the flag is read when a module is compiled,
 * so it holds for the modules compiled here only. Switching it off again leaves its implications (no wasm tier-up)
 * set for the rest of the process; setStartingFlags undoes them.
 */
export function compiledByBaselineOnly<T>(compile: () => T): T {
  setFlags('--liftoff-only');
  try {
    return compile();
  } finally {
    setFlags('--no-liftoff-only');
  }
}

/** Young-generation semi-spaces of `megabytes` for the heaps made from now on (worker threads'): the running
 *  thread's heap keeps its size. A batch, which sets it, never writes the code cache. */
export function youngGenerationOfNewHeaps(megabytes: number): void {
  setFlags(`--max-semi-space-size=${megabytes}`);
}

/** The flags the switches above change set back to how the process started (its execArgv): wasm tiering and the
 *  optimising compiler. */
export function setStartingFlags(): void {
  setFlags('--wasm-tier-up --wasm-dynamic-tiering');
  setFlags(process.execArgv.includes('--no-opt') ? '--no-opt' : '--opt');
}
