// Templates run in a sandbox: only their helpers, no file access, no prototype walking, no raw output. A template
// that tries is refused as bad input naming its file and line — or renders nothing of what it reached for.
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/command.js';
import { defaultStages } from '../src/cli/build.js';
import { TEMPLATE_DIR } from '../src/package-root.js';

let workDir: string;
let cases = 0;

beforeAll(() => {
  workDir = mkdtempSync(join(tmpdir(), 'briefing-sandbox-'));
});
afterAll(() => rmSync(workDir, { recursive: true, force: true }));

/** The real template with `snippet` added at the start of its body, built to HTML by the CLI. */
async function buildWith(snippet: string) {
  cases += 1;
  const dir = join(workDir, `templates-${cases}`);
  cpSync(TEMPLATE_DIR, dir, { recursive: true });
  const file = join(dir, 'briefing.ar.hbs');
  const source = readFileSync(file, 'utf8');
  const line = source.slice(0, source.indexOf('<body>')).split('\n').length + 1;
  writeFileSync(file, source.replace('<body>\n', `<body>\n${snippet}\n`));
  const out = join(workDir, `out-${cases}`);
  const stderr: string[] = [];
  const status = await runCli(
    ['build', '--template', file, '--format', 'html', '--out', out, '--quiet'],
    { stdout: () => undefined, stderr: (text) => stderr.push(text), env: {}, cwd: workDir },
    defaultStages,
  );
  const html = existsSync(out) && readdirSync(out).length > 0 ? readFileSync(join(out, readdirSync(out)[0]!), 'utf8') : '';
  return { status, stderr: stderr.join('\n'), html, file, line };
}

const SECRET = 'root:x:0:0';

describe('a template', () => {
  it.each([
    ['call a helper it was not given', '<p>{{readFile "/etc/passwd"}}</p>'],
    ['call a method through the prototype chain', '<p>{{constructor.constructor "return process.env"}}</p>'],
    ['pull in a partial from elsewhere', '<p>{{> ../../../../etc/passwd}}</p>'],
    ['write data out unescaped', '<p>{{{publication.title}}}</p>'],
  ])('cannot %s: bad input naming the template file and line, nothing written', async (_what, snippet) => {
    const { status, stderr, html, line } = await buildWith(snippet);
    expect(status).toBe(1);
    expect(stderr.split('\n')[0]).toMatch(new RegExp(`templates-\\d+/briefing\\.ar\\.hbs: line ${line}\\b`));
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(html).toBe('');
  });

  it.each([
    ['look up "constructor"', '<p>[{{lookup this "constructor"}}]</p>'],
    ['walk into __proto__', '<p>[{{#with __proto__}}{{toString}}{{/with}}]</p>'],
    ['read constructor.name', '<p>[{{constructor.name}}]</p>'],
  ])('cannot %s: refused, or renders nothing of it', async (_what, snippet) => {
    const { status, stderr, html } = await buildWith(snippet);
    if (status === 0) {
      expect(html).toContain('[]');
      expect(html).not.toMatch(/function|\[native code\]|Object\b/);
    } else {
      expect(status).toBe(1);
      expect(stderr.split('\n')[0]).toMatch(/briefing\.ar\.hbs: line \d+/);
    }
    expect(html).not.toContain(SECRET);
  });
});
