/**
 * For the test and screenshot tooling (dev only): build the dashboard when dist/ is missing or
 * older than the sources it is made from. `npm start` does the same for both builds in
 * scripts/start.mjs.
 *
 * The build is made with stand-in charger credentials in the environment (BUILD_CANARIES), as a
 * build made next to a real `.env` would be, and says so in a note beside node_modules' cache:
 * server/secrets-in-build.test.ts then checks that very build for them instead of making a second
 * one (`npm test` builds first).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BROWSER_BUILD, buildState } from '../scripts/build-freshness.mjs';
import { DIST_DIR, PROJECT_ROOT } from './paths.ts';

/** Credentials as a user would set them; none may end up in dist/, which every tablet downloads. */
export const BUILD_CANARIES = {
  CHARGER_TOKEN: 'tok-5f1c8e0d9a7b4c2e',
  CHARGER_EMAIL: 'garage-owner-8d3f@example.com',
  CHARGER_PASSWORD: 'pw-7c91b2aa41e0',
} as const;

const CANARY_NOTE = join(PROJECT_ROOT, 'node_modules', '.cache', 'inch-dashboard', 'canary-build.json');

export function needsBuild(): boolean {
  return buildState(PROJECT_ROOT, BROWSER_BUILD) !== 'fresh' || !isCanaryBuild(DIST_DIR);
}

export async function buildIfNeeded(log: (line: string) => void): Promise<void> {
  if (!needsBuild()) return;
  log('Building the dashboard (first start or sources changed)…');
  await buildWithCanaries(DIST_DIR, 'warn');
  writeNote(DIST_DIR);
}

/**
 * A production build into `outDir` with the canary credentials in the environment (and no
 * `VITE_` copy of them, which Vite would publish on purpose).
 */
export async function buildWithCanaries(outDir: string, logLevel: 'warn' | 'silent'): Promise<void> {
  const { build } = await import('vite');
  // Set and restore key by key: assigning `undefined` to process.env stores the string
  // "undefined", and replacing process.env with a plain object unhooks it from the real
  // environment for everything that runs later in this process.
  const changes: Record<string, string | undefined> = { ...BUILD_CANARIES, VITE_CHARGER_TOKEN: undefined };
  const saved = Object.fromEntries(Object.keys(changes).map((key) => [key, process.env[key]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [key, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
  apply(changes);
  try {
    await build({ root: PROJECT_ROOT, logLevel, build: { outDir, emptyOutDir: true } });
  } finally {
    apply(saved);
  }
}

/** Whether the build in `distDir` is the one made by `buildIfNeeded`, with the canaries set. */
export function isCanaryBuild(distDir: string): boolean {
  const index = join(distDir, 'index.html');
  if (!existsSync(index) || !existsSync(CANARY_NOTE)) return false;
  try {
    const note = JSON.parse(readFileSync(CANARY_NOTE, 'utf8')) as { index?: unknown };
    return note.index === hashOf(index);
  } catch {
    return false;
  }
}

function writeNote(distDir: string): void {
  mkdirSync(join(CANARY_NOTE, '..'), { recursive: true });
  writeFileSync(CANARY_NOTE, JSON.stringify({ index: hashOf(join(distDir, 'index.html')) }));
}

/** index.html names every hashed asset: its hash changes with any build of different content. */
function hashOf(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}
