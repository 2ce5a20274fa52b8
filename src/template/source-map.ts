// From a problem in the rendered HTML back to the template line that wrote it. The template is "expanded":
// each {{> partial}} replaced by the partial's source, every other {{...}} blanked out, each piece remembering
// which file and offset it came from. Parsing that text with the model parser finds the same structural
// problems (a <td> inside a <p>) at template positions. It is only a locator: the rendered HTML stays the judge,
// and a rendered problem without a twin in the expansion keeps its rendered-HTML place.
import { formatLineColumn, InputError, lineColumnAt, type Problem } from '../errors.js';
import { parseDocument } from '../model/parse.js';
import { MUSTACHE_PATTERN, maskMustaches } from './html-check.js';

export interface TemplateSource {
  file: string;
  text: string;
}

interface Segment {
  /** Offset in the expanded text. */
  start: number;
  source: TemplateSource;
  /** Offset in the source file. */
  sourceOffset: number;
}

export interface ExpandedTemplate {
  text: string;
  locate(offset: number): { file: string; place: string };
}

const PARTIAL_CALL = /^\{\{~?>\s*([^\s}~]+)/;
const MAX_DEPTH = 8;

export function expandTemplate(main: TemplateSource, partials: ReadonlyMap<string, TemplateSource>): ExpandedTemplate {
  const segments: Segment[] = [];
  let text = '';
  const masked = new Map<TemplateSource, string>();

  const append = (source: TemplateSource, from: number, to: number) => {
    if (to <= from) return;
    let maskedText = masked.get(source);
    if (maskedText === undefined) {
      maskedText = maskMustaches(source.text).text;
      masked.set(source, maskedText);
    }
    segments.push({ start: text.length, source, sourceOffset: from });
    text += maskedText.slice(from, to);
  };

  const expand = (source: TemplateSource, depth: number) => {
    let cursor = 0;
    for (const match of source.text.matchAll(new RegExp(MUSTACHE_PATTERN.source, 'g'))) {
      const name = PARTIAL_CALL.exec(match[0])?.[1];
      const partial = name === undefined ? undefined : partials.get(name);
      if (!partial || depth >= MAX_DEPTH) continue;
      const start = match.index;
      append(source, cursor, start);
      expand(partial, depth + 1);
      cursor = start + match[0].length;
    }
    append(source, cursor, source.text.length);
  };
  expand(main, 0);

  return {
    text,
    locate(offset: number) {
      let low = 0;
      let high = segments.length - 1;
      while (low < high) {
        const middle = (low + high + 1) >> 1;
        if (segments[middle]!.start <= offset) low = middle;
        else high = middle - 1;
      }
      const segment = segments[low];
      if (!segment) return { file: main.file, place: '' };
      const sourceOffset = segment.sourceOffset + (offset - segment.start);
      return { file: segment.source.file, place: formatLineColumn(lineColumnAt(segment.source.text, sourceOffset)) };
    },
  };
}

/** The rendered HTML's problems, each moved to its template line where the expanded template shows the same. */
export function locateInTemplate(rendered: readonly Problem[], expanded: ExpandedTemplate, mainFile: string): Problem[] {
  let inTemplate: Problem[] = [];
  try {
    parseDocument(expanded.text, { file: mainFile, locate: (offset) => expanded.locate(offset) });
  } catch (error) {
    if (error instanceof InputError) inTemplate = error.problems;
  }
  const located: Problem[] = [];
  const seen = new Set<string>();
  for (const problem of rendered) {
    const twin = inTemplate.find((candidate) => candidate.message === problem.message);
    const chosen = twin ?? problem;
    const key = `${chosen.file}\u0000${chosen.place}\u0000${chosen.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      located.push(chosen);
    }
  }
  return located;
}
