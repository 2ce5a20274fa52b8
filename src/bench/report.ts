// The bench's report on the terminal: one table per measurement, then the targets.
import { OUTPUT_FORMATS } from '../renderers/index.js';
import { PHASES } from './cold-phases.js';
import type { BenchResult, ProcessResult, Selection } from './result.js';
import type { TargetResult } from './targets.js';
import type { PairedTiming } from './measure.js';
import { formatTable, kilobytes, megabytes, milliseconds, ratio, seconds } from './table.js';

export function printReport(result: BenchResult): void {
  const p = result.process;
  const base = p.nodeBaseline.median;
  const row = (label: string, measured: ProcessResult, baseline = false) => [
    label,
    seconds(measured.median),
    seconds(measured.min),
    baseline ? '' : seconds(measured.median - base),
    seconds(measured.cpu),
    megabytes(measured.peakRssBytes),
    String(measured.runs),
  ];
  const selectionLabel = (key: Selection) => (key === 'all' ? 'briefing build (all three)' : `briefing build --format ${key}`);
  const processRows = (['all', ...OUTPUT_FORMATS] as const).map((key) => row(selectionLabel(key), p[key]));
  for (const key of ['all', 'pdf'] as const) {
    const measured = result.otherCli[key];
    if (measured) processRows.push(row(`${selectionLabel(key)} [${result.cli.other}]`, measured));
  }
  processRows.push(row('bare `node -e 0`', p.nodeBaseline, true));
  if (result.chromium) {
    processRows.push(row('headless Chromium print-to-pdf (same HTML)', result.chromium));
  }
  console.log(
    formatTable(
      `Whole process (CLI: ${result.cli.shipped}; ${p.all.tool}; ${result.machine.cpus} × ${result.machine.cpuModel}; node ${result.machine.node}; ` +
        `load average ${result.machine.loadAverage.start.toFixed(1)} → ${result.machine.loadAverage.end.toFixed(1)})`,
      ['command', 'median', 'min', 'above bare node', 'CPU (user+sys)', 'peak RSS', 'runs'],
      processRows,
    ),
  );
  if (result.chromium) {
    console.log(
      `Chromium / briefing PDF process: ${ratio(result.chromium.ratioToPdfProcess)}; ` +
        `Chromium / all three formats: ${ratio(result.chromium.ratioToAllProcess)} ` +
        `(Chromium peak RSS is its largest single process)`,
    );
  }

  console.log(
    '\n' +
      formatTable(
        'Module load (fresh process, import only)',
        ['module', 'median'],
        Object.entries(result.moduleLoadMs).map(([label, ms]) => [label, milliseconds(ms)]),
      ),
  );

  console.log(
    '\n' +
      formatTable(
        'One cold build in a fresh process, by phase (tsc output; median)',
        ['phase', ...OUTPUT_FORMATS],
        PHASES.map((phase) => [phase, ...OUTPUT_FORMATS.map((format) => milliseconds(result.coldPhases[format][phase]))]),
      ),
  );

  console.log(
    '\n' +
      formatTable(
        'Warm in-process (after warm-up)',
        ['stage', 'median', 'p90', 'runs'],
        (['model', ...OUTPUT_FORMATS] as const).map((key) => [
          key === 'model' ? 'dataset + template → model' : `render ${key}`,
          milliseconds(result.warm[key].median),
          milliseconds(result.warm[key].p90),
          String(result.warm[key].runs),
        ]),
      ),
  );

  console.log(
    '\n' +
      formatTable('Output sizes', ['file', 'size'], OUTPUT_FORMATS.map((format) => [format, kilobytes(result.sizes[format])])),
  );

  const s = result.scaling;
  console.log(
    '\n' +
      formatTable(
        'Large datasets (whole process, all three formats)',
        ['plan rows', 'median', 'peak RSS', 'PDF', 'DOCX', 'HTML'],
        s.points.map((point) => [
          String(point.rows),
          seconds(point.seconds),
          megabytes(point.peakRssBytes),
          kilobytes(point.bytes.pdf),
          kilobytes(point.bytes.docx),
          kilobytes(point.bytes.html),
        ]),
      ),
  );
  console.log(
    `per row: ${s.msPerRow.toFixed(3)} ms, ${s.kbRssPerRow.toFixed(1)} KB peak RSS, ${(s.pdfBytesPerRow / 1024).toFixed(2)} KB of PDF`,
  );
  const largest = s.largestByFormat;
  console.log(
    `${largest.rows} rows, one format per process: ` +
      OUTPUT_FORMATS.map(
        (format) => `${format} ${seconds(largest.formats[format].seconds)} / ${megabytes(largest.formats[format].peakRssBytes)}`,
      ).join(', '),
  );
  const unbroken = result.unbrokenRun;
  console.log(
    `unbroken run: a ${unbroken.characters}-character title without spaces, all formats: ${seconds(unbroken.seconds)} / ${megabytes(unbroken.peakRssBytes)}`,
  );

  if (result.typst) {
    const t = result.typst;
    const row = (label: string, paired: PairedTiming) => [label, seconds(paired.a), seconds(paired.b), `${paired.ratio.toFixed(2)}×`, String(paired.runs)];
    console.log(
      '\n' +
        formatTable(
          'Paired with Typst (its Node compiler, the same briefing, each a whole process, run in alternation)',
          ['build', 'ours', 'Typst PDF', 'ratio', 'rounds'],
          [row('PDF', t.pdf), row('all three formats', t.all), row(`${t.largePdf.rows} plan rows, PDF`, t.largePdf)],
        ),
    );
  } else console.log('\nTypst not installed: no paired ratios (absolute figures above)');

  const batch = result.batch;
  console.log(
    `\nbatch: ${batch.datasets} datasets, all three formats, ${seconds(batch.allSeconds)} = ${batch.briefingsPerSecond.toFixed(1)} briefings/s; ` +
      `PDF only ${seconds(batch.pdfSeconds)}` +
      (batch.typstSeconds === null ? '' : `, one Typst process per document ${seconds(batch.typstSeconds)} (${(batch.typstSeconds / batch.pdfSeconds).toFixed(2)}× our throughput)`) +
      `\nwatch: edit to reload event ${milliseconds(result.watchReloadMs)} (median)`,
  );

  const value = (t: TargetResult) =>
    t.value === null ? '—' : t.unit === 's' ? seconds(t.value) : t.unit === 'ms' ? milliseconds(t.value) : t.unit === '×' ? `${t.value.toFixed(2)}×` : t.unit === '/s' ? `${t.value.toFixed(1)}/s` : `${t.value.toFixed(1)} ${t.unit}`;
  const limit = (t: TargetResult) => (t.unit === 's' ? `${t.limit.toFixed(2)} s` : t.unit === '×' ? `${t.limit}×` : `${t.limit} ${t.unit}`);
  console.log(
    '\n' +
      formatTable(
        'Targets (issues 10, 11, 14)',
        ['target', 'measured', 'limit', 'status'],
        result.targets.map((t) => [t.name, value(t), `${t.atLeast ? '≥' : '≤'} ${limit(t)}`, t.status.toUpperCase()]),
      ),
  );
}
