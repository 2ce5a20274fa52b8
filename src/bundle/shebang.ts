// The CLI entry's first line (`#!/usr/bin/env -S node --flag ...`): the Node flags `npx briefing` runs with. The
// bundle copies the line onto its entry and runs its code-cache build with them; the bench runs the CLI with them.
import { readFileSync } from 'node:fs';

/** The file's first line when it is a shebang, else undefined. */
export function shebangLine(file: string): string | undefined {
  const first = readFileSync(file, 'utf8').split('\n', 1)[0]!;
  return first.startsWith('#!') ? first : undefined;
}

/** The Node flags the file's shebang gives (none without one). */
export function shebangNodeFlags(file: string): string[] {
  const words = shebangLine(file)?.slice(2).trim().split(/\s+/) ?? [];
  const node = words.findIndex((word) => word === 'node' || word.endsWith('/node'));
  return node < 0 ? [] : words.slice(node + 1).filter((word) => word.startsWith('--'));
}
