// The CI workflow is code too: parse it and check that it does what the README promises
// (test, build, publish the briefings as an artifact named after the dataset and commit).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';

const root = join(import.meta.dirname, '..');
const workflowPath = join(root, '.github/workflows/briefing.yml');
const workflowText = readFileSync(workflowPath, 'utf8');

interface Step {
  name?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Workflow {
  on: Record<string, unknown> | string[] | string;
  env?: Record<string, string>;
  jobs: Record<string, { 'runs-on': string; steps: Step[] }>;
}

function loadWorkflow(): Workflow {
  const document = parseDocument(workflowText, { prettyErrors: true });
  expect(document.errors.map(String)).toEqual([]);
  return document.toJS() as Workflow;
}

const workflow = loadWorkflow();
const jobs = Object.values(workflow.jobs);
const steps = jobs[0]?.steps ?? [];

/** Index of the first step matching, or -1. */
function stepIndex(matches: (step: Step) => boolean): number {
  return steps.findIndex(matches);
}
const usesAction = (action: string) => (step: Step) => step.uses?.split('@')[0] === action;
const runs = (pattern: RegExp) => (step: Step) => typeof step.run === 'string' && pattern.test(step.run);

describe('.github/workflows/briefing.yml', () => {
  it('runs on push and on pull request', () => {
    const triggers = Array.isArray(workflow.on)
      ? workflow.on
      : typeof workflow.on === 'string'
        ? [workflow.on]
        : Object.keys(workflow.on);
    expect(triggers).toEqual(expect.arrayContaining(['push', 'pull_request']));
  });

  it('has one job, on a pinned runner image', () => {
    expect(jobs).toHaveLength(1);
    expect(jobs[0]?.['runs-on']).toMatch(/^ubuntu-\d+\.\d+$/);
  });

  it('uses Node 20', () => {
    const setupNode = steps.find(usesAction('actions/setup-node'));
    expect(setupNode, 'an actions/setup-node step').toBeDefined();
    expect(String(setupNode?.with?.['node-version'])).toMatch(/^20(\.|$)/);
  });

  it('pins every action by full commit SHA, with the version tag in a comment', () => {
    const usesLines = workflowText.split('\n').filter((line) => /^\s*(-\s+)?uses:/.test(line));
    expect(usesLines.length).toBeGreaterThanOrEqual(3);
    for (const line of usesLines) {
      expect(line, line.trim()).toMatch(/uses:\s+[\w.-]+\/[\w.-]+@[0-9a-f]{40}\s+#\s+v\d+\.\d+\.\d+\s*$/);
    }
  });

  it('checks out, sets up Node, installs tools, npm ci, tests, builds, then uploads — in that order', () => {
    const order = [
      stepIndex(usesAction('actions/checkout')),
      stepIndex(usesAction('actions/setup-node')),
      stepIndex(runs(/apt-get install/)),
      stepIndex(runs(/^npm ci\b/m)),
      stepIndex(runs(/^npm test\b/m)),
      stepIndex(runs(/^npm run build\b/m)),
      stepIndex(usesAction('actions/upload-artifact')),
    ];
    expect(order.every((index) => index >= 0), `step indexes ${order.join(', ')}`).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('runs scripts that package.json defines', () => {
    const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
      .scripts;
    expect(scripts.test).toBeTruthy();
    // The workflow appends `--data …` to `npm run build`: the script must end by running `briefing build`.
    expect(scripts.build?.trim(), 'the build script ends with the CLI\'s build command').toMatch(/\.c?js build$/);
  });

  it('installs the Debian package of every tool a test calls', () => {
    // Tool → Debian package. A test that needs a tool must run under CI=true, so CI has to install it.
    const packageOfTool: Record<string, string> = {
      pdftotext: 'poppler-utils',
      pdftoppm: 'poppler-utils',
      pdffonts: 'poppler-utils',
      pdfinfo: 'poppler-utils',
      soffice: 'libreoffice-writer-nogui',
      'hb-shape': 'libharfbuzz-bin',
      'hb-view': 'libharfbuzz-bin',
      qpdf: 'qpdf',
      tesseract: 'tesseract-ocr-ara',
      mutool: 'mupdf-tools',
      chromium: 'chromium',
    };
    const installRun = steps.find(runs(/apt-get install/))?.run ?? '';
    const installed = new Set(installRun.split(/[\s\\]+/));
    for (const required of ['poppler-utils', 'libreoffice-writer-nogui', 'libharfbuzz-bin', 'qpdf']) {
      expect(installed, `apt-get installs ${required}`).toContain(required);
    }
    const testDir = join(root, 'test');
    const testSources = readdirSync(testDir, { recursive: true, encoding: 'utf8' })
      .filter((file) => file.endsWith('.ts') && !file.startsWith('workflow'))
      .map((file) => readFileSync(join(testDir, file), 'utf8'));
    for (const [tool, debianPackage] of Object.entries(packageOfTool)) {
      const quoted = new RegExp(`['"\`]${tool}['"\`\\s]`);
      if (testSources.some((source) => quoted.test(source))) {
        expect(installed, `a test calls ${tool}: the workflow must apt-get install ${debianPackage}`).toContain(
          debianPackage,
        );
      }
    }
  });

  it('installs the same Debian packages as .ci/run (the script the project CI runs)', () => {
    const ciRun = readFileSync(join(root, '.ci/run'), 'utf8');
    const ciPackages = [...ciRun.matchAll(/need\+=\(([\w.+-]+)\)/g)].map((match) => match[1]).sort();
    const installRun = steps.find(runs(/apt-get install/))?.run ?? '';
    const workflowPackages = installRun
      .split(/[\s\\]+/)
      .filter((word) => /^[a-z0-9][\w.+-]*$/.test(word) && !['sudo', 'apt-get', 'update', 'install'].includes(word))
      .sort();
    expect(ciPackages.length).toBeGreaterThan(0);
    expect(workflowPackages).toEqual(ciPackages);
  });

  it('uploads the PDF, DOCX and HTML from output/ as an artifact named after the dataset and commit', () => {
    const upload = steps.find(usesAction('actions/upload-artifact'));
    expect(upload, 'an actions/upload-artifact step').toBeDefined();
    const name = String(upload?.with?.name);
    expect(name).toBe('briefing-${{ env.DATASET }}-${{ github.sha }}');
    const paths = String(upload?.with?.path)
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
    for (const extension of ['pdf', 'docx', 'html']) {
      expect(paths.some((path) => path.startsWith('output/') && path.endsWith(`.${extension}`)), extension).toBe(true);
    }
    expect(upload?.with?.['if-no-files-found']).toBe('error');
  });

  it('builds the dataset the artifact is named after', () => {
    expect(workflow.env?.DATASET).toMatch(/^[a-z0-9-]+$/);
    // `npm run build -- ARGS` hands ARGS to the script's last command, `node dist/cli.js build`.
    expect(steps.find(runs(/^npm run build\b/m))?.run).toContain('--data "data/${DATASET}.json"');
  });

  it('names the artifact after a dataset that exists in data/', () => {
    const dataset = workflow.env?.DATASET;
    expect(dataset).toMatch(/^[a-z0-9-]+$/);
    expect(existsSync(join(root, 'data', `${dataset}.json`)), `data/${dataset}.json`).toBe(true);
  });
});
