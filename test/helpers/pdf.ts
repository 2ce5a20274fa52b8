// Shared by the PDF tests: render a model, run poppler/qpdf tools on the result, and read word positions.
import { execFileSync, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import type { Warning } from '../../src/errors.js';
import type { DocumentModel } from '../../src/model/types.js';
import { pdfRenderer } from '../../src/renderers/pdf/index.js';
import { scratchDir } from './scratch.js';

export async function renderModel(model: DocumentModel): Promise<{ bytes: Uint8Array; warnings: Warning[]; file: string }> {
  const warnings: Warning[] = [];
  const bytes = await pdfRenderer.render(model, { warn: (w) => warnings.push(w) });
  const file = join(scratchDir('pdf-test-'), 'out.pdf');
  writeFileSync(file, bytes);
  return { bytes, warnings, file };
}

const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * `describe` when every tool is installed. Otherwise the suite is skipped with a message, except under CI=true,
 * where a missing tool is a failing test.
 */
export function describeWithTools(tools: string[], name: string, body: () => void): void {
  const missing = tools.filter((t) => !hasTool(t));
  if (missing.length === 0) {
    describe(name, body);
  } else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${missing.join(', ')} (CI=true: missing tools fail instead of skipping)`, () => {
        throw new Error(`missing tool(s): ${missing.join(', ')}; install poppler-utils / qpdf`);
      });
    });
  } else {
    console.warn(`[skip] ${name}: ${missing.join(', ')} not installed`);
    describe.skip(name, body);
  }
}

export const run = (tool: string, args: string[]): string => execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 << 20 });

export interface Word {
  text: string;
  xMin: number;
  yMin: number;
  xMax: number;
  yMax: number;
  /** Index of the line (in pdftotext's reading order) on its page. */
  line: number;
}

export interface PageWords {
  width: number;
  height: number;
  words: Word[];
}

/** Word boxes per page, from `pdftotext -bbox-layout` (points, origin top-left). */
export function wordBoxes(file: string): PageWords[] {
  const xhtml = run('pdftotext', ['-bbox-layout', file, '-']);
  const pages: PageWords[] = [];
  const pageRe = /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g;
  for (const [, width, height, body] of xhtml.matchAll(pageRe)) {
    const words: Word[] = [];
    let line = -1;
    const tokenRe = /<line [^>]*>|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g;
    for (const m of body!.matchAll(tokenRe)) {
      if (m[0].startsWith('<line')) {
        line++;
        continue;
      }
      words.push({ xMin: +m[1]!, yMin: +m[2]!, xMax: +m[3]!, yMax: +m[4]!, text: decode(m[5]!), line });
    }
    pages.push({ width: +width!, height: +height!, words });
  }
  return pages;
}

const decode = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');

/** A node of the PDF's structure tree: its type (H1, P, Table …), how many marked-content pieces it owns, its kids. */
export interface StructNode {
  type: string;
  content: number;
  kids: StructNode[];
  attributes: Record<string, unknown>;
}

export interface PdfObjects {
  get(ref: unknown): Record<string, unknown>;
  trailer: Record<string, unknown>;
  root: Record<string, unknown>;
}

/** The PDF's objects, through `qpdf --json` (v2): dictionaries keyed by `/Name`, references as `"12 0 R"`. */
export function pdfObjects(file: string): PdfObjects {
  const json = JSON.parse(run('qpdf', ['--json', file])) as { qpdf: [unknown, Record<string, { value?: unknown; stream?: { dict: unknown } }>] };
  const objects = json.qpdf[1];
  const get = (ref: unknown): Record<string, unknown> => {
    if (typeof ref === 'string' && / R$/.test(ref)) {
      const object = objects[`obj:${ref}`];
      return ((object?.value ?? object?.stream?.dict) as Record<string, unknown>) ?? {};
    }
    return (ref as Record<string, unknown>) ?? {};
  };
  const trailer = objects['trailer']!.value as Record<string, unknown>;
  return { get, trailer, root: get(trailer['/Root']) };
}

export function structureTree(file: string): StructNode {
  const pdf = pdfObjects(file);
  const toNode = (dict: Record<string, unknown>): StructNode => {
    const kidsValue = dict['/K'];
    const items = kidsValue === undefined || kidsValue === null ? [] : Array.isArray(kidsValue) ? kidsValue : [kidsValue];
    const node: StructNode = { type: String(dict['/S'] ?? 'StructTreeRoot').replace(/^\//, ''), content: 0, kids: [], attributes: pdf.get(dict['/A']) };
    for (const item of items) {
      if (typeof item === 'number') node.content++;
      else {
        const kid = pdf.get(item);
        if (kid['/Type'] === '/MCR') node.content++;
        else node.kids.push(toNode(kid));
      }
    }
    return node;
  };
  return toNode(pdf.get(pdf.root['/StructTreeRoot']));
}

/** The real briefing's document model: data/dgsn-2017.json through templates/briefing.ar. */
export async function briefingDocument(): Promise<{ model: DocumentModel }> {
  const { buildDocumentModel } = await import('../../src/pipeline.js');
  return { model: buildDocumentModel({ dataFile: 'data/dgsn-2017.json', template: 'briefing.ar' }) };
}
