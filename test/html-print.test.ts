// The HTML briefing as headless Chromium prints it (the preview's "print" is what users file): no page ends
// with a heading, a table's caption or its header row whose content starts on the next page, and the figures of a
// numeric column end on one right edge, as in the PDF. Skips where
// chromium or pdftotext is missing; fails under CI=true, where .ci/run installs them.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, expect, it } from 'vitest';
import { inlineText } from '../src/model/block-inlines.js';
import type { DocumentModel, Inline } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { renderHtml } from '../src/renderers/html/index.js';
import { MARGIN } from '../src/theme/index.js';
import { comparableWords } from './helpers/docx.js';
import { longTableModel } from './fixtures/pdf/briefing-model.js';
import { expectOneRightEdge, figureWords } from './helpers/figures.js';
import { describeWithTools, wordBoxes, type PageWords } from './helpers/pdf.js';
import { scratchDir } from './helpers/scratch.js';

const plain = (inlines: readonly Inline[]) => inlines.map((inline) => inlineText(inline, ' ')).join('');

/** The texts that must never be the last thing on a page: headings, table captions, table header rows. */
function leadIns(model: DocumentModel): string[] {
  return model.blocks.flatMap((block) => {
    if (block.kind === 'heading') return [plain(block.inlines)];
    if (block.kind === 'table') return [plain(block.caption), ...block.head.map((row) => row.cells.map((cell) => plain(cell.inlines)).join(' '))];
    return [];
  });
}

/** The words of a page's last line of body text (the running header and footer sit in the margins). */
function lastBodyLine(page: PageWords): string[] {
  const body = page.words.filter((word) => word.yMin > MARGIN.top - 4 && word.yMax < page.height - MARGIN.bottom + 4);
  const bottom = Math.max(...body.map((word) => word.yMin));
  return comparableWords(body.filter((word) => Math.abs(word.yMin - bottom) < 3).map((word) => word.text).join(' '));
}

function printed(model: DocumentModel, name: string): PageWords[] {
  const dir = scratchDir('html-print-');
  const html = join(dir, `${name}.html`);
  const pdf = join(dir, `${name}.pdf`);
  writeFileSync(html, renderHtml(model));
  execFileSync(
    'chromium',
    ['--headless', '--no-sandbox', '--disable-gpu', `--user-data-dir=${join(dir, 'profile')}`, '--no-pdf-header-footer', `--print-to-pdf=${pdf}`, `file://${html}`],
    { stdio: 'ignore', timeout: 60_000 },
  );
  return wordBoxes(pdf);
}

for (const template of ['briefing.ar', 'briefing.fr']) {
  describeWithTools(['chromium', 'pdftotext'], `the ${template} HTML printed by Chromium`, () => {
    let model: DocumentModel;
    let pages: PageWords[];

    beforeAll(() => {
      model = buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template });
      pages = printed(model, template);
    }, 90_000);

    it('keeps every heading, table caption and header row with what follows it', () => {
      expect(pages.length).toBeGreaterThan(1);
      const stranded = leadIns(model).map((text) => comparableWords(text));
      pages.slice(0, -1).forEach((page, index) => {
        const last = lastBodyLine(page);
        expect(last.length, `page ${index + 1} has body text`).toBeGreaterThan(0);
        for (const words of stranded) {
          const onlyThese = last.every((word) => words.includes(word));
          expect(onlyThese, `page ${index + 1} ends with "${last.join(' ')}"`).toBe(false);
        }
      });
    });
  });
}

describeWithTools(['chromium', 'pdftotext'], 'a numeric column of the HTML printed by Chromium', () => {
  it('sets its figures on one right edge (units under units), as the PDF and the DOCX do', () => {
    const rows = 12;
    const numbers = new Intl.NumberFormat('ar-MA');
    const pages = printed(longTableModel(rows), 'long-table');
    expectOneRightEdge(figureWords(pages, Array.from({ length: rows }, (_, i) => numbers.format((i + 1) * 1001))), 1);
  });
});
