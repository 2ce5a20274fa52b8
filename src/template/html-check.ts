// Checks a template's own source against the HTML subset, so an error names the template line, not a line of
// the rendered output. Every `{{...}}` is blanked out first (same length, newlines kept), so offsets still match
// the source; attribute values that held an expression are not checked here (the rendered HTML is, later).
import { Parser } from 'htmlparser2';
import { formatLineColumn, lineColumnAt, type Problem } from '../errors.js';
import {
  attributeProblem,
  elementProblem,
  foreignMarkupHandlers,
  missingAttributeProblems,
  PARSER_OPTIONS,
} from '../model/html-subset.js';

/** A Handlebars expression: a long comment (which may hold `}}`), a triple-stash, or any other `{{...}}`. */
export const MUSTACHE_PATTERN = /\{\{!--[\s\S]*?--\}\}|\{\{\{[\s\S]*?\}\}\}|\{\{[\s\S]*?\}\}/g;

export interface MaskedSource {
  text: string;
  /** [start, end) offsets of the blanked expressions, in order. */
  ranges: [number, number][];
}

/** The source with every Handlebars expression replaced by spaces of the same length (newlines kept). */
export function maskMustaches(source: string): MaskedSource {
  const ranges: [number, number][] = [];
  const text = source.replace(MUSTACHE_PATTERN, (match, offset: number) => {
    ranges.push([offset, offset + match.length]);
    return match.replace(/[^\n]/g, ' ');
  });
  return { text, ranges };
}

export interface HtmlCheckResult {
  problems: Problem[];
  /** The literal `lang` of the template's `<html>` element, if it has one. */
  lang: string | undefined;
}

/** Problems with elements and attributes outside the subset, each at its template line and column. */
export function checkTemplateHtml(source: string, file: string): HtmlCheckResult {
  const { text, ranges } = maskMustaches(source);
  const problems: Problem[] = [];
  let lang: string | undefined;
  const report = (offset: number, message: string) =>
    problems.push({ file, place: formatLineColumn(lineColumnAt(source, offset)), message });
  const holdsExpression = (start: number, end: number) => ranges.some(([from, to]) => from < end && to > start);

  let attributes: { name: string; value: string; start: number; end: number }[] = [];
  const parser: Parser = new Parser(
    {
      onattribute(name, value) {
        attributes.push({ name, value, start: parser.startIndex, end: parser.endIndex + 1 });
      },
      onopentag(name) {
        const tagStart = parser.startIndex;
        const elementError = elementProblem(name);
        if (elementError) {
          report(tagStart, elementError);
        } else {
          for (const attribute of attributes) {
            const dynamic = holdsExpression(attribute.start, attribute.end);
            const error = attributeProblem(name, attribute.name, dynamic ? undefined : attribute.value);
            if (error) report(attribute.start, error);
          }
          if (name === 'html') {
            const langAttribute = attributes.find((attribute) => attribute.name === 'lang');
            if (langAttribute && !holdsExpression(langAttribute.start, langAttribute.end)) lang = langAttribute.value;
          }
          const has = (attributeName: string) => attributes.some((attribute) => attribute.name === attributeName);
          for (const missing of missingAttributeProblems(name, has)) report(tagStart, missing);
        }
        attributes = [];
      },
      ...foreignMarkupHandlers(() => parser.startIndex, report),
    },
    PARSER_OPTIONS,
  );
  parser.write(text);
  parser.end();
  return { problems, lang };
}
