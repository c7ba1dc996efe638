import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The project's root (where package.json is), whatever the working directory: the nearest
 * folder above this file with a package.json. That is one level up when run from the sources
 * (server/), two when run compiled (dist-server/server/).
 */
function findProjectRoot(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  for (let dir = here; ; dir = dirname(dir)) {
    if (existsSync(join(dir, 'package.json'))) return dir;
    if (dirname(dir) === dir) return join(here, '..');
  }
}

export const PROJECT_ROOT = findProjectRoot();
export const DIST_DIR = join(PROJECT_ROOT, 'dist');
