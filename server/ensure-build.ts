/**
 * `npm start` on a fresh clone must just work: build the SPA when dist/ is missing or older than
 * the sources it is made from.
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { DIST_DIR, PROJECT_ROOT } from './paths.ts';

const SOURCES = ['src', 'public', 'index.html', 'vite.config.ts', 'tailwind.config.js', 'package-lock.json'];

export function needsBuild(): boolean {
  const index = join(DIST_DIR, 'index.html');
  if (!existsSync(index)) return true;
  const builtAt = statSync(index).mtimeMs;
  return SOURCES.some((source) => newestMtime(join(PROJECT_ROOT, source)) > builtAt);
}

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  if (!needsBuild()) return;
  log('Building the dashboard (first start or sources changed)…');
  const { build } = await import('vite');
  await build({ root: PROJECT_ROOT, logLevel: 'warn' });
}
