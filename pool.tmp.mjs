import { Piscina } from 'piscina';
import { readdirSync } from 'node:fs';
import { TEMPLATE_DIR } from '/work/main/dist/package-root.js';
const files = readdirSync('/tmp/b/data').sort().map((f) => '/tmp/b/data/' + f);
const pool = new Piscina({ filename: new URL('./pool-worker.tmp.mjs', import.meta.url).href, minThreads: +process.env.N, maxThreads: +process.env.N, idleTimeout: 1000, resourceLimits: { maxYoungGenerationSizeMb: 48 } });
const t0 = performance.now();
const log = [];
await Promise.all(files.map(async (dataFile, i) => {
  const r = await pool.run({ dataFile, templates: [{ name: 'briefing.ar', dir: TEMPLATE_DIR }], formats: ['pdf'], outDir: '/tmp/b/out/' + i, strict: false });
  log.push(`${(performance.now() - t0).toFixed(0)}:${r.thread}:${i + 1}:${r.start.toFixed(0)}`);
}));
console.log(log.join(' '));
await pool.destroy();
