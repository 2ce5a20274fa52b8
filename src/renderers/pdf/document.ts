// The pdfkit document: A4, tagged, language and title for the viewer, metadata, and nothing random, so the same
// model always gives the same bytes.
import PDFDocument from 'pdfkit';
import type { DocumentMetadata } from '../../model/types.js';
import { PAGE } from './style.js';

const PRODUCER = 'dgsn-briefing (pdfkit)';

/** The document date (ISO 8601 from the model); an unparsable date is a fault upstream, not a reason to use "now". */
function documentDate(meta: DocumentMetadata): Date {
  const date = new Date(meta.date);
  if (Number.isNaN(date.getTime())) throw new Error(`document date is not an ISO 8601 date: "${meta.date}"`);
  return date;
}

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeXml = (text: string) => text.replace(/[&<>"]/g, (c) => XML_ESCAPES[c]!);

interface WithXmpInfo {
  info: Record<string, unknown>;
  _addInfo(): void;
}

export function createDocument(meta: DocumentMetadata): PDFKit.PDFDocument {
  const date = documentDate(meta);
  const doc = new PDFDocument({
    size: [PAGE.width, PAGE.height],
    // Margins are the layout's business (style.ts); zero here keeps pdfkit from ever adding a page by itself.
    margin: 0,
    bufferPages: true,
    autoFirstPage: true,
    compress: true,
    pdfVersion: '1.7',
    tagged: true,
    lang: meta.lang,
    displayTitle: true,
    info: {
      Title: meta.title,
      Author: meta.author,
      Subject: meta.subject,
      Keywords: meta.keywords.join(', '),
      Creator: PRODUCER,
      Producer: PRODUCER,
      // pdfkit derives the file /ID from these, so fixed dates also give a fixed /ID.
      CreationDate: date,
      ModDate: date,
    },
  });
  // pdfkit copies Title/Author/Subject/Keywords into the XMP packet without escaping them.
  const xmp = doc as unknown as WithXmpInfo;
  const addInfo = xmp._addInfo.bind(doc);
  xmp._addInfo = () => {
    const info = xmp.info;
    xmp.info = Object.fromEntries(Object.entries(info).map(([k, v]) => [k, typeof v === 'string' ? escapeXml(v) : v]));
    try {
      addInfo();
    } finally {
      xmp.info = info;
    }
  };
  return doc;
}

/** Ends the document and collects its bytes. */
export function finish(doc: PDFKit.PDFDocument): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks))));
    doc.on('error', reject);
    doc.end();
  });
}
