// The targets of issue 11, checked against a bench result. A target whose measurement is missing (no tool, no
// Typst, a renderer that failed) is reported as "n/a", never as a pass.

export interface Target {
  name: string;
  /** What is measured, for the table: "s", "ms", "KB", "MB". */
  unit: 's' | 'ms' | 'KB' | 'MB' | '×' | '/s';
  limit: number;
  /** The measurement must reach the limit (a throughput) rather than stay under it. */
  atLeast?: boolean;
}

export interface TargetResult extends Target {
  value: number | null;
  status: 'pass' | 'miss' | 'n/a';
}

export const TARGETS = {
  pdfVsTypst: { name: 'whole process, PDF, paired against Typst', unit: '×', limit: 2 },
  allVsTypst: { name: 'whole process, all three formats, against Typst’s PDF', unit: '×', limit: 2.5 },
  warmPdf: { name: 'warm in-process PDF render', unit: 'ms', limit: 5 },
  warmDocx: { name: 'warm in-process DOCX render', unit: 'ms', limit: 8 },
  warmHtml: { name: 'warm in-process HTML render', unit: 'ms', limit: 2 },
  peakMemory: { name: 'peak memory, whole process (all formats)', unit: 'MB', limit: 100 },
  pdfSize: { name: 'PDF size, fonts embedded', unit: 'KB', limit: 45 },
  docxSize: { name: 'DOCX size, fonts embedded', unit: 'KB', limit: 160 },
  htmlSize: { name: 'HTML size, fonts embedded', unit: 'KB', limit: 250 },
  largePdfVsTypst: { name: '5 000 plan rows, PDF alone, paired against Typst', unit: '×', limit: 0.6 },
  largeAll: { name: '5 000 plan rows, all three formats', unit: 's', limit: 3 },
  largeAllMemory: { name: '5 000 plan rows, all three formats, peak memory', unit: 'MB', limit: 250 },
  // Issue 14: batches and the watch mode.
  batchThroughput: { name: 'batch of 100 datasets, all three formats', unit: '/s', limit: 25, atLeast: true },
  batchPdfVsTypst: { name: 'batch PDF throughput against one Typst process per document', unit: '×', limit: 4, atLeast: true },
  watchReload: { name: 'watch: edit to reload event, default briefing', unit: 'ms', limit: 300 },
  // Issue 10: breaking lines inside an over-long word is linear (it took over 200 s before).
  unbrokenRun: { name: 'whole process, 200 000-character title without spaces (all formats)', unit: 's', limit: 5 },
} as const satisfies Record<string, Target>;

export function checkTarget(target: Target, value: number | null | undefined): TargetResult {
  if (value === null || value === undefined || !Number.isFinite(value)) return { ...target, value: null, status: 'n/a' };
  const met = target.atLeast ? value >= target.limit : value <= target.limit;
  return { ...target, value, status: met ? 'pass' : 'miss' };
}
