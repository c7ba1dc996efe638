/**
 * A day and a month read the same everywhere, whatever the zones: our server in UTC (a Docker
 * image, a Raspberry Pi), the charger in Zurich, the tablet in New York. The live card's "today",
 * that day's chart, its 30-day bar and the history's total of a day agree; a month's total agrees
 * between the history, the monthly summary and the month's 12-month bar. Each figure is read
 * unrounded from its element's `data-value`, so the check is finer than the display.
 *
 * The sessions' totals and the power profile's are the same energy only for sessions wholly inside
 * the day or month (the simulator's profile integrates to each session's energy exactly). The
 * simulated household's day runs 10:00 to 10:00, so the month checked has the charger switched off
 * over both its edges; the day checked is one no session crosses, picked from the charger's own
 * answer. The history rounds each session to 0.01 kWh before summing, so its total may differ from
 * the profile's by half a hundredth per session.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { PINNED_MOMENT } from './world.ts';
import { allRecentSessions } from './sessions-helpers.ts';

const CHARGER_ZONE = 'Europe/Zurich';
const TABLET_ZONE = 'America/New_York';
const SERVER_ZONE = 'UTC';
const DAY_MS = 86_400_000;

/** `YYYY-MM-DD` of an instant in the charger's zone. */
const chargerDay = (ms: number) => new Intl.DateTimeFormat('en-CA', { timeZone: CHARGER_ZONE }).format(ms);

/** The calendar month `back` months before `ms`'s, in the charger's zone, with its last day and the last day before it. */
function monthBefore(ms: number, back: number) {
  const [year, month] = chargerDay(ms).split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, month - 1 - back, 1));
  const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
  const dayBefore = new Date(first.getTime() - DAY_MS);
  const iso = (d: Date) => d.toISOString().slice(0, 10);
  return { key: iso(first).slice(0, 7), first: iso(first), last: iso(last), dayBefore: iso(dayBefore), back };
}

/** Two months back: complete, inside the simulator's 120 days, and its edges far from now. */
const MONTH = monthBefore(PINNED_MOMENT, 2);

test.use({
  timezoneId: TABLET_ZONE,
  archive: true,
  // A standing simulator: nothing charges on while the figures are read one after another.
  simulatorOptions: { clockRate: 0, timeZone: CHARGER_ZONE, outages: [{ from: MONTH.dayBefore, days: 1 }, { from: MONTH.last, days: 1 }] },
  serverEnv: { CHARGER_TIMEZONE: CHARGER_ZONE },
});

test.describe.configure({ timeout: 180_000 });

// The server runs in this worker's process: its zone is the process's for the test's length.
let workerZone: string | undefined;
test.beforeAll(() => {
  workerZone = process.env.TZ;
  process.env.TZ = SERVER_ZONE;
});
test.afterAll(() => {
  if (workerZone === undefined) delete process.env.TZ;
  else process.env.TZ = workerZone;
});

const chart = (page: Page) => page.getByTestId('power-chart');
const valueOf = async (locator: ReturnType<Page['locator']>) => Number(await locator.getAttribute('data-value'));

/** The unrounded kWh the card shows for today, once the archive has it. */
async function cardToday(page: Page): Promise<number> {
  await page.goto('/');
  const today = page.getByTestId('today-energy');
  await expect(today).toHaveAttribute('data-value', /\d/, { timeout: 45_000 });
  return valueOf(today);
}

/** The connector's kWh in the legend of one day's chart (`?day=`), once the chart is drawn. */
async function dayChart(page: Page, day: string): Promise<number> {
  await page.goto(`/?day=${day}`);
  const plot = chart(page).locator('[data-state]');
  await expect(plot).toHaveAttribute('data-state', /ready|empty/, { timeout: 30_000 });
  // The first minutes after midnight: no 5-minute step of the day has ended, nothing to draw.
  if ((await plot.getAttribute('data-state')) === 'empty') {
    await expect(plot).toContainText('the day’s first 5 minutes are still running');
    return 0;
  }
  const entry = chart(page).locator('[data-series=connector1] [data-value]');
  await expect(entry).toHaveAttribute('data-value', /\d/);
  return valueOf(entry);
}

/** The connector's kWh in the tooltip of bar `index` (0 = the first) of the 30-day or 12-month bars, reached by keyboard. */
async function barValue(page: Page, range: '30d' | '12m', index: number, title: string): Promise<number> {
  // Days the archive has not filled yet are read from the charger, a budget an answer; an answer
  // that ran out says "Incomplete", and a later one goes on where it stopped. Asked of the route
  // until the range's days (and a few more) are complete, no page load each time; then drawn whole.
  const [charger] = (await (await page.request.get('/api/chargers')).json()).chargers as Array<{ id: string }>;
  const days = range === '12m' ? 370 : 32;
  const span = new URLSearchParams({ from: new Date(PINNED_MOMENT - days * DAY_MS).toISOString(), to: new Date(PINNED_MOMENT + DAY_MS).toISOString(), step: '1d' });
  const complete = async () => ((await (await page.request.get(`/api/chargers/${charger!.id}/power?${span.toString()}`)).json()) as { complete: boolean }).complete;
  await expect.poll(complete, { timeout: 90_000 }).toBe(true);
  await expect(async () => {
    await page.goto(`/?range=${range}`);
    await expect(chart(page).locator('[data-kind=bars]')).toHaveAttribute('data-state', 'ready', { timeout: 20_000 });
    await expect(chart(page).getByTestId('power-source').filter({ hasText: 'Incomplete' })).toHaveCount(0, { timeout: 1_000 });
  }).toPass({ timeout: 90_000 });
  await chart(page).locator('.recharts-surface[tabindex="0"]').focus();
  for (let i = 0; i < index; i++) await page.keyboard.press('ArrowRight');
  const tooltip = chart(page).getByTestId('energy-tooltip');
  await expect(tooltip.locator('.power-tooltip-time')).toHaveText(title);
  return valueOf(tooltip.locator('[data-series=connector1] [data-value]'));
}

/** The history's total energy over the charger's days `from`–`to`, and how many sessions it sums. */
async function historyTotal(page: Page, from: string, to: string): Promise<{ kwh: number; sessions: number }> {
  await page.goto(`/sessions?range=custom&from=${from}&to=${to}`);
  const energy = page.getByTestId('sessions-total-energy');
  await expect(energy).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
  const sessions = Number((await page.getByTestId('sessions-total-count').textContent())!.replace(/\D/g, ''));
  return { kwh: await valueOf(energy), sessions };
}

/** `2026-11-09` as the tablet's English writes a day (`9 Nov 2026`) and a month (`November 2026`). */
const dayTitle = (day: string) => new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: 'UTC' }).format(Date.parse(`${day}T12:00:00Z`));
const monthTitle = (month: string) => new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(Date.parse(`${month}-15T12:00:00Z`));

test("today on the card, today's chart and today's 30-day bar agree; so do a day's bar, its chart and its history", async ({ page, world }) => {
  expect(new Date(world.now()).getTimezoneOffset(), 'the server runs in UTC').toBe(0);
  const today = chargerDay(world.now());
  expect(await page.evaluate(() => Intl.DateTimeFormat().resolvedOptions().timeZone)).toBe(TABLET_ZONE);

  const card = await cardToday(page);
  expect(await dayChart(page, today)).toBeCloseTo(card, 2);
  expect(await barValue(page, '30d', 29, dayTitle(today))).toBeCloseTo(card, 2);

  // A day no session crosses, with energy in it: its sessions' total is its profile's.
  const [charger] = (await (await page.request.get('/api/chargers')).json()).chargers as Array<{ id: string }>;
  const sessions = await allRecentSessions(page.request, charger!.id, world.now());
  const crossing = (day: string) =>
    sessions.some((s) => {
      const start = chargerDay(Date.parse(s.chargingStartedTime));
      const end = s.chargingEndedTime ? chargerDay(Date.parse(s.chargingEndedTime)) : null;
      return (start === day || end === day) && start !== end;
    });
  const back = Array.from({ length: 27 }, (_, i) => i + 2).find((b) => {
    const day = chargerDay(world.now() - b * DAY_MS);
    return !crossing(day) && sessions.some((s) => chargerDay(Date.parse(s.chargingStartedTime)) === day && s.activeEnergyConsumed > 0);
  });
  expect(back, 'a day of the last four weeks that no session crosses').toBeDefined();
  const day = chargerDay(world.now() - back! * DAY_MS);

  const bar = await barValue(page, '30d', 29 - back!, dayTitle(day));
  expect(bar).toBeGreaterThan(0);
  expect(await dayChart(page, day)).toBeCloseTo(bar, 2);
  const history = await historyTotal(page, day, day);
  expect(Math.abs(history.kwh - bar)).toBeLessThanOrEqual(0.005 * history.sessions + 0.001);
});

test("a month's total agrees between the history, the monthly summary and its 12-month bar", async ({ page }) => {
  const history = await historyTotal(page, MONTH.first, MONTH.last);
  expect(history.kwh).toBeGreaterThan(0);
  const summary = page.locator(`[data-testid=month-summary][data-month="${MONTH.key}"] summary span`).nth(2);
  await expect(summary).toHaveText(`${history.kwh.toLocaleString('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}\u202fkWh`);

  const bar = await barValue(page, '12m', 11 - MONTH.back, monthTitle(MONTH.key));
  expect(Math.abs(history.kwh - bar)).toBeLessThanOrEqual(0.005 * history.sessions + 0.001);
});
