import { DIST_DIR } from '../server/paths.ts';
import { startServer } from '../server/start.ts';
import { launchChromium } from '../bench/harness.ts';
const browser = await launchChromium();
const server = await startServer({ env: { SIMULATOR_SEED: '7', SIMULATOR_CHARGERS: process.env.N ?? '1', CHARGER_TIMEZONE: 'Europe/Berlin' }, distDir: DIST_DIR, port: 0, host: '127.0.0.1' });
const sim = server.simulator!;
const id = server.config.chargers[0]!.id;
const cases = (process.env.CASES ?? 'charging').split(',');
const sizes = (process.env.SIZES ?? '1280x800').split(',');
for (const c of cases) {
  sim.faults.clear();
  if (c === 'charging') sim.setConnector(id, 1, { status: 'Charging', power: 10.6 });
  if (c === 'idle') sim.setConnector(id, 1, { status: 'Available', power: 0 });
  if (c === 'fault') sim.setConnector(id, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
  for (const s of sizes) {
    const [width, height] = s.split('x').map(Number) as [number, number];
    const context = await browser.newContext({ viewport: { width, height }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
    const page = await context.newPage();
    await page.goto(`${server.url}${process.env.PATH_Q ?? '/?lang=en&kiosk=1'}`);
    await page.waitForSelector('[data-testid="connector-card"], [data-testid="charger-tile"], [data-testid="session-table"]');
    await page.waitForTimeout(2000);
    if (c === 'stale') { sim.faults.set({ down: true }); await page.waitForSelector('[data-testid="stale-banner"]', { timeout: 20000 }); }
    const dims = await page.evaluate(() => ({ sw: document.documentElement.scrollWidth, sh: document.documentElement.scrollHeight }));
    await page.screenshot({ path: `/tmp/shots/${c}-${s}.png` });
    console.log(c, s, JSON.stringify(dims));
    await context.close();
  }
}
await server.close();
await browser.close();
