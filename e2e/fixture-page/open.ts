/**
 * Builds the fixture page (main.tsx) into e2e/fixture-page/out when its sources changed, and opens
 * it in a Playwright page: served by the page's own request routing under a made-up origin, so no
 * server runs and nothing of it can reach the product's dist/.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize } from 'node:path';
import type { Page } from '@playwright/test';
import react from '@vitejs/plugin-react';
import tailwindcss from '@tailwindcss/vite';
import { build } from 'vite';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import type { ChargerInfo } from '../../src/api/server-schemas.ts';
import { FIXTURE_READ_AT } from '../../test-support/snapshot-fixtures.ts';
import { PROJECT_ROOT } from '../../server/paths.ts';
import type { LayoutReport } from './measure-layout.ts';

const PAGE_DIR = join(PROJECT_ROOT, 'e2e', 'fixture-page');
const OUT_DIR = join(PAGE_DIR, 'out');
export const FIXTURE_ORIGIN = 'http://fixtures.test';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'out' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** Builds the page unless out/ is newer than every source it is made from. */
export async function buildFixturePage(log: (line: string) => void = () => {}): Promise<void> {
  const built = join(OUT_DIR, 'index.html');
  const sources = Math.max(newestMtime(join(PROJECT_ROOT, 'src')), newestMtime(join(PROJECT_ROOT, 'contract')), newestMtime(PAGE_DIR), statSync(join(PROJECT_ROOT, 'tailwind.config.js')).mtimeMs);
  if (existsSync(built) && statSync(built).mtimeMs > sources) return;
  log('Building the fixture page (sources changed)…');
  await build({
    root: PAGE_DIR,
    base: '/',
    configFile: false,
    logLevel: 'warn',
    plugins: [react(), tailwindcss()],
    resolve: { alias: [{ find: /^use-sync-external-store\/shim\/index\.js$/, replacement: join(PROJECT_ROOT, 'src/shared/react/use-sync-external-store.ts') }] },
    build: { outDir: OUT_DIR, emptyOutDir: true, target: 'es2022', chunkSizeWarningLimit: 2000, rolldownOptions: { checks: { bundlerTimings: false } } },
  });
}

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };

export interface FixturePageOptions {
  path?: string;
  lang?: 'en' | 'de';
  theme?: 'dark' | 'light';
  kiosk?: 'off' | '1' | 'locked';
}

/** Opens the fixture page (the app without a server) and waits until it can be fed snapshots. */
export async function openFixturePage(page: Page, options: FixturePageOptions = {}): Promise<void> {
  await page.route(`${FIXTURE_ORIGIN}/**`, (route) => {
    const path = new URL(route.request().url()).pathname;
    const file = normalize(join(OUT_DIR, path));
    const served = file.startsWith(OUT_DIR) && extname(file) !== '' && existsSync(file) ? file : join(OUT_DIR, 'index.html');
    return route.fulfill({ status: 200, contentType: TYPES[extname(served)] ?? 'application/octet-stream', body: readFileSync(served) });
  });
  // The page's clock starts where the fixtures were read, whatever the hour or date the tests run
  // at (or `E2E_CLOCK` says): every "as of" and every date a fixture shows is the same each run.
  await page.clock.install({ time: Date.parse(FIXTURE_READ_AT) });
  const query = new URLSearchParams({ lang: options.lang ?? 'en', theme: options.theme ?? 'dark' });
  if (options.kiosk && options.kiosk !== 'off') query.set('kiosk', options.kiosk);
  await page.goto(`${FIXTURE_ORIGIN}${options.path ?? '/'}?${query}`);
  await page.waitForFunction(() => (window as unknown as { __fixturesReady?: boolean }).__fixturesReady === true);
}

/** Shows these snapshots (and chargers) on the open fixture page, once React has drawn them. */
export async function showSnapshots(page: Page, snapshots: ChargerSnapshot[], chargers?: ChargerInfo[]): Promise<void> {
  await page.evaluate((options) => (window as unknown as { __fixtures: { show(o: unknown): Promise<void> } }).__fixtures.show(options), { snapshots, ...(chargers ? { chargers } : {}) });
}

/**
 * Shows each set of snapshots in turn and measures the page for each, in one call. `settling`:
 * rendered frames a state may still take to draw inside its box once its layout has held.
 */
export async function measureEach(page: Page, list: ChargerSnapshot[][], settling = 0): Promise<LayoutReport[]> {
  return page.evaluate(
    ({ sets, settling }) =>
      (window as unknown as { __fixtures: { run(o: unknown[], settling: number): Promise<LayoutReport[]> } }).__fixtures.run(
        sets.map((snapshots) => ({ snapshots })),
        settling,
      ),
    { sets: list, settling },
  );
}

export async function measureLayout(page: Page): Promise<LayoutReport> {
  return page.evaluate(() => (window as unknown as { __fixtures: { measure(): Promise<LayoutReport> } }).__fixtures.measure());
}
