import { expect, test } from './fixtures.ts';

/** "Within two readings" (a reading a second here) with room for a loaded machine: a ceiling, not a pace. */
const TWO_POLLS_MS = 8_000;

test.use({ simulatorChargers: 3 });

test.describe('a garage of three chargers', () => {
  test('/ redirects to the garage, which shows one tile per charger in natural order', async ({ page }) => {
    const { chargers } = (await (await page.request.get('/api/chargers')).json()) as { chargers: Array<{ id: string; name: string }> };
    expect(chargers).toHaveLength(3);
    const expected = [...chargers].sort((a, b) => new Intl.Collator('en', { numeric: true }).compare(a.name, b.name));

    await page.goto('/');
    await expect(page).toHaveURL(/\/garage$/);
    const tiles = page.getByTestId('charger-tile');
    await expect(tiles).toHaveCount(3);
    await expect(tiles.locator('h3')).toHaveText(expected.map((c) => c.name));
    expect(await tiles.evaluateAll((els) => els.map((el) => el.getAttribute('data-charger-id')))).toEqual(expected.map((c) => c.id));
    for (const tile of await tiles.all()) await expect(tile).toHaveAttribute('data-connection', 'live');

    // Each tile shows what its charger says right now (read again until both agree: a simulated
    // household may change its state between the two reads).
    for (const charger of chargers) {
      const tile = page.locator(`[data-testid="charger-tile"][data-charger-id="${charger.id}"]`);
      await expect(async () => {
        const status = await (await page.request.get(`/api/chargers/${charger.id}/generalStatus`)).json();
        await expect(tile.locator('[data-status]').first()).toHaveAttribute('data-status', status.evses[0].connectors[0].onlineData.status, { timeout: 2_000 });
      }, charger.name).toPass();
    }
    await expect(page.getByTestId('garage-totals')).toHaveAttribute('data-partial', 'false');
    await expect(page.getByRole('link', { name: 'Sessions of all chargers' })).toHaveAttribute('href', '/sessions?charger=all');
  });

  test('the cluster totals add up the chargers’ power against the cluster limit', async ({ page, sim }) => {
    const [a, b, c] = sim.chargers.map((charger) => charger.id);
    sim.setConnector(a!, 1, { status: 'Charging', power: 7.36 });
    sim.setConnector(b!, 1, { status: 'Charging', power: 4.14 });
    sim.setConnector(c!, 1, { status: 'Available', power: 0 });
    try {
      await page.goto('/garage');
      await expect(page.getByTestId('cluster-power')).toHaveText('11.5\u202fkW');
      // Three chargers share 25 A per phase: 3 × 230 V × 25 A = 17.25 kW.
      await expect(page.getByTestId('garage-totals')).toContainText('of 17.3\u202fkW');
      await expect(page.getByTestId('building-power')).toHaveText(/\d+\.\d\u202fkW/);
      await expect(page.getByTestId('garage-totals')).toContainText('2 of 3 charging');
    } finally {
      for (const id of [a, b, c]) sim.setConnector(id!, 1, null);
    }
  });

  test('one charger down: only its tile goes offline, the sum says it is partial, and it recovers without a reload', async ({ page, sim, server }) => {
    const [first, down, third] = sim.chargers.map((charger) => charger.id);
    await page.goto('/garage');
    const tileOf = (id: string) => page.locator(`[data-testid="charger-tile"][data-charger-id="${id}"]`);
    for (const id of [first, down, third]) await expect(tileOf(id!)).toHaveAttribute('data-connection', 'live');
    const pageLoads = await page.evaluate(() => performance.getEntriesByType('navigation').length);

    sim.faults.set({ charger: down!, down: true });
    await expect(tileOf(down!)).toHaveAttribute('data-connection', 'stale', { timeout: TWO_POLLS_MS });
    await expect(tileOf(down!)).toContainText('Unreachable');
    await expect(tileOf(down!)).toContainText(/as of \d+ s ago/);
    // The last values stay visible (dimmed) on the offline tile.
    await expect(tileOf(down!).locator('[data-status]')).not.toHaveCount(0);
    const partial = page.getByTestId('cluster-partial');
    await expect(partial).toContainText(`without ${sim.chargers[1]!.name}`);

    // Three more readings of the others while one is down: they stay live throughout.
    const readings = { first: 0, third: 0 };
    const offFirst = server.collectors.get(first!)!.onReading(() => (readings.first += 1));
    const offThird = server.collectors.get(third!)!.onReading(() => (readings.third += 1));
    await expect.poll(() => Math.min(readings.first, readings.third), { timeout: 4 * TWO_POLLS_MS }).toBeGreaterThanOrEqual(3);
    offFirst();
    offThird();
    await expect(tileOf(down!)).toHaveAttribute('data-connection', 'stale');
    await expect(tileOf(first!)).toHaveAttribute('data-connection', 'live');
    await expect(tileOf(third!)).toHaveAttribute('data-connection', 'live');
    await expect(page.getByTestId('stale-banner')).toHaveCount(0);

    sim.faults.set({ charger: down!, down: false });
    await expect(tileOf(down!)).toHaveAttribute('data-connection', 'live', { timeout: TWO_POLLS_MS });
    await expect(page.getByTestId('garage-totals')).toHaveAttribute('data-partial', 'false');
    expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(pageLoads);
  });

  test('a tile leads to its charger’s live view with the chart, and to its sessions', async ({ page, sim }) => {
    const target = sim.chargers[1]!;
    await page.goto('/garage?lang=de');
    const tile = page.locator(`[data-testid="charger-tile"][data-charger-id="${target.id}"]`);
    await expect(tile.getByRole('link', { name: `Ladevorgänge von ${target.name}` })).toHaveAttribute('href', `/sessions?charger=${target.id}&lang=de`);

    // A tap anywhere on the tile opens the live view.
    await tile.click({ position: { x: 60, y: 60 } });
    await expect(page).toHaveURL(new RegExp(`/\\?charger=${target.id}&lang=de$`));
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
    await expect(page.locator('header')).toContainText(target.name);

    // The shell's "Live" and "Garage" links go back and forth without bouncing.
    await page.getByRole('link', { name: 'Garage' }).click();
    await expect(page).toHaveURL(/\/garage\?/);
    await expect(page.getByTestId('charger-tile')).toHaveCount(3);
    await page.getByRole('navigation').getByRole('link', { name: 'Live' }).click();
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
  });

  test('locked kiosk on the garage: no controls, no links, and the redirect keeps it', async ({ page }) => {
    // `?kiosk=1` keeps touch navigation and tappable tiles; `locked` is the display nobody operates.
    await page.goto('/?kiosk=locked&lang=de');
    await expect(page).toHaveURL(/\/garage\?lang=de&kiosk=locked$/);
    await expect(page.getByTestId('charger-tile')).toHaveCount(3);
    await expect(page.getByRole('navigation')).toHaveCount(0);
    await expect(page.getByRole('link')).toHaveCount(0);
    await expect(page.getByTestId('garage-totals')).toContainText('Cluster-Leistung');
  });

  test('screenshot at 1280×800 with a charger offline', async ({ page, sim }, testInfo) => {
    const [a, down, c] = sim.chargers.map((charger) => charger.id);
    sim.setConnector(a!, 1, { status: 'Charging', power: 7.36 });
    sim.setConnector(c!, 1, { status: 'SuspendedEV', power: 0 });
    try {
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto('/garage');
      await expect(page.locator('[data-connection="live"]')).toHaveCount(3);
      sim.faults.set({ charger: down!, down: true });
      await expect(page.locator(`[data-charger-id="${down}"]`)).toHaveAttribute('data-connection', 'stale', { timeout: TWO_POLLS_MS });
      // Nothing on the tiles is cut off: the text fits its box.
      const clipped = await page.getByTestId('charger-tile').evaluateAll((tiles) =>
        tiles.flatMap((tile) =>
          Array.from(tile.querySelectorAll<HTMLElement>('h3, [data-status], p, span'))
            .filter((el) => !el.classList.contains('sr-only') && getComputedStyle(el).overflow === 'hidden' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
            .map((el) => el.textContent),
        ),
      );
      expect(clipped).toEqual([]);
      await page.screenshot({ path: testInfo.outputPath('garage-1280x800.png') });
    } finally {
      sim.setConnector(a!, 1, null);
      sim.setConnector(c!, 1, null);
    }
  });

  test('opens exactly one event stream for all chargers and makes no status polls while it flows', async ({ page, server }) => {
    const counts = { streams: 0, polls: 0 };
    page.on('request', (request) => {
      const path = new URL(request.url()).pathname;
      if (path === '/api/events') counts.streams += 1;
      if (path.endsWith('/snapshot')) counts.polls += 1;
    });
    const streamUrls: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/events') streamUrls.push(new URL(request.url()).search);
    });
    await page.goto('/garage');
    const tiles = page.getByTestId('charger-tile');
    await expect(tiles).toHaveCount(3);
    for (const tile of await tiles.all()) await expect(tile).toHaveAttribute('data-connection', 'live');
    const collector = [...server.collectors.values()][0]!;
    const readings: number[] = [];
    const off = collector.onReading((r) => readings.push(r.receivedAt));
    await expect.poll(() => readings.length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3);
    off();
    expect(counts).toEqual({ streams: 1, polls: 0 });
    expect(decodeURIComponent(streamUrls[0]!)).toBe(`?chargers=${[...server.collectors.keys()].sort().join(',')}`);
  });
});
