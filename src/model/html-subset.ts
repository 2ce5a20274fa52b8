// The HTML subset templates may emit: every element and attribute the document model understands, and nothing
// else. Both the template check (src/template/html-check.ts, which reports template lines) and the model parser
// (parse.ts) read this one table.

/** htmlparser2 settings shared by the template check and the model parser: entities decoded, `<x/>` not
 *  treated as closed (HTML does not either). */
export const PARSER_OPTIONS = { decodeEntities: true, recognizeSelfClosing: false } as const;

/** Parser handlers for markup that is never in the subset (processing instructions other than the doctype,
 *  CDATA); `startIndex` reads the parser's current offset. */
export function foreignMarkupHandlers(startIndex: () => number, report: (offset: number, message: string) => void) {
  return {
    onprocessinginstruction(name: string) {
      if (name.toLowerCase() !== '!doctype') report(startIndex(), `<${name}> is not allowed`);
    },
    oncdatastart() {
      report(startIndex(), 'CDATA sections are not allowed');
    },
  };
}

/** An attribute's allowed values: a list, a pattern, or any text. */
export type AttributeRule = { values: readonly string[] } | { pattern: RegExp; describe: string } | 'any';

export interface ElementRule {
  attributes: Readonly<Record<string, AttributeRule>>;
  /** Attributes that must be present. */
  required?: readonly string[];
  /** Void elements have no content and no end tag. */
  void?: boolean;
}

const ALIGN_VALUES = ['start', 'end', 'center', 'justify', 'kashida'] as const;
const PARAGRAPH_CLASSES = ['lead', 'note', 'source', 'meta'] as const;
export const META_NAMES = ['author', 'subject', 'keywords', 'date', 'header', 'footer', 'page-label'] as const;

const align: AttributeRule = { values: ALIGN_VALUES };
const cellAttributes: Record<string, AttributeRule> = {
  class: { values: ['num'] },
  'data-align': align,
  'data-width': { pattern: /^(?:\d+(?:\.\d+)?|\.\d+)$/, describe: 'a positive number (a relative width)' },
  colspan: { pattern: /^[1-9]\d?$/, describe: 'a whole number from 1 to 99' },
};

export const HTML_SUBSET: Readonly<Record<string, ElementRule>> = {
  html: {
    attributes: {
      lang: { pattern: /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, describe: 'a BCP 47 language tag like ar-MA' },
      dir: { values: ['rtl', 'ltr'] },
    },
    required: ['lang', 'dir'],
  },
  head: { attributes: {} },
  title: { attributes: {} },
  meta: {
    attributes: { name: { values: META_NAMES }, content: 'any', charset: { values: ['utf-8', 'UTF-8'] } },
    void: true,
  },
  body: { attributes: {} },
  h1: { attributes: {} },
  h2: { attributes: {} },
  h3: { attributes: {} },
  p: { attributes: { class: { values: PARAGRAPH_CLASSES }, 'data-align': align } },
  strong: { attributes: {} },
  b: { attributes: {} },
  em: { attributes: {} },
  i: { attributes: {} },
  br: { attributes: {}, void: true },
  table: { attributes: {} },
  caption: { attributes: {} },
  thead: { attributes: {} },
  tbody: { attributes: {} },
  tr: { attributes: {} },
  th: { attributes: cellAttributes },
  td: { attributes: cellAttributes },
  ul: { attributes: {} },
  ol: { attributes: {} },
  li: { attributes: {} },
  figure: { attributes: { class: { values: ['stat', 'chart'] }, 'data-chart': { values: ['bar'] }, 'data-sort': { values: ['descending', 'ascending'] } }, required: ['class'] },
  data: { attributes: { value: 'any' }, required: ['value'] },
  figcaption: { attributes: {} },
};

/** Why `value` is not allowed for `attribute`, or undefined when it is. */
function attributeValueProblem(rule: AttributeRule, attribute: string, value: string): string | undefined {
  if (rule === 'any') return undefined;
  if ('values' in rule) {
    return rule.values.includes(value)
      ? undefined
      : `${attribute}="${value}" is not allowed (use ${rule.values.map((allowed) => `"${allowed}"`).join(', ')})`;
  }
  return rule.pattern.test(value) ? undefined : `${attribute}="${value}" must be ${rule.describe}`;
}

export function elementProblem(name: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(HTML_SUBSET, name)
    ? undefined
    : `element <${name}> is not allowed (the subset: ${Object.keys(HTML_SUBSET).join(', ')})`;
}

export function attributeProblem(element: string, attribute: string, value: string | undefined): string | undefined {
  const rule = HTML_SUBSET[element]?.attributes[attribute];
  if (!rule) {
    const allowed = Object.keys(HTML_SUBSET[element]?.attributes ?? {});
    return `attribute ${attribute} is not allowed on <${element}>${allowed.length ? ` (allowed: ${allowed.join(', ')})` : ' (it takes none)'}`;
  }
  return value === undefined ? undefined : attributeValueProblem(rule, attribute, value);
}

/** The attributes `element` must have and lacks (`has` tells whether it has one), one message each. */
export function missingAttributeProblems(element: string, has: (attribute: string) => boolean): string[] {
  return (HTML_SUBSET[element]?.required ?? [])
    .filter((attribute) => !has(attribute))
    .map((attribute) => `<${element}> needs a ${attribute} attribute`);
}
