// Writing a build's files as one change: every file goes to a temporary file beside its target, and only when
// all of them are on disk are they renamed into place. If anything fails, targets renamed so far get their
// previous contents back, and no temporary file is left behind.
import { randomBytes } from 'node:crypto';
import { existsSync, promises as realFs, renameSync, unlinkSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export interface OutputFile {
  /** Absolute path of the file to create or replace. */
  path: string;
  bytes: Uint8Array;
}

/** The file-system calls the writer makes; tests swap one for a failing version. */
export interface WriterFs {
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  writeFile(path: string, bytes: Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, newPath: string): Promise<void>;
  copyFile(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  lstat(path: string): Promise<{ isFile(): boolean }>;
}

/** Writes exclusively (never through an existing file or link) and flushes to disk before the rename. */
async function writeFileDurably(path: string, bytes: Uint8Array): Promise<void> {
  const handle = await realFs.open(path, 'wx');
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export const nodeWriterFs: WriterFs = {
  mkdir: (path, options) => realFs.mkdir(path, options),
  writeFile: writeFileDurably,
  rename: (from, to) => realFs.rename(from, to),
  link: (existing, newPath) => realFs.link(existing, newPath),
  copyFile: (from, to) => realFs.copyFile(from, to),
  unlink: (path) => realFs.unlink(path),
  lstat: (path) => realFs.lstat(path),
};

/** A unique hidden name beside the target, ending in .tmp (which .gitignore skips). */
export function siblingTempPath(target: string, purpose: 'new' | 'old'): string {
  return join(dirname(target), `.${basename(target)}.${purpose}-${process.pid}-${randomBytes(6).toString('hex')}.tmp`);
}

const SIBLING_TEMP = /^\.(.+)\.(new|old)-(\d+)-[0-9a-f]{12}\.tmp$/;

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Temporary files that a build killed outright (SIGKILL, power loss) left beside these targets: a new file is
 * removed; a kept previous file goes back in place if its target is gone, else it is removed. Files of builds
 * still running are left alone.
 */
export async function sweepAbandoned(targets: readonly string[]): Promise<void> {
  for (const dir of new Set(targets.map(dirname))) {
    const names = new Set(targets.filter((target) => dirname(target) === dir).map((target) => basename(target)));
    let entries: string[];
    try {
      entries = await realFs.readdir(dir);
    } catch {
      continue;
    }
    for (const entry of entries) {
      const match = SIBLING_TEMP.exec(entry);
      if (!match || !names.has(match[1]!) || isRunning(Number(match[3]))) continue;
      const path = join(dir, entry);
      const target = join(dir, match[1]!);
      await quietly(async () => (match[2] === 'old' && !existsSync(target) ? realFs.rename(path, target) : realFs.unlink(path)));
    }
  }
}

/** Raised when writing fails; `path` is the file or folder the failing call was about. */
export class WriteFailure extends Error {
  constructor(
    readonly path: string,
    override readonly cause: unknown,
  ) {
    super(`${path}: ${describeFsError(cause)}`);
    this.name = 'WriteFailure';
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    EROFS: 'read-only file system',
    EISDIR: 'a directory is in the way of the file',
    ENOTDIR: 'a file is in the way of a directory on this path',
    EEXIST: 'a file is in the way of a folder on this path',
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    ENOENT: 'no such file or directory',
    ENAMETOOLONG: 'name too long',
  };
  const reason = code ? reasons[code] : undefined;
  if (reason) return `cannot write: ${reason} (${code})`;
  return `cannot write: ${error instanceof Error ? error.message : String(error)}`;
}

interface Staged {
  target: string;
  temp: string;
  /** Hard link (or copy) of the previous file, kept until every rename has succeeded. */
  backup?: string;
  renamed: boolean;
}

/** Writes all files or none. On failure the previous files are as they were and a WriteFailure is thrown. */
export async function writeAllOrNothing(files: readonly OutputFile[], fs: WriterFs = nodeWriterFs): Promise<void> {
  const staged: Staged[] = [];
  // Interrupted (Ctrl-C, a cancelled CI job) mid-write: undo synchronously, then die of the same signal.
  let committed = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (!committed) rollBack(staged);
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    await writeStaged(files, staged, fs);
    committed = true;
    await Promise.all(staged.map((entry) => (entry.backup ? quietly(() => fs.unlink(entry.backup!)) : undefined)));
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
}

async function writeStaged(files: readonly OutputFile[], staged: Staged[], fs: WriterFs): Promise<void> {
  const attempt = async <T>(path: string, call: () => Promise<T>): Promise<T> => {
    try {
      return await call();
    } catch (error) {
      throw new WriteFailure(path, error);
    }
  };
  try {
    for (const dir of new Set(files.map((file) => dirname(file.path)))) {
      await attempt(dir, () => fs.mkdir(dir, { recursive: true }));
    }
    await sweepAbandoned(files.map((file) => file.path));
    for (const file of files) {
      const entry: Staged = { target: file.path, temp: siblingTempPath(file.path, 'new'), renamed: false };
      staged.push(entry);
      await attempt(file.path, () => fs.writeFile(entry.temp, file.bytes));
    }
    for (const entry of staged) {
      entry.backup = await attempt(entry.target, () => keepPrevious(entry.target, fs));
    }
    for (const entry of staged) {
      await attempt(entry.target, () => fs.rename(entry.temp, entry.target));
      entry.renamed = true;
    }
  } catch (error) {
    rollBack(staged);
    throw error;
  }
}

/** A second name for the current target (if it is a file), so it can be put back after a failed build. */
async function keepPrevious(target: string, fs: WriterFs): Promise<string | undefined> {
  let stats: { isFile(): boolean };
  try {
    stats = await fs.lstat(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  // A directory or special file in the way fails later, at the rename, and is never touched.
  if (!stats.isFile()) return undefined;
  const backup = siblingTempPath(target, 'old');
  try {
    await fs.link(target, backup);
  } catch {
    await fs.copyFile(target, backup);
  }
  return backup;
}

/**
 * Puts back what was there before: renamed targets get their previous file (or are removed if there was none),
 * temporary files go. Synchronous and on the real file system, so a signal handler can run it too.
 */
function rollBack(staged: readonly Staged[]): void {
  const quietlyNow = (call: () => void) => {
    try {
      call();
    } catch {
      // Best effort while cleaning up after an earlier failure, which is the one reported.
    }
  };
  for (const entry of staged) {
    if (entry.renamed) {
      if (entry.backup) quietlyNow(() => renameSync(entry.backup!, entry.target));
      else quietlyNow(() => unlinkSync(entry.target));
    } else {
      quietlyNow(() => unlinkSync(entry.temp));
      if (entry.backup) quietlyNow(() => unlinkSync(entry.backup!));
    }
  }
}

async function quietly(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch {
    // Removing a backup after success, or cleaning up after the failure that is reported: best effort.
  }
}
