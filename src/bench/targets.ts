// The targets of issue 6, checked against a bench result. A target whose measurement is missing (no tool,
// a renderer that failed) is reported as "n/a", never as a pass.

export interface Target {
  name: string;
  /** What is measured, for the table: "s", "ms", "KB", "MB". */
  unit: 's' | 'ms' | 'KB' | 'MB';
  limit: number;
}

export interface TargetResult extends Target {
  value: number | null;
  status: 'pass' | 'miss' | 'n/a';
}

export const TARGETS = {
  processAll: { name: 'whole process, all three formats', unit: 's', limit: 0.2 },
  processPdf: { name: 'whole process, PDF alone', unit: 's', limit: 0.12 },
  warmPdf: { name: 'warm in-process PDF render', unit: 'ms', limit: 10 },
  warmDocx: { name: 'warm in-process DOCX render', unit: 'ms', limit: 10 },
  warmHtml: { name: 'warm in-process HTML render', unit: 'ms', limit: 2 },
  pdfSize: { name: 'PDF size, fonts embedded', unit: 'KB', limit: 50 },
  peakMemory: { name: 'peak memory, whole process (all formats)', unit: 'MB', limit: 100 },
  // Issue 10: breaking lines inside an over-long word is linear (it took over 200 s before).
  unbrokenRun: { name: 'whole process, 200 000-character title without spaces (all formats)', unit: 's', limit: 5 },
} as const satisfies Record<string, Target>;

export function checkTarget(target: Target, value: number | null | undefined): TargetResult {
  if (value === null || value === undefined || !Number.isFinite(value)) return { ...target, value: null, status: 'n/a' };
  return { ...target, value, status: value <= target.limit ? 'pass' : 'miss' };
}
