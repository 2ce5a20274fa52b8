// What `npm run bench` measures, as bench.json records it and the report prints it.
import type { ColdPhases } from './cold-phases.js';
import type { PairedTiming, ProcessTiming } from './measure.js';
import type { TargetResult } from './targets.js';
import type { WarmTiming } from './warm.js';
import type { OutputFormat } from '../renderers/types.js';

/** One format, or all of them in one build. */
export type Selection = OutputFormat | 'all';

export interface ProcessResult extends ProcessTiming {
  command: string;
  peakRssBytes: number | null;
}

export interface ScalePoint {
  rows: number;
  seconds: number;
  peakRssBytes: number | null;
  bytes: Record<OutputFormat, number | null>;
}

export interface BenchResult {
  generatedAt: string;
  quick: boolean;
  machine: { node: string; cpus: number; cpuModel: string; platform: string; loadAverage: { start: number; end: number } };
  tools: { hyperfine: boolean; gnuTime: boolean; chromium: boolean };
  /** The CLI timed (package.json "bin"), and the other build of it for comparison. */
  cli: { shipped: string; other: string | null };
  process: Record<Selection | 'nodeBaseline', ProcessResult>;
  otherCli: Partial<Record<'all' | 'pdf', ProcessResult>>;
  moduleLoadMs: Record<string, number>;
  /** One cold build in a fresh process, phase by phase (median milliseconds). */
  coldPhases: Record<OutputFormat, ColdPhases>;
  warm: Record<'model' | OutputFormat, WarmTiming>;
  sizes: Record<OutputFormat, number | null>;
  chromium: (ProcessResult & { ratioToPdfProcess: number; ratioToAllProcess: number }) | null;
  scaling: {
    points: ScalePoint[];
    msPerRow: number;
    kbRssPerRow: number;
    pdfBytesPerRow: number;
    /** The largest dataset, one format per process: which renderer the time and memory go to. */
    largestByFormat: { rows: number; formats: Record<OutputFormat, { seconds: number; peakRssBytes: number | null }> };
  };
  /** A title of this many characters with no space: every line break an emergency break inside the word. */
  unbrokenRun: { characters: number; seconds: number; peakRssBytes: number | null };
  /** Our build (a) paired with Typst's compiler (b) setting the same briefing; null where Typst is not installed. */
  typst: { pdf: PairedTiming; all: PairedTiming; largePdf: PairedTiming & { rows: number } } | null;
  /** Many datasets in one `briefing build` (worker threads), and the same count of one-document Typst processes. */
  batch: { datasets: number; allSeconds: number; briefingsPerSecond: number; pdfSeconds: number; typstSeconds: number | null };
  /** `briefing watch`: milliseconds from a dataset edit to the preview's reload event (median). */
  watchReloadMs: number;
  targets: TargetResult[];
}
