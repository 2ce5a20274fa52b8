// A newcomer starts from the smallest dataset that builds: the one printed in data/README.md, kept as
// data/examples/minimal.json. Both must stay the same, and it must build.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compiledPackage, compiledPackageWorkDir, REPO_ROOT, runBriefing } from './helpers/cli.js';

const EXAMPLE = 'data/examples/minimal.json';

describe('the minimal example dataset', () => {
  const workDir = compiledPackageWorkDir('briefing-minimal-');

  it('is printed in data/README.md exactly as the file holds it', () => {
    const readme = readFileSync(join(REPO_ROOT, 'data/README.md'), 'utf8');
    const printed = /## A minimal dataset[\s\S]*?```json\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(printed, 'data/README.md has a "A minimal dataset" section with a json block').toBeDefined();
    expect(printed).toBe(readFileSync(join(REPO_ROOT, EXAMPLE), 'utf8'));
  });

  it('builds all three formats with exit 0 and no warning', async () => {
    const out = join(workDir(), 'out');
    const run = await runBriefing(['build', '--strict', '--data', join(compiledPackage(), EXAMPLE), '--out', out], { cwd: workDir() });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const file of ['briefing.ar.pdf', 'briefing.ar.docx', 'briefing.ar.html']) expect(existsSync(join(out, file)), file).toBe(true);
  });

  it('names the path of a required key left out', async () => {
    const dataset = JSON.parse(readFileSync(join(REPO_ROOT, EXAMPLE), 'utf8')) as { publication: { issuer: Record<string, string> } };
    delete dataset.publication.issuer.fr;
    const file = join(workDir(), 'without-french-issuer.json');
    writeFileSync(file, JSON.stringify(dataset));
    const run = await runBriefing(['build', '--data', file, '--out', join(workDir(), 'refused')], { cwd: workDir() });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('$.publication.issuer.fr: missing field');
    expect(existsSync(join(workDir(), 'refused'))).toBe(false);
  });
});
