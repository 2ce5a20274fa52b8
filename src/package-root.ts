// Where the package lives, so templates and data are found the same way from src/ (tests), dist/ (tsc) or a
// bundle: walk up from this module to the package.json that names this package.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const PACKAGE_NAME = 'dgsn-briefing';

interface PackageJson {
  name?: string;
  version?: string;
}

function findPackageRoot(): { root: string; manifest: PackageJson } {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const manifest = JSON.parse(readFileSync(candidate, 'utf8')) as PackageJson;
      if (manifest.name === PACKAGE_NAME) return { root: dir, manifest };
    }
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`cannot find the ${PACKAGE_NAME} package.json above ${fileURLToPath(import.meta.url)}`);
    dir = parent;
  }
}

const found = findPackageRoot();

export const PACKAGE_ROOT = found.root;
export const PACKAGE_VERSION = found.manifest.version ?? '0.0.0';
export const TEMPLATE_DIR = join(PACKAGE_ROOT, 'templates');
export const DEFAULT_DATA_FILE = join(PACKAGE_ROOT, 'data', 'dgsn-2017.json');
/** The editions `briefing build` makes without --template: Arabic first, then French. */
export const DEFAULT_TEMPLATES = ['briefing.ar', 'briefing.fr'] as const;
