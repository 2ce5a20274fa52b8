// Which template files a folder holds: its main templates (the .hbs files in it) and its partials (the .hbs
// files of its partials/ folder and of that folder's subfolders, one per edition: partials/fr/summary.hbs is the
// partial `fr/summary`). The engine and the bundle's precompiler read the same lists in the same order.
import { readdirSync, type Dirent } from 'node:fs';
import { basename, join } from 'node:path';

const EXTENSION = '.hbs';

/** Names (`summary`, `fr/summary`) and paths of the .hbs files in `folder` and its direct subfolders. */
export function partialPaths(folder: string): { name: string; path: string }[] {
  const found: { name: string; path: string }[] = [];
  const visit = (dir: string, prefix: string, depth: number) => {
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.isDirectory() && depth === 0) visit(join(dir, entry.name), `${entry.name}/`, depth + 1);
      else if (entry.name.endsWith(EXTENSION) && !entry.isDirectory()) found.push({ name: prefix + basename(entry.name, EXTENSION), path: join(dir, entry.name) });
    }
  };
  visit(folder, '', 0);
  return found.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}


/** Names (`briefing.ar`) and paths of the main templates in `folder`, sorted by name; none if it cannot be read. */
export function mainTemplatePaths(folder: string): { name: string; path: string }[] {
  let entries: Dirent[];
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => entry.name.endsWith(EXTENSION) && !entry.isDirectory())
    .map((entry) => ({ name: basename(entry.name, EXTENSION), path: join(folder, entry.name) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
