/**
 * Today's and this month's energy and cost on the live card: the archive's daily energy in the
 * charger's days (the server fills it from the simulator's power profile) and the price kept on
 * the server. (Without an archive they stay "—": live.spec.ts, whose server has none.)
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { ZONE } from './world.ts';

const KWH = /^\d[\d,]*\.\d\u202fkWh$/;
/** Today's and this month's figures with the costs under them. */
const totals = (page: Page) => page.getByTestId('connector-card').first().locator('.card-more');

test.use({ archive: true, serverEnv: { PRICE_PER_KWH: '0.30' } });

test("the first card shows today's and this month's kWh and what they cost", async ({ page, world }) => {
  await page.goto('/');
  await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', /.+/);
  await expect(page.getByTestId('today-energy')).toHaveText(KWH, { timeout: 30_000 });
  await expect(page.getByTestId('month-energy')).toHaveText(KWH, { timeout: 30_000 });
  const today = Number((await page.getByTestId('today-energy').textContent())!.replace(/[^\d.]/g, ''));
  const month = Number((await page.getByTestId('month-energy').textContent())!.replace(/[^\d.]/g, ''));
  expect(month).toBeGreaterThanOrEqual(today);
  const dayOfMonth = Number(new Intl.DateTimeFormat('en', { timeZone: ZONE, day: 'numeric' }).format(world.now()));
  // On the 1st the month is today; from the 4th on the simulator's household (which charges most
  // days) has filled it, and a month without energy would be a wrong sum.
  if (dayOfMonth === 1) expect(month).toBe(today);
  if (dayOfMonth >= 4) expect(month).toBeGreaterThan(0);
  // The costs at the server's price, under each figure.
  await expect(totals(page)).toContainText(/€\d[\d,]*\.\d{2}[\s\S]*€\d[\d,]*\.\d{2}/);

  // A price saved on the server is the live card's price too.
  const response = await page.request.put('/api/settings', {
    data: { pricePerKWh: 1, currency: 'EUR', offPeak: null },
    headers: { Origin: new URL(page.url()).origin },
  });
  expect(response.ok()).toBe(true);
  await page.reload();
  await expect(page.getByTestId('month-energy')).toHaveText(KWH, { timeout: 30_000 });
  const monthNow = Number((await page.getByTestId('month-energy').textContent())!.replace(/[^\d.]/g, ''));
  // At €1 a kWh the month's cost is its energy (shown to 0.1 kWh, priced unrounded).
  await expect(async () => {
    const costs = [...(await totals(page).textContent())!.matchAll(/€([\d,]+\.\d{2})/g)].map((m) => Number(m[1]!.replace(/,/g, '')));
    expect(costs).toHaveLength(2);
    expect(Math.abs(costs[1]! - monthNow)).toBeLessThanOrEqual(0.05);
  }).toPass({ timeout: 10_000 });

  // In German, too (its texts are a chunk of their own).
  await page.goto('/?lang=de');
  await expect(totals(page).getByText('Diesen Monat')).toBeVisible();
  await expect(page.getByTestId('month-energy')).toHaveText(/^\d[\d.]*,\d\u202fkWh$/, { timeout: 30_000 });
});
