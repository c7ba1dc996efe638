import type { Locator, Page } from '@playwright/test';
import type { RunningSimulator } from '../server/simulator/simulator.ts';
import { expect, test } from './fixtures.ts';
import { rewriteJsonAnswers } from './rewrite-answer.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** The chart asks again this long after a failure (POWER_ERROR_RETRY_MS in its query). */
const POWER_ERROR_RETRY_MS = 10_000;

const chart = (page: Page) => page.getByTestId('power-chart');
/** The drawn line of a series (Recharts' path inside the series' layer). */
const line = (page: Page, measure: string) => chart(page).locator(`.power-line-${measure} path.recharts-line-curve`);
const plot = (page: Page) => chart(page).locator('[data-state]');
const xTicks = (page: Page) => chart(page).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value');

async function xDomain(box: Locator): Promise<{ from: number; to: number }> {
  const [from, to] = await Promise.all([box.getAttribute('data-x-from'), box.getAttribute('data-x-to')]);
  return { from: Date.parse(from ?? ''), to: Date.parse(to ?? '') };
}

/** The tablet's local calendar day (the tests run in Europe/Berlin), `days` back from today. */
async function localDay(page: Page, daysBack: number): Promise<{ day: string; midnight: string }> {
  return page.evaluate((back) => {
    const now = new Date();
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - back);
    const day = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    return { day, midnight: d.toISOString() };
  }, daysBack);
}

test('shows one line per connector plus building; the cluster, equal to the one connector, drawn once with a note', async ({ page }) => {
  await page.goto('/');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  for (const measure of ['connector1', 'building']) {
    await expect(line(page, measure)).toHaveCount(1);
    await expect(line(page, measure)).toHaveAttribute('d', /^M[\d.]+,[\d.]+L/);
  }
  // With one charger the cluster's power is the connector's: one line, and the legend says so.
  await expect(line(page, 'cluster')).toHaveCount(0);
  await expect(chart(page).locator('[data-series=cluster][data-same-as=connector1]')).toContainText('Cluster = Connector 1');
  await expect(chart(page).locator('path.recharts-line-curve')).toHaveCount(2);
  const legend = chart(page).getByRole('button', { name: /Connector 1/ });
  await expect(legend).toHaveAttribute('aria-pressed', 'true');
  await expect(legend).toContainText(/\d+(\.\d)?\s*kWh/);
  await expect(chart(page).getByRole('button', { name: /Building/ })).toContainText('kWh');
  // The simulator's cluster (25 A) and load guard (60 A) limits, as 3 × 230 V × A: labelled on
  // their line when near the data, named in the legend when above the chart's scale.
  await expect(chart(page)).toContainText(/Cluster limit 17\.3/);
  await expect(chart(page)).toContainText(/Building limit 41\.4/);
  // Axis ticks are local times on a 24-hour clock (en-GB).
  const ticks = await xTicks(page).allTextContents();
  // 24 hours beside the panels: a tick every 3 or 6 hours, depending on the plot's width; Recharts
  // leaves out a label that would stick out past the plot's edge (a tick minutes from now).
  expect(ticks.length).toBeGreaterThanOrEqual(3);
  for (const tick of ticks) expect(tick).toMatch(/^([01]\d|2[0-3]):00$|^[A-Z][a-z]{2} \d{1,2}\/\d{2}$/);
});

test('switching the range changes the X domain and lives in the URL', async ({ page, world }) => {
  await page.goto('/?lang=en');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  const day = await xDomain(plot(page));
  expect(day.to - day.from).toBe(24 * HOUR);
  expect(Math.abs(day.to - world.now())).toBeLessThan(10 * 60_000);

  await chart(page).getByRole('button', { name: '7 days' }).click();
  await expect(page).toHaveURL(/[?&]range=7d/);
  await expect(page).toHaveURL(/[?&]lang=en/);
  await expect.poll(async () => { const d = await xDomain(plot(page)); return d.to - d.from; }).toBe(7 * DAY);
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  // A week is labelled by days, not hours.
  await expect(xTicks(page).first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}\/\d{2}$/);

  await chart(page).getByRole('button', { name: '6 h' }).click();
  await expect(page).toHaveURL(/[?&]range=6h/);
  await expect.poll(async () => { const d = await xDomain(plot(page)); return d.to - d.from; }).toBe(6 * HOUR);

  const { day: chosen, midnight } = await localDay(page, 3);
  await chart(page).getByLabel('Show one day', { exact: true }).fill(chosen);
  await expect(page).toHaveURL(new RegExp(`[?&]day=${chosen}`));
  await expect(page).not.toHaveURL(/range=/);
  await expect(plot(page)).toHaveAttribute('data-x-from', midnight);
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');

  // The range survives a reload (a wall tablet reloads itself on a new build).
  await page.reload();
  await expect(plot(page)).toHaveAttribute('data-x-from', midnight);
  // Written the page's way (en-GB), not the browser's.
  await expect(chart(page).getByLabel('Show one day', { exact: true })).toHaveValue(chosen.split('-').reverse().join('/'));
});

test('hiding a series from the legend removes its line, and showing it brings it back', async ({ page }) => {
  await page.goto('/');
  await expect(line(page, 'building')).toHaveCount(1);
  const building = chart(page).getByRole('button', { name: /Building/ });
  await building.click();
  await expect(building).toHaveAttribute('aria-pressed', 'false');
  await expect(line(page, 'building')).toHaveCount(0);
  await expect(line(page, 'connector1')).toHaveCount(1);
  await building.click();
  await expect(line(page, 'building')).toHaveCount(1);
});

test('the tooltip lists every series at the hovered time', async ({ page }) => {
  await page.goto('/?range=6h');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  const box = (await plot(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.5);
  const tooltip = chart(page).getByTestId('power-tooltip');
  await expect(tooltip).toBeVisible();
  await expect(tooltip).toContainText(/\d{2}:\d{2}–\d{2}:\d{2}/);
  for (const name of ['Connector 1', 'Building']) await expect(tooltip).toContainText(name);
  await expect(tooltip).toContainText(/\d\.\d{2}\s*kW/);
  await page.mouse.move(box.x + box.width * 0.5, box.y - 100);
  await expect(tooltip).toBeHidden();
});

test('German labels and a 24-hour clock', async ({ page }) => {
  await page.goto('/?lang=de&range=6h');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await expect(chart(page).getByRole('button', { name: /Ladepunkt 1/ })).toContainText(/\d+(,\d)?\s*kWh/);
  await expect(chart(page).getByRole('button', { name: '7 Tage' })).toBeVisible();
  const ticks = await xTicks(page).allTextContents();
  // Six hours beside the panels: a tick every one or two hours, depending on the plot's width,
  // less the one too close to the right edge (at 00:05 the even hours leave 20:00 and 22:00).
  expect(ticks.length).toBeGreaterThanOrEqual(2);
  for (const tick of ticks) expect(tick).toMatch(/^([01]\d|2[0-3]):00$|^[A-Z][a-z]\.?, \d{1,2}\.\d{1,2}\.$/);
});

test('a pinned wall display (kiosk) shows the range without the controls', async ({ page }) => {
  await page.goto('/?kiosk=1&range=7d');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await expect(chart(page).getByRole('group', { name: 'Time range' })).toHaveCount(0);
  await expect(chart(page).getByRole('heading', { name: 'Power' })).toBeVisible();
  await expect(chart(page)).toContainText('7 days');
  await expect.poll(async () => { const d = await xDomain(plot(page)); return d.to - d.from; }).toBe(7 * DAY);
});

test('the keyboard moves the cursor (Recharts’ accessibility layer)', async ({ page }) => {
  await page.goto('/?range=6h');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await chart(page).locator('.recharts-surface[tabindex="0"]').focus();
  await page.keyboard.press('ArrowRight');
  const tooltip = chart(page).getByTestId('power-tooltip');
  await expect(tooltip).toBeVisible();
  const first = await tooltip.locator('p').first().textContent();
  await page.keyboard.press('ArrowRight');
  await expect(tooltip.locator('p').first()).not.toHaveText(first ?? '');
});

test('a range without data says so', async ({ page }) => {
  await page.goto('/?day=2020-01-01');
  await expect(plot(page)).toHaveAttribute('data-state', 'empty');
  await expect(chart(page)).toContainText('No data for this range.');
  await expect(chart(page).locator('path.recharts-line-curve')).toHaveCount(0);
});

test('unusable values are dropped and counted, never drawn as spikes', async ({ page }) => {
  await rewriteJsonAnswers<{ points: Array<{ kW: Record<string, unknown> }> }>(page, '**/api/chargers/*/power?*', (answer) => {
    answer.points[10]!.kW.connector1 = 10_001;
    answer.points[11]!.kW.building = -250;
    answer.points[12]!.kW.cluster = 99_999;
    return answer;
  });
  await page.goto('/?range=6h');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await expect(chart(page).getByTestId('power-dropped')).toHaveText('3 unreadable values not shown');
  // The Y axis still fits the real data (≤ the 17.3 kW cluster limit line), not 99,999 kW.
  const yTicks = await chart(page).locator('.recharts-yAxis-tick-labels .recharts-cartesian-axis-tick-value').allTextContents();
  expect(Math.max(...yTicks.map((t) => Number(t.replace(/,/g, ''))))).toBeLessThanOrEqual(25);
});

test('a failing power profile shows panel-error in the chart panel only', async ({ page, sim }) => {
  const { day } = await localDay(page, 2); // a query no other test asked for (the server caches answers 10 s)
  sim.faults.set({ endpoint: 'powerProfile', http500: true });
  await page.goto(`/?day=${day}`);
  await expect(chart(page).getByTestId('panel-error')).toBeVisible();
  await expect(chart(page).getByTestId('panel-error')).toContainText('Charger');
  await expect(page.getByTestId('connector-card').first()).toBeVisible();
  await expect(page.getByTestId('panel-error')).toHaveCount(1);

  sim.faults.clear();
  // It tries again by itself (every 10 s after a failure, also for a past day) and recovers. The
  // tablet's clock is moved on to each attempt rather than the test sitting through the 10 s;
  // the server's own pause for the failed request (2 s at most here) passes in real time.
  await expect(async () => {
    await page.clock.fastForward(POWER_ERROR_RETRY_MS);
    await expect(plot(page)).toHaveAttribute('data-state', 'ready', { timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
  await expect(chart(page).getByTestId('panel-error')).toHaveCount(0);
});

test('while showing "now", the chart reads the archive-backed route every minute, never the charger’s profile', async ({ page }) => {
  const requests: Array<{ path: string; from: number; to: number; step: string | null }> = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (!/\/(power|powerProfile)$/.test(url.pathname)) return;
    requests.push({ path: url.pathname, from: Date.parse(url.searchParams.get('from') ?? ''), to: Date.parse(url.searchParams.get('to') ?? ''), step: url.searchParams.get('step') });
  });
  await page.goto('/');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  expect(requests).toHaveLength(1);
  const first = requests[0]!;
  expect(first.path).toMatch(/\/power$/);
  expect(first.step).toBe('5m');
  expect(first.to - first.from).toBe(24 * HOUR);
  // Aligned to 5 minutes, so tablets ask the server identical questions.
  expect(first.from % (5 * 60_000)).toBe(0);
  const before = await xDomain(plot(page));

  // Twelve minutes later the window has slid with the clock, read again from the server.
  for (let i = 0; i < 12; i++) await page.clock.runFor(60_000);
  await expect.poll(() => requests.length).toBeGreaterThan(1);
  expect(requests.every((r) => r.path.endsWith('/power'))).toBe(true);
  await expect.poll(async () => (await xDomain(plot(page))).to).toBeGreaterThan(before.to);
  const after = await xDomain(plot(page));
  expect(after.to - after.from).toBe(24 * HOUR);
});

test('30 days are daily energy bars on a kWh axis; 12 months are monthly bars', async ({ page }) => {
  await page.goto('/');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await chart(page).getByRole('button', { name: '30 days' }).click();
  await expect(page).toHaveURL(/[?&]range=30d/);
  const bars = chart(page).locator('[data-kind=bars]');
  await expect(bars).toHaveAttribute('data-state', 'ready');
  await expect(chart(page).getByRole('img', { name: /Energy in kWh per day over 30 days/ })).toBeVisible();
  await expect(chart(page).getByTestId('energy-unit')).toHaveText('kWh per day');
  // The connector's energy alone at first; the building is there on demand.
  const building = chart(page).getByRole('button', { name: /Building/ });
  await expect(building).toHaveAttribute('aria-pressed', 'false');
  await expect(chart(page).locator('.energy-bar-building')).toHaveCount(0);
  await building.click();
  // A bar per day the building used energy (every day of the simulator's 14 days of profile), or
  // per week where two bars a day would be thinner than 6 px (this tablet's plot: weeks).
  await expect(chart(page).getByTestId('energy-unit')).toHaveText(/^kWh per (day|week)$/);
  const perDay = (await chart(page).getByTestId('energy-unit').textContent()) === 'kWh per day';
  await expect.poll(() => chart(page).locator('.energy-bar-building path.recharts-rectangle').count()).toBeGreaterThanOrEqual(perDay ? 10 : 2);
  // The cluster, the one connector's energy again, is said, not drawn.
  await expect(chart(page).locator('[data-series=cluster][data-same-as=connector1]')).toContainText('Cluster = Connector 1');
  await expect(chart(page).locator('.energy-bar-cluster')).toHaveCount(0);
  await expect(chart(page).locator('path.recharts-line-curve')).toHaveCount(0);
  // The legend's energy is the range's total, in kWh.
  await expect(building).toContainText(/\d+(\.\d)?\s*kWh/);
  // Day labels on the X axis.
  await expect(chart(page).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText(/^[A-Z][a-z]{2} \d{1,2}\/\d{2}$/);

  // A year, without an archive behind this server: what the charger could not give is said plainly.
  await chart(page).getByRole('button', { name: '12 months' }).click();
  await expect(page).toHaveURL(/[?&]range=12m/);
  await expect(bars).toHaveAttribute('data-state', /ready|empty/);
  if ((await bars.getAttribute('data-state')) === 'ready') {
    await expect(chart(page).getByRole('img', { name: /Energy in kWh per month over 12 months/ })).toBeVisible();
    await expect(chart(page).locator('.recharts-xAxis-tick-labels .recharts-cartesian-axis-tick-value').first()).toHaveText(/^[A-Z][a-z]{2,3}$/);
  } else {
    await expect(chart(page).getByTestId('power-source')).toContainText('Incomplete');
  }

  // Back to lines.
  await chart(page).getByRole('button', { name: '24 h' }).click();
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  // Connector and building; the cluster equals the one connector and is drawn once.
  await expect(chart(page).locator('path.recharts-line-curve')).toHaveCount(2);
});

// The card above the chart is tallest either idle (the last session, with its end and reason) or
// charging (four session facts, a planned departure; a wide figure like 22.1 kW puts the three
// facts under it): the simulator's own state depends on the hour the tests run, so each is pinned.
const CARD_STATES = [
  { status: 'Charging', power: 22.1 },
  { status: 'Available', power: 0 },
] as const;

/** Pins the connector to `state`, opens `url`, and waits until the card shows it and the chart is drawn. */
async function openWithCardState(page: Page, sim: RunningSimulator, state: (typeof CARD_STATES)[number], url: string): Promise<void> {
  sim.setConnector(sim.chargers[0]!.id, 1, state);
  await page.goto(url);
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', state.status);
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
}

test('is seen without scrolling at 1280×800, beside the connector card, and reads on the dark wall display (screenshot)', async ({ page, sim }, testInfo) => {
  for (const state of CARD_STATES) {
    await openWithCardState(page, sim, state, '/?theme=dark');
    // A wall display is never scrolled: the chart shares the first screen with the card.
    const panel = (await chart(page).boundingBox())!;
    const plotBox = (await plot(page).boundingBox())!;
    expect(panel.y + panel.height, `${state.status}: the chart ends above the fold`).toBeLessThanOrEqual(800);
    // The plot is most of the chart's card.
    expect(plotBox.height / panel.height, `${state.status}: plot share of the chart card`).toBeGreaterThanOrEqual(0.4);
    const cardBox = (await page.getByTestId('connector-card').first().boundingBox())!;
    // Landscape: the card on the left, the chart on the right, the strip under the chart.
    expect(panel.x).toBeGreaterThanOrEqual(cardBox.x + cardBox.width);
    const strip = (await page.getByTestId('live-strip').boundingBox())!;
    expect(strip.y).toBeGreaterThanOrEqual(panel.y + panel.height);
    expect(strip.y + strip.height).toBeLessThanOrEqual(800);
    // Axis labels readable at arm's length.
    const tickPx = await xTicks(page).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(tickPx).toBeGreaterThanOrEqual(14);
    expect(await page.evaluate(() => document.documentElement.scrollHeight), 'nothing to scroll to').toBeLessThanOrEqual(800);
    await page.screenshot({ path: testInfo.outputPath(`power-dark-1280x800-${state.status}.png`) });
  }
  // Light theme, a week, the building hidden, the tooltip open: the states a person would see.
  await page.goto('/?theme=light&range=7d');
  await expect(plot(page)).toHaveAttribute('data-state', 'ready');
  await chart(page).getByRole('button', { name: /Building/ }).click();
  const box = (await plot(page).boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.4);
  await expect(chart(page).getByTestId('power-tooltip')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('power-light-7d-1280x800.png') });
});

test('on a portrait tablet spans the width below the card, and still fits the screen', async ({ page, sim }, testInfo) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  for (const state of CARD_STATES) {
    await openWithCardState(page, sim, state, '/?theme=light&lang=de');
    const panel = (await chart(page).boundingBox())!;
    const card = (await page.getByTestId('connector-card').first().boundingBox())!;
    expect(panel.y).toBeGreaterThanOrEqual(card.y + card.height);
    expect(panel.width).toBeCloseTo(card.width, 0);
    expect(panel.y + panel.height, `${state.status}: the chart ends above the fold`).toBeLessThanOrEqual(1280);
    expect((await plot(page).boundingBox())!.height, `${state.status}: a plot tall enough to read`).toBeGreaterThanOrEqual(240);
    await page.screenshot({ path: testInfo.outputPath(`power-light-de-800x1280-${state.status}.png`) });
  }
});

