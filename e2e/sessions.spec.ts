/**
 * The session history against the simulator, in real Chromium (Europe/Berlin, en-GB), one
 * charger, through the server's /sessions route. These servers run without an archive, so the
 * route reads every range from the charger and the page says so. Prices (kept in the archive) are
 * in settings.spec.ts; the combined garage history is in sessions-combined.spec.ts.
 */
import { expect, test } from './fixtures.ts';
import { parseCsv } from '../test-support/parse-csv.ts';
import { download, expectedMonth, kwhTextToUnits, lastBerlinMonth, readTotalUnits, unitsText } from './sessions-helpers.ts';
import { localDay } from './world.ts';

// The simulator's clock stands still at the pinned moment: a session still running (at 00:02 on
// the 1st, one that began last month) would otherwise grow between the test's read and the page's.
test.use({ simulatorOptions: { clockRate: 0 } });

test.describe('one charger', () => {
  test('last month: the rows and totals are the simulator’s sessions of that Berlin month', async ({ page, world }) => {
    const chargerId = (await (await page.request.get('/api/chargers')).json()).chargers[0].id;
    const month = lastBerlinMonth(world.now());
    const expected = await expectedMonth(page.request, chargerId, month, world.now());
    expect(expected.ids.length).toBeGreaterThan(10);
    // The page reads the archive-backed route, never the charger's own paging.
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/chargers/')) asked.push(new URL(r.url()).pathname.split('/').at(-1)!);
    });

    await page.goto('/sessions');
    await page.getByRole('button', { name: 'Last month' }).click();
    await expect(page).toHaveURL(/range=last-month/);
    await page.getByLabel('Rows per page').selectOption('100');

    await expect(page.getByTestId('sessions-total-energy')).toHaveText(`${unitsText(expected.units).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}\u202fkWh`);
    await expect(page.getByTestId('sessions-total-count')).toHaveText(String(expected.ids.length));
    const rows = page.getByTestId('session-row');
    await expect(rows).toHaveCount(expected.ids.length);
    const shownIds = (await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-session-id'))))).sort((a, b) => a - b);
    expect(shownIds).toEqual(expected.ids);
    // The rows on the page add up to the total shown.
    const rowUnits = (await page.getByTestId('session-energy').allTextContents()).reduce((sum, text) => sum + kwhTextToUnits(text), 0);
    expect(rowUnits).toBe(expected.units);
    // The monthly summary says the same.
    const summary = page.locator(`[data-testid="month-summary"][data-month="${month}"]`);
    await expect(summary).toContainText(`${expected.ids.length}`);
    await expect(page.getByTestId('month-summary')).toHaveCount(1);
    expect(asked).toContain('sessions');
    expect(asked).not.toContain('chargingSession');
    // Without an archive every session came from the charger, and the page says so plainly.
    await expect(page.getByTestId('sessions-source')).toContainText('Platz 13: read from the charger');
    // Plugged-in and charging time, each labelled; the totals have both.
    await expect(page.getByTestId('session-table').locator('th')).toContainText(['Plugged in', 'Charging']);
    await expect(page.getByTestId('session-plugged-in').first()).toHaveText(/^(\d+ days? )?\d+:\d{2}:\d{2}$/);
    await expect(page.getByTestId('sessions-total-plugged-in')).not.toHaveText('…');
  });

  test('the English CSV holds every session of the range, and its total is the page’s', async ({ page }) => {
    await page.goto('/sessions?range=last-month&size=10');
    const totalUnits = await readTotalUnits(page);
    const count = Number(await page.getByTestId('sessions-total-count').textContent());
    await expect(page.getByTestId('session-row')).toHaveCount(10); // one page on screen, all in the file

    const csv = await download(page);
    expect(csv.charCodeAt(0)).not.toBe(0xfeff);
    const rows = parseCsv(csv, ',');
    const header = rows[0]!;
    expect(header.slice(0, 3)).toEqual(['Session', 'Started', 'Ended']);
    const energy = header.indexOf('Energy (kWh)');
    const body = rows.slice(1, -1);
    expect(body).toHaveLength(count);
    expect(body.every((r) => r.length === header.length)).toBe(true);
    const sum = body.reduce((s, r) => s + Math.round(Number(r[energy]) * 100), 0);
    const total = rows.at(-1)!;
    expect(total[0]).toBe(`Total (${count} sessions)`);
    expect(total[energy]).toBe(unitsText(totalUnits));
    expect(sum).toBe(totalUnits);
    // The simulator's first charger has the names that break naive CSV writers.
    const users = body.map((r) => r[header.indexOf('User')]);
    expect(users).toContain('Anna-Lena Schäfer, "Lenchen"');
    expect(users).toContain('Jürgen Müller');
    // Card numbers like 0055 stay text in a spreadsheet (docs/decisions.md).
    const cards = body.map((r) => r[header.indexOf('Card number')]).filter(Boolean);
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => /^#\S+$/.test(c!))).toBe(true);
  });

  test('the German CSV opens with a BOM, semicolons and decimal commas', async ({ page }) => {
    await page.goto('/sessions?range=last-month&lang=de');
    await expect(page.getByRole('button', { name: 'Letzter Monat' })).toHaveAttribute('aria-pressed', 'true');
    const total = page.getByTestId('sessions-total-energy');
    await expect(total).toHaveAttribute('data-value', /\d/);
    const units = Math.round(Number(await total.getAttribute('data-value')) * 100);
    await expect(total).toHaveText(`${unitsText(units, ',').replace(/\B(?=(\d{3})+(?!\d))/g, '.')}\u202fkWh`);

    const csv = await download(page);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const rows = parseCsv(csv.slice(1), ';');
    const header = rows[0]!;
    expect(header.slice(0, 5)).toEqual(['Ladevorgang', 'Beginn', 'Ende', 'Steckzeit (h:mm:ss)', 'Aktive Ladezeit (h:mm:ss)']);
    const energy = header.indexOf('Energie (kWh)');
    const body = rows.slice(1, -1);
    expect(body.every((r) => /^\d+,\d{2}$/.test(r[energy]!))).toBe(true);
    expect(body[0]![header.indexOf('Beginn')]).toMatch(/^\d{2}\.\d{2}\.\d{4} \d{2}:\d{2}:\d{2}$/);
    expect(rows.at(-1)![0]).toMatch(/^Summe \(\d+ Ladevorgänge\)$/);
    expect(rows.at(-1)![energy]).toBe(unitsText(units, ','));
    expect(body.reduce((s, r) => s + Math.round(Number(r[energy]!.replace(',', '.')) * 100), 0)).toBe(units);
  });

  test('filters live in the URL and survive a reload; totals follow them', async ({ page }) => {
    await page.goto('/sessions?range=last-month');
    const all = await readTotalUnits(page);
    await page.getByLabel('User', { exact: true }).selectOption({ label: 'Jürgen Müller' });
    await expect(page).toHaveURL(/user=\d+/);
    await expect(page.getByTestId('sessions-total-energy')).not.toHaveText(`${unitsText(all)}\u202fkWh`);
    const filtered = await readTotalUnits(page);
    expect(filtered).toBeLessThan(all);

    await page.reload();
    await expect(page.getByLabel('User', { exact: true })).toHaveValue(/\d+/);
    expect(await readTotalUnits(page)).toBe(filtered);
    await page.getByLabel('Rows per page').selectOption('100');
    const users = await page.getByTestId('session-row').evaluateAll((trs) => trs.map((tr) => tr.querySelector('td:nth-child(7) div')?.textContent));
    expect(new Set(users)).toEqual(new Set(['Jürgen Müller']));
  });

  test('a custom range that ends before it starts gets a message and sends no request', async ({ page }) => {
    const requests: string[] = [];
    page.on('request', (r) => {
      if (/\/api\/chargers\/[^/]+\/(sessions|chargingSession)/.test(r.url())) requests.push(r.url());
    });
    await page.goto('/sessions?range=custom&from=2026-03-10&to=2026-03-01');
    await expect(page.getByTestId('range-error')).toHaveText('The last day is before the first day.');
    await page.goto('/sessions?range=custom&from=2026-02-30&to=2026-03-01');
    await expect(page.getByTestId('range-error')).toContainText('not a valid date');
    await expect(page.getByTestId('session-table')).toHaveCount(0);
    expect(requests).toEqual([]);
    // Fixing it loads the range.
    await page.getByLabel('From', { exact: true }).fill('2026-02-01');
    await expect(page.getByTestId('range-error')).toHaveCount(0);
    await expect(page.getByTestId('session-table')).toBeVisible();
  });

  test('under ?lang=de the range’s days read dd.mm.yyyy, and a changed day changes the history shown', async ({ page, world }) => {
    // The calendar button opens the browser's own picker (showPicker); counted here, since a
    // native picker cannot be driven by the test. What it writes is its hidden date input's value.
    await page.addInitScript(() => {
      const w = window as unknown as { pickerOpened: number };
      w.pickerOpened = 0;
      HTMLInputElement.prototype.showPicker = function () {
        w.pickerOpened++;
      };
    });
    const day = (daysAgo: number) => localDay(world.now() - daysAgo * 86_400_000);
    const german = (iso: string) => iso.split('-').reverse().join('.');
    const energy = async () => {
      const total = page.getByTestId('sessions-total-energy');
      await expect(total).toHaveAttribute('data-value', /\d/);
      return (await total.getAttribute('data-value'))!;
    };
    const [from, to] = [day(40), day(5)];
    await page.goto(`/sessions?lang=de&range=custom&from=${from}&to=${to}`);
    const fromField = page.getByLabel('Von', { exact: true });
    const toField = page.getByLabel('Bis', { exact: true });
    await expect(fromField).toHaveValue(german(from));
    await expect(toField).toHaveValue(german(to));
    await expect(fromField).toHaveValue(/^\d{2}\.\d{2}\.\d{4}$/);
    const all = await energy();

    // Typed the German way: the range starts later, the totals follow.
    const later = day(20);
    await fromField.fill(german(later).replace(/^0/, ''));
    await expect(page).toHaveURL(new RegExp(`[?&]from=${later}`));
    await expect(page.getByTestId('sessions-total-energy')).not.toHaveAttribute('data-value', all);
    const fromLater = await energy();
    expect(Number(fromLater)).toBeLessThan(Number(all));
    await toField.focus();
    await expect(fromField).toHaveValue(german(later));

    // Picked from the calendar: the range ends earlier, shown the German way.
    await page.getByRole('button', { name: 'Bis: im Kalender wählen' }).click();
    expect(await page.evaluate(() => (window as unknown as { pickerOpened: number }).pickerOpened)).toBe(1);
    const earlier = day(12);
    await page.getByTestId('range-to').locator('input[type=date]').fill(earlier);
    await expect(page).toHaveURL(new RegExp(`[?&]to=${earlier}`));
    await expect(toField).toHaveValue(german(earlier));
    await expect(page.getByTestId('sessions-total-energy')).not.toHaveAttribute('data-value', fromLater);
    expect(Number(await energy())).toBeLessThan(Number(fromLater));

    // What is no day is said in German and changes nothing.
    await toField.fill('31.04.2026');
    await toField.press('Enter');
    await expect(page.getByTestId('range-to').getByRole('alert')).toHaveText('Datum wie 30.11.2026 eingeben.');
    await expect(page).toHaveURL(new RegExp(`[?&]to=${earlier}`));
  });

  test('a charger error shows the reason in a panel, and the page stays usable', async ({ page, sim, world }) => {
    sim.faults.set({ endpoint: 'chargingSession', http500: true });
    // A range within the history.
    const day = (daysAgo: number) => localDay(world.now() - daysAgo * 86_400_000);
    const [from, to] = [day(75), day(62)];
    await page.goto(`/sessions?range=custom&from=${from}&to=${to}`);
    await expect(page.getByTestId('panel-error')).toContainText('Sessions of Platz 13 could not be loaded');
    await expect(page.getByTestId('panel-error')).toContainText('HTTP 500');
    await expect(page.getByTestId('csv-export')).toBeDisabled();
    // Still usable: the filters work and the charger recovers without a reload.
    await page.getByRole('button', { name: 'Last year' }).click();
    await expect(page).toHaveURL(/range=last-year/);
    sim.faults.clear();
    // Our server backs off a failing charger for a moment; "Try again" until it is back.
    await page.getByRole('button', { name: 'Custom' }).click();
    await page.getByLabel('From', { exact: true }).fill(from);
    await page.getByLabel('To', { exact: true }).fill(to);
    await expect(async () => {
      const retry = page.getByRole('button', { name: 'Try again' });
      if (await retry.isVisible()) await retry.click();
      await expect(page.getByTestId('session-row').first()).toBeVisible({ timeout: 2_000 });
    }).toPass({ timeout: 20_000 });
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
    await expect(page.getByTestId('csv-export')).toBeEnabled();
  });

  test('values the dashboard has never seen are shown readably, and the totals still add up', async ({ page, sim, world }) => {
    sim.faults.set({ endpoint: 'chargingSession', unknownEnums: true });
    const day = (daysAgo: number) => localDay(world.now() - daysAgo * 86_400_000);
    await page.goto(`/sessions?range=custom&from=${day(100)}&to=${day(90)}`);
    const first = page.getByTestId('session-row').first();
    await expect(first).toContainText('Local stop because solar eclipse');
    await expect(first).toContainText('Turbo');
    await expect(first).toContainText('Finished with warnings');
    await expect(page.getByTestId('panel-error')).toHaveCount(0);
    await page.getByLabel('Stop reason', { exact: true }).selectOption({ label: 'Local stop because solar eclipse' });
    await expect(page.getByTestId('sessions-total-count')).not.toHaveText('0');
  });
});
