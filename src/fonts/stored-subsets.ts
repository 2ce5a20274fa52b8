// Font subsets stored by the bundle step beside the bundled program (src/bundle): those the HTML of the package's
// own briefings embeds, which a build then reads instead of starting the subsetter (~20 ms of a cold build, its
// WebAssembly compiling as it runs; fonts/subset.ts). Any other set of characters is subset at run time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { crc32 } from 'node:zlib';

/** Beside the bundled program; from source (or tsc's dist) the folder does not exist. */
export const STORED_SUBSETS_DIR = fileURLToPath(new URL('./font-subsets/', import.meta.url));

/**
 * A stored subset's file, named by a hash of its key (the face and the characters): a CRC-32 of the rest (a damaged
 * file is a miss, subset again, never embedded), then the key and a newline (a name clash is a miss too), then the
 * subset.
 */
const storedFileName = (key: string) => `${fnv1a64(key)}.subset`;

/** The subset stored under `key`, if whole. */
export function storedSubset(key: string): Uint8Array | undefined {
  let file: Buffer;
  try {
    file = readFileSync(join(STORED_SUBSETS_DIR, storedFileName(key)));
  } catch {
    return undefined; // not stored (running from source, another document's characters)
  }
  const header = Buffer.from(`${key}\n`);
  const body = file.subarray(4);
  if (file.length < 4 || file.readUInt32LE(0) !== crc32(body) || !body.subarray(0, header.length).equals(header)) return undefined;
  return new Uint8Array(body.subarray(header.length));
}

function storedFile(key: string, subset: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(`${key}\n`), subset]);
  const file = Buffer.concat([Buffer.alloc(4), body]);
  file.writeUInt32LE(crc32(body), 0);
  return file;
}

/** Writes one subset into `folder` (the bundle's font-subsets/). */
export function writeStoredSubset(folder: string, key: string, subset: Uint8Array): void {
  mkdirSync(folder, { recursive: true });
  writeFileSync(join(folder, storedFileName(key)), storedFile(key, subset));
}

/** FNV-1a, 64 bits, as hex: a file name for a key, no node:crypto to load for it. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}
