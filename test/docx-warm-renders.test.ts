// A process that renders one DOCX after another (watch, a batch, a server) reuses what it wrote before (table cells
// by their key, faces, styles): each briefing must come out exactly as it does in a process that renders it first.
import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_DATA_FILE } from '../src/package-root.js';

type Pipeline = typeof import('../src/pipeline.js');
type DocxRenderer = typeof import('../src/renderers/docx/index.js');

/** The DOCX of each edition, rendered in `order` by a fresh copy of the modules (nothing cached yet). */
async function renderInOrder(order: readonly string[]): Promise<Map<string, Buffer>[]> {
  vi.resetModules();
  const { buildDocumentModel } = (await import('../src/pipeline.js')) as Pipeline;
  const { docxRenderer } = (await import('../src/renderers/docx/index.js')) as DocxRenderer;
  const rounds: Map<string, Buffer>[] = [];
  for (let round = 0; round < 2; round++) {
    const bytes = new Map<string, Buffer>();
    for (const template of order) {
      const model = buildDocumentModel({ dataFile: DEFAULT_DATA_FILE, template });
      bytes.set(template, Buffer.from(await docxRenderer.render(model, { warn: () => {} })));
    }
    rounds.push(bytes);
  }
  return rounds;
}

describe('DOCX rendered again in the same process', () => {
  it('is byte for byte the DOCX of a fresh process, whichever edition came before', async () => {
    const [arabicFirst, arabicFirstAgain] = await renderInOrder(['briefing.ar', 'briefing.fr']);
    const [frenchFirst, frenchFirstAgain] = await renderInOrder(['briefing.fr', 'briefing.ar']);
    // Each edition as a fresh process renders it first…
    const fresh = { ar: arabicFirst!.get('briefing.ar')!, fr: frenchFirst!.get('briefing.fr')! };
    // …and after the other edition, and again after both.
    for (const rendered of [frenchFirst!, frenchFirstAgain!, arabicFirstAgain!]) expect(rendered.get('briefing.ar')!.equals(fresh.ar)).toBe(true);
    for (const rendered of [arabicFirst!, arabicFirstAgain!, frenchFirstAgain!]) expect(rendered.get('briefing.fr')!.equals(fresh.fr)).toBe(true);
  }, 60_000);
});
