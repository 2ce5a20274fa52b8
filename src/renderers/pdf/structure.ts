// Tagged PDF: the structure tree (Document → H1/P/L/Table …) and the marked content that ties drawn text to it.
// Everything drawn is either structure content or an Artifact (running header/footer, rules, shading, repeated
// table headers), so assistive technology and `Tagged: yes` readers see each word exactly once.
import { structElementDataOf } from './pdfkit-internals.js';

type Doc = PDFKit.PDFDocument;
export type StructElement = PDFKit.PDFStructureElement;

/** pdfkit accepts more structure options than its typings list (`scope` on TH). */
interface ElementOptions {
  lang?: string;
  alt?: string;
  actual?: string;
  scope?: 'Column' | 'Row' | 'Both';
}

export type ArtifactKind = 'Pagination' | 'Layout';

export class Tagger {
  readonly root: StructElement;

  constructor(private readonly doc: Doc) {
    this.root = doc.struct('Document');
    doc.addStructure(this.root);
  }

  /** A new structure element appended to `parent` (the document root by default), in reading order. */
  element(type: string, parent: StructElement = this.root, options: ElementOptions = {}): StructElement {
    // The typings' options omit `scope`, which pdfkit's runtime accepts.
    const element = this.doc.struct(type, options as Parameters<Doc['struct']>[1]);
    parent.add(element);
    return element;
  }

  /** Runs `draw` inside a marked-content sequence that belongs to `element`. */
  content(element: StructElement, type: string, draw: () => void): void {
    const marked = this.doc.markStructureContent(type);
    draw();
    this.doc.endMarkedContent();
    element.add(marked);
  }

  /** Runs `draw` as an Artifact: page furniture and decoration that is not part of the text. `attached`
   *  says which page edge a running header (Top) or footer (Bottom) belongs to. */
  artifact(kind: ArtifactKind, draw: () => void, attached?: 'Top' | 'Bottom'): void {
    this.doc.markContent('Artifact', attached ? { type: kind, attached: [attached] } : { type: kind });
    draw();
    this.doc.endMarkedContent();
  }

  /** Table attributes pdfkit has no option for (ColSpan), merged into the element's /A dictionary. */
  tableAttributes(element: StructElement, attributes: { ColSpan?: number }): void {
    const data = structElementDataOf(element);
    data.A = { ...(data.A ?? {}), O: 'Table', ...attributes };
  }

  /** Closes the tree; pdfkit writes each element once it and all its children are ended. */
  end(): void {
    this.root.end();
  }
}
