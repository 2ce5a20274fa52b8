// Template errors name the template file, line and column; data stays text whatever it holds.
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type Problem } from '../src/errors.js';
import type { Inline, TableBlock } from '../src/model/types.js';
import { buildDocumentModel } from '../src/pipeline.js';
import { scratchDir } from './helpers/scratch.js';

const TEMPLATES = 'templates';
const DATA_FILE = 'data/dgsn-2017.json';

/** A copy of templates/ in a fresh folder, with some files replaced or added (paths relative to it). */
function templateDir(changes: Record<string, string> = {}): string {
  const dir = scratchDir('briefing-templates-');
  cpSync(TEMPLATES, dir, { recursive: true });
  for (const [path, text] of Object.entries(changes)) writeFileSync(join(dir, path), text);
  return dir;
}

/** The main template with `line` inserted so that it becomes line `lineNumber`. */
function mainWithLine(lineNumber: number, line: string): string {
  const lines = readFileSync(join(TEMPLATES, 'briefing.ar.hbs'), 'utf8').split('\n');
  lines.splice(lineNumber - 1, 0, line);
  return lines.join('\n');
}

function problemsOf(dir: string, dataFile = DATA_FILE): Problem[] {
  try {
    buildDocumentModel({ dataFile, template: 'briefing.ar', templateDir: dir });
  } catch (error) {
    expect(error).toBeInstanceOf(InputError);
    return (error as InputError).problems;
  }
  throw new Error('the template was accepted');
}

const bodyLine = () => readFileSync(join(TEMPLATES, 'briefing.ar.hbs'), 'utf8').split('\n').indexOf('<body>') + 2;

describe('template errors name the template line', () => {
  it('an element outside the subset', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '    <div>{{year}}</div>') });
    const [problem, ...rest] = problemsOf(dir);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({ file: join(dir, 'briefing.ar.hbs'), place: `line ${line}, column 5` });
    expect(problem?.message).toMatch(/^element <div> is not allowed/);
  });

  it('an element outside the subset in a partial names the partial', () => {
    const dir = templateDir({ 'partials/ar/title-block.hbs': '{{!-- title --}}\n<h1>{{publication.title}}</h1>\n  <p class="meta"><span>{{year}}</span></p>\n' });
    const [problem] = problemsOf(dir);
    expect(problem).toMatchObject({ file: join(dir, 'partials/ar/title-block.hbs'), place: 'line 3, column 19' });
    expect(problem?.message).toMatch(/^element <span> is not allowed/);
  });

  it('an attribute outside the subset, and a bad attribute value', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p style="color:red">x</p><p class="big">y</p>') });
    expect(problemsOf(dir).map((problem) => `${problem.place}: ${problem.message}`)).toEqual([
      `line ${line}, column 4: attribute style is not allowed on <p> (allowed: class, data-align)`,
      `line ${line}, column 30: class="big" is not allowed (use "lead", "note", "source", "meta")`,
    ]);
  });

  it('a missing variable', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{publication.titel}}</p>') });
    expect(problemsOf(dir)).toEqual([
      { file: join(dir, 'briefing.ar.hbs'), place: `line ${line}, column 6`, message: '"titel" is not defined (missing variable)' },
    ]);
  });

  it('a missing variable given to a helper or a block helper', () => {
    const line = bodyLine();
    const helper = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{number publication.count}}</p>') });
    expect(problemsOf(helper)[0]).toMatchObject({ place: `line ${line}, column 13`, message: '"count" is not defined (missing variable)' });
    const block = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '{{#if nothing.here}}<p>x</p>{{/if}}') });
    expect(problemsOf(block)[0]).toMatchObject({ place: `line ${line}, column 7`, message: '"nothing" is not defined (missing variable)' });
  });

  it('a missing variable inside a partial names the partial', () => {
    const partial = readFileSync(join(TEMPLATES, 'partials/ar/summary.hbs'), 'utf8').replace('{{year}}', '{{yaer}}');
    const dir = templateDir({ 'partials/ar/summary.hbs': partial });
    const [problem] = problemsOf(dir);
    expect(problem?.file).toBe(join(dir, 'partials/ar/summary.hbs'));
    expect(problem?.place).toMatch(/^line 2, column \d+$/);
    expect(problem?.message).toBe('"yaer" is not defined (missing variable)');
  });

  it('triple-stash and {{& }} are rejected with their line', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{{publication.title}}} {{&year}}</p>') });
    expect(problemsOf(dir).map((problem) => problem.place)).toEqual([`line ${line}, column 4`, `line ${line}, column 28`]);
    expect(problemsOf(dir)[0]?.message).toMatch(/^unescaped output/);
  });

  it('an unknown helper, an unknown partial, a wrong helper argument', () => {
    const line = bodyLine();
    const unknownHelper = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{money year}}</p>') });
    expect(problemsOf(unknownHelper)[0]).toMatchObject({ place: `line ${line}, column 4` });
    expect(problemsOf(unknownHelper)[0]?.message).toMatch(/^unknown helper "money"/);

    const unknownPartial = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '{{> footer}}') });
    expect(problemsOf(unknownPartial)[0]).toMatchObject({ place: `line ${line}, column 1` });
    expect(problemsOf(unknownPartial)[0]?.message).toMatch(/^unknown partial "footer"/);

    const wrongArgument = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{number publication.title}}</p>') });
    expect(problemsOf(wrongArgument)[0]).toMatchObject({ place: `line ${line}, column 4` });
    expect(problemsOf(wrongArgument)[0]?.message).toMatch(/^\{\{number\}\} needs a number, got string/);
  });

  it('a Handlebars syntax error', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{#if year}}x{{/each}}</p>') });
    expect(problemsOf(dir)[0]).toMatchObject({ place: `line ${line}, column 7`, message: "if doesn't match each" });
    const unclosed = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{year</p>') });
    expect(problemsOf(unclosed)[0]?.place).toMatch(new RegExp(`^line ${line}, column \\d+$`));
    expect(problemsOf(unclosed)[0]?.message).toMatch(/^template syntax error/);
  });

  it('misplaced elements, found in the rendered HTML, are reported at the template line that wrote them', () => {
    const line = bodyLine();
    const dir = templateDir({
      'briefing.ar.hbs': mainWithLine(line, '<p>{{#each plans}}<td>{{id}}</td>{{/each}}</p>\n<table><tr><td>a</td></tr><tr><td>b</td><td>c</td></tr></table>'),
    });
    expect(problemsOf(dir).map((problem) => `${problem.place}: ${problem.message}`)).toEqual([
      `line ${line}, column 19: <td> is not allowed inside <p> (only text, strong, b, em, i, br)`,
      `line ${line + 1}, column 8: this row spans 1 column, the table has 2`,
    ]);
    const partial = templateDir({ 'partials/ar/facts.hbs': '{{#each facts}}\n<p class="note">\n  <ul><li>{{label.ar}}</li></ul>\n</p>\n{{/each}}\n' });
    expect(problemsOf(partial)[0]).toMatchObject({
      file: join(partial, 'partials/ar/facts.hbs'),
      place: 'line 3, column 3',
      message: '<ul> is not allowed inside <p> (only text, strong, b, em, i, br)',
    });
  });

  it('a template that does not exist lists those that do', () => {
    expect(() => buildDocumentModel({ dataFile: DATA_FILE, template: 'briefing.en' })).toThrow(/no such template \(templates: briefing\.ar, briefing\.fr\)/);
  });
});

describe('data is escaped', () => {
  it('markup and mustaches in a label reach the model as literal text', () => {
    const data = JSON.parse(readFileSync(DATA_FILE, 'utf8'));
    delete data.publication.article;
    data.documents[0].label.ar = '<b>بطاقة</b> {{x}} & "ok"';
    data.plans[0].project.ar = '{{{publication.title}}} <script>alert(1)</script>';
    const dir = scratchDir('briefing-data-');
    const dataFile = join(dir, 'escape.json');
    writeFileSync(dataFile, JSON.stringify(data));
    const model = buildDocumentModel({ dataFile, template: 'briefing.ar' });
    const tables = model.blocks.filter((block): block is TableBlock => block.kind === 'table');
    const text = (inlines: Inline[]) => inlines.map((inline) => (inline.kind === 'text' ? inline.text : '\n')).join('');
    expect(text(tables[0]!.body[0]!.cells[0]!.inlines)).toBe('<b>بطاقة</b> {{x}} & "ok"');
    expect(tables[0]!.body[0]!.cells[0]!.inlines).toEqual([{ kind: 'text', text: '<b>بطاقة</b> {{x}} & "ok"', bold: false, italic: false }]);
    expect(text(tables[2]!.body[0]!.cells[0]!.inlines)).toBe('{{{publication.title}}} <script>alert(1)</script>');
  });
});

describe('every problem of a template in one run', () => {
  /** The main template with `replace` applied (each pair once) and lines removed. */
  function mainEdited(replacements: [string, string][]): { text: string; lineOf: (snippet: string) => number } {
    let text = readFileSync(join(TEMPLATES, 'briefing.ar.hbs'), 'utf8');
    for (const [from, to] of replacements) {
      expect(text.includes(from), `the template has ${from}`).toBe(true);
      text = text.replace(from, to);
    }
    const lines = text.split('\n');
    return { text, lineOf: (snippet) => lines.findIndex((line) => line.includes(snippet)) + 1 };
  }

  it('an unknown helper, missing variables in the template and a partial, a bad helper argument and a missing <meta>', () => {
    const main = mainEdited([
      ['<title>{{publication.title}}</title>', '<title>{{shout publication.title}}</title>'],
      ['content="{{publication.source.ar}}"', 'content="{{publication.sourc.ar}}"'],
      ['<h3>{{label.ar}}</h3>', '<h3>{{label.arr}} {{number label}}</h3>'],
      ['  <meta name="date" content="{{publication.publishedAt}}">\n', ''],
    ]);
    const summary = readFileSync(join(TEMPLATES, 'partials/ar/summary.hbs'), 'utf8').replace('{{year}}', '{{yaer}}');
    const dir = templateDir({ 'briefing.ar.hbs': main.text, 'partials/ar/summary.hbs': summary });
    const file = join(dir, 'briefing.ar.hbs');
    const problems = problemsOf(dir);
    const at = (problem: Problem) => `${problem.file.slice(dir.length + 1)}: ${problem.place.replace(/, column \d+/, '')}: ${problem.message}`;
    const expected = [
      `briefing.ar.hbs: line ${main.lineOf('{{shout')}: unknown helper "shout" (helpers: if, unless`,
      `briefing.ar.hbs: line ${main.lineOf('publication.sourc')}: "sourc" is not defined (missing variable`,
      `partials/ar/summary.hbs: line 2: "yaer" is not defined (missing variable)`,
      `briefing.ar.hbs: line ${main.lineOf('label.arr')}: "arr" is not defined (missing variable)`,
      `briefing.ar.hbs: line ${main.lineOf('label.arr')}: {{number}} needs a number, got object {"a`,
      `briefing.ar.hbs: line ${main.lineOf('<head>')}: <head> needs <meta name="date" content="...`,
    ];
    expect(problems.map(at).map((shown, index) => shown.slice(0, expected[index]?.length))).toEqual(expected);
    expect(problems.every((problem) => problem.file === file || problem.file.endsWith('summary.hbs'))).toBe(true);
  });

  it('a missing variable inside {{#each}} is reported once, not once per row', () => {
    const main = mainEdited([['<h3>{{label.ar}}</h3>', '<h3>{{label.arr}}</h3>']]);
    expect(problemsOf(templateDir({ 'briefing.ar.hbs': main.text })).map((problem) => problem.message)).toEqual([
      '"arr" is not defined (missing variable)',
    ]);
  });

  it('a variable looked up inside a missing one is not reported again', () => {
    const line = bodyLine();
    const dir = templateDir({ 'briefing.ar.hbs': mainWithLine(line, '<p>{{publication.nothing.deeper.still}} {{number nothing}}</p>') });
    expect(problemsOf(dir).map((problem) => problem.message)).toEqual([
      '"nothing" is not defined (missing variable)',
      '"nothing" is not defined (missing variable)',
    ]);
  });
});
