// Page breaks read back from word positions: headings stay with what follows, paragraphs break between lines
// with at least two lines on each side, nothing crosses the frame, list labels sit on the start side.
import { beforeAll, expect, it } from 'vitest';
import { FRAME } from '../src/renderers/pdf/style.js';
import { flowModel } from './fixtures/pdf/briefing-model.js';
import { describeWithTools, renderModel, wordBoxes, type PageWords, type Word } from './helpers/pdf.js';

const SLACK = 1;
const isBody = (w: Word) => w.yMin > FRAME.top - SLACK && w.yMax < FRAME.bottom + SLACK;

/** Words of the text frame grouped into visual lines (by rounded top), top to bottom. */
function lines(page: PageWords): Word[][] {
  const byTop = new Map<number, Word[]>();
  for (const w of page.words.filter(isBody)) {
    const key = Math.round(w.yMin);
    byTop.set(key, [...(byTop.get(key) ?? []), w]);
  }
  return [...byTop.entries()].sort((a, b) => a[0] - b[0]).map(([, ws]) => ws);
}

describeWithTools(['pdftotext'], 'PDF pagination', () => {
  let pages: PageWords[];

  beforeAll(async () => {
    const { file } = await renderModel(flowModel());
    pages = wordBoxes(file);
  });

  it('fills several pages, every word inside the margins', () => {
    expect(pages.length).toBeGreaterThanOrEqual(4);
    for (const page of pages) {
      for (const w of page.words) {
        expect(w.xMin).toBeGreaterThanOrEqual(FRAME.left - SLACK);
        expect(w.xMax).toBeLessThanOrEqual(FRAME.right + SLACK);
      }
      // Furniture only in the margins, body only inside the frame: no word straddles the frame's edge.
      for (const w of page.words) expect(isBody(w) || w.yMax <= FRAME.top + SLACK || w.yMin >= FRAME.bottom - SLACK, w.text).toBe(true);
    }
  });

  it('never ends a page with a heading', () => {
    for (const [index, page] of pages.entries()) {
      const last = lines(page).at(-1)!;
      expect(last.some((w) => /^s\d+head$/.test(w.text)), `page ${index + 1} ends with ${last.map((w) => w.text).join(' ')}`).toBe(false);
    }
  });

  it('puts a heading on the same page as the first two lines of its paragraph (or the whole of a one-liner)', () => {
    const isHeading = (line: Word[]) => line.some((w) => /^s\d+head$/.test(w.text));
    const paragraphOf = (line: Word[] | undefined) => line?.map((w) => w.text.match(/^p(\d+)w\d+$/)?.[1]).find(Boolean);
    for (const [index, page] of pages.entries()) {
      const pageLines = lines(page);
      pageLines.forEach((line, i) => {
        if (!isHeading(line)) return;
        const next = paragraphOf(pageLines[i + 1]);
        expect(next, `page ${index + 1}: text follows heading`).toBeDefined();
        const linesOfNext = pages.flatMap((p) => lines(p)).filter((l) => paragraphOf(l) === next).length;
        if (linesOfNext >= 2) expect(paragraphOf(pageLines[i + 2]), `page ${index + 1}`).toBe(next);
      });
    }
  });

  it('breaks paragraphs between lines, leaving at least two lines on each page', () => {
    const paragraphLines = new Map<string, number[]>();
    pages.forEach((page, index) => {
      for (const line of lines(page)) {
        const id = line.map((w) => w.text.match(/^p(\d+)w\d+$/)?.[1]).find(Boolean);
        if (id) paragraphLines.set(id, [...(paragraphLines.get(id) ?? []), index]);
      }
    });
    let split = 0;
    for (const [id, onPages] of paragraphLines) {
      const counts = [...new Set(onPages)].map((p) => onPages.filter((q) => q === p).length);
      if (counts.length > 1) split++;
      if (onPages.length >= 4) for (const count of counts) expect(count, `paragraph ${id}`).toBeGreaterThanOrEqual(2);
    }
    expect(split, 'some paragraph crosses a page break').toBeGreaterThan(0);
  });

  it('sets list labels on the start side (right in RTL), beside their item', () => {
    const labels = pages.flatMap((p) => p.words.filter((w) => w.text === '•' || /^\d+\.$|^\.\d+$/.test(w.text)));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) {
      const page = pages.find((p) => p.words.includes(label))!;
      const beside = page.words.filter((w) => w !== label && Math.abs(w.yMin - label.yMin) < 3 && /^l\d+i\d+w\d+$/.test(w.text));
      expect(beside.length).toBeGreaterThan(0);
      expect(label.xMin).toBeGreaterThan(Math.max(...beside.map((w) => w.xMax)));
    }
  });
});
