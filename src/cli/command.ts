// The `briefing` command: parses the command line, runs the build, reports, and maps the outcome to an exit
// status — 0 built, 1 bad input (no stack trace, nothing written), 2 internal fault.
import { InputError, formatProblem } from '../errors.js';
import { displayPath, parseCommandLine, USAGE } from './args.js';
import { defaultStages, runBuild, StrictModeFailure, type BuildStages } from './build.js';
import { PACKAGE_VERSION } from '../package-root.js';
import { successReport, warningLines } from './report.js';
import { sourceDateFromEnv } from './source-date.js';
import { describeFsError, WriteFailure } from '../output/write.js';

export const EXIT_OK = 0;
export const EXIT_INPUT = 1;
export const EXIT_INTERNAL = 2;

export interface CliIo {
  stdout: (line: string) => void;
  stderr: (line: string) => void;
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

export const processIo = (): CliIo => ({
  stdout: (line) => process.stdout.write(`${line}\n`),
  stderr: (line) => process.stderr.write(`${line}\n`),
  env: process.env,
  cwd: process.cwd(),
});

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
    const result = await runBuild(
      {
        dataFile: command.dataFile,
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

function reportFailure(error: unknown, io: CliIo): number {
  if (error instanceof InputError) {
    for (const problem of error.problems) io.stderr(formatProblem(problem));
    io.stderr(NOTHING_WRITTEN);
    return EXIT_INPUT;
  }
  if (error instanceof StrictModeFailure) {
    for (const line of warningLines(error.warnings, 'error')) io.stderr(line);
    io.stderr(`${NOTHING_WRITTEN} (--strict: warnings are errors)`);
    return EXIT_INPUT;
  }
  if (error instanceof WriteFailure) {
    // The output folder is the user's to fix (read-only, full, a folder where a file goes).
    io.stderr(`${displayPath(error.path, io.cwd)}: ${describeFsError(error.cause)}`);
    io.stderr(NOTHING_WRITTEN);
    return EXIT_INPUT;
  }
  const message = error instanceof Error ? error.message : String(error);
  io.stderr(`briefing: internal error: ${message.split('\n')[0]}`);
  if (io.env.BRIEFING_DEBUG && io.env.BRIEFING_DEBUG !== '0') {
    io.stderr(error instanceof Error && error.stack ? error.stack : String(error));
  } else {
    io.stderr('hint: this is a fault in briefing, not in your input; run again with BRIEFING_DEBUG=1 for the stack trace and report it');
  }
  io.stderr(NOTHING_WRITTEN);
  return EXIT_INTERNAL;
}
