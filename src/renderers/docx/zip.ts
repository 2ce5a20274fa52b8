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

/** Stored data (zip method 0) in DeflatedData's shape: the bytes as they are. */
const storedData = (data: Uint8Array): DeflatedData => ({ deflated: new Uint8Array(data), crc: crc32(data), size: data.length });

/** Adds an entry whose data is compressed beforehand, or stored (fflate's interface for custom compression). */
function addEntry(zip: Zip, filename: string, data: DeflatedData, compression: 0 | 8, mtime: Date): void {
  const entry: ZipInputFile & { mtime: Date } = { filename, size: data.size, crc: data.crc, compression, mtime };
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
    if (!(data instanceof Uint8Array)) addEntry(zip, name, data, 8, mtime);
    else if (store) addEntry(zip, name, storedData(data), 0, mtime);
    else addEntry(zip, name, deflated(data), 8, mtime);
  }
  zip.end();
  return new Uint8Array(Buffer.concat(chunks));
}
