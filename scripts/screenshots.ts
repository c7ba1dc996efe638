/**
 * Regenerates the README's screenshots from the production build against the simulator:
 * `npx tsx scripts/screenshots.ts`. Seeded, with the simulated connector charging, so the
 * pictures show a busy evening.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST_DIR } from '../server/paths.ts';
import { buildIfNeeded } from '../server/ensure-build.ts';
import { startServer } from '../server/start.ts';
import { launchChromium } from '../bench/harness.ts';

await buildIfNeeded(console.log);
const browser = await launchChromium();

type Sim = NonNullable<Awaited<ReturnType<typeof startServer>>['simulator']>;

async function shoot(chargers: number, path: string, file: string, size: { width: number; height: number }, setup?: (id: string, sim: Sim) => void, after?: (sim: Sim) => Promise<void> | void) {
  // A fresh archive each time, filled from the simulator's history before the picture is taken,
  // so today's and this month's figures, the timeline and the history show what a user sees.
  const archiveDir = mkdtempSync(join(tmpdir(), 'inch-screenshots-'));
  const server = await startServer({
    env: { SIMULATOR_SEED: '7', SIMULATOR_CHARGERS: String(chargers), CHARGER_TIMEZONE: 'Europe/Berlin', PRICE_PER_KWH: '0.32', ARCHIVE_PATH: join(archiveDir, 'archive.sqlite') },
    distDir: DIST_DIR,
    port: 0,
    host: '127.0.0.1',
  });
  try {
    await backfilled(server.url);
    setup?.(server.config.chargers[0]!.id, server.simulator!);
    const context = await browser.newContext({ viewport: size, locale: 'en-GB', timezoneId: 'Europe/Berlin', deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('[data-testid="connector-card"], [data-testid="charger-tile"], [data-testid="session-table"]');
    await page.waitForTimeout(2500); // lazy chunks, the chart's first data
    if (after) {
      await after(server.simulator!);
      await page.waitForSelector('[data-stale="true"]', { timeout: 30_000 });
    }
    await page.screenshot({ path: `docs/screenshots/${file}`, fullPage: false });
    await context.close();
    console.log(`docs/screenshots/${file}`);
  } finally {
    await server.close();
    rmSync(archiveDir, { recursive: true, force: true });
  }
}

/** Waits until every charger's first archive fill has run (`/api/health`). */
async function backfilled(url: string): Promise<void> {
  for (let tries = 0; tries < 600; tries++) {
    const health = (await (await fetch(`${url}/api/health`)).json()) as { chargers?: Array<{ archive?: { backfillRunning?: boolean; sessions?: number } }> };
    const archives = (health.chargers ?? []).map((c) => c.archive);
    if (archives.length > 0 && archives.every((a) => a && !a.backfillRunning && (a.sessions ?? 0) > 0)) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error('the archive did not fill from the simulator within 5 minutes');
}

const charging = (power: number) => (id: string, sim: Sim) => sim.setConnector(id, 1, { status: 'Charging', power });
await shoot(1, '/?lang=en&kiosk=1&theme=dark', 'live-1280x800-dark.png', { width: 1280, height: 800 }, charging(10.6));
await shoot(1, '/?lang=en&kiosk=1&theme=dark', 'live-1280x800-stale.png', { width: 1280, height: 800 }, charging(10.6), (sim) => {
  sim.faults.set({ down: true });
});
await shoot(1, '/?lang=en&kiosk=1&theme=dark', 'live-1024x600-dark.png', { width: 1024, height: 600 }, charging(7.4));
await shoot(1, '/?lang=de&kiosk=1&theme=light', 'live-800x1280-light-de.png', { width: 800, height: 1280 }, charging(7.3));
await shoot(1, '/?lang=en&kiosk=1&theme=dark', 'live-1920x1080-dark.png', { width: 1920, height: 1080 }, charging(11));
await shoot(4, '/garage?lang=en&theme=dark', 'garage-1280x800.png', { width: 1280, height: 800 });
await shoot(1, '/sessions?lang=en&theme=dark', 'sessions-1280x800.png', { width: 1280, height: 800 });
await browser.close();
