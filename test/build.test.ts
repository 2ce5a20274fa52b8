// The build orchestration in-process, with stand-in stages: what is printed, the exit status, and that a failure
// in any stage leaves the output folder exactly as it was (same files, same bytes, same mtimes, no temp files).
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli, type CliIo } from '../src/cli/command.js';
import { nodeWriterFs } from '../src/output/write.js';
import { InputError } from '../src/errors.js';
import { cliPath, snapshotFolder } from './helpers/cli.js';
import { failOnCall, fakeModel, fakeStages, type FakeStagesOptions } from './helpers/cli-fakes.js';

let workDir: string;
let outDir: string;

beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'briefing-build-'));
  outDir = join(workDir, 'output');
});
afterEach(() => rmSync(workDir, { recursive: true, force: true }));

interface Captured {
  status: number;
  stdout: string[];
  stderr: string[];
}

/** `briefing ...argv` in-process with stand-in stages, its output captured line by line. */
async function runArgv(argv: string[], stages: FakeStagesOptions = {}, env: Record<string, string> = {}): Promise<Captured & { stages: ReturnType<typeof fakeStages> }> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const io: CliIo = { stdout: (line) => stdout.push(line), stderr: (line) => stderr.push(...line.split('\n')), env, cwd: workDir };
  const fake = fakeStages(stages);
  const status = await runCli(argv, io, fake);
  return { status, stdout, stderr, stages: fake };
}

/** `briefing build --data data/dgsn-2017.json --template briefing.ar ...args`: one edition, three files. */
const run = (args: string[], stages: FakeStagesOptions = {}, env: Record<string, string> = {}) =>
  runArgv(['build', '--data', 'data/dgsn-2017.json', '--template', 'briefing.ar', ...args], stages, env);

/** A previous build's files, so a failed build can be shown to leave them alone. */
function previousBuild(): Record<string, string> {
  mkdirSync(outDir, { recursive: true });
  for (const extension of ['pdf', 'docx', 'html']) writeFileSync(join(outDir, `briefing.ar.${extension}`), `old ${extension}`);
  writeFileSync(join(outDir, 'notes.txt'), 'not ours');
  return snapshotFolder(outDir);
}

const noStackTrace = (lines: string[]) => expect(lines.join('\n')).not.toMatch(/^\s+at /m);

describe('a successful build', () => {
  it('writes one file per format, a line per file with size and time, then a summary', async () => {
    const { status, stdout, stderr } = await run([]);
    expect(status).toBe(0);
    expect(stderr).toEqual([]);
    expect(readdirSync(outDir).sort()).toEqual(['briefing.ar.docx', 'briefing.ar.html', 'briefing.ar.pdf']);
    expect(readFileSync(join(outDir, 'briefing.ar.pdf'), 'utf8')).toBe('pdf 2017-12-22T14:00:00+01:00 حصيلة 2017');
    expect(stdout).toHaveLength(4);
    expect(stdout[0]).toMatch(/^output\/briefing\.ar\.pdf\s+\d+ B\s+\d+ ms$/);
    expect(stdout[1]).toMatch(/^output\/briefing\.ar\.docx\s/);
    expect(stdout[2]).toMatch(/^output\/briefing\.ar\.html\s/);
    expect(stdout[3]).toMatch(/^built 3 files \(\d+ B\) into output\/ in \d+ ms$/);
  });

  it('builds both editions without --template, Arabic first, in one write', async () => {
    const { status, stdout, stages } = await runArgv(['build', '--format', 'pdf,html']);
    expect(status).toBe(0);
    expect(stages.seenTemplates).toEqual(['briefing.ar', 'briefing.fr']);
    expect(readdirSync(outDir).sort()).toEqual(['briefing.ar.html', 'briefing.ar.pdf', 'briefing.fr.html', 'briefing.fr.pdf']);
    expect(stdout.map((line) => line.split(/\s+/)[0])).toEqual([
      'output/briefing.ar.pdf', 'output/briefing.ar.html', 'output/briefing.fr.pdf', 'output/briefing.fr.html', 'built',
    ]);
  });

  it('renders the HTML first and the PDF last (the peak memory), and reports files and warnings in the order asked for', async () => {
    const warning = (format: string) => ({ code: 'other' as const, message: `${format} says so` });
    const { status, stdout, stderr, stages } = await run(['--format', 'pdf,docx,html'], {
      renderers: { pdf: { warnings: [warning('pdf')] }, docx: { warnings: [warning('docx')] }, html: { warnings: [warning('html')] } },
    });
    expect(status).toBe(0);
    expect(stages.renderedFormats).toEqual(['html', 'docx', 'pdf']);
    expect(stdout.slice(0, 3).map((line) => line.split(/\s+/)[0])).toEqual(['output/briefing.ar.pdf', 'output/briefing.ar.docx', 'output/briefing.ar.html']);
    expect(stderr.filter((line) => line.includes('says so'))).toEqual([
      expect.stringMatching(/^warning \(pdf\): pdf says so$/),
      expect.stringMatching(/^warning \(docx\): docx says so$/),
      expect.stringMatching(/^warning \(html\): html says so$/),
    ]);
  });

  it('reports the problems of every edition together, each once, and writes nothing', async () => {
    const before = previousBuild();
    const problem = { file: 'data/dgsn-2017.json', place: '$.title', message: 'must not be empty' };
    const { status, stderr } = await runArgv(['build', '--template', 'briefing.ar,briefing.fr'], {
      model: (input) => {
        throw new InputError([problem, { file: `templates/${input.template}.hbs`, place: 'line 1, column 1', message: 'bad' }]);
      },
    });
    expect(status).toBe(1);
    expect(stderr).toEqual([
      'data/dgsn-2017.json: $.title: must not be empty',
      'templates/briefing.ar.hbs: line 1, column 1: bad',
      'templates/briefing.fr.hbs: line 1, column 1: bad',
      'briefing: build failed; no file was written or changed',
    ]);
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('refuses an empty template list, naming the option', async () => {
    const { status, stderr } = await runArgv(['build', '--template', ' , ']);
    expect(status).toBe(1);
    expect(stderr[0]).toBe('command line: --template: needs a template name');
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('refuses two templates of the same name from different folders (they would write the same files)', async () => {
    mkdirSync(join(workDir, 'mine'));
    writeFileSync(join(workDir, 'mine', 'briefing.ar.hbs'), '<html></html>');
    const { status, stderr } = await runArgv(['build', '--template', 'briefing.ar,mine/briefing.ar.hbs']);
    expect(status).toBe(1);
    expect(stderr[0]).toBe('command line: --template: two templates named "briefing.ar" would write the same files');
  });

  it('builds only the formats asked for, in the order asked, into --out', async () => {
    const { status, stdout } = await run(['--format', 'html,pdf', '--out', 'elsewhere/deeper']);
    expect(status).toBe(0);
    expect(readdirSync(join(workDir, 'elsewhere/deeper')).sort()).toEqual(['briefing.ar.html', 'briefing.ar.pdf']);
    expect(stdout.map((line) => line.split(/\s+/)[0])).toEqual(['elsewhere/deeper/briefing.ar.html', 'elsewhere/deeper/briefing.ar.pdf', 'built']);
  });

  it('prints nothing with --quiet', async () => {
    const { status, stdout, stderr } = await run(['--quiet']);
    expect(status).toBe(0);
    expect([...stdout, ...stderr]).toEqual([]);
    expect(readdirSync(outDir)).toHaveLength(3);
  });

  it('replaces previous files and leaves other files and no temporary files', async () => {
    previousBuild();
    expect((await run([])).status).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(['briefing.ar.docx', 'briefing.ar.html', 'briefing.ar.pdf', 'notes.txt']);
    expect(readFileSync(join(outDir, 'briefing.ar.docx'), 'utf8')).toMatch(/^docx /);
  });
});

describe('warnings', () => {
  const uncovered = { code: 'uncovered-character' as const, message: 'U+1F600 😀 is in no font (data/dgsn-2017.json: $.title)' };

  it('are printed to stderr once per message, naming the formats, and the build succeeds', async () => {
    const { status, stderr, stdout } = await run([], { renderers: { pdf: { warnings: [uncovered] }, docx: { warnings: [uncovered] } } });
    expect(status).toBe(0);
    expect(stderr).toEqual([`warning (pdf, docx): ${uncovered.message}`]);
    expect(stdout.at(-1)).toMatch(/, 1 warning$/);
    expect(readdirSync(outDir)).toHaveLength(3);
  });

  it('are still printed with --quiet', async () => {
    const { stderr, stdout } = await run(['--quiet'], { renderers: { html: { warnings: [uncovered] } } });
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([`warning (html): ${uncovered.message}`]);
  });

  it('fail the build under --strict: exit 1, nothing written', async () => {
    const before = previousBuild();
    const { status, stderr } = await run(['--strict'], { renderers: { docx: { warnings: [uncovered] } } });
    expect(status).toBe(1);
    expect(stderr[0]).toBe(`error (docx): ${uncovered.message}`);
    expect(stderr.at(-1)).toMatch(/no file was written.*--strict/);
    expect(snapshotFolder(outDir)).toEqual(before);
  });
});

describe('the document date', () => {
  it('is the dataset date when SOURCE_DATE_EPOCH is unset or empty', async () => {
    for (const env of [{}, { SOURCE_DATE_EPOCH: '' }] as Record<string, string>[]) {
      const { stages } = await run(['--format', 'pdf'], {}, env);
      expect(stages.seenModels.at(-1)!.meta.date).toBe('2017-12-22T14:00:00+01:00');
    }
  });

  it('is SOURCE_DATE_EPOCH when set, in UTC, for every renderer', async () => {
    const { status, stages } = await run([], {}, { SOURCE_DATE_EPOCH: '1513951200' });
    expect(status).toBe(0);
    expect(stages.seenModels.slice(1).map((model) => model.meta.date)).toEqual(Array(3).fill('2017-12-22T14:00:00Z'));
    expect(readFileSync(join(outDir, 'briefing.ar.html'), 'utf8')).toContain('2017-12-22T14:00:00Z');
  });

  it('rejects a malformed SOURCE_DATE_EPOCH as bad input', async () => {
    for (const value of ['yesterday', '-5', '1.5', '99999999999999999999']) {
      const { status, stderr } = await run([], {}, { SOURCE_DATE_EPOCH: value });
      expect(status, value).toBe(1);
      expect(stderr[0]).toMatch(/^SOURCE_DATE_EPOCH: must be a whole number of seconds/);
    }
    expect(readdirSync(workDir)).toEqual([]);
  });

  it('must be valid in the model when SOURCE_DATE_EPOCH is unset (never falls back to the clock)', async () => {
    const { status, stderr } = await run([], { model: () => fakeModel('') });
    expect(status).toBe(2);
    expect(stderr[0]).toMatch(/internal error: the document model has no valid date/);
  });
});

describe('a failure in any stage changes nothing in the output folder', () => {
  it('bad data or template (an InputError from the model stage): exit 1, one line per problem, no stack', async () => {
    const before = previousBuild();
    const problems = new InputError([
      { file: 'data/dgsn-2017.json', place: '$.results[2].value', message: 'expected a number' },
      { file: 'templates/briefing.ar.hbs', place: 'line 12, column 5', message: 'unknown helper "shout"' },
    ]);
    const { status, stderr, stdout } = await run([], {
      model: () => {
        throw problems;
      },
    });
    expect(status).toBe(1);
    expect(stdout).toEqual([]);
    expect(stderr).toEqual([
      'data/dgsn-2017.json: $.results[2].value: expected a number',
      'templates/briefing.ar.hbs: line 12, column 5: unknown helper "shout"',
      'briefing: build failed; no file was written or changed',
    ]);
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('a renderer that cannot be loaded: exit 2', async () => {
    const before = previousBuild();
    const { status, stderr } = await run([], { failLoading: 'docx' });
    expect(status).toBe(2);
    expect(stderr[0]).toBe('briefing: internal error: cannot load the docx renderer');
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('a renderer that throws after others succeeded: exit 2, one line and a hint, no stack', async () => {
    const before = previousBuild();
    const { status, stderr } = await run([], { renderers: { html: { fail: new TypeError('cannot read properties of undefined') } } });
    expect(status).toBe(2);
    expect(stderr).toHaveLength(3);
    expect(stderr[0]).toBe('briefing: internal error: cannot read properties of undefined');
    expect(stderr[1]).toMatch(/^hint: .*BRIEFING_DEBUG=1/);
    noStackTrace(stderr);
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('shows the stack of an internal error with BRIEFING_DEBUG=1', async () => {
    const { stderr } = await run([], { renderers: { pdf: { fail: new Error('boom') } } }, { BRIEFING_DEBUG: '1' });
    expect(stderr.join('\n')).toMatch(/^Error: boom\n\s+at /m);
  });

  it.each([
    ['creating the output folder', { mkdir: failOnCall(nodeWriterFs.mkdir, 1, 'EACCES') }, /output: cannot write: permission denied \(EACCES\)/],
    ['writing the second temporary file', { writeFile: failOnCall(nodeWriterFs.writeFile, 2, 'ENOSPC') }, /output\/briefing\.ar\.docx: cannot write: no space left/],
    ['keeping the previous third file', { link: failOnCall(nodeWriterFs.link, 3, 'EIO'), copyFile: failOnCall(nodeWriterFs.copyFile, 1, 'EIO') }, /output\/briefing\.ar\.html: cannot write/],
    ['renaming the third file into place', { rename: failOnCall(nodeWriterFs.rename, 3, 'EROFS') }, /output\/briefing\.ar\.html: cannot write: read-only file system/],
  ])('a write failure while %s: exit 1, previous files restored, no temp files', async (_stage, fs, message) => {
    const before = previousBuild();
    const { status, stderr } = await run([], { fs });
    expect(status).toBe(1);
    expect(stderr[0]).toMatch(message);
    noStackTrace(stderr);
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('a write failure on a first build leaves no file and no temp file', async () => {
    const { status } = await run([], { fs: { rename: failOnCall(nodeWriterFs.rename, 2, 'EIO') } });
    expect(status).toBe(1);
    expect(readdirSync(outDir)).toEqual([]);
  });

  it('a directory where an output file should go: exit 1, the other files not replaced', async () => {
    previousBuild();
    rmSync(join(outDir, 'briefing.ar.html'));
    mkdirSync(join(outDir, 'briefing.ar.html'));
    writeFileSync(join(outDir, 'briefing.ar.html', 'inside'), 'x');
    const before = snapshotFolder(outDir);
    const { status, stderr } = await run([]);
    expect(status).toBe(1);
    expect(stderr[0]).toMatch(/^output\/briefing\.ar\.html: cannot write: /);
    expect(snapshotFolder(outDir)).toEqual(before);
  });

  it('--out naming an existing file: exit 1, the file untouched', async () => {
    writeFileSync(join(workDir, 'output'), 'a file');
    const { status, stderr } = await run([]);
    expect(status).toBe(1);
    expect(stderr[0]).toMatch(/^output: cannot write: a file is in the way of a directory on this path \(ENOTDIR\); choose another --out$/);
    expect(readFileSync(join(workDir, 'output'), 'utf8')).toBe('a file');
    expect(readdirSync(workDir)).toEqual(['output']);
  });
});

describe('the command line', () => {
  async function fails(args: string[], expected: RegExp) {
    const { status, stderr } = await runArgv(args);
    expect(status, args.join(' ')).toBe(1);
    expect(stderr[0], args.join(' ')).toMatch(expected);
    noStackTrace(stderr);
    expect(readdirSync(workDir)).toEqual([]);
  }

  it.each([
    [['build', '--bogus'], /^command line: --bogus: unknown option/],
    [['build', '--format', 'pdf,odt'], /^command line: --format: unknown format "odt" \(choose from pdf, docx, html\)/],
    [['build', '--format', ''], /^command line: --format: needs a value/],
    [['build', '--data'], /^command line: --data: needs a value/],
    [['build', '--quiet=yes'], /^command line: --quiet: takes no value/],
    [['build', '--out', 'a', '--out', 'b'], /^command line: --out: given more than once/],
    [['build', '--template', '../etc/passwd'], /^command line: --template: "..\/etc\/passwd" is not a .hbs file/],
    [['build', '--template', '.hidden'], /^command line: --template: ".hidden" is not a template name/],
    [['build', 'extra'], /^command line: extra: unexpected argument/],
    [['publish'], /^command line: publish: unknown command/],
    [[], /^command line: missing command/],
  ])('rejects %j', async (args, expected) => fails(args, expected));

  it('prints help and the version without building', async () => {
    const help = await runArgv(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout[0]).toMatch(/^Usage: briefing build/);
    const version = await runArgv(['build', '--version']);
    expect(version.status).toBe(0);
    expect(version.stdout[0]).toMatch(/^\d+\.\d+\.\d+/);
    expect(readdirSync(workDir)).toEqual([]);
  });
});

describe('temporary files of a build that was killed outright', () => {
  it('are cleaned up by the next build, whatever they were for; those of a build still running are left alone', async () => {
    previousBuild();
    const dead = spawnSync(process.execPath, ['-e', '0']).pid!;
    const abandonedNew = join(outDir, `.briefing.ar.pdf.new-${dead}-0123456789ab.tmp`);
    const abandonedOld = join(outDir, `.briefing.ar.docx.old-${dead}-0123456789ab.tmp`);
    const running = join(outDir, `.briefing.ar.html.new-${process.pid}-0123456789ab.tmp`);
    const unrelated = join(outDir, `.notes.txt.new-${dead}-0123456789ab.tmp`);
    for (const file of [abandonedNew, abandonedOld, running, unrelated]) writeFileSync(file, 'left behind');
    expect((await run([])).status).toBe(0);
    expect(readdirSync(outDir).sort()).toEqual(
      // A dead build's temporary files go whatever file they were for (a --format subset build cleans up after an
      // earlier full one); those of the running build stay.
      ['.briefing.ar.html.new-' + process.pid + '-0123456789ab.tmp', 'briefing.ar.docx', 'briefing.ar.html', 'briefing.ar.pdf', 'notes.txt'].sort(),
    );
  });
});

describe('a build interrupted while writing (Ctrl-C, a cancelled CI job)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)('puts the previous files back on %s and dies of the signal', async (signal) => {
    const writeModule = join(cliPath(), '..', 'output', 'write.js');
    const before = previousBuild();
    // The child writes three files; the second rename never finishes, so the signal lands mid-commit.
    const script = `
      const { writeAllOrNothing, nodeWriterFs } = await import(${JSON.stringify(writeModule)});
      let renames = 0;
      const fs = { ...nodeWriterFs, rename: async (from, to) => {
        renames += 1;
        if (renames === 2) { process.stdout.write('stuck\\n'); return new Promise(() => setInterval(() => {}, 1000)); }
        return nodeWriterFs.rename(from, to);
      } };
      await writeAllOrNothing(['pdf', 'docx', 'html'].map((ext) => ({
        path: ${JSON.stringify(outDir)} + '/briefing.ar.' + ext, bytes: new TextEncoder().encode('new ' + ext) })), fs);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    // A child that dies before it is stuck (a module it cannot load) fails the test at once, not at the timeout.
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', () => resolve());
      child.on('exit', (code) => reject(new Error(`the writing child exited (${code}) before the signal`)));
    });
    // The first file is already replaced: the rollback has something to undo.
    expect(readFileSync(join(outDir, 'briefing.ar.pdf'), 'utf8')).toBe('new pdf');
    child.kill(signal);
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, sig) => resolve(sig)));
    expect(exit).toBe(signal);
    expect(snapshotFolder(outDir)).toEqual(before);
  }, 60_000);
});
