// Warm in-process timing: what a watch mode or a server pays per document once modules, fonts and templates
// are loaded. Warm up first (JIT, caches), then time many runs and keep the median.
import { median } from './stats.js';

export interface WarmTiming {
  /** Median milliseconds per run. */
  median: number;
  /** 90th percentile, to show the tail (GC pauses). */
  p90: number;
  runs: number;
}

export interface WarmOptions {
  warmup: number;
  minRuns: number;
  maxRuns: number;
  /** Keep running (up to maxRuns) until this much time has been spent measuring. */
  minMilliseconds: number;
}

export async function timeWarm(task: () => Promise<unknown>, options: WarmOptions): Promise<WarmTiming> {
  for (let run = 0; run < options.warmup; run++) await task();
  const times: number[] = [];
  const started = performance.now();
  while (
    times.length < options.maxRuns &&
    (times.length < options.minRuns || performance.now() - started < options.minMilliseconds)
  ) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  const sorted = [...times].sort((a, b) => a - b);
  return { median: median(times), p90: sorted[Math.floor(sorted.length * 0.9)] ?? Number.NaN, runs: times.length };
}
