// Files the bundle step stores for runs to read back (the DOCX's compressed faces, the HTML's font subsets): each
// starts with a CRC-32 of the rest, so a damaged file reads as absent and its contents are made again, never used.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { crc32 } from 'node:zlib';

/** Writes `body` to `path` behind its CRC-32. */
export function writeCheckedFile(path: string, body: Uint8Array): void {
  const file = Buffer.concat([Buffer.alloc(4), body]);
  file.writeUInt32LE(crc32(body), 0);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, file);
}

/** The body of a file writeCheckedFile wrote, or undefined when it is missing, unreadable or damaged. */
export function readCheckedFile(path: string): Buffer | undefined {
  let file: Buffer;
  try {
    file = readFileSync(path);
  } catch {
    return undefined;
  }
  const body = file.subarray(4);
  return file.length >= 4 && file.readUInt32LE(0) === crc32(body) ? body : undefined;
}
