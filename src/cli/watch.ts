// `briefing watch`: builds, then builds again on every change of the dataset, its article, the templates and
// their partials (debounced), and serves a live preview on the loopback interface: the HTML briefing, which
// reloads itself after each rebuild (server-sent events), with links to the fresh PDF and DOCX; a failed build
// shows its problems, with file and place, in the page, instead of the last good version staying silently.
import { watch as watchFolder, type FSWatcher } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type ServerResponse } from 'node:http';
import { basename, dirname, resolve } from 'node:path';
import { monotonicMs } from './clock.js';
import type { AddressInfo } from 'node:net';
import { buildBriefing, type BriefingOutcome, type BriefingTask } from './briefing-task.js';
import type { OutputFormat } from '../renderers/types.js';

/** The build's options (one briefing), and where to serve and watch. */
export interface WatchOptions extends BriefingTask {
  port: number;
  /** Where the changes are looked for (the dataset's folder, holding its article, and the templates' folders). */
  cwd: string;
  log: (line: string) => void;
}

export interface Watching {
  url: string;
  /** Resolves after the next build that starts from now has finished. */
  nextBuild(): Promise<BriefingOutcome>;
  close(): Promise<void>;
}

/** What can be an input: datasets (JSON), articles (text), templates and partials. */
const INPUT_FILE = /\.(json|jsonc|txt|md|hbs)$/i;

/** Changes within this many milliseconds are one rebuild (an editor writes a file in several steps). */
const DEBOUNCE_MS = 60;

export async function startWatch(options: WatchOptions): Promise<Watching> {
  let outcome: BriefingOutcome = await build(options);
  let version = 1;
  const clients = new Set<ServerResponse>();
  let waiting: ((outcome: BriefingOutcome) => void)[] = [];
  let timer: NodeJS.Timeout | undefined;
  let building: Promise<void> = Promise.resolve();

  const rebuild = () => {
    building = building.then(async () => {
      const started = monotonicMs();
      outcome = await build(options);
      version++;
      options.log(outcome.ok ? `rebuilt in ${Math.round(monotonicMs() - started)} ms` : `build failed:\n${outcome.problems.join('\n')}`);
      for (const client of clients) client.write(`data: ${version}\n\n`);
      const resolved = waiting;
      waiting = [];
      for (const resolve of resolved) resolve(outcome);
    });
  };
  const changed = () => {
    clearTimeout(timer);
    timer = setTimeout(rebuild, DEBOUNCE_MS);
  };

  const folders = [...new Set([dirname(resolve(options.cwd, options.dataFile)), ...options.templates.map((template) => template.dir)])];
  const watchers: FSWatcher[] = folders.map((folder) =>
    watchFolder(folder, { recursive: true }, (_event, name) => {
      // The output folder may sit inside a watched folder: its own writes are not changes; nor are files that are
      // not inputs (a log written beside the dataset would rebuild forever).
      const path = name ? resolve(folder, name.toString()) : '';
      if (!path || path.startsWith(options.outDir) || !INPUT_FILE.test(path)) return;
      changed();
    }),
  );

  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    if (path === '/events') {
      response.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
      response.write(`retry: 500\ndata: ${version}\n\n`);
      clients.add(response);
      request.on('close', () => clients.delete(response));
      return;
    }
    if (path === '/') {
      void previewPage(outcome, version, options).then((html) => send(response, 200, 'text/html; charset=utf-8', html));
      return;
    }
    const file = /^\/files\/([\w.-]+\.(pdf|docx|html))$/.exec(path);
    if (file && outcome.ok && outcome.files.some((built) => basename(built.path) === file[1])) {
      void readFile(resolve(options.outDir, file[1]!)).then(
        (bytes) => send(response, 200, CONTENT_TYPES[file[2] as OutputFormat], bytes),
        () => send(response, 404, 'text/plain; charset=utf-8', 'not built'),
      );
      return;
    }
    send(response, 404, 'text/plain; charset=utf-8', 'not found');
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolveListen());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    nextBuild: () => new Promise((resolveBuild) => waiting.push(resolveBuild)),
    close: async () => {
      clearTimeout(timer);
      for (const watcher of watchers) watcher.close();
      for (const client of clients) client.end();
      await new Promise<void>((resolveClose) => server.close(() => resolveClose()));
      await building;
    },
  };
}

const CONTENT_TYPES: Record<OutputFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  html: 'text/html; charset=utf-8',
};

function build(options: WatchOptions): Promise<BriefingOutcome> {
  const { dataFile, templates, formats, outDir, strict, sourceDate } = options;
  return buildBriefing({ dataFile, templates, formats, outDir, strict, sourceDate });
}

function send(response: ServerResponse, status: number, type: string, body: string | Uint8Array): void {
  response.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
  response.end(body);
}

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char]!);

/** The script every preview page carries: reload when the server says a new build is there. */
const RELOAD = (version: number) =>
  `<script>(()=>{const shown=${version};const events=new EventSource('/events');events.onmessage=(e)=>{if(Number(e.data)!==shown)location.reload();};})();</script>`;

/** The first edition's HTML with the reload script and a bar of links; or the build's problems. */
async function previewPage(outcome: BriefingOutcome, version: number, options: WatchOptions): Promise<string> {
  if (!outcome.ok) {
    const problems = outcome.problems.map((problem) => `<li>${escapeHtml(problem)}</li>`).join('');
    return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>briefing: build failed</title></head><body style="font-family:sans-serif;margin:2em"><h1 id="build-failed">The build failed</h1><p>Fix the file named below; the preview reloads when it builds again.</p><ul id="problems">${problems}</ul>${RELOAD(version)}</body></html>`;
  }
  const html = outcome.files.find((file) => file.format === 'html');
  const links = outcome.files
    .filter((file) => file.format !== 'html')
    .map((file) => `<a href="/files/${escapeHtml(basename(file.path))}" style="color:inherit">${escapeHtml(basename(file.path))}</a>`)
    .join(' · ');
  // White links on the navy bar (a browser's blue on it is unreadable); the bar is for the screen, not the printout.
  const bar = `<style>@media print{#briefing-watch{display:none}}</style><div id="briefing-watch" style="position:fixed;inset:auto 0 0 0;padding:4px 8px;background:#10263f;color:#fff;font:12px sans-serif;z-index:9" dir="ltr">build ${version} · ${links}</div>`;
  if (!html) return `<!DOCTYPE html><html><head><meta charset="utf-8"><title>briefing</title></head><body>${bar}${RELOAD(version)}</body></html>`;
  const page = await readFile(resolve(options.outDir, basename(html.path)), 'utf8');
  return page.replace(/<\/body>/, `${bar}${RELOAD(version)}</body>`);
}
