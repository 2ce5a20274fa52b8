// The one-way flow: dataset file → template → HTML subset → document model. Renderers take it from there.
//   dataset   src/dataset   (schema, load, derive, view)
//   template  src/template  (Handlebars, helpers, checks)
//   model     src/model     (parse the HTML subset into blocks)
import { TEMPLATE_DIR } from './package-root.js';
import { loadDatasetCached } from './dataset/load.js';
import type { Dataset } from './dataset/schema.js';
import { briefingView, type BriefingView } from './dataset/view.js';
import { parseDocument } from './model/parse.js';
import type { DocumentModel } from './model/types.js';
import { loadTemplate, TemplateRenderError, type LoadedTemplate } from './template/engine.js';
import { InputError, type Problem } from './errors.js';

export interface PipelineInput {
  /** Path of the dataset JSON (e.g. data/dgsn-2017.json). */
  dataFile: string;
  /** Template name in templates/ without extension (e.g. briefing.ar). */
  template: string;
  /** Folder holding the templates (default: the package's templates/). */
  templateDir?: string;
}

const views = new WeakMap<Dataset, BriefingView>();

/** Loads the dataset, renders the template and parses the result. Throws InputError for bad data or templates.
 *  Datasets and compiled templates are reused while their files are unchanged, so repeated calls are cheap. */
export function buildDocumentModel(input: PipelineInput): DocumentModel {
  const dataset = loadDatasetCached(input.dataFile);
  let view = views.get(dataset);
  if (!view) {
    view = briefingView(dataset);
    views.set(dataset, view);
  }
  const template = loadTemplate(input.template, input.templateDir ?? TEMPLATE_DIR);
  let html: string;
  try {
    html = template.render(view);
  } catch (error) {
    if (!(error instanceof TemplateRenderError)) throw error;
    // All of a template's problems in one run: those of the model too, from what the reporting render wrote.
    const modelProblems = error.partialHtml === undefined ? [] : modelProblemsOf(error.partialHtml, template);
    throw new InputError([...error.problems, ...notOnTheSameLine(modelProblems, error.problems)]);
  }
  try {
    return parseDocument(html, { file: template.file, placePrefix: 'rendered HTML ' });
  } catch (error) {
    if (error instanceof InputError) throw new InputError(template.locate(error.problems));
    throw error;
  }
}

/** The rendered HTML is checked again defensively; its problems are reported at the template's lines. */
function modelProblemsOf(html: string, template: LoadedTemplate): Problem[] {
  try {
    parseDocument(html, { file: template.file, placePrefix: 'rendered HTML ' });
    return [];
  } catch (error) {
    if (error instanceof InputError) return template.locate(error.problems);
    throw error;
  }
}

/** A model problem on the line of a template problem is its echo (an empty title where the title was missing). */
function notOnTheSameLine(problems: readonly Problem[], causes: readonly Problem[]): Problem[] {
  const lineOf = (problem: Problem) => `${problem.file}\0${/line \d+/.exec(problem.place)?.[0] ?? problem.place}`;
  const taken = new Set(causes.map(lineOf));
  return problems.filter((problem) => !taken.has(lineOf(problem)));
}
