// The one-way flow: dataset file → template → HTML subset → document model. Renderers take it from there.
// STUB: the spine work fills this in (src/dataset, src/template, src/model/parse.ts).
import type { DocumentModel } from './model/types.js';

export interface PipelineInput {
  /** Path of the dataset JSON (e.g. data/dgsn-2017.json). */
  dataFile: string;
  /** Template name in templates/ without extension (e.g. briefing.ar). */
  template: string;
  /** Folder holding the templates (default: the package's templates/). */
  templateDir?: string;
}

export function buildDocumentModel(_input: PipelineInput): DocumentModel {
  throw new Error('not implemented yet');
}
