/**
 * The power chart's energy bars in real Chromium: bars wide enough to see and tap, the unit in
 * full, and a tap that opens the bar's day (or month). The daily energy is the route's answer
 * rewritten to a year of varied days, because the worker's server has no archive and the
 * simulator's charger keeps only two weeks of profile.
 */
import type { Page } from '@playwright/test';
import type { PowerResponseWire } from '../src/api/archive-schemas.ts';
import { expect, test } from './fixtures.ts';

const HOUR = 3_600_000;
const chart = (page: Page) => page.getByTestId('power-chart');
const bars = (page: Page) => chart(page).locator('[data-kind=bars]');
const plot = (page: Page) => chart(page).locator('[data-state]');

/**
 * Answers every daily-energy request with a point at noon of each day asked for: the connector's
 * energy varies day by day (some days nothing), the cluster is the connector's, the building more.
 */
async function aYearOfDays(page: Page): Promise<void> {
  await page.route('**/api/chargers/*/power?*', async (route) => {
    const url = new URL(route.request().url());
    if (url.searchParams.get('step') !== '1d') return route.fallback();
    const from = Date.parse(url.searchParams.get('from')!);
    const to = Date.parse(url.searchParams.get('to')!);
    const points: PowerResponseWire['points'] = [];
    const totals = { connector1: 0, building: 0, cluster: 0 };
    for (let t = from + 12 * HOUR, i = 0; t < to; t += 24 * HOUR, i++) {
      const car = i % 4 === 3 ? 0 : 6 + ((i * 7) % 17);
      const energyKWh = { connector1: car, building: car + 9 + (i % 5), cluster: car };
      for (const key of Object.keys(totals) as Array<keyof typeof totals>) totals[key] += energyKWh[key];
      points.push({ time: new Date(t).toISOString(), kW: {}, energyKWh });
    }
    await route.fulfill({ json: { step: '1d', series: ['connector1', 'building', 'cluster'], points, energyKWh: totals, complete: true, source: 'archive' } satisfies PowerResponseWire });
  });
}

/** Every drawn bar's width in CSS pixels. */
const barWidths = (page: Page) => chart(page).locator('path.recharts-rectangle').evaluateAll((paths) => paths.map((p) => p.getBoundingClientRect().width));

/** The plot's left and right edge on the page, from Recharts' horizontal grid line. */
async function plotEdges(page: Page): Promise<{ left: number; right: number }> {
  const line = chart(page).locator('.recharts-cartesian-grid-horizontal line').first();
  const box = (await line.boundingBox())!;
  return { left: box.x, right: box.x + box.width };
}

/** The page's calendar day `back` days before today, `YYYY-MM-DD` (the browser runs in Europe/Berlin, the charger's zone). */
const localDay = (page: Page, back: number) =>
  page.evaluate((b) => {
    const now = new Date();
    const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() - b);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
  }, back);

/** `2026-11-09` as the page writes it in a tooltip (en-GB): `9 Nov 2026`. */
function mediumDate(day: string): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.UTC(year, month - 1, date));
}

test.beforeEach(async ({ page }) => {
  await aYearOfDays(page);
});

for (const viewport of [
  { width: 1024, height: 600 },
  { width: 800, height: 1280 },
  { width: 390, height: 844 },
]) {
  test(`every bar is at least 6 px wide and the unit reads in full, 30 days and 12 months at ${viewport.width}×${viewport.height}`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    for (const range of ['30d', '12m'] as const) {
      await page.goto(`/?range=${range}`);
      await expect(bars(page)).toHaveAttribute('data-state', 'ready');
      // Alone, and with the building asked for beside the connector (two bars a band).
      for (const building of [false, true]) {
        if (building) await chart(page).getByRole('button', { name: /Building/ }).click();
        const what = `${range}${building ? ' with the building' : ''}`;
        const bands = Number(await chart(page).locator('.energy-bars').getAttribute('data-bands'));
        await expect(chart(page).locator('.energy-bar-building path.recharts-rectangle')).toHaveCount(building ? bands : 0);
        const widths = await barWidths(page);
        expect(widths.length, `${what}: bars drawn`).toBeGreaterThan(0);
        expect(Math.min(...widths), `${what}: the thinnest bar`).toBeGreaterThanOrEqual(6);

        const unit = chart(page).getByTestId('energy-unit');
        const unitText = range === '12m' ? 'kWh per month' : /^kWh per (day|week)$/;
        await expect(unit).toHaveText(unitText);
        // Drawn whole: not cut off by its box nor by the panel, and not under the source note.
        const fits = await unit.evaluate((el) => el.scrollWidth <= el.clientWidth + 1);
        expect(fits, `${what}: the unit is not clipped`).toBe(true);
        const unitBox = (await unit.boundingBox())!;
        const panelBox = (await chart(page).boundingBox())!;
        expect(unitBox.x).toBeGreaterThanOrEqual(panelBox.x);
        expect(unitBox.x + unitBox.width).toBeLessThanOrEqual(panelBox.x + panelBox.width);
        if (building) await chart(page).getByRole('button', { name: /Building/ }).click();
      }
      await page.screenshot({ path: testInfo.outputPath(`bars-${range}-${viewport.width}x${viewport.height}.png`) });
    }
  });
}

test.describe('on a touch screen', () => {
  test.use({ hasTouch: true });

  test('tapping a day’s bar opens that day’s chart, and Back returns to the bars', async ({ page }) => {
    await page.goto('/?range=30d');
    await expect(bars(page)).toHaveAttribute('data-state', 'ready');
    await expect(chart(page).getByTestId('energy-unit')).toHaveText('kWh per day');
    await expect(chart(page).getByText('Tap to open this day.')).toHaveCount(0);

    // The bar of the day three days back: the fourth band from the right.
    const { left, right } = await plotEdges(page);
    const band = (right - left) / 30;
    const x = right - 3.5 * band;
    const box = (await plot(page).boundingBox())!;
    // Pointing at it names its day, and what a tap does.
    await page.mouse.move(x, box.y + box.height / 2);
    const tooltip = chart(page).getByTestId('energy-tooltip');
    await expect(tooltip).toContainText('Tap to open this day.');
    const day = await localDay(page, 3);
    await expect(tooltip).toContainText(mediumDate(day));

    await page.touchscreen.tap(x, box.y + box.height / 2);
    await expect(page).toHaveURL(new RegExp(`[?&]day=${day}`));
    await expect(page).not.toHaveURL(/range=30d/);
    // That day's lines, from its Berlin midnight.
    await expect(plot(page)).toHaveAttribute('data-state', /ready|empty/);
    await expect(chart(page).locator('[data-kind=bars]')).toHaveCount(0);
    await expect(chart(page).getByLabel('Show one day', { exact: true })).toHaveValue(day.split('-').reverse().join('/'));
    const midnight = await page.evaluate((d) => new Date(`${d}T00:00:00`).toISOString(), day);
    await expect(plot(page)).toHaveAttribute('data-x-from', midnight);

    await page.goBack();
    await expect(page).toHaveURL(/[?&]range=30d/);
    await expect(bars(page)).toHaveAttribute('data-state', 'ready');
  });

  test('tapping a month’s bar opens that month’s days, and a day from there', async ({ page }) => {
    await page.goto('/?range=12m');
    await expect(bars(page)).toHaveAttribute('data-state', 'ready');
    await expect(chart(page).getByTestId('energy-unit')).toHaveText('kWh per month');
    const { left, right } = await plotEdges(page);
    const box = (await plot(page).boundingBox())!;
    // Last month: the second band from the right.
    await page.touchscreen.tap(right - 1.5 * ((right - left) / 12), box.y + box.height / 2);
    const lastMonth = await page.evaluate(() => {
      const now = new Date();
      const d = new Date(now.getFullYear(), now.getMonth() - 1, 1);
      return { key: `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`, days: new Date(d.getFullYear(), d.getMonth() + 1, 0).getDate(), name: d.toLocaleString('en-GB', { month: 'long', year: 'numeric' }) };
    });
    await expect(page).toHaveURL(new RegExp(`[?&]month=${lastMonth.key}`));
    await expect(bars(page)).toHaveAttribute('data-state', 'ready');
    await expect(chart(page).getByTestId('energy-unit')).toHaveText('kWh per day');
    // The picker names the month; no span is pressed.
    await expect(chart(page).locator('[data-range=month]')).toHaveText(lastMonth.name);
    await expect(chart(page).getByRole('group', { name: 'Time range' }).getByRole('button', { pressed: true })).toHaveCount(0);
    await expect(chart(page).getByRole('img', { name: `Energy in kWh per day over ${lastMonth.name}` })).toBeVisible();

    // Its first day's bar opens the first of the month.
    const edges = await plotEdges(page);
    await page.touchscreen.tap(edges.left + (edges.right - edges.left) / lastMonth.days / 2, box.y + box.height / 2);
    await expect(page).toHaveURL(new RegExp(`[?&]day=${lastMonth.key}-01`));
    await expect(page).not.toHaveURL(/month=/);
  });
});

test('the keyboard reaches a bar too: arrows move along the bars, Enter opens the day', async ({ page }) => {
  await page.goto('/?range=30d');
  await expect(bars(page)).toHaveAttribute('data-state', 'ready');
  // Focus puts Recharts' keyboard cursor on the first bar; the arrow moves it to the second.
  await chart(page).locator('.recharts-surface[tabindex="0"]').focus();
  await expect(chart(page).getByTestId('energy-tooltip')).toContainText('Tap to open this day.');
  await page.keyboard.press('ArrowRight');
  // The second bar: 28 days back.
  const day = await localDay(page, 28);
  await expect(chart(page).getByTestId('energy-tooltip')).toContainText(mediumDate(day));
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`[?&]day=${day}`));
});

test('a pinned wall display shows the bars but a tap does not leave them', async ({ page }) => {
  await page.goto('/?kiosk=1&range=30d');
  await expect(bars(page)).toHaveAttribute('data-state', 'ready');
  const { left, right } = await plotEdges(page);
  const box = (await plot(page).boundingBox())!;
  await page.mouse.click((left + right) / 2, box.y + box.height / 2);
  await expect(chart(page).getByTestId('energy-tooltip')).toBeVisible();
  await expect(chart(page).getByTestId('energy-tooltip')).not.toContainText('Tap');
  await expect(page).toHaveURL(/[?&]range=30d/);
  await expect(page).not.toHaveURL(/day=/);
});
