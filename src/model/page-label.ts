// The page label's placeholders (DocumentMetadata.pageLabel), parsed once for every renderer: `{page}` and
// `{pages}` stand for the page number and the page count, which each renderer fills its own way (numbers drawn in
// the PDF, DOCX fields, CSS counters).

export type PageLabelPart = { text: string } | { counter: 'page' | 'pages' };

/** `صفحة {page} من {pages}` → text `صفحة `, counter page, text ` من `, counter pages; no empty texts. */
export function pageLabelParts(label: string): PageLabelPart[] {
  const parts: PageLabelPart[] = [];
  let last = 0;
  for (const match of label.matchAll(/\{(pages?)\}/g)) {
    if (match.index > last) parts.push({ text: label.slice(last, match.index) });
    parts.push({ counter: match[1] === 'page' ? 'page' : 'pages' });
    last = match.index + match[0].length;
  }
  if (last < label.length) parts.push({ text: label.slice(last) });
  return parts;
}
