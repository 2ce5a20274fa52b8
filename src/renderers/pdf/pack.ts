// A post-pass over pdfkit's finished file: every object that is not a stream (structure elements, font and page
// dictionaries, the info dictionary…) moves into compressed object streams, and the cross-reference table
// becomes a compressed cross-reference stream (PDF 1.5, ISO 32000-1 §7.5.7–7.5.8). pdfkit writes each of those
// dictionaries in clear, and a tagged briefing has one per table cell; packed, they cost a fifth as much.
// Streams (page content, fonts, ToUnicode maps, XMP) are copied byte for byte. The pass is a pure function of
// its input, so the same model still gives the same bytes.
import { deflateSync } from 'node:zlib';

/** Objects per object stream: a reader inflates a whole stream to reach one of its objects, so keep them modest. */
const OBJECTS_PER_STREAM = 400;

/**
 * zlib's default level for the object streams: level 9 makes them 1 % smaller (40 bytes on the briefing) at three
 * times the time (60 ms on a 5 000-row table).
 */
const OBJECT_STREAM_LEVEL = 6;

const encoder = new TextEncoder();
const ascii = (text: string) => encoder.encode(text);
const NEWLINE = ascii('\n');

interface PdfObject {
  id: number;
  /** The object's bytes between "N 0 obj\n" and "\nendobj" (a stream object keeps its dictionary and data). */
  body: Uint8Array;
  isStream: boolean;
}

interface ParsedPdf {
  header: Uint8Array;
  objects: PdfObject[];
  /** The trailer dictionary's entries other than /Size, as written (e.g. "/Root 3 0 R"). */
  trailer: string;
}

const latin1 = (bytes: Uint8Array, start: number, end: number) => Buffer.from(bytes.buffer, bytes.byteOffset + start, end - start).toString('latin1');

/**
 * Reads the file pdfkit 0.20 writes: a header, then "N 0 obj … endobj" objects one after another, a classic
 * xref table and the trailer. The xref table's offsets delimit the objects, so stream data (which may contain
 * anything, "endobj" included) is never searched. Anything else is a bug upstream, reported as such.
 */
function parse(pdf: Uint8Array): ParsedPdf {
  const fail = (what: string, at: number): never => {
    throw new Error(`cannot pack the PDF: ${what} at byte ${at}`);
  };
  if (latin1(pdf, 0, 5) !== '%PDF-') fail('no PDF header', 0);
  const tailStart = Math.max(0, pdf.length - 64);
  const startxref = /startxref\n(\d+)\n%%EOF\n?$/.exec(latin1(pdf, tailStart, pdf.length));
  if (!startxref) fail('no startxref at the end', tailStart);
  const xrefAt = Number(startxref![1]);
  const section = /^xref\n0 (\d+)\n/.exec(latin1(pdf, xrefAt, Math.min(pdf.length, xrefAt + 32)));
  if (!section) fail('no xref table', xrefAt);
  const count = Number(section![1]);
  const rowsAt = xrefAt + section![0].length;
  const located: { id: number; offset: number }[] = [];
  for (let id = 1; id < count; id++) {
    // A row: ten digits of offset, a space, five of generation, a space, 'n' (in use) or 'f', end of line.
    const row = rowsAt + id * 20;
    if (pdf[row + 17] === 0x6e) located.push({ id, offset: digitsAt(pdf, row, 10) });
  }
  located.sort((a, b) => a.offset - b.offset);
  const trailer = /^trailer\n<<\n([\s\S]*?)\n>>\nstartxref\n/.exec(latin1(pdf, rowsAt + count * 20, pdf.length));
  if (!trailer) fail('no trailer after the xref table', rowsAt + count * 20);

  const headerEnd = located[0]?.offset ?? xrefAt;
  const objects = located.map(({ id, offset }, index): PdfObject => {
    const end = located[index + 1]?.offset ?? xrefAt;
    const head = `${id} 0 obj\n`;
    if (!bytesAre(pdf, offset, head)) fail(`object ${id} is not where the xref table says`, offset);
    const start = offset + head.length;
    const last = '\nendobj\n';
    if (!bytesAre(pdf, end - last.length, last)) fail(`object ${id} does not end with endobj`, end);
    const body = pdf.subarray(start, end - last.length);
    const isStream = body.length >= ENDSTREAM.length && bytesAre(body, body.length - ENDSTREAM.length, ENDSTREAM);
    return { id, body, isStream };
  });
  const entries = trailer![1]!.split('\n').filter((line) => !line.startsWith('/Size '));
  return { header: pdf.subarray(0, headerEnd), objects, trailer: entries.join('\n') };
}

const ENDSTREAM = '\nendstream';

/** The bytes at `at` are the (ASCII) text: compared in place, a table of 25 000 cells has as many objects. */
function bytesAre(bytes: Uint8Array, at: number, text: string): boolean {
  if (at < 0 || at + text.length > bytes.length) return false;
  for (let i = 0; i < text.length; i++) if (bytes[at + i] !== text.charCodeAt(i)) return false;
  return true;
}

/** The decimal number written with `width` ASCII digits at `at`. */
function digitsAt(bytes: Uint8Array, at: number, width: number): number {
  let value = 0;
  for (let i = 0; i < width; i++) value = value * 10 + (bytes[at + i]! - 0x30);
  return value;
}

/** Big-endian unsigned integer of `width` bytes. */
function putUint(target: Uint8Array, at: number, value: number, width: number): void {
  for (let i = width - 1; i >= 0; i--) {
    target[at + i] = value & 0xff;
    value = Math.floor(value / 256);
  }
}

const bytesFor = (max: number) => Math.max(1, Math.ceil(Math.log2(max + 1) / 8));

/** The same PDF with its non-stream objects in object streams and a cross-reference stream. */
export function packObjects(pdf: Uint8Array): Uint8Array {
  const { header, objects, trailer } = parse(pdf);
  const parts: Uint8Array[] = [header];
  let offset = header.length;
  const emit = (bytes: Uint8Array) => {
    parts.push(bytes);
    offset += bytes.length;
  };

  let nextId = objects.reduce((max, o) => Math.max(max, o.id), 0) + 1;
  /** Where each object now lives: at a byte offset (type 1) or inside an object stream (type 2). */
  const located = new Map<number, { type: 1; offset: number } | { type: 2; stream: number; index: number }>();

  for (const object of objects) {
    if (!object.isStream) continue;
    located.set(object.id, { type: 1, offset });
    emit(ascii(`${object.id} 0 obj\n`));
    emit(object.body);
    emit(ascii('\nendobj\n'));
  }

  const plain = objects.filter((o) => !o.isStream);
  for (let first = 0; first < plain.length; first += OBJECTS_PER_STREAM) {
    const group = plain.slice(first, first + OBJECTS_PER_STREAM);
    const streamId = nextId++;
    const index: string[] = [];
    const bodies: Uint8Array[] = [];
    let position = 0;
    group.forEach((object, i) => {
      located.set(object.id, { type: 2, stream: streamId, index: i });
      index.push(`${object.id} ${position}`);
      bodies.push(object.body, NEWLINE);
      position += object.body.length + 1;
    });
    const head = ascii(`${index.join(' ')}\n`);
    const data = deflateSync(Buffer.concat([head, ...bodies]), { level: OBJECT_STREAM_LEVEL });
    located.set(streamId, { type: 1, offset });
    emit(ascii(`${streamId} 0 obj\n<<\n/Type /ObjStm\n/N ${group.length}\n/First ${head.length}\n/Filter /FlateDecode\n/Length ${data.length}\n>>\nstream\n`));
    emit(data);
    emit(ascii('\nendstream\nendobj\n'));
  }

  // The cross-reference stream: one row per object number, the stream itself included.
  const xrefId = nextId++;
  const size = xrefId + 1;
  located.set(xrefId, { type: 1, offset });
  // Field 3 holds an index inside an object stream or the generation 65535 of object 0: two bytes.
  const widths = [1, bytesFor(offset), 2] as const;
  const rowLength = widths[0] + widths[1] + widths[2];
  const table = new Uint8Array(size * rowLength);
  for (let id = 0; id < size; id++) {
    const row = id * rowLength;
    const where = located.get(id);
    if (!where) {
      // Object 0 and any number pdfkit never wrote: free, next free 0, generation 65535 for object 0.
      putUint(table, row + widths[0] + widths[1], id === 0 ? 0xffff : 0, widths[2]);
      continue;
    }
    table[row] = where.type;
    if (where.type === 1) putUint(table, row + widths[0], where.offset, widths[1]);
    else {
      putUint(table, row + widths[0], where.stream, widths[1]);
      putUint(table, row + widths[0] + widths[1], where.index, widths[2]);
    }
  }
  const xref = deflateSync(table, { level: 9 });
  const xrefOffset = offset;
  emit(ascii(`${xrefId} 0 obj\n<<\n/Type /XRef\n/Size ${size}\n/W [${widths.join(' ')}]\n${trailer}\n/Filter /FlateDecode\n/Length ${xref.length}\n>>\nstream\n`));
  emit(xref);
  emit(ascii(`\nendstream\nendobj\nstartxref\n${xrefOffset}\n%%EOF\n`));
  return new Uint8Array(Buffer.concat(parts));
}
