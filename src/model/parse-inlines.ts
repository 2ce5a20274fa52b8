// Reading the inline content of an element (text, strong/b, em/i, br) into the model's runs, white space
// collapsed as HTML does.
import { checkElement, type ElementNode, type Report } from './html-tree.js';
import type { Align, Inline, TextInline } from './types.js';

export function alignOf(element: ElementNode, fallback: Align): Align {
  return (element.attributes['data-align'] as Align | undefined) ?? fallback;
}

export interface RawText {
  kind: 'text';
  text: string;
  bold: boolean;
  italic: boolean;
}
export type RawInline = RawText | { kind: 'break' };

export const INLINE_ELEMENTS = new Set(['strong', 'b', 'em', 'i', 'br']);

/** The inline content of a block element, whitespace collapsed as HTML does. */
export function readInlines(element: ElementNode, report: Report): Inline[] {
  const raw: RawInline[] = [];
  collectInlines(element, { bold: false, italic: false }, raw, report);
  return collapseInlines(raw);
}

export function collectInlines(element: ElementNode, style: { bold: boolean; italic: boolean }, out: RawInline[], report: Report) {
  for (const child of element.children) {
    if (child.type === 'text') {
      out.push({ kind: 'text', text: child.text, ...style });
      continue;
    }
    if (!checkElement(child, report)) continue;
    if (!INLINE_ELEMENTS.has(child.name)) {
      report(child.start, `<${child.name}> is not allowed inside <${element.name}> (only text, strong, b, em, i, br)`);
      continue;
    }
    if (child.name === 'br') out.push({ kind: 'break' });
    else
      collectInlines(
        child,
        {
          bold: style.bold || child.name === 'strong' || child.name === 'b',
          italic: style.italic || child.name === 'em' || child.name === 'i',
        },
        out,
        report,
      );
  }
}

export const HTML_SPACE = /[ \t\n\r\f]+/g;

export function collapseSpace(text: string): string {
  return text.replace(HTML_SPACE, ' ');
}

/**
 * HTML's white-space collapsing: runs of ASCII white space become one space, dropped at the start and end of the
 * block and next to a line break; the space between two runs is kept once, at the end of the earlier run.
 * Adjacent runs of one style are merged.
 */
export function collapseInlines(raw: readonly RawInline[]): Inline[] {
  const out: Inline[] = [];
  let pendingSpace = false;
  let atLineStart = true;
  for (const item of raw) {
    if (item.kind === 'break') {
      out.push({ kind: 'break' });
      pendingSpace = false;
      atLineStart = true;
      continue;
    }
    let text = collapseSpace(item.text);
    if (text.startsWith(' ')) {
      if (!atLineStart) pendingSpace = true;
      text = text.slice(1);
    }
    if (text === '') continue;
    const trailing = text.endsWith(' ');
    if (trailing) text = text.slice(0, -1);
    if (pendingSpace) {
      const previous = out[out.length - 1];
      if (previous?.kind === 'text') previous.text += ' ';
      else text = ` ${text}`;
    }
    const previous = out[out.length - 1];
    if (previous?.kind === 'text' && previous.bold === item.bold && previous.italic === item.italic) previous.text += text;
    else out.push({ kind: 'text', text, bold: item.bold, italic: item.italic } satisfies TextInline);
    atLineStart = false;
    pendingSpace = trailing;
  }
  return out;
}

/** The plain text of an element that allows only text (title, data). */
export function textContent(element: ElementNode, report: Report): string {
  let text = '';
  for (const child of element.children) {
    if (child.type === 'text') text += child.text;
    else report(child.start, `<${child.name}> is not allowed inside <${element.name}> (text only)`);
  }
  return text;
}
