// What a template sees: the dataset plus its derived figures, as plain JSON with every optional field present
// (null when absent), because templates run in Handlebars strict mode where a missing field is an error.
import { closeBidiControlsDeep } from './bidi-controls.js';
import { deriveFigures, type ComputedTotal } from './derive.js';
import type { Dataset, Event, Fact, Figure, Label, Plan, Publication } from './schema.js';

export interface FigureView {
  id: string;
  value: number;
  written: string | null;
  unit: Label;
  label: Label;
  /** The whole this figure is a part of, or null. */
  partOf: string | null;
  isPart: boolean;
  /** The part's share of its whole (0..1), or null. */
  share: number | null;
  quote: string;
}

export interface PlanView {
  id: string;
  project: Label;
  area: Label;
  place: Label | null;
  count: {
    value: number;
    written: string | null;
    unit: Label;
    parts: { value: number; written: string | null; place: Label | null; label: Label | null }[];
  } | null;
  due: number | null;
  quote: string;
}

export interface BriefingView {
  year: number;
  planYear: number;
  publication: Omit<Publication, 'article'> & { article: string | null };
  documents: FigureView[];
  communication: FigureView[];
  events: Event[];
  facts: { documents: Fact[]; communication: Fact[]; plans: Fact[] };
  plans: PlanView[];
  totals: ComputedTotal[];
  /** The first document figure and its first part, for a summary sentence; null when there are no documents. */
  headline: { figure: FigureView; part: FigureView | null } | null;
}

export function briefingView(validated: Dataset): BriefingView {
  const dataset = closeBidiControlsDeep(validated);
  const { shares, totals } = deriveFigures(dataset);
  const figureView = (figure: Figure): FigureView => ({
    id: figure.id,
    value: figure.value,
    written: figure.written ?? null,
    unit: figure.unit,
    label: figure.label,
    partOf: figure.partOf ?? null,
    isPart: figure.partOf !== undefined,
    share: shares.get(figure.id)?.ratio ?? null,
    quote: figure.quote,
  });
  const documents = dataset.documents.map(figureView);
  const headlineFigure = documents.find((figure) => !figure.isPart) ?? null;

  return {
    year: dataset.year,
    planYear: dataset.planYear,
    publication: { ...dataset.publication, article: dataset.publication.article ?? null },
    documents,
    communication: dataset.communication.map(figureView),
    events: dataset.events,
    facts: {
      documents: dataset.facts.filter((fact) => fact.section === 'documents'),
      communication: dataset.facts.filter((fact) => fact.section === 'communication'),
      plans: dataset.facts.filter((fact) => fact.section === 'plans'),
    },
    plans: dataset.plans.map(planView),
    totals,
    headline: headlineFigure
      ? // A part of a whole of zero has no share to show (0 of 0).
        { figure: headlineFigure, part: documents.find((figure) => figure.partOf === headlineFigure.id && figure.share !== null) ?? null }
      : null,
  };
}

function planView(plan: Plan): PlanView {
  return {
    id: plan.id,
    project: plan.project,
    area: plan.area,
    place: plan.place ?? null,
    count: plan.count
      ? {
          value: plan.count.value,
          written: plan.count.written ?? null,
          unit: plan.count.unit,
          parts: (plan.count.parts ?? []).map((part) => ({
            value: part.value,
            written: part.written ?? null,
            place: part.place ?? null,
            label: part.label ?? null,
          })),
        }
      : null,
    due: plan.due ?? null,
    quote: plan.quote,
  };
}
