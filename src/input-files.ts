// Reading the files a user hands the build (dataset, article, template, partials): each must be a regular file
// under a size limit, checked on the open file before a byte is read (so /dev/zero, a FIFO or a folder is refused
// at once instead of hanging or exhausting memory), must be valid UTF-8, and may be required to lie inside a
// folder once links are resolved. Every refusal is an InputError naming the file.
import { isUtf8 } from 'node:buffer';
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { InputError } from './errors.js';

export type InputKind = 'dataset' | 'article' | 'template' | 'partial';

/** The largest file of each kind the build reads, in bytes (stated in --help and the READMEs). */
export const INPUT_LIMITS: Readonly<Record<InputKind, number>> = {
  dataset: 16 * 1024 * 1024,
  article: 1024 * 1024,
  template: 1024 * 1024,
  partial: 1024 * 1024,
};

export interface InputFile {
  /** Where the file is. */
  path: string;
  /** The file as shown in messages. */
  shown: string;
  kind: InputKind;
}

/** `1.5 MiB`, `512 KiB`, `300 bytes`. */
function formatSize(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${+(bytes / (1024 * 1024)).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${+(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} bytes`;
}

const OPEN_REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENOTDIR: 'a part of the path is a file, not a folder',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the path is too long',
  EISDIR: 'it is a folder, not a file',
};

/** A file-system error in words, with its code: `no such file (ENOENT)`. */
function describeReadError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code ?? '';
  const reason = OPEN_REASONS[code] ?? (error instanceof Error ? error.message : String(error));
  return `${reason}${code ? ` (${code})` : ''}`;
}

function openFailure(kind: InputKind, error: unknown): string {
  return `cannot read the ${kind}: ${describeReadError(error)}`;
}

function fileTypeName(stats: ReturnType<typeof fstatSync>): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  if (stats.isSocket()) return 'a socket';
  return 'not a regular file';
}

/** The file's bytes: a regular file of at most the kind's limit. */
function readInputBytes(input: InputFile): Buffer {
  const limit = INPUT_LIMITS[input.kind];
  let fd: number;
  try {
    // Non-blocking, so opening a FIFO returns at once and fstat below refuses it.
    fd = openSync(input.path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw InputError.one(input.shown, '', openFailure(input.kind, error));
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) {
      const hint = stats.isDirectory() ? (input.kind === 'dataset' ? '; give the path of a .json file' : '; give the path of a file') : '';
      throw InputError.one(input.shown, '', `the ${input.kind} is ${fileTypeName(stats)}, not a regular file${hint}`);
    }
    if (stats.size > limit) throw tooLarge(input, stats.size);
    // Read to the end rather than trusting the size (files under /proc say 0): at most one byte past the limit.
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const chunk = Buffer.allocUnsafe(Math.min(64 * 1024, limit + 1 - total));
      const read = readSync(fd, chunk, 0, chunk.length, null);
      if (read === 0) break;
      chunks.push(chunk.subarray(0, read));
      total += read;
      if (total > limit) throw tooLarge(input, total, true);
    }
    return Buffer.concat(chunks, total);
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw InputError.one(input.shown, '', openFailure(input.kind, error));
  } finally {
    closeSync(fd);
  }
}

function tooLarge(input: InputFile, size: number, sizeUnknown = false): InputError {
  const limit = formatSize(INPUT_LIMITS[input.kind]);
  const measured = sizeUnknown ? '' : ` ${formatSize(size)},`;
  return InputError.one(input.shown, '', `the ${input.kind} is${measured} over the limit of ${limit}`);
}

/** The file as text: valid UTF-8 (a leading byte-order mark dropped), or an error naming the byte offset. */
export function readInputText(input: InputFile): string {
  const bytes = readInputBytes(input);
  // Node checks UTF-8 natively; the byte-by-byte walk only runs to say where a bad file goes wrong.
  const invalidAt = isUtf8(bytes) ? -1 : firstInvalidUtf8(bytes);
  if (invalidAt !== -1) {
    throw InputError.one(input.shown, `byte ${invalidAt}`, `invalid UTF-8 (byte 0x${bytes[invalidAt]!.toString(16).padStart(2, '0')}); save the ${input.kind} as UTF-8`);
  }
  return bytes.toString('utf8').replace(/^\uFEFF/, '');
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence (RFC 3629), or -1. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      index += 1;
      continue;
    }
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0; // overlong
      if (lead === 0xed) high = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90; // overlong
      if (lead === 0xf4) high = 0x8f; // past U+10FFFF
    } else return index;
    for (let k = 1; k < length; k += 1) {
      const next = bytes[index + k];
      const [min, max] = k === 1 ? [low, high] : [0x80, 0xbf];
      if (next === undefined || next < min || next > max) return index;
    }
    index += length;
  }
  return -1;
}

/**
 * The real path of `path` when it lies inside `folder` (both with links resolved), else an InputError. A path that
 * leaves the folder as written (`..`, an absolute path elsewhere) is refused by the rule whether or not it exists;
 * one that stays inside as written is then followed through its links, which must not lead out either.
 */
export function confinedPath(path: string, folder: string, shown: string, place: string, rule: string): string {
  const outside = (target: string, base: string) => {
    const inside = relative(base, target);
    return inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
  };
  const written = resolve(path);
  const writtenFolder = resolve(folder);
  if (outside(written, writtenFolder)) throw InputError.one(shown, place, `${rule} (it is ${written}, outside ${writtenFolder})`);
  let real: string;
  let realFolder: string;
  try {
    real = realpathSync(path);
    realFolder = realpathSync(folder);
  } catch (error) {
    throw InputError.one(shown, place, `cannot read it: ${describeReadError(error)}`);
  }
  if (outside(real, realFolder)) throw InputError.one(shown, place, `${rule} (it resolves to ${real}, outside ${realFolder})`);
  return real;
}
