// Zip entries compressed by node:zlib, for the DOCX package and its embedded fonts (which are compressed once per
// process, before any package exists).
import { Zip, type ZipInputFile } from 'fflate';
import { crc32, deflateRawSync } from 'node:zlib';

/** Compressed data with what a zip entry records of the original. */
export interface DeflatedData {
  deflated: Uint8Array<ArrayBuffer>;
  crc: number;
  size: number;
}

/**
 * node:zlib's native DEFLATE, several times faster than fflate's (a render has ~10 ms). Level 6 for the XML parts;
 * the fonts, compressed once per process, take level 9.
 */
export function deflated(data: Uint8Array, level = 6): DeflatedData {
  return { deflated: new Uint8Array(deflateRawSync(data, { level })), crc: crc32(data), size: data.length };
}

/** Adds an entry compressed beforehand (fflate's interface for custom compression). */
export function addDeflated(zip: Zip, filename: string, data: DeflatedData, mtime: Date): void {
  const entry: ZipInputFile & { mtime: Date } = { filename, size: data.size, crc: data.crc, compression: 8, mtime };
  zip.add(entry); // sets entry.ondata
  entry.ondata?.(null, data.deflated, true);
}

/**
 * A zip of `entries` in their order, all dated `mtime`: each deflated beforehand or here (level 6), or with `store`,
 * stored as it is (for a zip inside the package, which deflates it whole: the chart's workbook).
 */
export function zipped(entries: Iterable<readonly [string, Uint8Array | DeflatedData]>, mtime: Date, store = false): Uint8Array {
  const chunks: Uint8Array[] = [];
  const zip = new Zip((error, chunk) => {
    if (error) throw error;
    chunks.push(chunk);
  });
  for (const [name, data] of entries) {
    if (store && data instanceof Uint8Array) addStored(zip, name, new Uint8Array(data), mtime);
    else addDeflated(zip, name, data instanceof Uint8Array ? deflated(data) : data, mtime);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}

function addStored(zip: Zip, filename: string, data: Uint8Array<ArrayBuffer>, mtime: Date): void {
  const entry: ZipInputFile & { mtime: Date } = { filename, size: data.length, crc: crc32(data), compression: 0, mtime };
  zip.add(entry);
  entry.ondata?.(null, data, true);
}
