/**
 * What an idle household costs its charger's small web server: bytes of the charger's answers per
 * hour while a live page and the history page stay open and nobody touches them. Our server as
 * deployed (its archive on, default intervals, the production build) against its embedded
 * simulator over real HTTP; the simulator counts the body bytes of every answer per endpoint
 * (server/simulator/stats.ts). Real time, not accelerated: the status interval, the archive's
 * 5-minute rounds and the pages' own refetches all run at their real pace, so the window
 * (BENCH_IDLE_SECONDS, 600 s; 20 s in quick mode) is scaled to an hour.
 *
 * The counting starts once the archive's first fill (a new install's backfill) is done and both
 * pages have loaded: what remains is the steady state.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DIST_DIR } from '../server/paths.ts';
import { startServer } from '../server/start.ts';
import type { EndpointCounts } from '../server/simulator/simulator.ts';
import { launchChromium, round, runs, seconds, sleep, type BenchModule, type Figure } from './harness.ts';

const CARD_WITH_DATA = '[data-testid="connector-card"][data-status]:not([data-status=""])';
const HISTORY_TOTALS = '[data-testid="sessions-total-energy"][data-value]';
const HOUR_MS = 3_600_000;

export const idleBytesBench: BenchModule = {
  title: 'Bytes read from the charger per idle hour',
  async run(): Promise<Figure[]> {
    const windowMs = seconds('BENCH_IDLE_SECONDS', 600, 20) * 1000;
    const dir = mkdtempSync(join(tmpdir(), 'inch-idle-bytes-'));
    // The archive's first fill starts with the server.
    const backfillStarted = performance.now();
    const server = await startServer({
      env: { ARCHIVE_PATH: join(dir, 'archive.sqlite'), SIMULATOR_SEED: '7', CHARGER_TIMEZONE: 'Europe/Berlin' },
      distDir: DIST_DIR,
      port: 0,
      host: '127.0.0.1',
    });
    const browser = await launchChromium();
    try {
      const sim = server.simulator!;
      const chargerId = server.config.chargers[0]!.id;
      const filler = server.archive!.filler(chargerId)!;
      while (filler.fills === 0) {
        if (performance.now() - backfillStarted > 300_000) throw new Error('the archive’s first fill took more than 5 minutes');
        await sleep(200);
      }
      const backfillSeconds = (performance.now() - backfillStarted) / 1000;
      const backfillBytes = total(sim.stats().chargers[chargerId]!.bytes);

      const open = async (path: string, ready: string) => {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB', timezoneId: 'Europe/Berlin' });
        const page = await context.newPage();
        await page.goto(`${server.url}${path}`);
        await page.waitForSelector(ready, { timeout: 60_000 });
        return page;
      };
      await open('/', CARD_WITH_DATA);
      await open('/sessions', HISTORY_TOTALS);
      // The pages' first reads (chart, strip, timeline, history) are behind them.
      await sleep(runs(10_000, 2_000));

      sim.resetStats();
      const fillsBefore = filler.fills;
      await sleep(windowMs);
      const stats = sim.stats().chargers[chargerId]!;
      const window = sim.stats().sinceMs;
      const fills = filler.fills - fillsBefore;
      const perHour = (n: number) => (n * HOUR_MS) / window;
      const endpoints = (Object.keys(stats.bytes) as Array<keyof EndpointCounts>).filter((e) => stats.requests[e] > 0);
      const perEndpoint = endpoints
        .map((e) => `${e} ${round(perHour(stats.bytes[e]) / 1024, 0)} KB in ${round(perHour(stats.requests[e]), 0)} answers (${round(stats.bytes[e] / stats.requests[e] / 1024, 1)} KB each)`)
        .join('; ');
      const bytesPerHour = perHour(total(stats.bytes));
      return [
        {
          name: 'bytes read from the charger per idle hour (a live page and the history page open)',
          value: round(bytesPerHour / 2 ** 20, 2),
          unit: 'MB',
          target: 'info',
          pass: null,
          note:
            `answer bodies as the charger sent them (headers not counted), ${round(window / 1000, 0)} s of real time scaled to an hour, ${fills} archive round(s) in the window; ` +
            `per endpoint and hour: ${perEndpoint}; a day: ${round((bytesPerHour * 24) / 2 ** 20, 1)} MB. ` +
            `Before the window: the archive's first fill of the simulator's history read ${round(backfillBytes / 2 ** 20, 1)} MB in ${round(backfillSeconds, 0)} s`,
        },
        {
          name: 'requests to the charger per idle hour (same window)',
          value: round(perHour(stats.total), 0),
          unit: '',
          target: 'info',
          pass: null,
          note: endpoints.map((e) => `${e} ${round(perHour(stats.requests[e]), 0)}`).join(', '),
        },
      ];
    } finally {
      await browser.close();
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

function total(counts: EndpointCounts): number {
  return Object.values(counts).reduce((sum, n) => sum + n, 0);
}
