/**
 * The garage the product came from, at its real size: twenty chargers on one wall tablet, in
 * landscape and portrait, every tile readable and on screen.
 */
import { expect, test } from './fixtures.ts';

test.use({ simulatorChargers: 20 });

for (const viewport of [
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
]) {
  test(`twenty chargers at ${viewport.width}×${viewport.height}: natural order, nothing clipped, all on one screen`, async ({ page, sim, server }, testInfo) => {
    // The tallest tiles, whatever the simulated time of day: the longest status ("Paused by
    // charger", two lines) in every row, beside the widest power figure.
    server.config.chargers.forEach((charger, i) =>
      sim.setConnector(charger.id, 1, i % 2 === 0 ? { status: 'SuspendedEVSE', power: 0 } : { status: 'Charging', power: 11.04 }),
    );
    await page.setViewportSize(viewport);
    await page.goto('/garage?kiosk=1');
    const tiles = page.getByTestId('charger-tile');
    // Platz 4 … Platz 9 before Platz 10 … Platz 23, as people count (text order would put 10 first).
    await expect(tiles.locator('h3')).toHaveText(Array.from({ length: 20 }, (_, i) => `Platz ${i + 4}`));
    await expect(page.locator('[data-connection="live"]')).toHaveCount(20);

    const layout = await tiles.evaluateAll((els) => ({
      lowestBottom: Math.max(...els.map((el) => el.getBoundingClientRect().bottom)),
      clipped: els.flatMap((tile) =>
        Array.from(tile.querySelectorAll<HTMLElement>('h3, [data-status], p, span'))
          .filter((el) => !el.classList.contains('sr-only') && getComputedStyle(el).overflow === 'hidden' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1))
          .map((el) => el.textContent),
      ),
      smallestFontPx: Math.min(...els.flatMap((tile) => Array.from(tile.querySelectorAll<HTMLElement>('*')).filter((el) => el.childElementCount === 0 && el.textContent?.trim()).map((el) => parseFloat(getComputedStyle(el).fontSize)))),
    }));
    expect(layout.clipped).toEqual([]);
    // A kiosk shows the whole garage without scrolling.
    expect(layout.lowestBottom).toBeLessThanOrEqual(viewport.height);
    expect(layout.smallestFontPx).toBeGreaterThanOrEqual(12);
    await page.screenshot({ path: testInfo.outputPath(`garage-20-${viewport.width}x${viewport.height}.png`) });
  });
}
