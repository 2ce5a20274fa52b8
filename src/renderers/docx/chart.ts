// A bar chart as Word's own chart (docx's ChartRun: a chart part with its data in an embedded workbook, editable
// with Word's "Edit Data"): the caption as a Caption paragraph, the bars in the model's order from the top, each
// labelled with its value as the edition writes it, growing from the start side (the value axis reversed in a
// right-to-left document), in the body family, described for screen readers in the document's language. What
// docx cannot say (the chart's language, right-to-left text) the package pass writes into the part (package.ts).
import { Paragraph } from 'docx';
import { ChartRun } from 'docx/charts';
import { inlineText } from '../../model/block-inlines.js';
import type { ChartBlock, Inline } from '../../model/types.js';
import { BODY_FAMILY } from '../../fonts/index.js';
import { CHART, ooxmlColor, TEXT_WIDTH } from '../../theme/index.js';
import type { BlockContext } from './blocks.js';

const plain = (inlines: readonly Inline[]) => inlines.map((inline) => inlineText(inline, ' ')).join('').trim();

/** Points to the 96-dpi pixels docx sizes charts in. */
const pixels = (points: number) => Math.round((points * 96) / 72);

/**
 * An Excel number format that groups digits as the edition does, whatever the reader's locale: dots for ar-MA
 * (1.965.644), no-break spaces for French (1 965 644: the body face has no narrow one, and a chart takes no
 * fallback font), by magnitude (Excel formats take two conditions).
 */
function groupedFormat(lang: string): string {
  const separator = lang.startsWith('fr') ? '"\u00a0"' : '"."';
  return `[>=1000000]#${separator}###${separator}##0;[>=1000]#${separator}##0;0`;
}

export function chartRun(block: ChartBlock, context: BlockContext): ChartRun {
  const rtl = context.direction === 'rtl';
  const title = plain(block.caption);
  return new ChartRun({
    type: 'bar',
    categories: block.bars.map((bar) => plain(bar.label)),
    series: [
      {
        name: title,
        values: block.bars.map((bar) => bar.value),
        color: ooxmlColor('accent'),
      },
    ],
    legend: false,
    font: { name: BODY_FAMILY },
    dataLabels: { value: true, position: 'outsideEnd', numberFormat: groupedFormat(context.lang), font: { size: CHART.value.size, bold: true, color: ooxmlColor('heading') } },
    // Word draws the first category at the bottom: reversed, the bars read from the top as in the PDF.
    categoryAxis: { reverseOrder: true, font: { size: CHART.label.size, color: ooxmlColor('ink') } },
    // The values are on the bars: no value axis, no gridlines; reversed in a right-to-left document, so the bars
    // grow from the right, where the labels are.
    valueAxis: { visible: false, gridlines: false, reverseOrder: rtl, minimum: 0 },
    chartArea: { border: 'none' },
    transformation: { width: pixels(TEXT_WIDTH), height: pixels(block.bars.length * CHART.rowHeight + 24) },
    altText: { name: title, title, description: block.alt },
  });
}

export function chartParagraphs(block: ChartBlock, context: BlockContext, caption: (inlines: readonly Inline[]) => Paragraph): Paragraph[] {
  // The chart's own paragraph is left to right even in an Arabic document (whose paragraphs are right to left by
  // style): LibreOffice lays a chart's numbers out in its anchor paragraph's direction and draws 1.965.644 as
  // "446.569.1" in a right-to-left one. The chart is as wide as the text, so the paragraph's direction moves
  // nothing; its labels keep their own rtl="1" (chart-parts.ts).
  const leftToRight = context.direction === 'rtl' ? { bidirectional: false } : {};
  return [caption(block.caption), new Paragraph({ keepLines: true, ...leftToRight, children: [chartRun(block, context)] })];
}
