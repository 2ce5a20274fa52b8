// The real `briefing` command, compiled as it ships (dist/cli.js beside package.json), run in child processes.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { compiledPackage, compiledPackageWorkDir, REPO_ROOT, runBriefing, snapshotFolder } from './helpers/cli.js';
import { shebangNodeFlags } from '../src/bundle/shebang.js';

const workDir = compiledPackageWorkDir('briefing-cli-');
// Open to the unprivileged user the read-only test runs as.
beforeAll(() => chmodSync(workDir(), 0o777));

const noStackTrace = (text: string) => expect(text).not.toMatch(/^\s+at /m);

function freshDir(name: string): string {
  const dir = join(workDir(), name);
  mkdirSync(dir, { recursive: true, mode: 0o777 });
  chmodSync(dir, 0o777);
  return dir;
}

describe('briefing (compiled)', () => {
  it('--help prints the usage and exits 0', async () => {
    const run = await runBriefing(['--help'], { cwd: freshDir('help') });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: briefing build \[options\]/);
    expect(run.stdout).toMatch(/--data FILE.*--template LIST.*--format LIST.*--out DIR.*--quiet.*--strict/s);
    expect(run.stderr).toBe('');
  });

  it('--version prints the package.json version', async () => {
    const { version } = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    const run = await runBriefing(['--version'], { cwd: freshDir('version') });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(`${version}\n`);
  });

  it('an unknown flag is bad input: exit 1, one line naming it, no stack, nothing written', async () => {
    const cwd = freshDir('unknown-flag');
    const run = await runBriefing(['build', '--colour', 'red'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toBe('command line: --colour: unknown option (see briefing --help)');
    noStackTrace(run.stderr);
    expect(run.stdout).toBe('');
    expect(readdirSync(cwd)).toEqual([]);
  });

  it('an unknown format is bad input', async () => {
    const run = await runBriefing(['build', '--format', 'pdf,rtf'], { cwd: freshDir('bad-format') });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^command line: --format: unknown format "rtf"/);
  });

  it('loads no renderer, template engine or PDF library for --help, and only the renderer asked for', async () => {
    const cwd = freshDir('lazy');
    const traceFile = join(cwd, 'trace.txt');
    const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(traceFile)}, resolved.url + '\\n');
  return resolved;
}`;
    const register = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const nodeArgs = ['--import', `data:text/javascript,${encodeURIComponent(register)}`];
    const loaded = () => readFileSync(traceFile, 'utf8').split('\n').filter(Boolean);

    expect((await runBriefing(['--help'], { cwd, nodeArgs })).status).toBe(0);
    const forHelp = loaded();
    expect(forHelp.some((url) => url.endsWith('/dist/cli.js'))).toBe(true);
    for (const heavy of ['/pdfkit/', '/docx/', '/handlebars/', '/fontkit/', '/renderers/pdf/', '/renderers/docx/', '/pipeline.js']) {
      expect(forHelp.filter((url) => url.includes(heavy)), heavy).toEqual([]);
    }

    rmSync(traceFile);
    await runBriefing(['build', '--format', 'html', '--out', 'out'], { cwd, nodeArgs });
    const forHtml = loaded();
    for (const heavy of ['/pdfkit/', '/docx/', '/fontkit/', '/renderers/pdf/', '/renderers/docx/']) {
      expect(forHtml.filter((url) => url.includes(heavy)), heavy).toEqual([]);
    }
  });
});

describe('briefing build with the real pipeline and renderers', () => {
  it('builds both editions into output/: a line per file with size and time, then a summary', async () => {
    const cwd = freshDir('default');
    const run = await runBriefing(['build'], { cwd });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(7);
    const files = ['ar', 'fr'].flatMap((edition) => ['pdf', 'docx', 'html'].map((extension) => `briefing.${edition}.${extension}`));
    for (const [index, file] of files.entries()) {
      expect(lines[index]).toMatch(new RegExp(`^output/${file.replaceAll('.', '\\.')}\\s+[\\d.]+ (B|kB|MB)\\s+[\\d.]+ (ms|s)$`));
    }
    expect(lines[6]).toMatch(/^built 6 files \([\d.]+ (kB|MB)\) into output\/ in [\d.]+ m?s$/);
    expect(readdirSync(join(cwd, 'output')).sort()).toEqual([...files].sort());
    for (const edition of ['ar', 'fr']) {
      expect(readFileSync(join(cwd, `output/briefing.${edition}.pdf`)).subarray(0, 5).toString()).toBe('%PDF-');
      expect(readFileSync(join(cwd, `output/briefing.${edition}.docx`)).subarray(0, 2).toString()).toBe('PK');
    }
  }, 120_000);

  it('--quiet prints nothing on success', async () => {
    const cwd = freshDir('quiet');
    const run = await runBriefing(['build', '--quiet', '--format', 'html'], { cwd });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
    expect(readdirSync(join(cwd, 'output')).sort()).toEqual(['briefing.ar.html', 'briefing.fr.html']);
  }, 60_000);

  it('a missing dataset is bad input naming the file, and leaves the previous output alone', async () => {
    const cwd = freshDir('missing-data');
    mkdirSync(join(cwd, 'output'));
    writeFileSync(join(cwd, 'output/briefing.ar.pdf'), 'previous');
    const before = snapshotFolder(join(cwd, 'output'));
    const run = await runBriefing(['build', '--data', 'data/nowhere.json'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(/^data\/nowhere\.json: /);
    noStackTrace(run.stderr);
    expect(snapshotFolder(join(cwd, 'output'))).toEqual(before);
  }, 60_000);

  it('a dataset that is not JSON is bad input naming the file', async () => {
    const cwd = freshDir('broken-data');
    writeFileSync(join(cwd, 'broken.json'), '{ "title": ');
    const run = await runBriefing(['build', '--data', 'broken.json'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/^broken\.json: /);
    noStackTrace(run.stderr);
    expect(readdirSync(cwd)).toEqual(['broken.json']);
  }, 60_000);

  it('an unknown template is bad input', async () => {
    const cwd = freshDir('missing-template');
    const run = await runBriefing(['build', '--template', 'no-such-template'], { cwd });
    expect(run.status).toBe(1);
    expect(run.stderr).toMatch(/no-such-template/);
    noStackTrace(run.stderr);
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('a character no font covers is a warning; with --strict it fails the build and nothing is written', async () => {
    const cwd = freshDir('strict');
    const data = JSON.parse(readFileSync(join(REPO_ROOT, 'data/dgsn-2017.json'), 'utf8')) as { publication: { article?: string; title: string } };
    delete data.publication.article;
    data.publication.title = `${data.publication.title} \u{1F600}`;
    writeFileSync(join(cwd, 'emoji.json'), JSON.stringify(data));

    const lenient = await runBriefing(['build', '--data', 'emoji.json', '--format', 'pdf'], { cwd });
    expect(lenient.status).toBe(0);
    // Drawn as a box, and said with the JSON path where the dataset has it.
    expect(lenient.stderr).toMatch(/^warning \(pdf\): emoji\.json: \$\.publication\.title: no font has 😀 U\+1F600 \(Emoticons\): the PDF draws a box$/m);
    expect(lenient.stdout).toMatch(/, \d+ warnings?$/m);

    const before = snapshotFolder(join(cwd, 'output'));
    const strict = await runBriefing(['build', '--data', 'emoji.json', '--strict'], { cwd });
    expect(strict.status).toBe(1);
    expect(strict.stderr).toMatch(/^error \(pdf, docx, html\): emoji\.json: \$\.publication\.title: no font has 😀 U\+1F600 \(Emoticons\): the PDF draws a box; Word takes it from a system font; the browser takes it from a system font$/m);
    expect(strict.stderr).toMatch(/no file was written or changed \(--strict: warnings are errors\)$/m);
    expect(strict.stdout).toBe('');
    expect(snapshotFolder(join(cwd, 'output'))).toEqual(before);
  }, 60_000);

  it('a read-only output folder: exit 1 naming it, previous files untouched, no temp files', async (context) => {
    const cwd = freshDir('read-only');
    // Root ignores permission bits, so drop to an unprivileged user where the tests run as root — if that user
    // can read the package (a checkout under a private home folder it cannot).
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const probe = await runBriefing(['build', '--format', 'html', '--out', 'probe', '--quiet'], { cwd, ...asUser, env: { HOME: cwd } });
    if (probe.status !== 0) {
      const why = `the unprivileged user cannot run the package here (${probe.stderr.split('\n')[0]}); give the temp folder mode 755`;
      if (process.env.CI === 'true') throw new Error(`read-only output folder: ${why}`);
      console.warn(`[skip] read-only output folder: ${why}`);
      context.skip();
    }
    const out = join(cwd, 'output');
    mkdirSync(out);
    for (const extension of ['pdf', 'docx', 'html']) writeFileSync(join(out, `briefing.ar.${extension}`), `previous ${extension}`);
    chmodSync(out, 0o555);
    const before = snapshotFolder(out);
    const run = await runBriefing(['build'], { cwd, ...asUser, env: { HOME: cwd } });
    expect(run.status).toBe(1);
    expect(run.stderr.split('\n')[0]).toMatch(/^output\/briefing\.ar\.pdf: cannot write: permission denied \(EACCES\); choose a folder you may write to with --out$/);
    noStackTrace(run.stderr);
    expect(snapshotFolder(out)).toEqual(before);
  }, 120_000);
});

describe('package.json', () => {
  it('`npx briefing` runs the bin entry of the built package', () => {
    const npmHome = freshDir('npx-home');
    const npx = (args: string[]) =>
      // A clean environment: npm's own variables (set when the tests run under npm) would name this repo instead.
      spawnSync('npx', ['--offline', 'briefing', ...args], {
        cwd: compiledPackage(),
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: npmHome, npm_config_update_notifier: 'false' },
      });
    const version = npx(['--version']);
    expect(version.stderr).toBe('');
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
    const out = join(freshDir('npx'), 'out');
    const build = npx(['build', '--format', 'html', '--out', out, '--quiet']);
    expect(build.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['briefing.ar.html', 'briefing.fr.html']);
  }, 120_000);

  it('`npm run build` compiles, then runs the bin entry (`npx briefing`) with build', () => {
    const manifest = JSON.parse(readFileSync(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      bin: Record<string, string>;
      scripts: Record<string, string>;
    };
    const bin = manifest.bin.briefing!;
    // Node options before the entry: the same ones the entry's shebang gives `npx briefing` (and the bench).
    const flags = shebangNodeFlags(join(REPO_ROOT, 'src', 'cli.ts'));
    expect(flags).toContain('--max-semi-space-size=1');
    expect(manifest.scripts.build).toMatch(new RegExp(`^tsc -p tsconfig\\.json && .*node ${flags.join(' ')} ${bin.replace(/\./g, '\\.')} build$`));
  });
});
