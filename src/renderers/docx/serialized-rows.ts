// Table rows written to XML one at a time. docx holds a whole document three times over while it writes it (its
// components, the objects they prepare for XML, and the tree its writer resolves them into); for a table of
// thousands of rows that is hundreds of megabytes. Here each cell is still made and prepared by docx, then turned
// into its XML text at once and dropped (a cell like one already written is not made again), and the rows kept as
// UTF-8 (a JavaScript string with one Arabic letter in it takes two bytes for every character of its markup): the
// table holds a marker that the package pass replaces with its rows, once nothing reads word/document.xml as text.
import { TableCell, TableRow } from 'docx';

/** What docx's components prepare for XML: `{ name: content }`, content being attributes, children or text. */
type Prepared = Record<string, unknown>;

/** A row to write: its properties (as docx's TableRow takes them) and its cells. */
export interface RowParts {
  properties: { tableHeader?: boolean; cantSplit?: boolean };
  cells: CellParts[];
}

/**
 * A cell to write: `make` gives docx's TableCell, `key` says everything that cell depends on. Cells with the same
 * key are written once and their XML repeated: a long table's category, place and unit columns repeat from row to
 * row, and a process writing a briefing again (watch, a batch, a server) writes its cells again.
 */
export interface CellParts {
  key: string;
  make(): TableCell;
}

type Context = Parameters<TableRow['prepForXml']>[0];

/** Cells whose XML the process keeps for reuse, by key (emptied when full). */
const MAX_REMEMBERED_CELLS = 2_000;
const rememberedCells = new Map<string, string>();

/** Rows encoded together: a few hundred kilobytes of text at a time, not one string per row nor one per table. */
const ROWS_PER_CHUNK = 256;

const encoder = new TextEncoder();

/** The rows of every table of one document, as UTF-8 XML, by marker. */
export class SerializedTables {
  private readonly rowsByMarker = new Map<string, Uint8Array[]>();
  private readonly rowOpenings = new Map<string, string>();

  /**
   * A stand-in row for a table's `rows`: when docx writes the table, it makes each row with `makeRow`, writes it
   * and drops it. `count` rows are made, in order.
   */
  rows(count: number, makeRow: (index: number) => RowParts): TableRow {
    const marker = `dgsn-rows-${this.rowsByMarker.size}`;
    this.rowsByMarker.set(marker, []);
    return new StreamedRows(count, (index, context) => this.rowXml(makeRow(index), context), (chunks) => this.rowsByMarker.set(marker, chunks), marker);
  }

  /** word/document.xml as UTF-8, with each table's marker replaced by its rows. */
  insertInto(documentXml: string): Uint8Array {
    const pieces: Uint8Array[] = [];
    let from = 0;
    for (const match of documentXml.matchAll(/<dgsn-rows-\d+\/>/g)) {
      const rows = this.rowsByMarker.get(match[0].slice(1, -2));
      if (rows === undefined) throw new Error(`word/document.xml has ${match[0]}, which no table wrote`);
      pieces.push(encoder.encode(documentXml.slice(from, match.index)), ...rows);
      from = match.index + match[0].length;
    }
    pieces.push(encoder.encode(documentXml.slice(from)));
    return Buffer.concat(pieces);
  }

  private rowXml({ properties, cells }: RowParts, context: Context): string {
    if (cells.length === 0) return ''; // docx writes no row without cells
    let xml = this.rowOpening(properties, context);
    for (const cell of cells) {
      let written = rememberedCells.get(cell.key);
      if (written === undefined) {
        const prepared = cell.make().prepForXml(context);
        written = prepared ? xmlOf(prepared as Prepared) : '';
        // Bounded: cells met once (a long table's names) would only double the rows' text in memory.
        if (rememberedCells.size >= MAX_REMEMBERED_CELLS) rememberedCells.clear();
        rememberedCells.set(cell.key, written);
      }
      xml += written;
    }
    return `${xml}</w:tr>`;
  }

  /** `<w:tr>` and the row's properties, as docx writes them for a row with these options. */
  private rowOpening(properties: RowParts['properties'], context: Context): string {
    const key = JSON.stringify(properties);
    let opening = this.rowOpenings.get(key);
    if (opening === undefined) {
      const prepared = new TableRow({ ...properties, children: [new TableCell({ children: [] })] }).prepForXml(context);
      const xml = prepared ? xmlOf(prepared as Prepared) : '';
      const firstCell = xml.indexOf('<w:tc>');
      if (!xml.startsWith('<w:tr') || firstCell < 0) throw new Error(`docx wrote a table row as ${xml.slice(0, 80)} (docx changed?)`);
      this.rowOpenings.set(key, (opening = xml.slice(0, firstCell)));
    }
    return opening;
  }
}

/**
 * A TableRow with no cells of its own (docx's Table reads its rows' cells: there are none to adjust), written as its
 * marker. Writing it writes the real rows, each with the table's context.
 */
class StreamedRows extends TableRow {
  constructor(
    private readonly count: number,
    private readonly rowXml: (index: number, context: Context) => string,
    private readonly written: (chunks: Uint8Array[]) => void,
    private readonly marker: string,
  ) {
    super({ children: [] });
  }

  override prepForXml(context: Context): ReturnType<TableRow['prepForXml']> {
    const chunks: Uint8Array[] = [];
    for (let start = 0; start < this.count; start += ROWS_PER_CHUNK) {
      let xml = '';
      for (let index = start; index < Math.min(start + ROWS_PER_CHUNK, this.count); index++) xml += this.rowXml(index, context);
      chunks.push(encoder.encode(xml));
    }
    this.written(chunks);
    return { [this.marker]: {} };
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '"': '&quot;', "'": '&apos;', '<': '&lt;', '>': '&gt;' };

/** docx's escaping: markup characters as entities; C0 controls other than tab and line breaks dropped (XML 1.0 has none). */
const escaped = (value: unknown): string =>
  typeof value === 'string' ? value.replace(/[&"'<>\x00-\x08\x0B\x0C\x0E-\x1F]/g, (char) => ESCAPES[char] ?? '') : String(value);

/**
 * The XML text of a prepared element, as docx's own writer gives it without indentation: `{ name: { _attr } }` is an
 * empty element, `{ name: [children...] }` an element with children (an `_attr` child gives attributes), and
 * `{ name: text }` an element with text.
 */
export function xmlOf(element: Prepared): string {
  const name = Object.keys(element)[0];
  if (name === undefined) return '';
  const value = element[name];
  let attributes = '';
  const addAttributes = (attr: Record<string, unknown>) => {
    for (const [key, attribute] of Object.entries(attr)) attributes += ` ${key}="${escaped(attribute)}"`;
  };
  let content: string | undefined;
  if (typeof value === 'object' && value !== null) {
    const { _attr: attr, _cdata: cdata } = value as { _attr?: Record<string, unknown>; _cdata?: string };
    if (attr) addAttributes(attr);
    if (cdata) content = `<![CDATA[${cdata.replace(/\]\]>/g, ']]]]><![CDATA[>')}]]>`;
    if (Array.isArray(value)) {
      content ??= '';
      for (const child of value) {
        if (typeof child !== 'object' || child === null) content += escaped(child);
        else if (Object.keys(child)[0] === '_attr') addAttributes((child as { _attr: Record<string, unknown> })._attr);
        else content += xmlOf(child as Prepared);
      }
    }
  } else content = value === undefined ? '' : escaped(value);
  return content === undefined ? `<${name}${attributes}/>` : `<${name}${attributes}>${content}</${name}>`;
}
