/**
 * German on every path: German pages driven into the states where English or the charger's raw
 * names used to show (a fault, a warning, a stale charger with each reason, a timeline with every
 * event kind, a history of values we have never seen, the chart's tooltips, the settings' test
 * message) show neither, in their text or in their tooltips, and no space before a colon
 * (`expectNoEnglish`). English pages show no raw names either (`expectNoRawNames`).
 */
import type { Page } from '@playwright/test';
import { TIMELINE_KINDS, type SessionsResponseWire, type TimelineResponseWire } from '../src/api/archive-schemas.ts';
import { DIST_DIR } from '../server/paths.ts';
import { startServer, type RunningServer } from '../server/start.ts';
import { startReceiver, type Receiver } from '../server/test-support/http-receiver.ts';
import { expect, test } from './fixtures.ts';
import { expectNoEnglish, expectNoRawNames } from './no-english.ts';
import { rewriteJsonAnswers } from './rewrite-answer.ts';

test.use({
  // A short upstream timeout, so "slow beyond the timeout" does not take 5 s per poll; an archive
  // (a fresh file for each test) for the history's settings and the timeline.
  archive: true,
  serverEnv: { CHARGER_TIMEOUT_MS: '1500', STATUS_INTERVAL_MS: '1000' },
  viewport: { width: 1280, height: 800 },
});

/** A few polls plus slack for a loaded machine. */
const STALE_WITHIN = 15_000;
const card = (page: Page) => page.getByTestId('connector-card').first();
const banner = (page: Page) => page.getByTestId('stale-banner');

async function chargerId(page: Page): Promise<string> {
  const { chargers } = await (await page.request.get('/api/chargers')).json();
  return chargers[0].id as string;
}

test.describe('the live view in German', () => {
  test('a fault says what it is and what to do; a warning, calmly; a type we do not know, in its own words', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Faulted', power: 0, faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
    await page.goto('/?lang=de');
    const notice = card(page).getByTestId('fault-notice');
    await expect(notice).toHaveAttribute('data-severity', 'fault');
    await expect(notice.getByTestId('fault-title')).toHaveText('Störung: Fehlerstrom');
    // The charger's own words stay as it sent them.
    await expect(notice.getByTestId('fault-detail')).toHaveText('Residual current detected (RCD)');
    await expect(notice.getByTestId('fault-next-step')).toHaveText('Stecker ziehen und neu einstecken; bleibt die Störung, Installateur anrufen.');
    await expectNoEnglish(page, 'fault');

    sim.setConnector(id, 1, { status: 'Charging', power: 7.2, faultEventType: 'HighTemperature', faultEventDescription: null });
    await expect(notice).toHaveAttribute('data-severity', 'warning');
    await expect(notice.getByTestId('fault-title')).toHaveText('Warnung: Ladestation zu heiß');
    await expect(notice.getByTestId('fault-next-step')).toHaveText('Das Laden läuft weiter, evtl. langsamer, bis die Ladestation abgekühlt ist.');
    await expectNoEnglish(page, 'warning');

    sim.setConnector(id, 1, { status: 'Faulted', power: 0, faultEventType: 'WaterInConnectorDetected', faultEventDescription: null });
    await expect(notice.getByTestId('fault-title')).toHaveText('Störung: Water in connector detected');
    await expect(notice.getByTestId('fault-next-step')).toHaveText('Bleibt die Störung, Installateur anrufen.');
    await expectNoEnglish(page, 'unknown fault type');

    // The same states in English: words, never the raw names.
    await page.goto('/?lang=en');
    await expect(notice.getByTestId('fault-title')).toHaveText('Fault: Water in connector detected');
    await expectNoRawNames(page, 'unknown fault type, English');
    sim.setConnector(id, 1, null);
  });

  const reasons = [
    { name: 'unreachable', fault: { down: true }, headline: 'Ladestation nicht erreichbar', reason: 'die Ladestation hat die Verbindung geschlossen' },
    { name: 'timeout', fault: { latencyMs: 4_000 }, headline: 'Ladestation hat nicht rechtzeitig geantwortet', reason: 'die Ladestation hat nicht innerhalb von 1,5 s geantwortet' },
    { name: 'bad answer', fault: { http500: true }, headline: 'Ladestation meldet einen Fehler', reason: 'die Ladestation hat mit HTTP 500 geantwortet' },
  ] as const;
  for (const { name, fault, headline, reason } of reasons) {
    test(`a stale charger (${name}) gives its reason in German, on the live view and in the garage`, async ({ page, sim }) => {
      await page.goto('/?lang=de');
      await expect(card(page)).toHaveAttribute('data-status', /\S/);
      sim.faults.set({ endpoint: 'generalStatus', ...fault });
      await expect(banner(page)).toContainText(headline, { timeout: STALE_WITHIN });
      await expect(banner(page)).toContainText(reason);
      await expect(card(page)).toHaveAttribute('data-stale', 'true');
      await expectNoEnglish(page, `stale (${name})`);

      await page.goto('/garage?lang=de');
      const tile = page.getByTestId('charger-tile').first();
      await expect(tile).toHaveAttribute('data-connection', 'stale', { timeout: STALE_WITHIN });
      await expect(tile.getByRole('status')).toHaveAttribute('title', `${headline} (${reason})`);
      await expectNoEnglish(page, `garage stale (${name})`);
      sim.faults.clear();
    });
  }

  test('a refused login gives its reason in German', async ({ page, sim }) => {
    await page.goto('/?lang=de');
    await expect(card(page)).toHaveAttribute('data-status', /\S/);
    sim.faults.set({ endpoint: 'webOperatorLogin', errorCode: 3, errorMessage: 'Wrong email or password' });
    sim.faults.expireTokens();
    await expect(banner(page)).toContainText('Ladestation verweigert die Anmeldung', { timeout: STALE_WITHIN });
    // The charger's own message stays as it sent it; the rest is ours, in German.
    await expect(banner(page)).toContainText('die Ladestation hat die Anmeldung abgelehnt (Fehler 3: Wrong email or password); CHARGER_EMAIL und CHARGER_PASSWORD prüfen');
    await expectNoEnglish(page, 'refused login');
    sim.faults.clear();
    await expect(banner(page)).toHaveCount(0, { timeout: STALE_WITHIN });
  });

  test('values the charger sends that we have never seen are shown readably, never raw', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Available', power: 0 });
    sim.faults.set({ endpoint: 'generalStatus', unknownEnums: true });
    for (const lang of ['de', 'en'] as const) {
      await page.goto(`/?lang=${lang}`);
      await expect(card(page).getByTestId('connector-status')).toContainText('Waiting for grid capacity');
      await expect(card(page)).toContainText('Local stop because solar eclipse');
      if (lang === 'de') await expectNoEnglish(page, 'unknown values');
      else await expectNoRawNames(page, 'unknown values, English');
    }
    sim.faults.clear();
    sim.setConnector(id, 1, null);
  });
});

test('the timeline words every event kind in German', async ({ page }) => {
  const id = await chargerId(page);
  const at = (minute: number) => new Date(Date.now() - (60 - minute) * 60_000).toISOString();
  const details: Partial<Record<string, string>> = {
    fault: 'GroundFailure: Residual current detected',
    fault_cleared: 'GroundFailure: Residual current detected',
    unreachable: 'the charger closed the connection',
    status: 'WaitingForGridCapacity',
  };
  const day: TimelineResponseWire = {
    date: '',
    source: 'archive',
    events: [
      ...TIMELINE_KINDS.map((kind, i) => ({ at: at(i), kind, connectorId: 1, ...(details[kind] ? { detail: details[kind] } : {}) })),
      { at: at(30), kind: 'fault', connectorId: 1, detail: 'OverCurrentFailure' },
      { at: at(31), kind: 'unreachable', detail: 'the charger did not answer within 5 s' },
    ],
  };
  await page.route(`**/api/chargers/${id}/timeline?**`, (route) => route.fulfill({ json: { ...day, date: new URL(route.request().url()).searchParams.get('date') } }));
  // The timeline has room in portrait.
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto('/?lang=de');
  const timeline = page.getByTestId('timeline');
  await expect(timeline.getByTestId('timeline-event')).toHaveCount(day.events.length);
  await expect(timeline.locator('[data-kind=fault]').first()).toHaveText(/Störung: Fehlerstrom/);
  await expect(timeline.locator('[data-kind=fault]').last()).toHaveText(/Störung: Überstrom/);
  await expect(timeline.locator('[data-kind=unreachable]').first()).toHaveText(/Ladestation nicht erreichbar: die Ladestation hat die Verbindung geschlossen/);
  await expect(timeline.locator('[data-kind=unreachable]').last()).toHaveText(/die Ladestation hat nicht innerhalb von 5 s geantwortet/);
  await expectNoEnglish(page, 'timeline');

  await page.goto('/?lang=en');
  await expect(timeline.locator('[data-kind=fault]').first()).toHaveText(/fault: Earth fault/);
  await expectNoRawNames(page, 'timeline, English');
});

test('the history of values we have never seen, with its filters and settings, in German', async ({ page }) => {
  // The archive holds what the charger sent before the test began, so the unknown values are
  // written into the history's answers on their way to the page: a firmware's new mode, status,
  // stop reason and card type, and the newest session paused by the grid (answers are oldest first).
  await rewriteJsonAnswers<SessionsResponseWire>(page, '**/api/chargers/*/sessions?*', (body) => {
    body.sessions.forEach((session, i) => {
      session.mode = 'Turbo';
      if (i === body.sessions.length - 1) session.status = 'PausedByGrid';
      if (session.stopReason != null) session.stopReason = 'LocalStopBecauseSolarEclipse';
      if (session.card) session.card.type = 'NfcSmartWatch';
    });
    return body;
  });
  // Last month: a whole month of sessions, even in the first minutes of a new one.
  await page.goto('/sessions?lang=de&range=last-month');
  const rows = page.getByTestId('session-row');
  await expect(rows.first()).toBeVisible({ timeout: STALE_WITHIN });
  await expect(page.getByTestId('session-table')).toContainText('Paused by grid');
  await expect(page.getByTestId('session-table')).toContainText('Local stop because solar eclipse');
  await expect(page.getByTestId('price-settings')).toBeVisible();
  await expectNoEnglish(page, 'history');
  await page.goto('/sessions?lang=en&range=last-month');
  await expect(rows.first()).toBeVisible({ timeout: STALE_WITHIN });
  await expectNoRawNames(page, 'history, English');
});

test('the chart’s tooltips in German: no space before the colon', async ({ page }) => {
  const chart = page.getByTestId('power-chart');
  for (const range of ['6h', '30d']) {
    await page.goto(`/?lang=de&range=${range}`);
    const plot = chart.locator('[data-state=ready]').first();
    await expect(plot).toBeVisible({ timeout: STALE_WITHIN });
    const box = (await plot.boundingBox())!;
    // Over the plot's right half, where the last days' bars and the last hours' lines are.
    await page.mouse.move(box.x + box.width * 0.8, box.y + box.height * 0.6);
    await expect(chart.locator('.recharts-tooltip-wrapper')).toContainText(/\d/);
    await expectNoEnglish(page, `chart ${range}`);
  }
});

test.describe('the notification settings in German', () => {
  let receiver: Receiver;
  let server: RunningServer;

  test.beforeAll(async () => {
    receiver = await startReceiver();
    receiver.status = 500;
    server = await startServer({
      env: { SIMULATOR_CHARGERS: '1', SIMULATOR_SEED: '7', CHARGER_TIMEZONE: 'Europe/Berlin', WEBHOOK_URL: `${receiver.url}/hook` },
      distDir: DIST_DIR,
      port: 0,
      host: '127.0.0.1',
    });
  });

  test.afterAll(async () => {
    await server?.close();
    await receiver?.stop();
  });

  test('a target that did not take the test message says why, in German', async ({ page }) => {
    await page.goto(`${server.url}/sessions?lang=de`);
    const section = page.getByTestId('notification-settings');
    await section.getByRole('button', { name: 'Testnachricht senden' }).click();
    await expect(section.getByRole('status')).toHaveText('Webhook: nicht zugestellt (Antwort HTTP 500)');
    await expectNoEnglish(page, 'notification settings');
  });
});
