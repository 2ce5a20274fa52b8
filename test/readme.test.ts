// The README is the front door: its picture and the files it points to must exist, and its two set-up commands
// must be the ones package.json runs.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..');
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const scripts = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> })
  .scripts;

describe('README', () => {
  it('shows a picture of a page that is in the repository, as a PNG', () => {
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) {
      const path = join(root, image);
      expect(existsSync(path), `${image} is missing`).toBe(true);
      expect(readFileSync(path).subarray(1, 4).toString('latin1')).toBe('PNG');
    }
  });

  it('gives exactly the two set-up commands, and package.json has both scripts', () => {
    const shellBlocks = [...readme.matchAll(/```sh\n([\s\S]*?)```/g)].map((match) => match[1]!.trim());
    expect(shellBlocks.slice(0, 2)).toEqual(['npm install && npm run build', 'npm test']);
    expect(scripts.build).toBeTruthy();
    expect(scripts.test).toBeTruthy();
  });

  it('names only files and folders that exist', () => {
    const paths = [...readme.matchAll(/`((?:data|templates|src|\.github|\.ci)\/[^`*{}\s]*)`/g)].map((m) => m[1]!);
    expect(paths.length).toBeGreaterThan(5);
    for (const path of paths) {
      if (path.includes('$') || path.includes('my-briefing')) continue; // examples, not files
      expect(existsSync(join(root, path)), `${path} is named in the README but missing`).toBe(true);
    }
  });
});
