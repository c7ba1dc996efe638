/**
 * Live updates pushed by the server: one event stream per page and no status polls while it
 * flows, a change on the charger on screen within a second of the server receiving it, a server
 * restart survived, and a stream that a proxy holds back replaced by polling.
 */
import type { Page } from '@playwright/test';
import type { StatusReading } from '../server/collector/status-collector.ts';
import { expect, test, TEST_STALE_AFTER_MS, TEST_STREAM_SILENCE_MS } from './fixtures.ts';

/** Room for a loaded machine on top of the server's waits: a ceiling, not a pace. */
const SLACK_MS = 5_000;

/** Counts the page's event streams and status polls from now on. */
function countRequests(page: Page) {
  const counts = { streams: 0, polls: 0 };
  page.on('request', (request) => {
    const path = new URL(request.url()).pathname;
    if (path === '/api/events') counts.streams += 1;
    if (path.endsWith('/snapshot')) counts.polls += 1;
  });
  return counts;
}

/** Resolves with when (epoch ms, in the page) the first card's status first reads `status`. */
async function watchCardStatus(page: Page, status: string): Promise<void> {
  await page.evaluate((wanted) => {
    const w = window as unknown as { statusShownAt?: number };
    const check = () => {
      if (w.statusShownAt === undefined && document.querySelector(`[data-testid="connector-card"][data-status="${wanted}"]`)) w.statusShownAt = Date.now();
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
    check();
  }, status);
}

test.describe('live view', () => {
  test('opens exactly one event stream and makes no status polls while it flows', async ({ page, server }) => {
    const counts = countRequests(page);
    await page.goto('/?lang=en');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
    // Three of the server's readings later: still the one stream, never a poll.
    const collector = [...server.collectors.values()][0]!;
    const readings: number[] = [];
    const off = collector.onReading((r) => readings.push(r.receivedAt));
    await expect.poll(() => readings.length, { timeout: 3 * SLACK_MS }).toBeGreaterThanOrEqual(3);
    off();
    expect(counts).toEqual({ streams: 1, polls: 0 });
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  });

  test('a tablet whose clock is ten minutes off still shows live readings: no clock of two machines is compared', async ({ page, server, world }) => {
    // The server's clock against the tablet's is never read: each snapshot says how old it is.
    await page.clock.setSystemTime(world.now() - 10 * 60_000);
    await page.goto('/?lang=en');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
    await page.evaluate(() => {
      const w = window as unknown as { bannerSeen?: boolean };
      w.bannerSeen = false;
      new MutationObserver(() => {
        if (document.querySelector('[data-testid="stale-banner"]')) w.bannerSeen = true;
      }).observe(document.body, { subtree: true, childList: true, attributes: true });
    });
    const collector = [...server.collectors.values()][0]!;
    const readings: number[] = [];
    const off = collector.onReading((r) => readings.push(r.receivedAt));
    await expect.poll(() => readings.length, { timeout: 3 * SLACK_MS }).toBeGreaterThanOrEqual(3);
    off();
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { bannerSeen: boolean }).bannerSeen)).toBe(false);
  });

  test('a change on the charger is on the card within a second of the server receiving it', async ({ page, sim, server }) => {
    const id = server.config.chargers[0]!.id;
    sim.setConnector(id, 1, { status: 'Available', power: 0 });
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', 'Available');
    await watchCardStatus(page, 'Charging');

    const received = new Promise<StatusReading>((resolve) => {
      const off = server.collectors.get(id)!.onReading((reading) => {
        const evses = reading.live.evses;
        if (evses.ok && evses.data[0]?.connectors[0]?.onlineData?.status === 'Charging') {
          off();
          resolve(reading);
        }
      });
    });
    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    const reading = await received;
    await expect(card).toHaveAttribute('data-status', 'Charging');
    await expect(card.getByTestId('connector-power')).toHaveText('7.4kW');
    // Browser and server share the test's clock.
    const shownAt = await page.evaluate(() => (window as unknown as { statusShownAt: number }).statusShownAt);
    expect(shownAt - reading.receivedAt).toBeLessThan(1_000);
  });

  test('our server down: the banner says so after the stale time; restarted, the page is live again without a reload', async ({ page, ownServer }) => {
    await page.goto(`${ownServer.url}/?lang=en`);
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', /\S/);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    await ownServer.stop();
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toContainText('Dashboard server unreachable', { timeout: TEST_STALE_AFTER_MS + SLACK_MS });
    await expect(card).toBeVisible();

    const restarted = await ownServer.start();
    const id = restarted.config.chargers[0]!.id;
    restarted.simulator!.setConnector(id, 1, { status: 'Charging', power: 3.3 });
    // Live again: the page has reconnected (the stream's retry, half a second here) and shows a
    // fresh reading with the change made at the restart; the banner is gone.
    await expect(card.getByTestId('connector-power')).toHaveText('3.3kW', { timeout: SLACK_MS });
    await expect(banner).toHaveCount(0);
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'no reload').toBe(1);
  });

  test.describe(() => {
    // Readings stale after 2.5 s, the silent stream given up after 6 s: the banner has time to be seen.
    const SILENCE_MS = 6_000;
    test.use({ serverEnv: { STREAM_SILENCE_MS: String(SILENCE_MS) } });

    test('a stream that stays silent: "no fresh data" after the stale time, then polling keeps the page live', async ({ page, sim, server }) => {
      const id = server.config.chargers[0]!.id;
      await page.goto('/?lang=en');
      const card = page.getByTestId('connector-card').first();
      await expect(card).toHaveAttribute('data-status', /\S/);
      const counts = countRequests(page);

      // The stream stays open but nothing comes through it any more.
      server.collectors.get(id)!.close();
      const banner = page.getByTestId('stale-banner');
      await expect(banner).toContainText('No fresh data', { timeout: TEST_STALE_AFTER_MS + SLACK_MS });
      await expect(banner).toContainText(/last update \d+ secs? ago/);

      // Silent for the server's stream-silence time: the page polls the status itself and is live again.
      sim.setConnector(id, 1, { status: 'Charging', power: 5.5 });
      await expect(card.getByTestId('connector-power')).toHaveText('5.5kW', { timeout: SILENCE_MS + SLACK_MS });
      await expect(banner).toHaveCount(0);
      expect(counts.polls).toBeGreaterThanOrEqual(1);
    });
  });

  test('an event stream a proxy holds open but never delivers: polling shows live data after the stream-silence time', async ({ page, sim, server }) => {
    const id = server.config.chargers[0]!.id;
    sim.setConnector(id, 1, { status: 'Charging', power: 6.1 });
    await page.route('**/api/events?**', () => new Promise<void>(() => {}));
    const counts = countRequests(page);
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card.getByTestId('connector-power')).toHaveText('6.1kW', { timeout: TEST_STREAM_SILENCE_MS + SLACK_MS });
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    // And it keeps following the charger by polling.
    sim.setConnector(id, 1, { status: 'SuspendedEV', power: 0 });
    await expect(card).toHaveAttribute('data-status', 'SuspendedEV', { timeout: SLACK_MS });
    expect(counts.polls).toBeGreaterThanOrEqual(2);
  });

  test('a new build announced on the stream reloads the page, only once the server answers', async ({ page, ownServer }) => {
    await page.goto(`${ownServer.url}/?lang=en`);
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
    // The server comes back with another build: its stream says so on connect. While it is down
    // the stream cannot connect at all, as with a real restart (a build announced before the
    // server answers would reload the page into the browser's error page).
    await page.route('**/api/events?**', (route) =>
      ownServer.current
        ? route.fulfill({ status: 200, contentType: 'text/event-stream', body: 'retry: 500\n\nevent: build\ndata: {"build":"next-build"}\n\n' })
        : route.abort('connectionrefused'),
    );
    const reloaded = page.waitForEvent('load', { timeout: 3 * SLACK_MS });
    await ownServer.stop();
    await ownServer.start();
    await reloaded;
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBeUndefined();
    await page.unroute('**/api/events?**');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
  });
});
