// The `briefing` command: parses the command line, runs the build, reports, and maps the outcome to an exit
// status — 0 built, 1 bad input (no stack trace, nothing written), 2 internal fault.
import { displayPath, parseCommandLine, USAGE } from './args.js';
import { defaultStages, runBuild, type BuildStages } from './build.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { successReport, warningLines } from './report.js';
import { sourceDateFromEnv } from './source-date.js';
import { runBatch } from './batch.js';
import { describeFailure } from './briefing-task.js';
import { monotonicMs } from './clock.js';

import { EXIT_INPUT, EXIT_INTERNAL, EXIT_OK } from './exit-status.js';
import { isLongBuildDataset } from './optimizing-compiler.js';
import { optimizeFromNowOn } from '../v8-flags.js';

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  /** On a terminal: rewrites one status line in place (a batch's progress); absent elsewhere. */
  status?: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/**
 * The streams the command has written to. Node makes process.stdout and process.stderr on first use, and for a
 * pipe that loads its networking modules (~3 ms): a quiet build that has nothing to say never touches them.
 */
const writtenStreams = new Set<NodeJS.WriteStream>();

function writeLine(stream: NodeJS.WriteStream, text: string): void {
  writtenStreams.add(stream);
  stream.write(text);
}

export const processIo = (): CliIo => ({
  stdout: (line) => writeLine(process.stdout, `${line}\n`),
  stderr: (line) => writeLine(process.stderr, `${line}\n`),
  // Asked only by the commands that show progress (a getter: a plain build does not make stderr to ask it).
  get status() {
    return process.stderr.isTTY ? (line: string) => writeLine(process.stderr, `\r\x1b[K${line}`) : undefined;
  },
  env: process.env,
  cwd: process.cwd(),
});

/**
 * Ends the process with `code` once the command is done. Left to itself, Node first waits for V8's background
 * optimisations still queued, which no longer matter (~25 ms after a cold build on two cores); it ends at once
 * unless something the command wrote to stdout or stderr is still on its way (pipes are asynchronous on some
 * systems).
 */
export function exitWhenDone(code: number): void {
  process.exitCode = code;
  if ([...writtenStreams].every((stream) => stream.writableLength === 0)) process.exit(code);
}

const NOTHING_WRITTEN = 'briefing: build failed; no file was written or changed';

export async function runCli(argv: readonly string[], io: CliIo, stages: BuildStages = defaultStages): Promise<number> {
  try {
    const command = parseCommandLine(argv, io.cwd);
    if (command.kind === 'help') {
      io.stdout(USAGE);
      return EXIT_OK;
    }
    if (command.kind === 'version') {
      io.stdout(PACKAGE_VERSION);
      return EXIT_OK;
    }
    const shown = (path: string) => displayPath(path, io.cwd);
    if (command.kind === 'watch' || command.batch || isLongBuildDataset(command.dataFiles[0]!)) optimizeFromNowOn();
    if (command.kind === 'watch') return await runWatchCommand(command, io);
    if (command.batch) return await runBatchCommand(command, io);
    const result = await runBuild(
      {
        dataFile: command.dataFiles[0]!,
        templates: command.templates,
        formats: command.formats,
        outDir: command.outDir,
        strict: command.strict,
        sourceDate: sourceDateFromEnv(io.env.SOURCE_DATE_EPOCH),
      },
      stages,
    );
    for (const line of warningLines(result.warnings, 'warning')) io.stderr(line);
    if (!command.quiet) for (const line of successReport(result, shown, command.outDir)) io.stdout(line);
    return EXIT_OK;
  } catch (error) {
    return reportFailure(error, io);
  }
}

type BuildCommand = Extract<ReturnType<typeof parseCommandLine>, { kind: 'build' | 'watch' }>;

/** `briefing watch`: builds, serves the preview, rebuilds on changes until interrupted (Ctrl-C exits 0). */
async function runWatchCommand(command: BuildCommand, io: CliIo): Promise<number> {
  const { startWatch } = await import('./watch.js');
  const watching = await startWatch({
    dataFile: command.dataFiles[0]!,
    templates: command.templates,
    formats: command.formats.includes('html') ? command.formats : ['html', ...command.formats],
    outDir: command.outDir,
    strict: command.strict,
    sourceDate: sourceDateFromEnv(io.env.SOURCE_DATE_EPOCH),
    port: command.port,
    cwd: io.cwd,
    log: (line) => io.stderr(line),
  });
  io.stdout(`watching ${displayPath(command.dataFiles[0]!, io.cwd)} and the templates; preview on ${watching.url} (Ctrl-C stops)`);
  await new Promise<void>((resolveStop) => {
    process.once('SIGINT', resolveStop);
    process.once('SIGTERM', resolveStop);
  });
  await watching.close();
  return EXIT_OK;
}

/** Many briefings: a progress line on a terminal (plain lines otherwise, nothing with --quiet), then a summary
 *  naming every failure with its file and place; exit 1 when any failed (2 for an internal fault). */
async function runBatchCommand(command: BuildCommand, io: CliIo): Promise<number> {
  const shown = (path: string) => displayPath(path, io.cwd);
  const started = monotonicMs();
  const total = command.dataFiles.length;
  if (total === 0) {
    if (!command.quiet) io.stdout('no dataset in this shard: nothing to build');
    return EXIT_OK;
  }
  let done = 0;
  const outcomes = await runBatch(
    {
      dataFiles: command.dataFiles,
      templates: command.templates,
      formats: command.formats,
      outDir: command.outDir,
      strict: command.strict,
      sourceDate: sourceDateFromEnv(io.env.SOURCE_DATE_EPOCH),
      jobs: command.jobs,
    },
    (outcome) => {
      done++;
      if (command.quiet) return;
      if (io.status) io.status(progressLine(done, total, monotonicMs() - started));
      else io.stdout(`${outcome.ok ? 'built' : 'FAILED'} ${shown(outcome.dataFile)} → ${shown(outcome.outDir)}/${outcome.ok ? ` (${outcome.files.length} files)` : ''}`);
    },
  );
  if (io.status && !command.quiet) io.status('');
  const failed = outcomes.filter((outcome) => !outcome.ok);
  for (const outcome of outcomes) if (outcome.ok) for (const line of warningLines(outcome.warnings, 'warning')) io.stderr(`${shown(outcome.dataFile)}: ${line}`);
  for (const outcome of failed) for (const problem of outcome.problems) io.stderr(problem);
  const files = outcomes.reduce((sum, outcome) => sum + (outcome.ok ? outcome.files.length : 0), 0);
  const seconds = (monotonicMs() - started) / 1000;
  const summary = `built ${total - failed.length} of ${total} briefing${total === 1 ? '' : 's'} (${files} files) into ${shown(command.outDir)}/ in ${seconds.toFixed(2)} s (${((total - failed.length) / seconds).toFixed(1)}/s)`;
  if (failed.length === 0) {
    if (!command.quiet) io.stdout(summary);
    return EXIT_OK;
  }
  io.stderr(`${summary}; ${failed.length} failed (their folders are as they were): ${failed.map((outcome) => shown(outcome.dataFile)).join(', ')}`);
  return failed.some((outcome) => !outcome.ok && outcome.internal) ? EXIT_INTERNAL : EXIT_INPUT;
}

/** `12/100 briefings · 23.4/s · ETA 4 s` */
export function progressLine(done: number, total: number, elapsedMs: number): string {
  const rate = done / Math.max(elapsedMs / 1000, 1e-3);
  const eta = (total - done) / Math.max(rate, 1e-9);
  return `${done}/${total} briefings · ${rate.toFixed(1)}/s · ETA ${eta < 60 ? `${Math.ceil(eta)} s` : `${Math.ceil(eta / 60)} min`}`;
}

function reportFailure(error: unknown, io: CliIo): number {
  const failure = describeFailure(error, (path) => displayPath(path, io.cwd));
  if (!failure.internal) {
    for (const line of failure.lines) io.stderr(line);
    io.stderr(failure.kind === 'strict' ? `${NOTHING_WRITTEN} (--strict: warnings are errors)` : NOTHING_WRITTEN);
    return EXIT_INPUT;
  }
  io.stderr(`briefing: ${failure.lines[0]}`);
  if (io.env.BRIEFING_DEBUG && io.env.BRIEFING_DEBUG !== '0') {
    io.stderr(error instanceof Error && error.stack ? error.stack : String(error));
  } else {
    io.stderr('hint: this is a fault in briefing, not in your input; run again with BRIEFING_DEBUG=1 for the stack trace and report it');
  }
  io.stderr(NOTHING_WRITTEN);
  return EXIT_INTERNAL;
}
