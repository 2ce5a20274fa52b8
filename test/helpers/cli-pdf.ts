// What a PDF draws, read back with tools: every glyph's position and the clip rectangle it was drawn under
// (`mutool trace`), and the text in reading order (`pdftotext`). For the hostile-input and scale tests.
import { execFileSync, spawnSync } from 'node:child_process';
import { describe, it } from 'vitest';

export interface Rect {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export interface DrawnGlyph {
  /** 1-based page number. */
  page: number;
  unicode: string;
  /** Left and right edge of the glyph's advance, in points from the page's left edge. */
  x0: number;
  x1: number;
  /** Baseline, in points from the page's top edge. */
  baseline: number;
  size: number;
  /** The innermost clip in force (page coordinates, top-down), if any. */
  clip?: Rect;
}

export interface DrawnPage {
  number: number;
  width: number;
  height: number;
}

const hasTool = (name: string) => spawnSync('sh', ['-c', `command -v ${name}`]).status === 0;

/**
 * `describe` when the tools are installed; otherwise skipped with a message — except under CI=true, where a
 * missing tool is a failing test.
 */
export function describeWithCliTools(tools: Record<string, string>, name: string, body: () => void): void {
  const missing = Object.keys(tools).filter((tool) => !hasTool(tool));
  const packages = [...new Set(missing.map((tool) => tools[tool]))].join(' ');
  if (missing.length === 0) describe(name, body);
  else if (process.env.CI === 'true') {
    describe(name, () => {
      it(`needs ${missing.join(', ')}`, () => {
        throw new Error(`${missing.join(', ')} not installed (CI=true: install the Debian package(s) ${packages})`);
      });
    });
  } else {
    console.warn(`[skip] ${name}: ${missing.join(', ')} not installed (apt-get install ${packages})`);
    describe.skip(name, body);
  }
}

export const PDF_TOOLS = { pdftotext: 'poppler-utils', mutool: 'mupdf-tools' };

const attribute = (tag: string, name: string): string | undefined => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];
const numbers = (text: string | undefined) => (text ?? '').trim().split(/\s+/).map(Number);

function decodeXml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|amp);/gi, (_, entity: string) => {
    if (entity.startsWith('#x') || entity.startsWith('#X')) return String.fromCodePoint(parseInt(entity.slice(2), 16));
    if (entity.startsWith('#')) return String.fromCodePoint(parseInt(entity.slice(1), 10));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[entity.toLowerCase()]!;
  });
}

/**
 * Every glyph drawn, with its page, extent and clip, from `mutool trace`. MuPDF's device space is top-down like
 * pdfkit's; clip paths and glyph origins are mapped into it by the `transform` of their element.
 */
export function drawnGlyphs(pdfFile: string): { pages: DrawnPage[]; glyphs: DrawnGlyph[] } {
  const trace = execFileSync('mutool', ['trace', pdfFile], { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'ignore'] });
  const pages: DrawnPage[] = [];
  const glyphs: DrawnGlyph[] = [];
  let page: DrawnPage | undefined;
  let clips: (Rect | undefined)[] = [];
  let clipPoints: [number, number][] | undefined;
  let clipTransform = [1, 0, 0, 1, 0, 0];
  let textTransform = [1, 0, 0, 1, 0, 0];
  let size = 0;
  for (const line of trace.split('\n')) {
    const tag = line.trim();
    if (tag.startsWith('<page ')) {
      const box = numbers(attribute(tag, 'mediabox'));
      page = { number: Number(attribute(tag, 'number')), width: box[2]! - box[0]!, height: box[3]! - box[1]! };
      pages.push(page);
      clips = [];
    } else if (tag.startsWith('<clip_path')) {
      clipPoints = [];
      clipTransform = numbers(attribute(tag, 'transform') ?? '1 0 0 1 0 0');
    } else if (clipPoints && (tag.startsWith('<moveto') || tag.startsWith('<lineto'))) {
      const [a, b, c, d, e, f] = clipTransform as [number, number, number, number, number, number];
      const x = Number(attribute(tag, 'x'));
      const y = Number(attribute(tag, 'y'));
      clipPoints.push([a * x + c * y + e, b * x + d * y + f]);
    } else if (tag.startsWith('</clip_path>') && clipPoints && page) {
      const xs = clipPoints.map(([x]) => x);
      const ys = clipPoints.map(([, y]) => y);
      clips.push({ x0: Math.min(...xs), x1: Math.max(...xs), y0: Math.min(...ys), y1: Math.max(...ys) });
      clipPoints = undefined;
    } else if (tag.startsWith('<clip_')) {
      clips.push(undefined); // a clip that is not a path (a stroke): no rectangle to check against
    } else if (tag.startsWith('<pop_clip')) {
      clips.pop();
    } else if (tag.startsWith('<fill_text') || tag.startsWith('<stroke_text') || tag.startsWith('<clip_text') || tag.startsWith('<ignore_text')) {
      textTransform = numbers(attribute(tag, 'transform') ?? '1 0 0 1 0 0');
      if (tag.startsWith('<clip_text')) clips.push(undefined); // a clip that is not a path: no rectangle to check against
    } else if (tag.startsWith('<span ')) {
      size = Math.hypot(...numbers(attribute(tag, 'trm')).slice(0, 2));
    } else if (tag.startsWith('<g ') && page) {
      const [a, b, c, d, e, f] = textTransform as [number, number, number, number, number, number];
      const x = Number(attribute(tag, 'x'));
      const y = Number(attribute(tag, 'y'));
      const left = a * x + c * y + e;
      const advance = a * Number(attribute(tag, 'adv') ?? '0') * size;
      const clip = [...clips].reverse().find((candidate) => candidate !== undefined);
      glyphs.push({
        page: page.number,
        unicode: decodeXml(attribute(tag, 'unicode') ?? ''),
        x0: Math.min(left, left + advance),
        x1: Math.max(left, left + advance),
        baseline: b * x + d * y + f,
        size,
        ...(clip ? { clip } : {}),
      });
    }
  }
  return { pages, glyphs };
}

/**
 * The PDF's text as a reader copying it out gets it (pdftotext, reading order, one string per page); with
 * `layout`, line by line as drawn (-layout: a table row on one line).
 */
export function extractedPages(pdfFile: string, options: { layout?: boolean } = {}): string[] {
  const args = ['-enc', 'UTF-8', ...(options.layout ? ['-layout'] : []), pdfFile, '-'];
  const text = execFileSync('pdftotext', args, { encoding: 'utf8', maxBuffer: 1 << 30 });
  return text.split('\f').slice(0, -1);
}

/** Glyphs drawn (partly) outside their clip rectangle, or outside the area [left, right] × [top, bottom]. */
export function misplacedGlyphs(glyphs: readonly DrawnGlyph[], area: Rect, tolerance = 0.5): DrawnGlyph[] {
  return glyphs.filter((glyph) => {
    if (glyph.x1 - glyph.x0 <= 0 || /^\s*$/u.test(glyph.unicode)) return false;
    const outside = (box: Rect, checkBaseline: boolean) =>
      glyph.x0 < box.x0 - tolerance ||
      glyph.x1 > box.x1 + tolerance ||
      (checkBaseline && (glyph.baseline < box.y0 - tolerance || glyph.baseline > box.y1 + tolerance));
    return outside(area, true) || (glyph.clip !== undefined && outside(glyph.clip, true));
  });
}
