// Timing and memory of whole processes. hyperfine when installed (it corrects for its own spawn cost and
// reports every run), otherwise spawn N times and time each; peak RSS from GNU time's %M.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { median } from './stats.js';
import { minOf } from '../collections.js';

export interface ProcessTiming {
  /** Median wall time of one run, in seconds. */
  median: number;
  min: number;
  /** Mean user + system CPU seconds of one run (hyperfine only): steadier than wall time on a busy machine. */
  cpu: number | null;
  runs: number;
  tool: 'hyperfine' | 'spawn';
}

export interface CommandOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  runs: number;
  warmup: number;
}

const GNU_TIME = '/usr/bin/time';

export function hasCommand(name: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${name}`], { stdio: 'ignore' }).status === 0;
}

/** Quotes an argument for hyperfine's own (shell-words) splitting, which `-N` uses. */
function quote(argument: string): string {
  return /^[\w@%+=:,./-]+$/.test(argument) ? argument : `'${argument.replaceAll("'", `'\\''`)}'`;
}


export function commandLine(command: readonly string[]): string {
  return command.map(quote).join(' ');
}

/** Runs the command once and throws with its stderr when it fails: a broken build must not be timed. */
export function runOnce(command: readonly string[], options: Pick<CommandOptions, 'cwd' | 'env'>): void {
  const [file, ...args] = command;
  const result = spawnSync(file!, args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`\`${commandLine(command)}\` failed (exit ${result.status ?? result.signal}):\n${result.stderr}`);
  }
}

export function timeProcess(command: readonly string[], options: CommandOptions): ProcessTiming {
  runOnce(command, options);
  return hasCommand('hyperfine') ? timeWithHyperfine(command, options) : timeWithSpawn(command, options);
}

function timeWithHyperfine(command: readonly string[], options: CommandOptions): ProcessTiming {
  const dir = mkdtempSync(join(tmpdir(), 'bench-hyperfine-'));
  try {
    const exportPath = join(dir, 'result.json');
    const args = [
      '--shell=none',
      '--style=none',
      '--output=pipe',
      `--warmup=${options.warmup}`,
      `--runs=${options.runs}`,
      `--export-json=${exportPath}`,
    ];
    args.push(commandLine(command));
    const result = spawnSync('hyperfine', args, { cwd: options.cwd, env: options.env ?? process.env, encoding: 'utf8' });
    if (result.status !== 0) throw new Error(`hyperfine failed on \`${commandLine(command)}\`:\n${result.stderr}`);
    const exported = JSON.parse(readFileSync(exportPath, 'utf8')) as {
      results: { times: number[]; user: number; system: number }[];
    };
    const first = exported.results[0];
    const times = first?.times ?? [];
    // hyperfine exports CPU time as a mean only.
    const cpu = first ? first.user + first.system : null;
    return { median: median(times), min: minOf(times, NaN), cpu, runs: times.length, tool: 'hyperfine' };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function timeWithSpawn(command: readonly string[], options: CommandOptions): ProcessTiming {
  const times: number[] = [];
  for (let run = 0; run < options.warmup + options.runs; run++) {
    const start = process.hrtime.bigint();
    runOnce(command, options);
    const seconds = Number(process.hrtime.bigint() - start) / 1e9;
    if (run >= options.warmup) times.push(seconds);
  }
  return { median: median(times), min: minOf(times, NaN), cpu: null, runs: times.length, tool: 'spawn' };
}

/**
 * Peak resident memory of the command in bytes (median of `runs`), from GNU time, or null without it.
 * For a process tree (Chromium) this is the largest single process, not the sum.
 */
export function peakRss(command: readonly string[], options: Pick<CommandOptions, 'cwd' | 'env'>, runs = 3): number | null {
  if (!existsSync(GNU_TIME)) return null;
  const samples: number[] = [];
  for (let run = 0; run < runs; run++) {
    const result = spawnSync(GNU_TIME, ['-f', '%M', ...command], {
      cwd: options.cwd,
      env: options.env ?? process.env,
      encoding: 'utf8',
    });
    if (result.status !== 0) throw new Error(`\`${commandLine(command)}\` failed under ${GNU_TIME}:\n${result.stderr}`);
    const kilobytes = Number(result.stderr.trim().split('\n').at(-1));
    if (Number.isFinite(kilobytes)) samples.push(kilobytes * 1024);
  }
  return samples.length > 0 ? median(samples) : null;
}

export interface PairedTiming {
  /** Median wall seconds of each command. */
  a: number;
  b: number;
  /** Median of the rounds' a/b ratios: each round runs both, one after the other, so load drifts cancel. */
  ratio: number;
  runs: number;
}

/** Times two commands in alternation (`runs` rounds after `warmup`), for a ratio that a busy machine skews less. */
export function timePaired(a: readonly string[], b: readonly string[], options: CommandOptions): PairedTiming {
  runOnce(a, options);
  runOnce(b, options);
  const timesA: number[] = [];
  const timesB: number[] = [];
  const ratios: number[] = [];
  const time = (command: readonly string[]) => {
    const start = process.hrtime.bigint();
    runOnce(command, options);
    return Number(process.hrtime.bigint() - start) / 1e9;
  };
  for (let round = 0; round < options.warmup + options.runs; round++) {
    const [first, second] = round % 2 === 0 ? [a, b] : [b, a];
    const firstTime = time(first);
    const secondTime = time(second);
    const [timeA, timeB] = first === a ? [firstTime, secondTime] : [secondTime, firstTime];
    if (round < options.warmup) continue;
    timesA.push(timeA);
    timesB.push(timeB);
    ratios.push(timeA / timeB);
  }
  return { a: median(timesA), b: median(timesB), ratio: median(ratios), runs: ratios.length };
}
