// `briefing watch` (issue 14): the preview on the loopback interface shows the HTML briefing, reloads itself in a
// real headless Chromium after an edit of the dataset, links to the fresh PDF, and shows a failed build's problem
// with file and place instead of the last good version.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import puppeteer from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cliPath, compiledPackageWorkDir, REPO_ROOT } from './helpers/cli.js';
import { missingTool } from './fixtures/text/extract.js';

const noChromium = missingTool('chromium', 'chromium');
const workDir = compiledPackageWorkDir('briefing-watch-');

interface Dataset {
  publication: { article?: string; title: string };
}

describe.skipIf(noChromium !== null)('briefing watch', () => {
  let watcher: ChildProcess;
  let url: string;
  let dataFile: string;
  let data: Dataset;
  let stderr = '';

  beforeAll(async () => {
    const cwd = workDir();
    dataFile = join(cwd, 'region.json');
    data = JSON.parse(readFileSync(join(REPO_ROOT, 'data/dgsn-2017.json'), 'utf8')) as Dataset;
    delete data.publication.article;
    writeFileSync(dataFile, JSON.stringify(data));
    watcher = spawn(process.execPath, [cliPath(), 'watch', '--data', 'region.json', '--port', '0', '--format', 'html,pdf', '--template', 'briefing.ar'], {
      cwd,
      env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: process.env.HOME ?? cwd },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    watcher.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    url = await new Promise<string>((resolve, reject) => {
      let out = '';
      watcher.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
        out += chunk;
        const found = /preview on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
        if (found) resolve(found[1]!);
      });
      watcher.on('exit', (code) => reject(new Error(`watch exited (${code}): ${stderr}`)));
    });
  }, 60_000);

  afterAll(async () => {
    if (!watcher || watcher.exitCode !== null) return;
    const exited = new Promise<number | null>((resolve) => watcher.on('exit', resolve));
    watcher.kill('SIGTERM');
    expect(await exited).toBe(0);
  });

  it('serves the preview on 127.0.0.1 only, with the fresh PDF linked', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const page = await (await fetch(url)).text();
    expect(page).toContain(`<title>${data.publication.title}</title>`);
    const pdf = /href="(\/files\/briefing\.ar\.pdf)"/.exec(page)![1]!;
    const response = await fetch(new URL(pdf, url));
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(Buffer.from(await response.arrayBuffer()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  it('reloads itself in headless Chromium after the dataset changes, and shows a failed build in the page', async () => {
    const executablePath = spawnSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).stdout.trim();
    const browser = await puppeteer.launch({ executablePath, headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      await page.goto(url);
      expect(await page.title()).toBe(data.publication.title);
      // The bar's links are white on its navy, and the bar stays off the printout.
      expect(await page.evaluate(`getComputedStyle(document.querySelector('#briefing-watch a')).color`)).toBe('rgb(255, 255, 255)');
      await page.emulateMediaType('print');
      expect(await page.evaluate(`getComputedStyle(document.querySelector('#briefing-watch')).display`)).toBe('none');
      await page.emulateMediaType('screen');
      const edited = 'عنوان معدل للمعاينة الحية';
      writeFileSync(dataFile, JSON.stringify({ ...data, publication: { ...data.publication, title: edited } }));
      await page.waitForFunction(`document.title === ${JSON.stringify(edited)}`, { timeout: 15_000 });
      expect(await page.$eval('h1', (h1) => h1.textContent)).toContain('عنوان معدل');

      writeFileSync(dataFile, '{"year": 2017,');
      await page.waitForSelector('#build-failed', { timeout: 15_000 });
      expect(await page.$eval('#problems', (list) => list.textContent)).toMatch(/^region\.json: line 1, column \d+: /);

      writeFileSync(dataFile, JSON.stringify(data));
      await page.waitForFunction(`document.title === ${JSON.stringify(data.publication.title)}`, { timeout: 15_000 });
    } finally {
      await browser.close();
    }
  }, 60_000);
});
