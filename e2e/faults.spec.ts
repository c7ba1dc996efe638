/**
 * Reliability: each fault the simulator can inject, seen from the wall display. The live view
 * keeps its last values, names the reason in the stale banner, and recovers by itself once the
 * fault is lifted; a token expiry is handled by the server without the display noticing; a wrong
 * password is reported, not retried in a loop.
 */
import type { Page } from '@playwright/test';
import { startServer } from '../server/start.ts';
import { expect, test, testServerOptions } from './fixtures.ts';

// A short upstream timeout, so "slow beyond the timeout" does not take 5 s per reading.
test.use({ serverEnv: { CHARGER_TIMEOUT_MS: '1500' } });

/** Two readings (a second apart here, plus the timeout) with room for a loaded machine: a ceiling, not a pace. */
const TWO_POLLS = 10_000;

async function openLiveView(page: Page): Promise<void> {
  await page.goto('/?lang=en');
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
}

const faults = [
  { name: 'down', fault: { down: true }, reason: 'Charger unreachable' },
  { name: 'slow beyond the timeout', fault: { latencyMs: 4_000 }, reason: 'Charger did not answer in time' },
  { name: 'HTTP 500', fault: { http500: true }, reason: 'Charger sent an error' },
  { name: 'malformed JSON', fault: { malformedJson: true }, reason: 'Charger sent an error' },
] as const;

for (const { name, fault, reason } of faults) {
  test(`charger fault "${name}": the banner names it, the last values stay, and it recovers without a reload`, async ({ page, sim }) => {
    await openLiveView(page);
    const status = await page.getByTestId('connector-card').first().getAttribute('data-status');

    sim.faults.set({ endpoint: 'generalStatus', ...fault });
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toContainText(reason, { timeout: TWO_POLLS });
    await expect(banner).toContainText(/last update/);
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', status!);

    sim.faults.clear();
    await expect(banner).toHaveCount(0, { timeout: TWO_POLLS });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'no reload').toBe(1);
  });
}

test('errorCode != 0 from the session history: a panel error on the sessions page, the live view unaffected', async ({ page, sim }) => {
  sim.faults.set({ endpoint: 'chargingSession', errorCode: 7, errorMessage: 'Session table locked' });
  await page.goto('/sessions?lang=en');
  const error = page.getByTestId('panel-error').first();
  await expect(error).toBeVisible({ timeout: TWO_POLLS });
  await expect(error).toContainText('Session table locked');
  await page.goto('/?lang=en');
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /\S/);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
});

test('token expiry: the server logs in again and the display never goes stale', async ({ page, sim, server }) => {
  await openLiveView(page);
  const id = server.config.chargers[0]!.id;
  const loginsBefore = sim.stats().chargers[id]!.logins;
  sim.faults.expireTokens();
  // Force the next status through to the charger rather than the 2 s cache, then watch a few polls.
  sim.setConnector(id, 1, { status: 'Charging', power: 6.2 });
  // The power set here, not the status (the simulated car may already be charging), proves a
  // reading taken after the expiry reached the card.
  await expect(page.getByTestId('connector-card').first().getByTestId('connector-power')).toHaveText('6.2kW', { timeout: TWO_POLLS });
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', 'Charging');
  await expect.poll(() => sim.stats().chargers[id]!.logins).toBeGreaterThan(loginsBefore);
  await expect(page.getByTestId('stale-banner')).toHaveCount(0);
  sim.setConnector(id, 1, null);
});

test('wrong password: the display says the charger refused the login, and the server does not retry in a loop', async ({ page, sim, world }) => {
  // A second server, configured like a user with a typo in the password, in front of the same
  // simulator. Its pause after a refused login is a minute: far longer than the readings below.
  const wrong = await startServer(
    testServerOptions(world, {
      env: { CHARGER_URL: sim.url, CHARGER_EMAIL: sim.email, CHARGER_PASSWORD: `${sim.password}-typo`, CHARGER_NAME: 'Platz 13' },
      clientOptions: { loginBackoffMs: 60_000, maxLoginBackoffMs: 60_000 },
    }),
  );
  try {
    sim.resetStats();
    let attempts = 0;
    wrong.collectors.get('platz-13')!.onFailure(() => (attempts += 1));
    await page.goto(`${wrong.url}/?lang=en`);
    await expect(page.getByText('Charger refused the login').first()).toBeVisible({ timeout: TWO_POLLS });
    // Three status intervals later, all three failed, the charger has seen one login and no status
    // request: a refused login pauses every call (a loop would log in on every reading).
    await expect.poll(() => attempts, { timeout: 3 * TWO_POLLS }).toBeGreaterThanOrEqual(3);
    expect(sim.stats().chargers.platz13!.failedLogins).toBe(1);
    expect(sim.stats().chargers.platz13!.requests.generalStatus).toBe(0);
  } finally {
    await wrong.close();
  }
});

test('a lazy part that cannot load (the server has a new build) stays inside its panel, and the page reloads into the new build', async ({ page }) => {
  await openLiveView(page);
  // The old page's sessions chunk is gone from the server, as after an update.
  await page.route('**/assets/SessionsView-*.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
  await page.getByRole('link', { name: 'Sessions' }).click();
  const error = page.getByTestId('panel-error');
  await expect(error).toContainText('updated on the server');
  await expect(page.getByRole('navigation')).toBeVisible(); // the shell is still there

  // Once the server answers, the page reloads by itself and shows the view. It waits 5 s before it
  // asks: the tablet's clock is moved on past that wait rather than the test sitting through it.
  await page.unroute('**/assets/SessionsView-*.js');
  await page.clock.fastForward(5_000);
  await expect(page.getByTestId('session-table')).toBeVisible({ timeout: TWO_POLLS });
  expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'the page was reloaded').toBeUndefined();
});
