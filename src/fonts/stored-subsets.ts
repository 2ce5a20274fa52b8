// Font subsets stored by the bundle step beside the bundled program (src/bundle): those the HTML of the package's
// own briefings embeds, which a build then reads instead of starting the subsetter (~20 ms of a cold build, its
// WebAssembly compiling as it runs; fonts/subset.ts). Any other set of characters is subset at run time.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckedFile, writeCheckedFile } from './checked-files.js';

/** Beside the bundled program; from source (or tsc's dist) the folder does not exist. */
export const STORED_SUBSETS_DIR = fileURLToPath(new URL('./font-subsets/', import.meta.url));

/**
 * A stored subset's file (a checked file: a damaged one is a miss, subset again, never embedded), named by a hash of
 * its key (the face and the characters): the key and a newline (a name clash is a miss too), then the subset.
 */
const storedFileName = (key: string) => `${fnv1a64(key)}.subset`;

/** The subset stored under `key`, if whole. */
export function storedSubset(key: string): Uint8Array | undefined {
  const body = readCheckedFile(join(STORED_SUBSETS_DIR, storedFileName(key)));
  const header = Buffer.from(`${key}\n`);
  return body?.subarray(0, header.length).equals(header) ? new Uint8Array(body.subarray(header.length)) : undefined;
}

/** Writes one subset into `folder` (the bundle's font-subsets/). */
export function writeStoredSubset(folder: string, key: string, subset: Uint8Array): void {
  writeCheckedFile(join(folder, storedFileName(key)), Buffer.concat([Buffer.from(`${key}\n`), subset]));
}

/** FNV-1a, 64 bits, as hex: a file name for a key, no node:crypto to load for it. */
function fnv1a64(text: string): string {
  let hash = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text)) hash = ((hash ^ BigInt(byte)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return hash.toString(16).padStart(16, '0');
}
