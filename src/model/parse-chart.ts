// Reading `<figure class="chart" data-chart="bar">` into a ChartBlock: the caption, and one bar per table row (a
// `<th>` label, a `<td>` holding `<data value="…">` with the number as the edition writes it).
import { inlineText } from './block-inlines.js';
import { checkElement, elementChildren, type ElementNode, type Report } from './html-tree.js';
import { collapseSpace, readInlines, textContent } from './parse-inlines.js';
import type { ChartBar, ChartBlock, Inline } from './types.js';

export function readChart(element: ElementNode, report: Report, lang: string): ChartBlock {
  let caption: Inline[] | undefined;
  const bars: ChartBar[] = [];
  const chart = element.attributes['data-chart'];
  if (chart !== 'bar') report(element.start, '<figure class="chart"> needs data-chart="bar"');
  for (const child of elementChildren(element, report, '<figure class="chart">')) {
    if (!checkElement(child, report)) continue;
    if (child.name === 'figcaption' && caption === undefined) caption = readInlines(child, report);
    else if (child.name === 'table' && bars.length === 0) bars.push(...readBars(child, report));
    else report(child.start, `<figure class="chart"> holds one <figcaption> and one <table>, not <${child.name}> here`);
  }
  if (!caption) report(element.start, '<figure class="chart"> needs a <figcaption> (the chart\'s title and alt text)');
  if (bars.length === 0) report(element.start, '<figure class="chart"> needs a <table> with at least one row');
  const sort = element.attributes['data-sort'];
  if (sort === 'descending') bars.sort((a, b) => b.value - a.value);
  if (sort === 'ascending') bars.sort((a, b) => a.value - b.value);
  const captionInlines = caption ?? [];
  return { kind: 'chart', chart: 'bar', caption: captionInlines, bars, alt: altText(captionInlines, bars, lang) };
}

function readBars(table: ElementNode, report: Report): ChartBar[] {
  const bars: ChartBar[] = [];
  const rows = elementChildren(table, report, '<table>').flatMap((child) => (child.name === 'tbody' ? elementChildren(child, report, '<tbody>') : [child]));
  for (const row of rows) {
    if (!checkElement(row, report)) continue;
    if (row.name !== 'tr') {
      report(row.start, `a chart's <table> holds <tr> rows, not <${row.name}>`);
      continue;
    }
    const [label, cell, ...rest] = elementChildren(row, report, '<tr>');
    if (!label || label.name !== 'th' || !cell || cell.name !== 'td' || rest.length > 0) {
      report(row.start, 'a chart row is one <th> (the label) and one <td> holding <data value="…"> (the number)');
      continue;
    }
    const data = elementChildren(cell, report, '<td>').find((child) => child.name === 'data');
    const value = Number(data?.attributes.value);
    if (!data || !Number.isFinite(value) || value < 0) {
      report(cell.start, 'a chart row\'s <td> needs <data value="…"> with a number of zero or more');
      continue;
    }
    bars.push({ label: readInlines(label, report), value, display: collapseSpace(textContent(data, report)).trim() });
  }
  return bars;
}

/** "Title: label 1.965.644; label 476." in the document's language's punctuation. */
function altText(caption: readonly Inline[], bars: readonly ChartBar[], lang: string): string {
  const arabic = lang.startsWith('ar');
  const title = caption.map((inline) => inlineText(inline, ' ')).join('').trim();
  const items = bars.map((bar) => `${bar.label.map((inline) => inlineText(inline, ' ')).join('').trim()}${arabic ? ': ' : ' : '}${bar.display}`);
  return `${title}${arabic ? ': ' : ' : '}${items.join(arabic ? '؛ ' : ' ; ')}.`;
}
