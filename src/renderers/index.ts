// The renderer registry. Each renderer is imported only when its format is asked for, so `briefing --help`
// and a one-format build do not pay for loading pdfkit, fontkit and docx.
import type { OutputFormat, Renderer } from './types.js';

// Literal specifiers (not built from the format name) so a bundler can still see and split them, and the
// compiler types each renderer.
const loaders: Record<OutputFormat, () => Promise<Renderer>> = {
  pdf: async () => (await import('./pdf/index.js')).pdfRenderer,
  docx: async () => (await import('./docx/index.js')).docxRenderer,
  html: async () => (await import('./html/index.js')).htmlRenderer,
};

/** Every format, in the order above (the default build's and --help's): the loaders' keys, which the type checks
 *  are all of OutputFormat, so a new format cannot be loadable yet missing here. */
export const OUTPUT_FORMATS = Object.keys(loaders) as readonly OutputFormat[];

export function isOutputFormat(name: string): name is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(name);
}

export async function loadRenderer(format: OutputFormat): Promise<Renderer> {
  const renderer = await loaders[format]();
  if (renderer.format !== format) throw new Error(`the ${format} renderer module exports the ${renderer.format} renderer`);
  return renderer;
}
