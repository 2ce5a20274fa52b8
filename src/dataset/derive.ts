// Figures computed from the dataset, never typed in: each part's share of its whole, and the totals.
import type { Dataset, Figure, Total } from './schema.js';

export interface Share {
  /** The part's id. */
  part: string;
  /** The whole's id. */
  whole: string;
  /** part / whole, between 0 and 1. */
  ratio: number;
}

export interface ComputedTotal {
  id: string;
  label: Total['label'];
  value: number;
  unit: Figure['unit'];
  of: string[];
}

export interface Derived {
  /** Shares by part id. */
  shares: Map<string, Share>;
  totals: ComputedTotal[];
}

function allFigures(dataset: Dataset): Figure[] {
  return [...dataset.documents, ...dataset.communication];
}

/** Assumes a validated dataset (ids unique, parts within wholes, totals of like figures). */
export function deriveFigures(dataset: Dataset): Derived {
  const figures = new Map(allFigures(dataset).map((figure) => [figure.id, figure]));

  const shares = new Map<string, Share>();
  for (const figure of figures.values()) {
    const whole = figure.partOf === undefined ? undefined : figures.get(figure.partOf);
    if (whole && whole.value > 0) shares.set(figure.id, { part: figure.id, whole: whole.id, ratio: figure.value / whole.value });
  }

  const totals = dataset.totals.map((total): ComputedTotal => {
    const members = total.of.map((id) => figures.get(id)).filter((figure): figure is Figure => figure !== undefined);
    const first = members[0];
    if (!first) throw new Error(`total "${total.id}" names no known figure`);
    return {
      id: total.id,
      label: total.label,
      value: members.reduce((sum, figure) => sum + figure.value, 0),
      unit: first.unit,
      of: [...total.of],
    };
  });

  return { shares, totals };
}
