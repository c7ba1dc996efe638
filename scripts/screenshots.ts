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
import { startServer, type EmbeddedSimulatorOptions } from '../server/start.ts';
import { launchChromium } from '../bench/harness.ts';

await buildIfNeeded(console.log);
const browser = await launchChromium();

type Sim = NonNullable<Awaited<ReturnType<typeof startServer>>['simulator']>;

interface Shot {
  chargers?: number;
  path: string;
  file: string;
  size: { width: number; height: number };
  /** The embedded simulator's world (two connectors, say). */
  simulatorOptions?: EmbeddedSimulatorOptions;
  /** Forced connector states, once the archive has filled. */
  setup?: (id: string, sim: Sim) => void;
  /** What the page must show before the picture (or `after`): the forced states, say. */
  ready?: string[];
  /** After the page has drawn: e.g. the charger goes down, and the picture waits for the stale card. */
  after?: (sim: Sim) => Promise<void> | void;
}

async function shoot({ chargers = 1, path, file, size, simulatorOptions, setup, ready = [], after }: Shot) {
  // A fresh archive each time, filled from the simulator's history before the picture is taken,
  // so today's and this month's figures, the timeline and the history show what a user sees.
  const archiveDir = mkdtempSync(join(tmpdir(), 'inch-screenshots-'));
  const server = await startServer({
    env: { SIMULATOR_SEED: '7', SIMULATOR_CHARGERS: String(chargers), CHARGER_TIMEZONE: 'Europe/Berlin', PRICE_PER_KWH: '0.32', ARCHIVE_PATH: join(archiveDir, 'archive.sqlite') },
    ...(simulatorOptions ? { simulatorOptions } : {}),
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
    // The forced states arrive with the collector's next reading (every 5 s).
    for (const selector of ready) await page.waitForSelector(selector, { state: 'attached', timeout: 30_000 });
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
const earthFault = (id: string, sim: Sim) =>
  sim.setConnector(id, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
const chargerDown = (sim: Sim) => void sim.faults.set({ down: true });
const dark = { width: 1280, height: 800 };
const cardIn = (state: string) => `[data-testid="connector-card"][data-state="${state}"]`;
/** Today's and this month's figures, once the archive has them. */
const figures = '[data-testid="month-energy"][data-value]';

await shoot({ path: '/?lang=en&kiosk=1&theme=dark', file: 'live-1280x800-dark.png', size: dark, setup: charging(10.6), ready: [cardIn('charging'), figures] });
await shoot({
  path: '/?lang=en&kiosk=1&theme=dark',
  file: 'live-1280x800-two-connectors.png',
  size: dark,
  simulatorOptions: { connectorsPerCharger: 2 },
  setup: (id, sim) => {
    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    sim.setConnector(id, 2, { status: 'SuspendedEV' });
  },
  ready: [cardIn('charging'), cardIn('paused_by_car')],
});
await shoot({ path: '/?lang=en&kiosk=1&theme=dark', file: 'live-1280x800-stale.png', size: dark, setup: charging(10.6), ready: [cardIn('charging')], after: chargerDown });
await shoot({ path: '/?lang=en&kiosk=1&theme=dark', file: 'live-1024x600-fault-stale.png', size: { width: 1024, height: 600 }, setup: earthFault, ready: [cardIn('fault')], after: chargerDown });
await shoot({ path: '/?lang=de&kiosk=1&theme=light', file: 'live-1280x800-fault-de.png', size: dark, setup: earthFault, ready: [cardIn('fault')] });
await shoot({ path: '/?lang=en&kiosk=1&theme=dark', file: 'live-1024x600-dark.png', size: { width: 1024, height: 600 }, setup: charging(7.4), ready: [cardIn('charging')] });
await shoot({ path: '/?lang=de&kiosk=1&theme=light', file: 'live-800x1280-light-de.png', size: { width: 800, height: 1280 }, setup: charging(7.3), ready: [cardIn('charging'), figures] });
await shoot({ path: '/?lang=en&kiosk=1&theme=dark', file: 'live-1920x1080-dark.png', size: { width: 1920, height: 1080 }, setup: charging(11), ready: [cardIn('charging'), figures] });
await shoot({ chargers: 4, path: '/garage?lang=en&theme=dark', file: 'garage-1280x800.png', size: dark });
await shoot({ chargers: 12, path: '/garage?lang=en&kiosk=1&theme=dark', file: 'garage-2560x1440.png', size: { width: 2560, height: 1440 } });
await shoot({ path: '/sessions?lang=en&theme=dark', file: 'sessions-1280x800.png', size: dark });
await browser.close();
