/**
 * Regenerates the README's screenshots from the production build against the simulator:
 * `npx tsx scripts/screenshots.ts`. Seeded, with the simulated connector charging, so the
 * pictures show a busy evening.
 */
import { DIST_DIR } from '../server/paths.ts';
import { buildIfNeeded } from '../server/ensure-build.ts';
import { startServer } from '../server/start.ts';
import { launchChromium } from '../bench/harness.ts';

await buildIfNeeded(console.log);
const browser = await launchChromium();

async function shoot(chargers: number, path: string, file: string, size: { width: number; height: number }, setup?: (id: string, sim: NonNullable<Awaited<ReturnType<typeof startServer>>['simulator']>) => void) {
  const server = await startServer({ env: { SIMULATOR_SEED: '7', SIMULATOR_CHARGERS: String(chargers), CHARGER_TIMEZONE: 'Europe/Berlin' }, distDir: DIST_DIR, port: 0, host: '127.0.0.1' });
  try {
    setup?.(server.config.chargers[0]!.id, server.simulator!);
    const context = await browser.newContext({ viewport: size, locale: 'en-GB', timezoneId: 'Europe/Berlin', deviceScaleFactor: 1 });
    const page = await context.newPage();
    await page.goto(`${server.url}${path}`);
    await page.waitForSelector('[data-testid="connector-card"], [data-testid="charger-tile"], [data-testid="session-table"]');
    await page.waitForTimeout(2500); // lazy chunks, the chart's first data
    await page.screenshot({ path: `docs/screenshots/${file}`, fullPage: false });
    await context.close();
    console.log(`docs/screenshots/${file}`);
  } finally {
    await server.close();
  }
}

await shoot(1, '/?lang=en', 'live-1280x800-dark.png', { width: 1280, height: 800 }, (id, sim) => sim.setConnector(id, 1, { status: 'Charging', power: 10.6 }));
await shoot(1, '/?lang=de&theme=light', 'live-800x1280-light-de.png', { width: 800, height: 1280 }, (id, sim) => sim.setConnector(id, 1, { status: 'Charging', power: 7.3 }));
await shoot(4, '/garage?lang=en', 'garage-1280x800.png', { width: 1280, height: 800 });
await shoot(1, '/sessions?lang=en', 'sessions-1280x800.png', { width: 1280, height: 800 });
await browser.close();
