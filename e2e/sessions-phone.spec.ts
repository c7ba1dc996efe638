/**
 * The session history on a phone (390×844, touch): the list first, the totals over it, the
 * filters, settings and export behind "Filters & export". Wider screens keep the filters on top
 * (sessions.spec.ts drives them there).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const PHONE = { width: 390, height: 844 };

test.use({ viewport: PHONE, hasTouch: true });

const toggle = (page: Page, name: RegExp = /^Filters & export/) => page.getByRole('button', { name });

test('the first session shows without scrolling, under the totals; the filters open from the button and close again', async ({ page }, testInfo) => {
  await page.goto('/sessions?range=last-month');
  const firstRow = page.getByTestId('session-row').first();
  await expect(firstRow).toBeVisible();
  await expect(page.getByTestId('sessions-total-energy')).toHaveAttribute('data-value', /\d/);
  await page.screenshot({ path: testInfo.outputPath('sessions-phone-closed.png') });

  // Without scrolling: the whole first session card is on the first screen, the totals above it.
  expect(await page.evaluate(() => scrollY)).toBe(0);
  const row = (await firstRow.boundingBox())!;
  expect(row.y, 'the first session starts on the first screen').toBeGreaterThanOrEqual(0);
  expect(row.y + row.height, 'and ends on it').toBeLessThanOrEqual(PHONE.height);
  const totals = (await page.getByTestId('sessions-totals').boundingBox())!;
  expect(totals.y + totals.height).toBeLessThanOrEqual(row.y);
  // The filters, the price and the export wait behind the button.
  await expect(page.getByRole('button', { name: 'Last month', exact: true })).toBeHidden();
  await expect(page.getByTestId('csv-export')).toBeHidden();
  await expect(page.getByLabel('Price per kWh')).toBeHidden();

  const button = toggle(page);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toContainText('Last month');
  const target = (await button.boundingBox())!;
  expect(Math.min(target.width, target.height), 'a finger-sized target').toBeGreaterThanOrEqual(44);

  await button.tap();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const tools = page.getByRole('region', { name: 'Filters & export' });
  await expect(tools).toBeVisible();
  await expect(tools.getByRole('button', { name: 'Last month' })).toHaveAttribute('aria-pressed', 'true');
  await expect(tools.getByLabel('User', { exact: true })).toBeVisible();
  await expect(tools.getByTestId('csv-export')).toBeVisible();
  await page.screenshot({ path: testInfo.outputPath('sessions-phone-open.png'), fullPage: true, clip: { x: 0, y: 0, width: PHONE.width, height: 1500 } });

  // A filter chosen here is what the list and the button then show.
  await tools.getByRole('button', { name: 'This year' }).tap();
  await expect(page).toHaveURL(/range=this-year/);
  await expect(button).toContainText('This year');
  await tools.getByLabel('User', { exact: true }).selectOption({ label: 'Jürgen Müller' });
  await expect(button).toContainText('This year · 1 filter');

  // The export is here too, and gives the file.
  const [file] = await Promise.all([page.waitForEvent('download'), tools.getByTestId('csv-export').tap()]);
  expect(readFileSync((await file.path())!, 'utf8')).toContain('Jürgen Müller');

  await tools.getByRole('button', { name: 'Close filters' }).tap();
  await expect(tools).toBeHidden();
  await expect(button).toBeFocused();
  await expect(button).toHaveAttribute('aria-expanded', 'false');
});

test('in German the button reads "Filter & Export"', async ({ page }) => {
  await page.goto('/sessions?range=last-month&lang=de');
  const button = toggle(page, /^Filter & Export/);
  await expect(button).toContainText('Letzter Monat');
  await button.tap();
  await expect(page.getByRole('region', { name: 'Filter & Export' }).getByRole('button', { name: 'Letzter Monat' })).toBeVisible();
});

test('a period that cannot be read shows its filters at once, there being no list to show', async ({ page }) => {
  const day = (daysAgo: number) => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Berlin' }).format(Date.now() - daysAgo * 86_400_000);
  await page.goto(`/sessions?range=custom&from=${day(10)}&to=${day(20)}`);
  await expect(page.getByTestId('range-error')).toHaveText('The last day is before the first day.');
  await expect(page.getByTestId('history-tools-toggle')).toHaveCount(0);
  // Fixing it brings the totals and the list, the filters folded away behind the button again.
  await page.getByLabel('From', { exact: true }).fill(day(30));
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await expect(toggle(page)).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('range-error')).toHaveCount(0);
});

test('a tablet keeps the filters on top, without the button', async ({ page }) => {
  await page.setViewportSize({ width: 800, height: 1280 });
  await page.goto('/sessions?range=last-month');
  await expect(page.getByTestId('session-row').first()).toBeVisible();
  await expect(page.getByTestId('history-tools-toggle')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Last month', exact: true })).toBeVisible();
  await expect(page.getByTestId('csv-export')).toBeVisible();
  const filters = (await page.getByRole('button', { name: 'Last month', exact: true }).boundingBox())!;
  const totals = (await page.getByTestId('sessions-totals').boundingBox())!;
  expect(filters.y).toBeLessThan(totals.y);
});
