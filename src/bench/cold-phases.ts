// One cold build, phase by phase, in a fresh process: `node dist/bench/cold-phases.js <format>` prints JSON.
// It shows where a whole-process build spends its time (module loading, model, first render) — the first
// render of a process is many times the warm one, since fontkit decodes font tables and V8 compiles as it goes.
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { OutputFormat } from '../renderers/types.js';

/** The phases in the order they happen (and are printed): the bench's table rows, the JSON's keys. */
export const PHASES = [
  'node start-up',
  'load pipeline modules',
  'build model',
  'load renderer modules',
  'first render',
  'second render',
] as const;
export type Phase = (typeof PHASES)[number];
export type ColdPhases = Record<Phase, number>;

// Imported by address inside the timed phases; typed as the package's own modules (no import at run time).
type PipelineModule = typeof import('../pipeline.js');
type RegistryModule = typeof import('../renderers/index.js');

const DIST = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROOT = resolve(DIST, '..');

async function main(format: OutputFormat): Promise<void> {
  const phases = {} as ColdPhases;
  phases['node start-up'] = performance.now(); // since the process's time origin
  let start = performance.now();
  const lap = (phase: Phase) => {
    const now = performance.now();
    phases[phase] = now - start;
    start = now;
  };
  const pipeline = (await import(pathToFileURL(join(DIST, 'pipeline.js')).href)) as PipelineModule;
  lap('load pipeline modules');
  const model = await pipeline.buildDocumentModel({ dataFile: join(ROOT, 'data', 'dgsn-2017.json'), template: 'briefing.ar' });
  lap('build model');
  const registry = (await import(pathToFileURL(join(DIST, 'renderers', 'index.js')).href)) as RegistryModule;
  const renderer = await registry.loadRenderer(format);
  lap('load renderer modules');
  await renderer.render(model, { warn: () => {} });
  lap('first render');
  await renderer.render(model, { warn: () => {} });
  lap('second render');
  process.stdout.write(`${JSON.stringify(phases)}\n`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main((process.argv[2] ?? 'pdf') as OutputFormat).catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
