// The template's HTML as a small tree with source offsets (htmlparser2), and the checks every element gets
// against the subset (html-subset.ts).
import { Parser } from 'htmlparser2';
import { attributeProblem, elementProblem, foreignMarkupHandlers, HTML_SUBSET, missingAttributeProblems, PARSER_OPTIONS } from './html-subset.js';

export interface ElementNode {
  type: 'element';
  name: string;
  attributes: Record<string, string>;
  children: TreeNode[];
  start: number;
}
export interface TextNode {
  type: 'text';
  text: string;
  start: number;
}
export type TreeNode = ElementNode | TextNode;

export type Report = (offset: number, message: string) => void;

export function buildTree(html: string, report: Report): ElementNode {
  const root: ElementNode = { type: 'element', name: '#document', attributes: {}, children: [], start: 0 };
  const stack: ElementNode[] = [root];
  const parser: Parser = new Parser(
    {
      onopentag(name, attributes) {
        const node: ElementNode = { type: 'element', name, attributes, children: [], start: parser.startIndex };
        stack[stack.length - 1]!.children.push(node);
        stack.push(node);
      },
      onclosetag(name, isImplied) {
        const node = stack.pop();
        if (!node || !isImplied || HTML_SUBSET[name]?.void) return;
        // HTML closes some elements by itself when another opens (a <p> before a <ul>): say which.
        const opening = /^<([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(parser.startIndex, parser.startIndex + 40))?.[1]?.toLowerCase();
        if (opening && parser.startIndex > node.start) {
          report(parser.startIndex, `<${opening}> is not allowed inside <${name}>${name === 'p' ? ' (only text, strong, b, em, i, br)' : ''}`);
        } else {
          report(node.start, `<${name}> is not closed (write </${name}>)`);
        }
      },
      ontext(text) {
        const parent = stack[stack.length - 1]!;
        const last = parent.children[parent.children.length - 1];
        if (last?.type === 'text') last.text += text;
        else parent.children.push({ type: 'text', text, start: parser.startIndex });
      },
      ...foreignMarkupHandlers(() => parser.startIndex, report),
    },
    PARSER_OPTIONS,
  );
  parser.write(html);
  parser.end();
  return root;
}

export const isBlank = (node: TreeNode) => node.type === 'text' && /^[ \t\n\r\f]*$/.test(node.text);

/** The element children of `node`; stray text is reported. */
export function elementChildren(node: ElementNode, report: Report, where: string): ElementNode[] {
  const elements: ElementNode[] = [];
  for (const child of node.children) {
    if (child.type === 'element') elements.push(child);
    else if (!isBlank(child)) report(child.start + child.text.search(/[^ \t\n\r\f]/), `text is not allowed directly inside ${where}`);
  }
  return elements;
}

/** Checks the element and its attributes against the subset; false when the element is not in it. */
export function checkElement(node: ElementNode, report: Report): boolean {
  const elementError = elementProblem(node.name);
  if (elementError) {
    report(node.start, elementError);
    return false;
  }
  for (const [name, value] of Object.entries(node.attributes)) {
    const error = attributeProblem(node.name, name, value);
    if (error) report(node.start, `<${node.name}>: ${error}`);
  }
  for (const missing of missingAttributeProblems(node.name, (name) => node.attributes[name] !== undefined)) report(node.start, missing);
  return true;
}
