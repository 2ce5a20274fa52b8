import type { WarningSink } from '../errors.js';
import type { DocumentModel } from '../model/types.js';

export type OutputFormat = 'pdf' | 'docx' | 'html';

export interface RenderContext {
  /** Reported problems that do not stop the build (uncovered characters, ...). */
  warn: WarningSink;
}

/** Every output format is one of these: it reads the document model and returns the file's bytes. */
export interface Renderer {
  format: OutputFormat;
  /** File extension without the dot. */
  extension: string;
  render(document: DocumentModel, context: RenderContext): Promise<Uint8Array>;
}
