// Writing a build's files as one change: every file goes to a temporary file beside its target, and only when
// all of them are on disk, and a journal says so, are they renamed into place. If anything fails, targets renamed
// so far get their previous contents back, and no temporary file is left behind; if the process is killed outright,
// the next build finishes the change from the journal before it does anything else.
import {
  closeSync,
  copyFileSync,
  existsSync,
  fsyncSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
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
function writeFileDurably(path: string, bytes: Uint8Array): void {
  const fd = openSync(path, 'wx');
  try {
    for (let written = 0; written < bytes.byteLength; ) written += writeSync(fd, bytes, written);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/**
 * `mkdir -p`, one level at a time from the nearest folder that exists. Node's own recursive mkdir says ENOENT on a
 * read-only file system (it hides the real EROFS or EACCES) and never returns under /proc, where mkdir says ENOENT
 * and the parent exists.
 */
function makeFolders(path: string): void {
  const missing: string[] = [];
  let dir = path;
  for (;;) {
    try {
      const stats = statSync(dir);
      if (!stats.isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: 'ENOTDIR' });
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      const parent = dirname(dir);
      if (parent === dir) break;
      missing.push(dir);
      dir = parent;
    }
  }
  for (const folder of missing.reverse()) {
    try {
      mkdirSync(folder);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'EEXIST') continue;
      // ENOENT although the parent exists: a file system that cannot hold new folders (/proc, /sys).
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw Object.assign(new Error(`cannot create folders in ${dirname(folder)}`), { code: 'EROFS' });
      throw error;
    }
  }
}

/**
 * The real file system, called synchronously behind the async interface: a build writes its files last, with
 * nothing else to do meanwhile, and a dozen small calls each sent to libuv's thread pool and back cost more
 * waiting than the calls themselves (a batch writes hundreds of briefings).
 */
export const nodeWriterFs: WriterFs = {
  mkdir: async (path) => makeFolders(path),
  writeFile: async (path, bytes) => writeFileDurably(path, bytes),
  rename: async (from, to) => renameSync(from, to),
  link: async (existing, newPath) => linkSync(existing, newPath),
  copyFile: async (from, to) => copyFileSync(from, to),
  unlink: async (path) => unlinkSync(path),
  lstat: async (path) => lstatSync(path),
};

/**
 * A unique hidden name beside the target, ending in .tmp (which .gitignore skips). The random part only has to keep
 * apart the names of one process id (a later process given the same id): files are made with O_EXCL, so a clash
 * fails rather than overwrites, and Math.random is enough (node:crypto would cost a PDF-only build ~1 ms to load).
 */
export function siblingTempPath(target: string, purpose: 'new' | 'old'): string {
  const random = Math.floor(Math.random() * 2 ** 48).toString(16).padStart(12, '0');
  return join(dirname(target), `.${basename(target)}.${purpose}-${process.pid}-${random}.tmp`);
}

const SIBLING_TEMP = /^\.(.+)\.(new|old)-(\d+)-[0-9a-f]{12}\.tmp$/;
const JOURNAL = /^\.briefing-journal-(\d+)\.json$/;
const JOURNAL_TEMP = /^\.briefing-journal-(\d+)\.tmp$/;

function isRunning(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * The journal of one build's commit, in the output folder, as databases keep one: written (atomically) once every
 * new file is on disk and every previous file has a second name, before the first rename. While it exists the
 * folder may hold a mix of old and new files, and it says how to finish: `commit` — rename the remaining new files
 * into place; `rollback` — put every previous file back. Names are relative to the folder.
 */
interface Journal {
  version: 1;
  pid: number;
  state: 'commit' | 'rollback';
  entries: { target: string; temp: string; backup: string | null }[];
}

function journalPath(dir: string, pid: number = process.pid): string {
  return join(dir, `.briefing-journal-${pid}.json`);
}

/** Writes the journal through a temporary file renamed over it, flushed, so it is whole or absent. */
function writeJournalSync(dir: string, journal: Journal): void {
  const temp = join(dir, `.briefing-journal-${process.pid}.tmp`);
  const fd = openSync(temp, 'w');
  try {
    writeSync(fd, JSON.stringify(journal));
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, journalPath(dir));
  syncFolder(dir);
}

/** Flushes a folder's entries (renames, removals) to disk, where the platform allows it. */
function syncFolder(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // Not every platform or file system can sync a folder; the renames are still in order.
  }
}

/** Finishes what a journal says: every step tolerates having been done already (a kill during recovery). */
function applyJournal(dir: string, journal: Journal): void {
  const at = (name: string) => join(dir, name);
  for (const entry of journal.entries) {
    if (journal.state === 'commit') {
      if (existsSync(at(entry.temp))) renameSync(at(entry.temp), at(entry.target));
    } else if (entry.backup !== null) {
      if (existsSync(at(entry.backup))) renameSync(at(entry.backup), at(entry.target));
      removeIfPresent(at(entry.temp));
    } else {
      // No previous file: the target is this build's if its new file has already been renamed into place.
      if (existsSync(at(entry.temp))) removeIfPresent(at(entry.temp));
      else removeIfPresent(at(entry.target));
    }
  }
  for (const entry of journal.entries) if (entry.backup !== null) removeIfPresent(at(entry.backup));
  syncFolder(dir);
}

function removeIfPresent(path: string): void {
  try {
    unlinkSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
}

/**
 * Brings an output folder back to a complete set after a build that was killed outright (SIGKILL, power loss):
 * a journal left behind is finished (the new set completed, or the old one restored, as it says), then the
 * temporary files of dead builds go (a previous file kept aside goes back only if its target is missing). Files of
 * builds still running are left alone. Every build runs this first, even one that then fails on bad input.
 */
export function recoverOutputFolder(dir: string): void {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return; // no folder yet: nothing to recover
  }
  for (const name of names) {
    const match = JOURNAL.exec(name);
    if (!match || isRunning(Number(match[1]))) continue;
    const path = join(dir, name);
    let journal: Journal | undefined;
    try {
      journal = JSON.parse(readFileSync(path, 'utf8')) as Journal;
    } catch {
      journal = undefined; // written whole or not at all, so unreadable means not ours: only removed
    }
    if (journal?.version === 1 && Array.isArray(journal.entries)) applyJournal(dir, journal);
    unlinkSync(path);
  }
  for (const name of readdirSync(dir)) {
    const journalTemp = JOURNAL_TEMP.exec(name);
    if (journalTemp) {
      if (!isRunning(Number(journalTemp[1]))) removeIfPresent(join(dir, name));
      continue;
    }
    const match = SIBLING_TEMP.exec(name);
    if (!match || isRunning(Number(match[3]))) continue;
    const target = join(dir, match[1]!);
    if (match[2] === 'old' && !existsSync(target)) renameSync(join(dir, name), target);
    else removeIfPresent(join(dir, name));
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
  const hints: Record<string, string> = {
    EACCES: 'choose a folder you may write to with --out',
    EPERM: 'choose another folder with --out',
    EROFS: 'choose a folder on a writable disk with --out',
    ENOSPC: 'free some space or choose another disk with --out',
    EISDIR: 'move the folder away or choose another --out',
    ENOTDIR: 'choose another --out',
    EEXIST: 'choose another --out',
  };
  const hint = code && hints[code] ? `; ${hints[code]}` : '';
  if (reason) return `cannot write: ${reason} (${code})${hint}`;
  return `cannot write: ${error instanceof Error ? error.message : String(error)}`;
}

interface Staged {
  target: string;
  temp: string;
  /** Hard link (or copy) of the previous file, kept until every rename has succeeded. */
  backup?: string;
  renamed: boolean;
}

/**
 * Writes all files or none, in one folder. Every new file is written and flushed under a temporary name and every
 * previous file gets a second name; then the journal is written and the files are renamed into place; then the
 * journal goes. A failure or a signal (Ctrl-C, a cancelled CI job) before the end puts the previous files back and
 * a WriteFailure is thrown; a kill that leaves no time for that is finished by the next build (recoverOutputFolder).
 */
export async function writeAllOrNothing(files: readonly OutputFile[], fs: WriterFs = nodeWriterFs): Promise<void> {
  const dirs = new Set(files.map((file) => dirname(file.path)));
  if (dirs.size > 1) throw new Error(`writeAllOrNothing writes into one folder, not ${[...dirs].join(', ')}`);
  const dir = [...dirs][0];
  if (dir === undefined) return;
  const staged: Staged[] = [];
  let journaled = false;
  let committed = false;
  const undo = () => rollBack(dir, staged, journaled);
  // Interrupted mid-write: undo synchronously, then die of the same signal.
  const onSignal = (signal: NodeJS.Signals) => {
    if (!committed) undo();
    process.kill(process.pid, signal);
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.once(signal, onSignal);
  try {
    await attempt(dir, () => fs.mkdir(dir, { recursive: true }));
    await attempt(dir, async () => recoverOutputFolder(dir));
    await stageFiles(files, staged, fs);
    await attempt(dir, async () => writeJournalSync(dir, journalOf(staged, 'commit')));
    journaled = true;
    for (const entry of staged) {
      await attempt(entry.target, () => fs.rename(entry.temp, entry.target));
      entry.renamed = true;
    }
    committed = true;
    await Promise.all(staged.map((entry) => (entry.backup ? quietly(() => fs.unlink(entry.backup!)) : undefined)));
    await quietly(async () => {
      unlinkSync(journalPath(dir));
      syncFolder(dir);
    });
  } catch (error) {
    if (!committed) undo();
    throw error;
  } finally {
    for (const signal of signals) process.removeListener(signal, onSignal);
  }
}

async function attempt<T>(path: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw error instanceof WriteFailure ? error : new WriteFailure(path, error);
  }
}

/** The new files under temporary names, and a second name for each previous file. */
async function stageFiles(files: readonly OutputFile[], staged: Staged[], fs: WriterFs): Promise<void> {
  for (const file of files) {
    const entry: Staged = { target: file.path, temp: siblingTempPath(file.path, 'new'), renamed: false };
    staged.push(entry);
    await attempt(file.path, () => fs.writeFile(entry.temp, file.bytes));
  }
  for (const entry of staged) {
    entry.backup = await attempt(entry.target, () => keepPrevious(entry.target, fs));
  }
}

function journalOf(staged: readonly Staged[], state: Journal['state']): Journal {
  return {
    version: 1,
    pid: process.pid,
    state,
    entries: staged.map((entry) => ({ target: basename(entry.target), temp: basename(entry.temp), backup: entry.backup ? basename(entry.backup) : null })),
  };
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
 * temporary files go. Once the journal exists it is first turned to `rollback`, so a kill in the middle of this is
 * finished the same way by the next build. Synchronous, so a signal handler can run it too.
 */
function rollBack(dir: string, staged: readonly Staged[], journaled: boolean): void {
  const quietlyNow = (call: () => void) => {
    try {
      call();
    } catch {
      // Best effort while cleaning up after an earlier failure, which is the one reported.
    }
  };
  if (journaled) quietlyNow(() => writeJournalSync(dir, journalOf(staged, 'rollback')));
  for (const entry of staged) {
    if (entry.renamed) {
      if (entry.backup) quietlyNow(() => renameSync(entry.backup!, entry.target));
      else quietlyNow(() => unlinkSync(entry.target));
    } else {
      quietlyNow(() => unlinkSync(entry.temp));
      if (entry.backup) quietlyNow(() => unlinkSync(entry.backup!));
    }
  }
  if (journaled) quietlyNow(() => unlinkSync(journalPath(dir)));
}

async function quietly(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch {
    // Removing a backup after success, or cleaning up after the failure that is reported: best effort.
  }
}
