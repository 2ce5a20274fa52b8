// Hostile input files (issue 10): each refused at once with one line naming the file and the place.
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDataset } from '../src/dataset/load.js';
import { loadTemplate } from '../src/template/engine.js';
import { scratchDir } from './helpers/scratch.js';

const REAL = JSON.parse(readFileSync('data/dgsn-2017.json', 'utf8')) as { publication: { article?: string; title: string } };

function datasetWith(dir: string, change: (data: typeof REAL) => void, text?: string): string {
  const data = structuredClone(REAL);
  change(data);
  const file = join(dir, 'd.json');
  writeFileSync(file, text ?? JSON.stringify(data));
  return file;
}

describe('input files that are not regular files, or too large', () => {
  it('refuses a device, a FIFO and a folder at once', () => {
    const dir = scratchDir('hostile-files-');
    expect(() => loadDataset('/dev/zero')).toThrow('/dev/zero: the dataset is a device, not a regular file');
    const fifo = join(dir, 'f.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => loadDataset(fifo)).toThrow(`${fifo}: the dataset is a named pipe (FIFO), not a regular file`);
    expect(() => loadDataset(dir)).toThrow(`${dir}: the dataset is a folder, not a regular file; give the path of a .json file`);
  });

  it('refuses a dataset over its size limit before reading it', () => {
    const file = join(scratchDir('hostile-size-'), 'big.json');
    writeFileSync(file, Buffer.alloc(17 * 1024 * 1024, 0x20));
    expect(() => loadDataset(file)).toThrow(`${file}: the dataset is 17 MiB, over the limit of 16 MiB`);
  });
});

describe('paths that leave their folder', () => {
  it('refuses an article outside the dataset folder, by .. or by an absolute path', () => {
    const dir = scratchDir('hostile-article-');
    // Whether or not the file exists out there (the first two lead nowhere from a deep enough folder): the rule is
    // what is wrong, not a missing file.
    for (const article of ['../../../../etc/passwd', '../no-such-article.txt', '/proc/self/environ']) {
      const file = datasetWith(dir, (data) => (data.publication.article = article));
      expect(() => loadDataset(file)).toThrow(/\$\.publication\.article: .*the article must be a file in the dataset's folder or below it/);
    }
  });

  it('refuses a partial that links to a file outside the partials folder', () => {
    const dir = scratchDir('hostile-partial-');
    mkdirSync(join(dir, 'partials'));
    writeFileSync(join(dir, 'secret.txt'), 'secret');
    symlinkSync(join(dir, 'secret.txt'), join(dir, 'partials', 'leak.hbs'));
    copyFileSync('templates/briefing.ar.hbs', join(dir, 't.hbs'));
    expect(() => loadTemplate('t', dir)).toThrow(/leak\.hbs: a partial must be a file in .*partials \(not a link out of it\)/);
  });
});

describe('text no document may hold', () => {
  it('names the JSON path of a NUL, a control character and a lone surrogate, and the byte of invalid UTF-8', () => {
    const dir = scratchDir('hostile-text-');
    let file = datasetWith(dir, (data) => {
      delete data.publication.article;
      data.publication.title = 'a\u0000b\u0007';
    });
    expect(() => loadDataset(file)).toThrow('$.publication.title: holds the control character U+0000 at character 2');
    file = datasetWith(dir, () => undefined, JSON.stringify(REAL).replace('"title":"', '"title":"\\ud800'));
    expect(() => loadDataset(file)).toThrow(/\$\.publication\.title: holds a lone surrogate \\uD800/);
    writeFileSync(file, Buffer.concat([Buffer.from('{"a":"'), Buffer.from([0xc3, 0x28]), Buffer.from('"}')]));
    expect(() => loadDataset(file)).toThrow(`${file}: byte 6: invalid UTF-8 (byte 0xc3); save the dataset as UTF-8`);
  });

  it('refuses nesting past the limit before the recursive parsers see it', () => {
    const file = datasetWith(scratchDir('hostile-deep-'), () => undefined, '['.repeat(5000) + ']'.repeat(5000));
    expect(() => loadDataset(file)).toThrow('line 1, column 33: objects and arrays nest more than 32 levels deep (the limit)');
  });
});
