/** The combined garage history: `/sessions?charger=all` with three simulated chargers. */
import { expect, test } from './fixtures.ts';
import { parseCsv } from '../test-support/parse-csv.ts';
import { download, readTotalUnits, unitsText } from './sessions-helpers.ts';

// Three chargers; their clocks stand still, so no running session grows between the reads.
test.use({ simulatorChargers: 3, simulatorOptions: { clockRate: 0 } });

test.describe('the combined garage history', () => {
  test('has a charger column, and its CSV total is the sum of the three chargers’ totals', async ({ page }) => {
    const chargers: { id: string; name: string }[] = (await (await page.request.get('/api/chargers')).json()).chargers;
    expect(chargers).toHaveLength(3);
    let sum = 0;
    for (const charger of chargers) {
      await page.goto(`/sessions?charger=${charger.id}&range=last-month`);
      sum += await readTotalUnits(page);
    }

    // The header's charger choice offers the combined history on the sessions page.
    await page.locator('header select').filter({ has: page.locator('option', { hasText: 'All chargers' }) }).selectOption({ label: 'All chargers' });
    await expect(page).toHaveURL(/charger=all/);
    await expect(page.locator('header')).toContainText('All chargers');
    expect(await readTotalUnits(page)).toBe(sum);
    await expect(page.getByTestId('session-table').locator('th').first()).toHaveText(/Charger/);

    const rows = parseCsv(await download(page), ',');
    const header = rows[0]!;
    expect(header[0]).toBe('Charger');
    const body = rows.slice(1, -1);
    expect(new Set(body.map((r) => r[0]))).toEqual(new Set(chargers.map((c) => c.name)));
    const energy = header.indexOf('Energy (kWh)');
    expect(rows.at(-1)![energy]).toBe(unitsText(sum));
    expect(body.reduce((s, r) => s + Math.round(Number(r[energy]) * 100), 0)).toBe(sum);
  });

  test('"Live" from the combined history leads to a charger, not to an error', async ({ page }) => {
    await page.goto('/sessions?charger=all&range=last-month');
    await page.getByRole('link', { name: 'Live' }).click();
    await expect(page).not.toHaveURL(/sessions/);
    // Either the garage (several chargers) or a charger's live view, never "no charger all".
    await expect(page.getByTestId('connector-card').or(page.getByRole('link', { name: 'Garage', exact: true })).first()).toBeVisible();
    await expect(page.getByText(/There is no charger/)).toHaveCount(0);
  });
});
