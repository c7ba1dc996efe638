/**
 * A charger with two EVSEs that each number their connector 1, as OCPP 2.0 numbers them (the
 * simulator's `connectorNumbering: 'evse'`). The raw answer names two connectors 1; the page shows
 * two cards, each with its own EVSE's state, the timeline tells their events apart under the
 * cards' names, and the power chart draws each EVSE's own profile series.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ archive: true, simulatorOptions: { connectorsPerCharger: 2, connectorNumbering: 'evse', clockRate: 0 } });

const cards = (page: Page) => page.getByTestId('connector-card');
const timeline = (page: Page) => page.getByTestId('timeline');
const FIRST = { evseId: 1, connectorId: 1 };
const SECOND = { evseId: 2, connectorId: 1 };

test('two EVSEs with connector 1 each: two cards, two timelines, two power series', async ({ page, sim }) => {
  const id = sim.chargers[0]!.id;
  sim.setConnector(id, FIRST, { status: 'Available' });
  sim.setConnector(id, SECOND, { status: 'Available' });

  // The charger's own words: two EVSEs, each with a connector 1.
  const raw = (await (await page.request.get(`/api/chargers/${id}/generalStatus`)).json()) as { evses: Array<{ evseId: number; connectors: Array<{ connectorId: number }> }> };
  expect(raw.evses.map((e) => [e.evseId, e.connectors.map((c) => c.connectorId)])).toEqual([
    [1, [1]],
    [2, [1]],
  ]);

  // Portrait: the timeline has room below the cards.
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto('/');
  await expect(cards(page)).toHaveCount(2);
  await expect(cards(page).nth(0)).toContainText('Connector 1');
  await expect(cards(page).nth(1)).toContainText('Connector 2');

  // Each EVSE's state on its own card.
  sim.setConnector(id, SECOND, { status: 'Charging', power: 7.4 });
  await expect(cards(page).nth(1)).toHaveAttribute('data-status', 'Charging');
  await expect(cards(page).nth(0)).toHaveAttribute('data-status', 'Available');
  sim.setConnector(id, FIRST, { status: 'Preparing' });
  await expect(cards(page).nth(0)).toHaveAttribute('data-status', 'Preparing');
  await expect(cards(page).nth(1)).toHaveAttribute('data-status', 'Charging');
  sim.setConnector(id, FIRST, { status: 'Charging', power: 3.7 });
  sim.setConnector(id, SECOND, { status: 'SuspendedEV' });
  await expect(cards(page).nth(0)).toHaveAttribute('data-status', 'Charging');
  await expect(cards(page).nth(1)).toHaveAttribute('data-status', 'SuspendedEV');

  // The timeline keeps both EVSEs' events, each under its card's name.
  const entries = timeline(page).getByTestId('timeline-event');
  await expect(async () => {
    const texts = await entries.allTextContents();
    expect(texts.some((t) => t.includes('Connector 1') && /plugged in/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('Connector 1') && /charging/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('Connector 2') && /plugged in/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('Connector 2') && /charging/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('Connector 2') && /paused by car/.test(t))).toBe(true);
    expect(texts.some((t) => t.includes('Connector 1') && /paused by car/.test(t))).toBe(false);
  }).toPass({ timeout: 20_000 });

  // The chart draws each EVSE's own profile series, named as its card: the legend's energy of each
  // is the charger's own profile summed over the drawn range (a week: both cars charged in it).
  await page.goto('/?range=7d');
  const chart = page.getByTestId('power-chart');
  const plot = chart.locator('[data-state]');
  await expect(plot).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  const from = (await plot.getAttribute('data-x-from'))!;
  const to = (await plot.getAttribute('data-x-to'))!;
  const query = new URLSearchParams({ fromTime: from, toTime: to, measure: 'connector1,connector2' });
  const points = (await (await page.request.get(`/api/chargers/${id}/powerProfile?${query}`)).json()) as Array<Record<string, number | string>>;
  const kwh = (measure: string) => points.reduce((sum, p) => sum + Number(p[measure] ?? 0), 0) / 12;
  const first = kwh('connector1');
  const second = kwh('connector2');
  expect(first, 'the first EVSE charged in the range').toBeGreaterThan(0);
  expect(second, 'the second EVSE charged in the range').toBeGreaterThan(0);
  expect(Math.abs(first - second), 'two different households’ cars').toBeGreaterThan(0.1);
  for (const [measure, name, expected] of [
    ['connector1', 'Connector 1', first],
    ['connector2', 'Connector 2', second],
  ] as const) {
    const entry = chart.locator(`[data-series=${measure}]`);
    await expect(entry).toContainText(name);
    expect(Number(await entry.locator('[data-value]').getAttribute('data-value'))).toBeCloseTo(expected, 2);
  }
});
