// The renderer registry. Each renderer is imported only when its format is asked for, so `briefing --help`
// and a one-format build do not pay for loading pdfkit, fontkit and docx.
import type { OutputFormat, Renderer } from './types.js';

// Literal specifiers (not built from the format name) so a bundler can still see and split them.
const loaders: Record<OutputFormat, () => Promise<unknown>> = {
  pdf: async () => (await import('./pdf/index.js' as string)).pdfRenderer,
  docx: async () => (await import('./docx/index.js' as string)).docxRenderer,
  html: async () => (await import('./html/index.js' as string)).htmlRenderer,
};

/** Every format, in the order above (the default build's and --help's): the loaders' keys, which the type checks
 *  are all of OutputFormat, so a new format cannot be loadable yet missing here. */
export const OUTPUT_FORMATS = Object.keys(loaders) as readonly OutputFormat[];

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

export async function loadRenderer(format: OutputFormat): Promise<Renderer> {
  const renderer = await loaders[format]();
  if (!isRenderer(renderer) || renderer.format !== format) {
    throw new Error(`the ${format} renderer module does not export a ${format} Renderer`);
  }
  return renderer;
}

function isRenderer(value: unknown): value is Renderer {
  const candidate = value as Partial<Renderer> | null | undefined;
  return typeof candidate?.render === 'function' && typeof candidate.extension === 'string';
}
