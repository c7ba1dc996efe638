/**
 * Prices kept on the server (GET/PUT /api/settings, in the archive): every screen shows the same
 * costs. Each test's server has an archive in a fresh temporary file; the history's totals still come
 * from the simulator's sessions through /sessions.
 */
import { parseCsv } from '../test-support/parse-csv.ts';
import { expect, pinClock, test } from './fixtures.ts';
import { download, kwhTextToUnits, readTotalUnits, unitsText } from './sessions-helpers.ts';

// The simulator's clock stands still: no running session grows between two tablets' reads.
// TRUST_PROXY: a tablet is played by a browser whose requests a proxy on this machine forwards
// (X-Forwarded-For); the tests' own browser runs on the server machine, which may change settings.
test.use({ archive: true, simulatorOptions: { clockRate: 0 }, serverEnv: { TRUST_PROXY: 'loopback' } });

const cents = (text: string) => Math.round(Number(text.replace(/[€,]/g, '')) * 100);

test.describe.serial('prices on the server', () => {
  test('a price saved on one tablet is the price on another; the cost total is the sum of the session costs', async ({ page, browser, world }) => {
    await page.goto('/sessions?range=last-month&size=100');
    await expect(page.getByTestId('price-source')).toBeVisible();
    await page.getByLabel('Price per kWh').fill('0,40');
    await page.getByLabel('Currency').fill('eur');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(page.getByTestId('price-source')).toHaveText('Kept on the dashboard server: every screen shows these costs');
    await expect(page.getByTestId('sessions-total-cost')).toHaveText(/^€[\d,]+\.\d{2}$/);

    const rowCosts = await page.getByTestId('session-row').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!));
    const total = cents((await page.getByTestId('sessions-total-cost').textContent())!);
    expect(rowCosts.reduce((sum, text) => sum + cents(text), 0)).toBe(total);
    // Each session's cost is its shown energy × 0.40, to the cent.
    const energies = await page.getByTestId('session-energy').allTextContents();
    expect(rowCosts.map(cents)).toEqual(energies.map((e) => Math.round(kwhTextToUnits(e) * 0.4)));

    // Another tablet (its own browser context: nothing shared but the server) shows the same.
    const other = await browser.newContext({ locale: 'de-DE', timezoneId: 'Europe/Berlin' });
    await pinClock(other, world);
    try {
      const tablet = await other.newPage();
      await tablet.goto(`${new URL(page.url()).origin}/sessions?range=last-month&size=100`);
      await expect(tablet.getByLabel('Preis pro kWh')).toHaveValue('0,4');
      await expect(tablet.getByTestId('sessions-total-cost')).toHaveText(`${(total / 100).toLocaleString('de-DE', { minimumFractionDigits: 2 })}\u00a0€`);
    } finally {
      await other.close();
    }
    // And so does this one after a reload.
    await page.reload();
    await expect(page.getByTestId('sessions-total-cost')).toHaveText(`€${(total / 100).toLocaleString('en-GB', { minimumFractionDigits: 2 })}`);
  });

  test('an off-peak price splits each session by its power profile; costs and the CSV add up', async ({ page }) => {
    await page.goto('/sessions?range=last-month&size=100');
    const totalUnits = await readTotalUnits(page);
    await page.getByLabel('Price per kWh').fill('0.40');
    await page.getByLabel('Off-peak price').check();
    await page.getByLabel('Off-peak per kWh').fill('0.20');
    await page.getByLabel('from', { exact: true }).fill('22:00');
    await page.getByLabel('until', { exact: true }).fill('06:00');
    await page.getByRole('button', { name: 'Save' }).click();

    const offPeak = page.getByTestId('sessions-total-off-peak');
    await expect(offPeak).toHaveAttribute('data-value', /\d/, { timeout: 30_000 });
    await expect(offPeak).not.toContainText('split by charging time'); // the archive (or the charger) has every profile
    const offUnits = Math.round(Number(await offPeak.getAttribute('data-value')) * 100);
    expect(offUnits).toBeGreaterThan(0); // cars charge into the night
    expect(offUnits).toBeLessThan(totalUnits);

    const total = cents((await page.getByTestId('sessions-total-cost').textContent())!);
    const rowCosts = await page.getByTestId('session-row').evaluateAll((trs) => trs.map((tr) => tr.lastElementChild!.textContent!));
    expect(rowCosts.reduce((sum, text) => sum + cents(text), 0)).toBe(total);
    // Each part at its price, to the cent (each session's cost is rounded, so within half a cent each).
    expect(Math.abs(total - ((totalUnits - offUnits) * 0.4 + offUnits * 0.2))).toBeLessThanOrEqual(rowCosts.length * 0.5);
    expect(total).toBeLessThan(Math.round(totalUnits * 0.4));

    const rows = parseCsv(await download(page), ',');
    const header = rows[0]!;
    const off = header.indexOf('Off-peak energy (kWh)');
    expect(off).toBe(header.indexOf('Energy (kWh)') + 1);
    const body = rows.slice(1, -1);
    expect(body.reduce((sum, r) => sum + Math.round(Number(r[off]) * 100), 0)).toBe(offUnits);
    expect(rows.at(-1)![off]).toBe(unitsText(offUnits));
    expect(rows.at(-1)![header.indexOf('Cost (EUR)')]).toBe((total / 100).toFixed(2));
  });

  test('a refused save is worded in the page’s language; the server’s English sentence only on an English page', async ({ page }) => {
    // 500 per kWh: the form takes it, the server refuses it (at most 100) with a bad_request.
    await page.goto('/sessions?lang=de');
    await page.getByLabel('Preis pro kWh').fill('500');
    await page.getByRole('button', { name: 'Speichern' }).click();
    const alert = page.getByTestId('price-settings').getByRole('alert');
    await expect(alert).toHaveText('Nicht gespeichert: Ungültige Anfrage');

    await page.goto('/sessions?lang=en');
    await page.getByLabel('Price per kWh').fill('500');
    await page.getByRole('button', { name: 'Save' }).click();
    await expect(alert).toHaveText(/^Not saved: Invalid request \(.+\)$/);
  });

  test('no other web page can change the price', async ({ page }) => {
    await page.goto('/sessions');
    const answer = await page.request.put('/api/settings', { data: { pricePerKWh: 9, currency: 'EUR', offPeak: null }, headers: { origin: 'http://evil.example' } });
    expect(answer.status()).toBe(403);
    const settings = await (await page.request.get('/api/settings')).json();
    expect(settings.pricePerKWh).not.toBe(9);
  });
});

test.describe('a tablet of a server without ADMIN_PIN', () => {
  test('shows the settings, cannot change them, and explains how to set a PIN, in English and German', async ({ browser, baseURL }) => {
    // A tablet on the LAN, seen through the proxy on the server machine.
    const context = await browser.newContext({ baseURL, extraHTTPHeaders: { 'x-forwarded-for': '192.168.1.50' } });
    try {
      const tablet = await context.newPage();
      await tablet.goto('/sessions?lang=en');
      const note = tablet.getByTestId('settings-access');
      await expect(note).toContainText('Settings can be changed only on the dashboard server itself');
      await expect(note).toContainText('ADMIN_PIN=');
      await expect(tablet.getByLabel('Price per kWh')).toBeDisabled();
      await expect(tablet.getByLabel('Time zone', { exact: true })).toBeDisabled();
      // What the screen says is what the server does.
      const refused = await tablet.request.put('/api/settings', { data: { pricePerKWh: 9, currency: 'EUR', offPeak: null } });
      expect(refused.status()).toBe(403);
      expect((await refused.json()).error.code).toBe('local_only');

      await tablet.goto('/sessions?lang=de');
      await expect(tablet.getByTestId('settings-access')).toContainText('Einstellungen lassen sich nur auf dem Dashboard-Server selbst ändern');
      await expect(tablet.getByLabel('Preis pro kWh')).toBeDisabled();
    } finally {
      await context.close();
    }
  });
});
