/**
 * The wall display at `/` against the simulator: live values, staleness and recovery, a broken
 * section kept inside its panel, unknown values, both languages, tablet layouts, kiosk, wake
 * lock, PWA.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page, TestInfo } from '@playwright/test';
import { expect, pinClock, test } from './fixtures.ts';
import { ZONE } from './world.ts';

/** One reading of the server's collector (a second apart here), with room for a loaded machine: a ceiling, not a pace. */
const ONE_POLL = 5_000;
/** Two readings and the stale time: how soon a failure must show. */
const TWO_POLLS = 8_000;
const HOUR = 3_600_000;

async function chargerId(page: Page): Promise<string> {
  const { chargers } = await (await page.request.get('/api/chargers')).json();
  return chargers[0].id as string;
}

async function snap(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = testInfo.outputPath(`${name}.png`);
  await page.screenshot({ path, fullPage: false });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** The element lies entirely inside the viewport: seen without scrolling. */
async function expectInViewport(page: Page, what: Locator, name: string): Promise<void> {
  const viewport = page.viewportSize()!;
  const box = await what.first().boundingBox();
  expect(box, `${name} is rendered`).not.toBeNull();
  expect(box!.y + box!.height, `${name} ends above the fold`).toBeLessThanOrEqual(viewport.height);
  expect(box!.x + box!.width, `${name} fits the width`).toBeLessThanOrEqual(viewport.width);
}

const card = (page: Page) => page.getByTestId('connector-card').first();
const region = (page: Page, name: string) => page.getByRole('region', { name, exact: true });

test.describe('live view', () => {
  test('cards show the simulated status and power, and follow the charger within a poll', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Available', power: 0 });
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', 'Available');
    await expect(card.getByTestId('connector-status')).toHaveText('Connector 1 status: Available');
    await expect(card.getByTestId('connector-power')).toHaveText('0.0kW');
    // Idle: the last session, not the leftover numbers as if live.
    await expect(card.getByTestId('last-session')).toBeVisible();
    await expect(card.getByTestId('session-energy')).toHaveCount(0);

    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    await expect(card).toHaveAttribute('data-status', 'Charging', { timeout: ONE_POLL });
    await expect(card.getByTestId('connector-power')).toHaveText('7.4kW');
    await expect(card.getByTestId('connector-status')).toHaveText('Connector 1 status: Charging');
    await expect(card.getByTestId('session-energy')).toBeVisible();
    await expect(card.getByTestId('last-session')).toHaveCount(0);

    // The session clock ticks between polls.
    const duration = card.getByTestId('session-duration');
    const first = await duration.textContent();
    await expect(duration).not.toHaveText(first!, { timeout: 4_000 });

    // This server keeps no archive: today and this month are unknown, "—", never zeros (with an
    // archive: household-figures.spec.ts).
    await expect(card.getByTestId('today-energy')).toHaveText('—');
    await expect(card.getByTestId('month-energy')).toHaveText('—');
  });

  test('a fault is shown prominently', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', 'Faulted');
    await expect(card.getByRole('alert')).toContainText('Fault: Earth fault');
    await expect(card.getByRole('alert')).toContainText('Residual current detected (RCD)');
    await expect(card.getByTestId('fault-next-step')).toHaveText('Unplug the car and plug it in again; if the fault stays, call your installer.');
  });

  test('charging breathes where the device allows motion, and keeps still where it asks for less', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    await page.goto('/?lang=en');
    const bolt = card(page).locator('.card-state svg');
    await expect(card(page)).toHaveAttribute('data-state', 'charging');
    const animation = () => bolt.evaluate((icon) => getComputedStyle(icon).animationName);
    expect(await animation()).toBe('status-flow');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    // Only charging moves: a paused card is still wherever motion is allowed.
    await page.emulateMedia({ reducedMotion: 'no-preference' });
    sim.setConnector(id, 1, { status: 'SuspendedEV', power: 0 });
    await expect(card(page)).toHaveAttribute('data-state', 'paused_by_car');
    expect(await animation()).toBe('none');
  });

  test('charger down: stale banner with age and reason, last values kept; recovers without reload', async ({ page, sim }) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card.getByTestId('connector-power')).toHaveText('7.4kW');
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    sim.faults.set({ down: true });
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toBeVisible({ timeout: TWO_POLLS });
    await expect(banner).toContainText('Charger unreachable');
    await expect(banner).toContainText(/last update \d+ secs? ago/);
    // The last values stay on screen.
    await expect(card.getByTestId('connector-power')).toHaveText('7.4kW');
    await expect(card).toHaveAttribute('data-status', 'Charging');

    sim.faults.clear();
    await expect(banner).toHaveCount(0, { timeout: TWO_POLLS });
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 'no reload happened').toBe(1);
  });

  test('refused login and unreadable data name their reason', async ({ page, sim }) => {
    await page.goto('/?lang=en');
    await expect(page.getByTestId('connector-card').first()).toBeVisible();

    sim.faults.set({ endpoint: 'webOperatorLogin', errorCode: 3, errorMessage: 'Wrong email or password' });
    sim.faults.expireTokens();
    const banner = page.getByTestId('stale-banner');
    await expect(banner).toContainText('Charger refused the login', { timeout: TWO_POLLS });
    sim.faults.clear();
    await expect(banner).toHaveCount(0, { timeout: TWO_POLLS });

    // A snapshot without the expected shape reaches the page (the server builds them; the page
    // does not rely on that). The stream ends after it and reconnects into the same answer until
    // the route is lifted.
    const id = await chargerId(page);
    await page.route('**/api/events?**', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: `retry: 500\n\nevent: snapshot\ndata: ${JSON.stringify({ v: 1, chargerId: id, connectors: [] })}\n\n`,
      }),
    );
    await page.reload();
    await expect(banner).toContainText('Unexpected data from the charger', { timeout: TWO_POLLS });
    await page.unroute('**/api/events?**');
    await expect(banner).toHaveCount(0, { timeout: TWO_POLLS });
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
  });

  for (const [section, panel] of [
    ['powerManagement', 'Power management'],
    ['connectivity', 'Connectivity'],
    ['evses', 'Connectors'],
  ] as const) {
    test(`a malformed ${section} section breaks only its own panel`, async ({ page, sim }) => {
      await page.goto('/?lang=en');
      await expect(page.getByTestId('connector-card').first()).toBeVisible();
      sim.faults.set({ endpoint: 'generalStatus', malformedSection: section });

      const broken = page.getByRole('region', { name: panel });
      await expect(broken.getByTestId('panel-error')).toBeVisible({ timeout: TWO_POLLS });
      await expect(broken.getByTestId('panel-error')).toContainText('Unexpected data from the charger');
      await expect(page.getByTestId('panel-error')).toHaveCount(1);
      await expect(page.getByTestId('stale-banner')).toHaveCount(0);
      // The others stay alive.
      if (section !== 'evses') await expect(page.getByTestId('connector-card').first()).toBeVisible();
      if (section !== 'powerManagement') await expect(page.getByRole('region', { name: 'Power management' })).toContainText('Load guard');
      if (section !== 'connectivity') await expect(page.getByRole('region', { name: 'Connectivity' })).toContainText('Wi-Fi');

      sim.faults.clear();
      await expect(page.getByTestId('panel-error')).toHaveCount(0, { timeout: TWO_POLLS });
    });
  }

  test('an unknown status is shown readably, without a crash', async ({ page, sim }) => {
    const id = await chargerId(page);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    sim.setConnector(id, 1, { status: 'WaitingForGridCapacity' });
    await page.goto('/?lang=en');
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', 'WaitingForGridCapacity');
    await expect(card.getByTestId('connector-status')).toHaveText('Connector 1 status: Waiting for grid capacity');
    // No car drawing power (the simulated car may be charging at this time of day), so the card
    // shows the last session and its stop reason.
    sim.setConnector(id, 1, { status: 'Available', power: 0 });

    // The whole family of unknown values at once: mode, stop reason, phases.
    sim.faults.set({ endpoint: 'generalStatus', unknownEnums: true });
    await page.reload();
    await expect(card.getByTestId('connector-status')).toHaveText('Connector 1 status: Waiting for grid capacity');
    await expect(card).toContainText('Local stop because solar eclipse');
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);
    expect(errors).toEqual([]);
    sim.setConnector(id, 1, null);
  });

  test('German and English, by browser language and by ?lang', async ({ browser, server, world }) => {
    const context = await browser.newContext({ baseURL: server.url, locale: 'de-DE', timezoneId: ZONE, viewport: { width: 1280, height: 800 } });
    await pinClock(context, world);
    const page = await context.newPage();
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Ladepunkt 1' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Lastmanagement' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Verbindungen' })).toContainText('WLAN');
    await expect(page.locator('html')).toHaveAttribute('lang', 'de');
    // Decimal comma from Intl.
    await expect(page.getByTestId('connector-power').first()).toHaveText(/^\d+,\dkW$/);

    await page.goto('/?lang=en');
    await expect(page.getByRole('heading', { name: 'Connector 1' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Connectivity' })).toContainText('Wi-Fi');
    await expect(page.locator('html')).toHaveAttribute('lang', 'en');
    await context.close();
  });

  test('landscape 1280×800: a card, power management and connectivity without scrolling; both themes', async ({ page, sim }, testInfo) => {
    const id = await chargerId(page);
    sim.setConnector(id, 1, { status: 'Charging', power: 10.7 });
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.goto('/?lang=en&kiosk=1');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', 'Charging');
    await expectInViewport(page, card(page), 'card');
    await expectInViewport(page, region(page, 'Power management'), 'power management');
    await expectInViewport(page, region(page, 'Connectivity'), 'connectivity');
    await snap(page, testInfo, 'landscape-dark-en');

    await page.goto('/?lang=de&kiosk=1&theme=light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', 'Charging');
    await expectInViewport(page, card(page), 'card');
    await expectInViewport(page, region(page, 'Lastmanagement'), 'power management');
    await expectInViewport(page, region(page, 'Verbindungen'), 'connectivity');
    await snap(page, testInfo, 'landscape-light-de');

    sim.setConnector(id, 1, { status: 'Faulted' });
    await page.goto('/?lang=de&theme=dark');
    await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', 'Faulted');
    await expectInViewport(page, card(page), 'card');
    await snap(page, testInfo, 'landscape-dark-de-fault');

    // The tallest case: a fault under the stale banner, light theme, still without scrolling.
    await page.goto('/?lang=en&theme=light');
    await expect(card(page)).toHaveAttribute('data-status', 'Faulted');
    sim.faults.set({ down: true });
    await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: TWO_POLLS });
    await expectInViewport(page, card(page), 'card');
    await expectInViewport(page, region(page, 'Power management'), 'power management');
    await expectInViewport(page, region(page, 'Connectivity'), 'connectivity');
    await snap(page, testInfo, 'landscape-light-en-fault-stale');
  });

  test('portrait 800×1280 in both themes, and the stale banner', async ({ page, sim }, testInfo) => {
    const id = await chargerId(page);
    await page.setViewportSize({ width: 800, height: 1280 });
    sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
    await page.goto('/?lang=en&theme=dark');
    await expect(card(page)).toHaveAttribute('data-status', 'Charging');
    await expectInViewport(page, card(page), 'card');
    await expectInViewport(page, region(page, 'Power management'), 'power management');
    await expectInViewport(page, region(page, 'Connectivity'), 'connectivity');
    await snap(page, testInfo, 'portrait-dark-en');

    sim.setConnector(id, 1, { status: 'Available', power: 0 });
    await page.goto('/?lang=de&theme=light');
    await expect(card(page)).toHaveAttribute('data-status', 'Available');
    sim.faults.set({ down: true });
    await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: TWO_POLLS });
    await expectInViewport(page, card(page), 'card');
    await snap(page, testInfo, 'portrait-light-de-stale');
  });

  for (const theme of ['dark', 'light'] as const) {
    test(`no accessibility violations (WCAG 2 A/AA, contrast included), ${theme} theme`, async ({ page, sim }) => {
      // Six full-page axe analyses, each after a status change has reached the card: about a
      // minute of real work on two cores, more than the default test budget.
      test.setTimeout(150_000);
      const id = await chargerId(page);
      const axe = async (when: string) => {
        const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
        expect(results.violations.map((v) => `${when} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
      };
      sim.setConnector(id, 1, { status: 'Charging', power: 7.4 });
      await page.goto(`/?lang=de&theme=${theme}`);
      // Landmarks: the header, the main area, a named region per card and panel.
      await expect(page.getByRole('banner')).toHaveCount(1);
      await expect(page.getByRole('main')).toHaveCount(1);
      await expect(region(page, 'Ladepunkt 1')).toBeVisible();
      await expect(region(page, 'Lastmanagement')).toBeVisible();
      // Every status colour, then a fault under the stale banner.
      for (const status of ['Charging', 'SuspendedEV', 'Available', 'WaitingForGridCapacity', 'Faulted']) {
        sim.setConnector(id, 1, { status });
        await expect(card(page)).toHaveAttribute('data-status', status, { timeout: ONE_POLL });
        await axe(status);
      }
      sim.faults.set({ down: true });
      await expect(page.getByTestId('stale-banner')).toBeVisible({ timeout: TWO_POLLS });
      await axe('stale');
    });
  }

  test('the theme is set before the app’s script runs: no dark flash for a light-theme tablet', async ({ page }) => {
    // Without the app's JavaScript only the start script can have set it.
    await page.route('**/assets/*.js', (route) => route.abort());
    await page.goto('/?theme=light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe('#f3f5f9');

    // The stored choice, without the parameter.
    await page.evaluate(() => localStorage.setItem('inch-dashboard.theme', 'light'));
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    // No choice: auto, the device's setting.
    await page.evaluate(() => localStorage.removeItem('inch-dashboard.theme'));
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('auto follows the device while the page is open', async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto('/?lang=en');
    await expect(card(page)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  });

  test('the theme choice stays in the URL, so the reload into a new build keeps it', async ({ page }) => {
    await page.goto('/?theme=dark&lang=en');
    await expect(card(page)).toBeVisible();
    await page.getByLabel('Theme').selectOption('light');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page).toHaveURL(/[?&]theme=light/);
    await expect(page).toHaveURL(/[?&]lang=en/);
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByLabel('Theme')).toHaveValue('light');
  });

  test('kiosk=1 keeps touch navigation but hides settings, theme and language; kiosk=locked hides every control', async ({ page }) => {
    await page.goto('/?kiosk=1&lang=en');
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
    await expect(page.getByRole('navigation')).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sessions' })).toBeVisible();
    await expect(page.getByTestId('power-chart').locator('[data-state=ready]')).toBeVisible();
    await expect(page.getByRole('banner').getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('banner').getByRole('combobox')).toHaveCount(0);
    await expect(page.getByRole('group', { name: 'Time range' })).toHaveCount(0);
    expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).toBe('none');
    // A touch on the navigation works.
    await page.getByRole('link', { name: 'Sessions' }).click();
    await expect(page).toHaveURL(/\/sessions\?.*kiosk=1/);

    await page.goto('/?kiosk=locked&lang=en');
    await expect(page.getByTestId('power-chart').locator('[data-state=ready]')).toBeVisible();
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByRole('button')).toHaveCount(0);
    await expect(page.getByRole('link')).toHaveCount(0);
    await expect(page.getByRole('combobox')).toHaveCount(0);

    await page.goto('/');
    await expect(page.getByRole('navigation')).toBeVisible();
    expect(await page.evaluate(() => getComputedStyle(document.body).cursor)).not.toBe('none');
  });

  test('night dimming: dark inside the window, full brightness for a minute after a touch', async ({ page, world }) => {
    const hhmm = (ms: number) => new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
    const now = world.now();
    // A window that began an hour ago and ends an hour before it would begin again: it spans
    // midnight, as a night does, whatever the pinned moment.
    await page.goto(`/?lang=en&dim=${hhmm(now - HOUR)}-${hhmm(now - 2 * HOUR)}`);
    await expect(card(page)).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-dimmed', 'true');
    await page.mouse.click(5, 5);
    await expect(page.locator('html')).toHaveAttribute('data-dimmed', 'false');
    await page.clock.runFor(61_000);
    await expect(page.locator('html')).toHaveAttribute('data-dimmed', 'true');
    // A window still to come.
    await page.goto(`/?lang=en&dim=${hhmm(now + HOUR)}-${hhmm(now + 2 * HOUR)}`);
    await expect(page.locator('html')).toHaveAttribute('data-dimmed', 'false');
  });
});

test.describe('always-on tablet', () => {
  test('wake lock: the native API in a secure context', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-wake-lock', 'native');
    await expect(page.getByTestId('wake-lock-video')).toHaveCount(0);
  });

  test('wake lock: the looping video where the page is not a secure context (plain-http LAN)', async ({ page }) => {
    // 127.0.0.1 counts as secure; a tablet on http://192.168.x.y does not. Pretend to be one.
    await page.addInitScript(() => {
      Object.defineProperty(window, 'isSecureContext', { value: false });
      delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock;
    });
    await page.goto('/');
    await expect(page.locator('html')).toHaveAttribute('data-wake-lock', 'video');
    const video = page.getByTestId('wake-lock-video');
    await expect(video).toHaveCount(1);
    await expect(page.locator('html')).toHaveAttribute('data-wake-lock-active', 'true');
    expect(await video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, loop: v.loop, paused: v.paused }))).toEqual({
      muted: true,
      loop: true,
      paused: false,
    });

    // Chromium holds the screen for a muted video only while ≥ 75 % of it is on screen and it
    // covers ≥ 20 % of the viewport (blink's VideoWakeLock, by intersection): it covers it all.
    const viewport = page.viewportSize()!;
    expect(await video.boundingBox()).toEqual({ x: 0, y: 0, width: viewport.width, height: viewport.height });
    const ratios = await video.evaluate(
      (v) =>
        new Promise<{ visible: number; ofViewport: number }>((resolve) => {
          const observer = new IntersectionObserver(([entry]) => {
            observer.disconnect();
            const root = entry!.rootBounds!;
            const area = entry!.intersectionRect.width * entry!.intersectionRect.height;
            resolve({ visible: entry!.intersectionRatio, ofViewport: area / (root.width * root.height) });
          });
          observer.observe(v);
        }),
    );
    expect(ratios.visible).toBeGreaterThan(0.75);
    expect(ratios.ofViewport).toBeGreaterThan(0.2);
    // Behind the page and unseen: touches reach the page, and nothing of it is painted.
    expect(await page.evaluate(() => document.elementFromPoint(innerWidth / 2, innerHeight / 2)?.tagName)).not.toBe('VIDEO');
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
    for (const theme of ['dark', 'light'] as const) {
      await page.evaluate((t) => (document.documentElement.dataset.theme = t), theme);
      // The page's own margin on the right (the layout keeps 10 px there): background only,
      // whatever the panels show.
      const clip = { x: viewport.width - 8, y: 0, width: 8, height: viewport.height };
      // Until a pair agrees: the live page may change between two pictures (a banner, a reading
      // on a busy machine); a video that paints would make every pair differ.
      await expect(async () => {
        const withVideo = await page.screenshot({ clip, animations: 'disabled' });
        await video.evaluate((v) => (v.style.visibility = 'hidden'));
        const without = await page.screenshot({ clip, animations: 'disabled' });
        await video.evaluate((v) => (v.style.visibility = ''));
        expect(withVideo.equals(without), `the video paints nothing over the ${theme} page`).toBe(true);
      }).toPass({ timeout: 10_000 });
    }
  });

  test('PWA: the manifest is linked and valid, its icons load', async ({ page }) => {
    await page.goto('/');
    const href = await page.locator('link[rel="manifest"]').getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.request.get(href!);
    expect(response.ok()).toBe(true);
    const manifest = await response.json();
    expect(manifest).toMatchObject({ display: 'standalone', start_url: expect.stringMatching(/^\//), name: expect.any(String), short_name: expect.any(String) });
    expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
    expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toMatch(/^#[0-9a-f]{6}$/i);
    const sizes = manifest.icons.map((icon: { sizes: string }) => icon.sizes);
    expect(sizes).toEqual(expect.arrayContaining(['192x192', '512x512']));
    for (const icon of manifest.icons as Array<{ src: string; sizes: string; type: string }>) {
      const image = await page.request.get(new URL(icon.src, page.url()).toString());
      expect(image.ok(), icon.src).toBe(true);
      expect(image.headers()['content-type']).toContain(icon.type);
      if (icon.type === 'image/png') {
        // PNG IHDR: width and height at bytes 16 and 20.
        const body = await image.body();
        const [w, h] = icon.sizes.split('x').map(Number);
        expect([body.readUInt32BE(16), body.readUInt32BE(20)], icon.src).toEqual([w, h]);
      }
    }
  });
});
