// `npm run bench`: how fast and how lean a briefing build is, on the real dataset and templates.
// Whole `briefing build` processes (each format alone and all three), warm in-process renders, module load
// times, peak memory, output sizes, headless Chromium on the same HTML for comparison, and the large datasets
// to show how cost grows with rows. Prints tables and writes output/bench.json. Medians, never single runs.
import { spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeAllOrNothing } from '../output/write.js';
import { OUTPUT_FORMATS } from '../renderers/index.js';
import type { OutputFormat } from '../renderers/types.js';
import { PHASES, type ColdPhases } from './cold-phases.js';
import { datasetWithoutArticle, LARGE_PLAN_ROWS, largeDataset, readBaseDataset, UNBROKEN_TITLE_LENGTH, writeLargeDataset, writeUnbrokenTitleDataset } from './large-dataset.js';
import { commandLine, hasCommand, peakRss, runOnce, timePaired, timeProcess } from './measure.js';
import { ENTRY_FILE } from '../bundle/code-cache.js';
import { shebangNodeFlags } from '../bundle/shebang.js';
import { get } from 'node:http';
import { hasTypst, typstBriefing, typstFontFolders } from './typst.js';
import type { Dataset } from '../dataset/schema.js';
import { linearFit, median } from './stats.js';
import { printReport } from './report.js';
import type { BenchResult, ProcessResult, ScalePoint, Selection } from './result.js';
import { checkTarget, TARGETS } from './targets.js';
import { timeWarm } from './warm.js';


/** This file is dist/bench/index.js (or src/bench/index.ts): the package is two folders up. */
const here = dirname(fileURLToPath(import.meta.url));
const SOURCE_ROOT = resolve(here, '../..');
/** Scratch space for outputs and datasets, removed at the end. */
const WORK = mkdtempSync(join(tmpdir(), 'briefing-bench-'));
/** The bench runs a copy of the compiled package, so a rebuild of dist/ meanwhile cannot pull it from under it. */
const ROOT = snapshotPackage(SOURCE_ROOT, join(WORK, 'package'));
const DIST = join(ROOT, 'dist');

function snapshotPackage(source: string, target: string): string {
  if (!existsSync(join(source, 'dist', 'cli.js'))) {
    console.error(`bench: ${join(source, 'dist')} is not built: run \`npm run bench\` (it compiles first)`);
    rmSync(WORK, { recursive: true, force: true });
    process.exit(1);
  }
  mkdirSync(target, { recursive: true });
  cpSync(join(source, 'dist'), join(target, 'dist'), { recursive: true });
  cpSync(join(source, 'package.json'), join(target, 'package.json'));
  for (const linked of ['templates', 'data', 'node_modules']) symlinkSync(join(source, linked), join(target, linked));
  return target;
}
/** The CLI users run: package.json's "bin". The other build of it (tsc output or esbuild bundle), when
 *  present, is timed beside it for comparison. */
const TSC_CLI = join(DIST, 'cli.js');
const BUNDLED_CLI = join(DIST, 'bin', ENTRY_FILE);
const CLI = shippedCli();
/** How the bench runs a build: in the package snapshot, in production mode. */
type ProcessOptions = { cwd: string; env: NodeJS.ProcessEnv };

const OTHER_CLI = [TSC_CLI, BUNDLED_CLI].find((cli) => cli !== CLI && existsSync(cli));

function shippedCli(): string {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { bin?: string | Record<string, string> };
  const bin = typeof manifest.bin === 'string' ? manifest.bin : manifest.bin?.briefing;
  return bin ? resolve(ROOT, bin) : TSC_CLI;
}

function cliLabel(cli: string): string {
  return cli === BUNDLED_CLI ? 'esbuild bundle' : cli === TSC_CLI ? 'tsc output' : cli;
}
const SCALE_ROWS = [500, 1000, 2000, 5000];

/** `--quick` runs few repetitions, to check that the bench works (the bench test uses it). */
const quick = process.argv.includes('--quick');
const RUNS = quick
  ? { process: 2, warmup: 1, rss: 1, chromium: 1, scale: 1, moduleLoad: 1, coldPhases: 1 }
  : { process: 10, warmup: 2, rss: 3, chromium: 5, scale: 3, moduleLoad: 7, coldPhases: 5 };
const WARM = quick
  ? { warmup: 2, minRuns: 3, maxRuns: 5, minMilliseconds: 0 }
  : { warmup: 20, minRuns: 30, maxRuns: 400, minMilliseconds: 1500 };
const scaleRows = quick ? [50, 100] : SCALE_ROWS;
const outputFile = argumentValue('--json') ?? join(SOURCE_ROOT, 'output', 'bench.json');

function argumentValue(flag: string): string | undefined {
  const index = process.argv.indexOf(flag);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const BENCH_TEMPLATE = 'briefing.ar';

/** The `briefing build` command line for one format (or all), writing into `outDir`. */
function buildCommand(selection: Selection, outDir: string, dataFile?: string, cli: string = CLI): string[] {
  // The Node flags of the entry's shebang, so the bench measures what `npx briefing` runs; one edition (the
  // Arabic), the work the targets were set for.
  const command = [process.execPath, ...shebangNodeFlags(cli), cli, 'build', '--quiet', '--template', BENCH_TEMPLATE, '--out', outDir];
  if (selection !== 'all') command.push('--format', selection);
  if (dataFile) command.push('--data', dataFile);
  return command;
}

async function main(): Promise<void> {
  const work = WORK;
  try {
    if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run bench\` (it compiles and bundles first)`);
    const result = await bench(work);
    printReport(result);
    // Through a temporary file renamed into place, as the briefings are: a reader never sees half a file.
    const json = `${JSON.stringify(result, null, 2)}\n`;
    await writeAllOrNothing([{ path: resolve(outputFile), bytes: Buffer.from(json) }]);
    console.log(`\nwrote ${outputFile}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function bench(work: string): Promise<BenchResult> {
  const started = performance.now();
  const loadAtStart = loadavg()[0]!;
  if (loadAtStart > cpus().length) {
    console.error(`warning: load average ${loadAtStart.toFixed(1)} on ${cpus().length} CPUs: other work will inflate wall times`);
  }
  const options = { cwd: ROOT, env: { ...process.env, NODE_ENV: 'production' } };
  const step = (label: string) => console.error(`[${((performance.now() - started) / 1000).toFixed(0).padStart(3)} s] ${label}`);

  // Whole processes.
  const processResults = {} as BenchResult['process'];
  const measureProcess = (command: string[]): ProcessResult => ({
    command: commandLine(command),
    ...timeProcess(command, { ...options, runs: RUNS.process, warmup: RUNS.warmup }),
    peakRssBytes: peakRss(command, options, RUNS.rss),
  });
  step('bare node process');
  processResults.nodeBaseline = measureProcess([process.execPath, '-e', '0']);
  const outDirs = {} as Record<Selection, string>;
  for (const selection of ['all', ...OUTPUT_FORMATS] as const) {
    step(`whole process: briefing build (${selection})`);
    outDirs[selection] = join(work, `out-${selection}`);
    processResults[selection] = measureProcess(buildCommand(selection, outDirs[selection]));
  }
  const sizes = outputSizes(outDirs.all);
  const otherCli: BenchResult['otherCli'] = {};
  if (OTHER_CLI) {
    for (const selection of ['all', 'pdf'] as const) {
      step(`whole process, ${cliLabel(OTHER_CLI)}: briefing build (${selection})`);
      otherCli[selection] = measureProcess(buildCommand(selection, join(work, `other-${selection}`), undefined, OTHER_CLI));
    }
  }

  step('module load times');
  const moduleLoadMs = measureModuleLoads();

  step('cold build phases');
  const coldPhases = measureColdPhases();

  step('warm in-process renders');
  const warm = await measureWarm();

  const htmlFile = findOutput(outDirs.html, 'html');
  const chromium = hasCommand('chromium') && htmlFile ? measureChromium(work, htmlFile, processResults, options, step) : null;

  const { points, largestByFormat } = measureScaling(work, options, step);
  step(`unbroken run: a ${UNBROKEN_TITLE_LENGTH}-character title without spaces, all formats`);
  const unbrokenFile = writeUnbrokenTitleDataset(join(work, 'unbroken', 'unbroken-title.json'));
  const unbrokenCommand = buildCommand('all', join(work, 'out-unbroken'), unbrokenFile);
  const unbrokenTiming = timeProcess(unbrokenCommand, { ...options, runs: RUNS.scale, warmup: 0 });
  const unbrokenRun = { characters: UNBROKEN_TITLE_LENGTH, seconds: unbrokenTiming.median, peakRssBytes: peakRss(unbrokenCommand, options, 1) };

  const typst = hasTypst() ? measureTypst(work, options, step) : null;
  const batch = measureBatch(work, options, step);
  step('watch: edit to reload event');
  const watchReloadMs = await measureWatchReload(work);
  if (!typst) console.error('bench: @myriaddreamin/typst-ts-node-compiler is not installed: absolute figures only, no Typst ratios');

  const timeFit = linearFit(points.map((p) => ({ x: p.rows, y: p.seconds * 1000 })));
  const rssFit = linearFit(points.map((p) => ({ x: p.rows, y: (p.peakRssBytes ?? Number.NaN) / 1024 })));
  const sizeFit = linearFit(points.map((p) => ({ x: p.rows, y: p.bytes.pdf ?? Number.NaN })));
  step('done');

  const kilobytes = (bytes: number | null) => (bytes === null ? null : bytes / 1024);
  const megabytesOf = (bytes: number | null | undefined) => (bytes == null ? null : bytes / 1024 / 1024);
  const largest = points.at(-1);
  const targets = [
    checkTarget(TARGETS.pdfVsTypst, typst?.pdf.ratio),
    checkTarget(TARGETS.allVsTypst, typst?.all.ratio),
    checkTarget(TARGETS.warmPdf, warm.pdf.median),
    checkTarget(TARGETS.warmDocx, warm.docx.median),
    checkTarget(TARGETS.warmHtml, warm.html.median),
    checkTarget(TARGETS.peakMemory, megabytesOf(processResults.all.peakRssBytes)),
    checkTarget(TARGETS.pdfSize, kilobytes(sizes.pdf)),
    checkTarget(TARGETS.docxSize, kilobytes(sizes.docx)),
    checkTarget(TARGETS.htmlSize, kilobytes(sizes.html)),
    checkTarget(TARGETS.largePdfVsTypst, typst?.largePdf.ratio),
    checkTarget(TARGETS.largeAll, largest?.rows === LARGE_PLAN_ROWS ? largest.seconds : null),
    checkTarget(TARGETS.largeAllMemory, largest?.rows === LARGE_PLAN_ROWS ? megabytesOf(largest.peakRssBytes) : null),
    checkTarget(TARGETS.batchThroughput, batch.briefingsPerSecond),
    checkTarget(TARGETS.batchPdfVsTypst, batch.typstSeconds === null ? null : batch.typstSeconds / batch.pdfSeconds),
    checkTarget(TARGETS.watchReload, watchReloadMs),
    checkTarget(TARGETS.unbrokenRun, unbrokenRun.seconds),
  ];

  return {
    generatedAt: new Date().toISOString(),
    quick,
    machine: {
      node: process.version,
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? '',
      platform: process.platform,
      loadAverage: { start: loadAtStart, end: loadavg()[0]! },
    },
    tools: { hyperfine: hasCommand('hyperfine'), gnuTime: existsSync('/usr/bin/time'), chromium: hasCommand('chromium') },
    cli: { shipped: cliLabel(CLI), other: OTHER_CLI ? cliLabel(OTHER_CLI) : null },
    process: processResults,
    otherCli,
    moduleLoadMs,
    coldPhases,
    warm,
    sizes,
    chromium,
    scaling: { points, msPerRow: timeFit.slope, kbRssPerRow: rssFit.slope, pdfBytesPerRow: sizeFit.slope, largestByFormat },
    unbrokenRun,
    typst,
    batch,
    watchReloadMs,
    targets,
  };
}

const BATCH_DATASETS = quick ? 6 : 100;

/** 100 datasets (the real one, each titled apart) in one build, all formats then PDF only; Typst once per document. */
function measureBatch(work: string, options: ProcessOptions, step: (label: string) => void): BenchResult['batch'] {
  const folder = join(work, 'batch');
  mkdirSync(folder, { recursive: true });
  const base = datasetWithoutArticle();
  const typstSources: string[] = [];
  for (let i = 1; i <= BATCH_DATASETS; i++) {
    const dataset = { ...base, publication: { ...base.publication, title: `${base.publication.title} (${i})` } };
    writeFileSync(join(folder, `region-${String(i).padStart(3, '0')}.json`), JSON.stringify(dataset));
    if (hasTypst()) {
      const source = join(folder, `region-${i}.typ`);
      writeFileSync(source, typstBriefing(dataset));
      typstSources.push(source);
    }
  }
  const batchCommand = (format: Selection, outDir: string) => {
    const command = [process.execPath, ...shebangNodeFlags(CLI), CLI, 'build', '--quiet', '--template', BENCH_TEMPLATE, '--out', outDir, '--data', join(folder, '*.json')];
    if (format !== 'all') command.push('--format', format);
    return command;
  };
  const runs = { ...options, runs: quick ? 1 : 3, warmup: 0 };
  step(`batch: ${BATCH_DATASETS} datasets, all three formats`);
  const all = timeProcess(batchCommand('all', join(work, 'batch-all')), runs).median;
  step(`batch: ${BATCH_DATASETS} datasets, PDF only`);
  const pdf = timeProcess(batchCommand('pdf', join(work, 'batch-pdf')), runs).median;
  let typstSeconds: number | null = null;
  if (typstSources.length > 0) {
    step(`batch: Typst, one process per document, ${typstSources.length} documents`);
    const started = process.hrtime.bigint();
    for (const source of typstSources) {
      runOnce([process.execPath, join(DIST, 'bench', 'typst-compile.js'), source, `${source}.pdf`, ...typstFontFolders()], options);
    }
    typstSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  }
  return { datasets: BATCH_DATASETS, allSeconds: all, briefingsPerSecond: BATCH_DATASETS / all, pdfSeconds: pdf, typstSeconds };
}

/** `briefing watch` in this process: the time from writing a changed dataset to the preview's reload event. */
async function measureWatchReload(work: string): Promise<number> {
  const folder = join(work, 'watch');
  mkdirSync(folder, { recursive: true });
  const base = datasetWithoutArticle();
  const dataFile = join(folder, 'watched.json');
  writeFileSync(dataFile, JSON.stringify(base));
  const { startWatch } = (await import(pathToFileURL(join(DIST, 'cli', 'watch.js')).href)) as typeof import('../cli/watch.js');
  const { TEMPLATE_DIR } = (await import(pathToFileURL(join(DIST, 'package-root.js')).href)) as typeof import('../package-root.js');
  const watching = await startWatch({
    dataFile,
    templates: [{ name: BENCH_TEMPLATE, dir: TEMPLATE_DIR }],
    formats: ['pdf', 'docx', 'html'],
    outDir: join(folder, 'out'),
    strict: false,
    port: 0,
    cwd: folder,
    log: () => {},
  });
  const times: number[] = [];
  try {
    for (let i = 0; i < (quick ? 2 : 7); i++) {
      const reloaded = reloadEvent(watching.url);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const started = performance.now();
      writeFileSync(dataFile, JSON.stringify({ ...base, publication: { ...base.publication, title: `${base.publication.title} ${i}` } }));
      await reloaded;
      times.push(performance.now() - started);
    }
  } finally {
    await watching.close();
  }
  return median(times);
}

/** Resolves at the preview's next reload event (the first message after the one sent on connecting). */
function reloadEvent(url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = get(new URL('/events', url), (response) => {
      let messages = 0;
      response.setEncoding('utf8').on('data', (chunk: string) => {
        messages += (chunk.match(/^data: /gm) ?? []).length;
        if (messages >= 2) {
          request.destroy();
          resolve();
        }
      });
    });
    request.on('error', (error) => ((error as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(error)));
  });
}

/**
 * Typst's Node compiler setting the same briefing (bench/typst.ts), each compilation a process of its own, run
 * in alternation with ours: the PDF alone and all three formats against the default briefing, the PDF alone
 * against 5 000 plan rows (the scale test's dataset, the same rows given to Typst).
 */
function measureTypst(work: string, options: ProcessOptions, step: (label: string) => void): NonNullable<BenchResult['typst']> {
  const folder = join(work, 'typst');
  mkdirSync(folder, { recursive: true });
  const typstCommand = (dataset: Dataset, name: string) => {
    const source = join(folder, `${name}.typ`);
    writeFileSync(source, typstBriefing(dataset));
    return [process.execPath, join(DIST, 'bench', 'typst-compile.js'), source, join(folder, `${name}.pdf`), ...typstFontFolders()];
  };
  const base = readBaseDataset();
  const typstDefault = typstCommand(base, 'briefing');
  const runs = { ...options, runs: RUNS.process, warmup: RUNS.warmup };
  step('paired with Typst: PDF');
  const pdf = timePaired(buildCommand('pdf', join(work, 'paired-pdf')), typstDefault, runs);
  step('paired with Typst: all three formats against its PDF');
  const all = timePaired(buildCommand('all', join(work, 'paired-all')), typstDefault, runs);
  const largeRows = scaleRows.at(-1)!;
  step(`paired with Typst: ${largeRows} plan rows, PDF alone`);
  const largePdf = timePaired(
    buildCommand('pdf', join(work, 'paired-large'), join(work, `large-${largeRows}.json`)),
    typstCommand(largeDataset(base, largeRows), 'large'),
    { ...options, runs: RUNS.scale, warmup: 0 },
  );
  return { pdf, all, largePdf: { ...largePdf, rows: largeRows } };
}

/** Headless Chromium printing the same HTML: how a browser's print compares with the briefing's own PDF. */
function measureChromium(
  work: string,
  htmlFile: string,
  processResults: BenchResult['process'],
  options: ProcessOptions,
  step: (label: string) => void,
): NonNullable<BenchResult['chromium']> {
  step('headless Chromium printing the same HTML');
  const profile = join(work, 'chromium-profile');
  const pdf = join(work, 'chromium.pdf');
  const command = [
    'chromium',
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    `--user-data-dir=${profile}`,
    `--print-to-pdf=${pdf}`,
    '--no-pdf-header-footer',
    pathToFileURL(htmlFile).href,
  ];
  const timing = timeProcess(command, { ...options, runs: RUNS.chromium, warmup: 1 });
  return {
    command: commandLine(command),
    ...timing,
    peakRssBytes: peakRss(command, options, 1),
    ratioToPdfProcess: timing.median / processResults.pdf.median,
    ratioToAllProcess: timing.median / processResults.all.median,
  };
}

/** Builds of ever larger datasets (all formats), then the largest one format at a time. */
function measureScaling(work: string, options: ProcessOptions, step: (label: string) => void): Pick<BenchResult['scaling'], 'points' | 'largestByFormat'> {
  const points: ScalePoint[] = [];
  for (const rows of scaleRows) {
    step(`large dataset: ${rows} plan rows, all formats`);
    const dataFile = join(work, `large-${rows}.json`);
    writeLargeDataset(dataFile, rows);
    const outDir = join(work, `out-large-${rows}`);
    const command = buildCommand('all', outDir, dataFile);
    const timing = timeProcess(command, { ...options, runs: RUNS.scale, warmup: 0 });
    points.push({ rows, seconds: timing.median, peakRssBytes: peakRss(command, options, 1), bytes: outputSizes(outDir) });
  }
  const largestRows = scaleRows.at(-1)!;
  const largestByFormat = { rows: largestRows, formats: {} as Record<OutputFormat, { seconds: number; peakRssBytes: number | null }> };
  for (const format of OUTPUT_FORMATS) {
    step(`large dataset: ${largestRows} plan rows, ${format} alone`);
    const command = buildCommand(format, join(work, `out-large-${format}`), join(work, `large-${largestRows}.json`));
    const timing = timeProcess(command, { ...options, runs: 1, warmup: 0 });
    largestByFormat.formats[format] = { seconds: timing.median, peakRssBytes: peakRss(command, options, 1) };
  }
  return { points, largestByFormat };
}

function findOutput(dir: string, extension: string): string | undefined {
  if (!existsSync(dir)) return undefined;
  const name = readdirSync(dir).find((file) => file.endsWith(`.${extension}`));
  return name === undefined ? undefined : join(dir, name);
}

function outputSizes(dir: string): Record<OutputFormat, number | null> {
  const size = (format: OutputFormat) => {
    const file = findOutput(dir, format);
    return file === undefined ? null : statSync(file).size;
  };
  return { pdf: size('pdf'), docx: size('docx'), html: size('html') };
}

/**
 * Milliseconds to import each stage's module in a fresh process (median of several): what start-up pays for
 * loading code, before any work. Measured from inside the child, so process spawn is not counted.
 */
function measureModuleLoads(): Record<string, number> {
  const modules: Record<string, string> = {
    'pipeline (dataset, templates, model)': 'pipeline.js',
    'pdf renderer (pdfkit, fontkit, text engine)': 'renderers/pdf/index.js',
    'docx renderer (docx)': 'renderers/docx/index.js',
    'html renderer': 'renderers/html/index.js',
    'cli (entry only)': 'cli.js',
  };
  const results: Record<string, number> = {};
  for (const [label, file] of Object.entries(modules)) {
    const url = pathToFileURL(join(DIST, file)).href;
    // The CLI runs on import; import it with no arguments but --help so it does nothing heavy.
    const script = `const t=performance.now();await import(${JSON.stringify(url)});process.stdout.write(String(performance.now()-t));`;
    const samples: number[] = [];
    for (let run = 0; run < RUNS.moduleLoad; run++) {
      // In `node -e`, argv.slice(2) starts after the first argument: the CLI sees `--help`.
      const child = spawnSync(process.execPath, ['--input-type=module', '-e', script, '--', 'bench', '--help'], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const value = Number(child.stdout.trim().split(/\s+/).at(-1));
      if (child.status === 0 && Number.isFinite(value)) samples.push(value);
    }
    results[label] = median(samples);
  }
  return results;
}

function measureColdPhases(): Record<OutputFormat, ColdPhases> {
  const script = join(DIST, 'bench', 'cold-phases.js');
  const result = {} as Record<OutputFormat, ColdPhases>;
  for (const format of OUTPUT_FORMATS) {
    const samples: ColdPhases[] = [];
    for (let run = 0; run < RUNS.coldPhases; run++) {
      const child = spawnSync(process.execPath, [script, format], { cwd: ROOT, encoding: 'utf8' });
      if (child.status !== 0) throw new Error(`cold-phases ${format} failed:\n${child.stderr}`);
      samples.push(JSON.parse(child.stdout) as ColdPhases);
    }
    result[format] = Object.fromEntries(PHASES.map((phase) => [phase, median(samples.map((s) => s[phase]))])) as ColdPhases;
  }
  return result;
}

// The snapshot's modules, imported by address at run time; typed as the package's own.
type PipelineModule = typeof import('../pipeline.js');
type RendererModule = typeof import('../renderers/index.js');

async function measureWarm(): Promise<BenchResult['warm']> {
  const pipeline = (await import(pathToFileURL(join(DIST, 'pipeline.js')).href)) as PipelineModule;
  const registry = (await import(pathToFileURL(join(DIST, 'renderers/index.js')).href)) as RendererModule;
  const input = { dataFile: join(ROOT, 'data', 'dgsn-2017.json'), template: 'briefing.ar' };
  const model = await pipeline.buildDocumentModel(input);
  const context = { warn: () => {} };
  const warm = { model: await timeWarm(async () => pipeline.buildDocumentModel(input), WARM) } as BenchResult['warm'];
  for (const format of OUTPUT_FORMATS) {
    const renderer = await registry.loadRenderer(format);
    warm[format] = await timeWarm(() => renderer.render(model, context), WARM);
  }
  return warm;
}

main().catch((error: unknown) => {
  console.error(`bench: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
