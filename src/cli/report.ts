// What the build prints: a line per file written (size, render time), a summary, warnings and errors.
import type { BuildResult, FormatWarning } from './build.js';
import { maxOf } from '../collections.js';

export function formatSize(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  if (bytes < 1_000_000) return `${(bytes / 1000).toFixed(1)} kB`;
  return `${(bytes / 1_000_000).toFixed(1)} MB`;
}

export function formatDuration(milliseconds: number): string {
  return milliseconds < 1000 ? `${Math.round(milliseconds)} ms` : `${(milliseconds / 1000).toFixed(2)} s`;
}

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/** The success report: aligned file lines, then the summary. */
export function successReport(result: BuildResult, shownPath: (path: string) => string, outDir: string): string[] {
  const rows = result.files.map((file) => [shownPath(file.path), formatSize(file.size), formatDuration(file.milliseconds)] as const);
  const widths = [0, 1, 2].map((column) => maxOf(rows.map((row) => row[column]!.length)));
  const lines = rows.map(([path, size, time]) => `${path.padEnd(widths[0]!)}  ${size.padStart(widths[1]!)}  ${time.padStart(widths[2]!)}`);
  const total = result.files.reduce((sum, file) => sum + file.size, 0);
  const warnings = result.warnings.length > 0 ? `, ${plural(countDistinct(result.warnings), 'warning')}` : '';
  lines.push(
    `built ${plural(result.files.length, 'file')} (${formatSize(total)}) into ${shownPath(outDir)}/ in ${formatDuration(result.milliseconds)}${warnings}`,
  );
  return lines;
}

/** Warnings, one line per distinct message, naming the formats that reported it. */
export function warningLines(warnings: readonly FormatWarning[], label: 'warning' | 'error'): string[] {
  const formatsByMessage = new Map<string, string[]>();
  for (const { format, warning } of warnings) {
    const formats = formatsByMessage.get(warning.message) ?? [];
    if (!formats.includes(format)) formats.push(format);
    formatsByMessage.set(warning.message, formats);
  }
  return [...formatsByMessage].map(([message, formats]) => `${label} (${formats.join(', ')}): ${message}`);
}

function countDistinct(warnings: readonly FormatWarning[]): number {
  return new Set(warnings.map(({ warning }) => warning.message)).size;
}
