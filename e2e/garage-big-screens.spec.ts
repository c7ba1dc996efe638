/**
 * Twelve chargers on a wall screen: the tiles grow with the screen instead of staying tablet-sized
 * in its top third. At 2560×1440 and 1920×1080 they fill it (the last row ends in the bottom 15 %),
 * nothing scrolls, nothing draws outside its tile, and each tile's state reads from across the
 * room (≥ 24 px). The state's size on each screen is reported with the test.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

test.use({ simulatorChargers: 12 });

interface GarageMeasure {
  scrollWidth: number;
  scrollHeight: number;
  lowestBottom: number;
  /** Every tile's state text font size, px. */
  statePx: number[];
  /** Elements drawn outside their tile, or cut by a box that clips them. */
  outside: string[];
}

async function measureGarage(page: Page): Promise<GarageMeasure> {
  return page.getByTestId('charger-tile').evaluateAll((tiles) => {
    const outside: string[] = [];
    for (const tile of tiles) {
      const box = tile.getBoundingClientRect();
      for (const el of Array.from(tile.querySelectorAll<HTMLElement>('*'))) {
        const style = getComputedStyle(el);
        const rect = el.getBoundingClientRect();
        // Screen-reader text is clipped to nothing on purpose.
        if (rect.width === 0 || rect.height === 0 || style.visibility === 'hidden' || style.clipPath === 'inset(50%)' || el.closest('.sr-only')) continue;
        const name = `${tile.getAttribute('data-charger-id')}: ${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
        if (rect.left < box.left - 0.5 || rect.right > box.right + 0.5 || rect.top < box.top - 0.5 || rect.bottom > box.bottom + 0.5) outside.push(`${name} outside its tile`);
        if (style.overflow === 'hidden' && style.webkitLineClamp === 'none' && (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)) outside.push(`${name} cut off`);
      }
    }
    return {
      scrollWidth: document.documentElement.scrollWidth,
      scrollHeight: document.documentElement.scrollHeight,
      lowestBottom: Math.max(...tiles.map((t) => t.getBoundingClientRect().bottom)),
      statePx: tiles.map((t) => parseFloat(getComputedStyle(t.querySelector('[data-state]')!).fontSize)),
      outside,
    };
  });
}

test.describe('twelve chargers on a wall screen', () => {
  test.beforeEach(async ({ page, sim, server }) => {
    // The tallest tiles: the longest state ("Paused by charger", two lines where narrow) in every
    // other tile, beside charging ones.
    server.config.chargers.forEach((charger, i) =>
      sim.setConnector(charger.id, 1, i % 2 === 0 ? { status: 'SuspendedEVSE', power: 0 } : { status: 'Charging', power: 11.04 }),
    );
    await page.goto('/garage?kiosk=1');
    await expect(page.locator('[data-connection="live"]')).toHaveCount(12);
  });

  for (const viewport of [
    { width: 2560, height: 1440 },
    { width: 1920, height: 1080 },
  ]) {
    test(`at ${viewport.width}×${viewport.height} the tiles fill the screen, without scrolling, with the state ≥ 24 px`, async ({ page }, testInfo) => {
      await page.setViewportSize(viewport);
      await expect.poll(async () => (await measureGarage(page)).lowestBottom, 'the last row reaches the bottom 15 %').toBeGreaterThanOrEqual(viewport.height * 0.85);
      const garage = await measureGarage(page);
      expect(garage.scrollWidth, 'no sideways scrolling').toBeLessThanOrEqual(viewport.width);
      expect(garage.scrollHeight, 'nothing below the fold').toBeLessThanOrEqual(viewport.height);
      expect(garage.lowestBottom).toBeLessThanOrEqual(viewport.height);
      expect(garage.outside).toEqual([]);
      expect(Math.min(...garage.statePx), 'the smallest tile state').toBeGreaterThanOrEqual(24);
      testInfo.annotations.push({ type: `state text at ${viewport.width}×${viewport.height}`, description: `${Math.min(...garage.statePx).toFixed(1)} px` });
      await page.screenshot({ path: testInfo.outputPath(`garage-12-${viewport.width}x${viewport.height}.png`) });
    });
  }

  test('the state grows with the screen: 1280×800 < 1920×1080 < 2560×1440 (sizes reported)', async ({ page }, testInfo) => {
    const sizes: number[] = [];
    for (const viewport of [
      { width: 1280, height: 800 },
      { width: 1920, height: 1080 },
      { width: 2560, height: 1440 },
    ]) {
      await page.setViewportSize(viewport);
      // The tiles follow their box in CSS: the new size is there once the last row reaches the new bottom.
      await expect.poll(async () => (await measureGarage(page)).lowestBottom).toBeGreaterThanOrEqual(viewport.height * 0.85);
      const garage = await measureGarage(page);
      expect(garage.scrollHeight, `${viewport.width}×${viewport.height}: nothing below the fold`).toBeLessThanOrEqual(viewport.height);
      expect(garage.outside, `${viewport.width}×${viewport.height}`).toEqual([]);
      sizes.push(Math.min(...garage.statePx));
      testInfo.annotations.push({ type: `state text at ${viewport.width}×${viewport.height}`, description: `${Math.min(...garage.statePx).toFixed(1)} px` });
    }
    console.log(`garage state text, 12 chargers: ${testInfo.annotations.map((a) => `${a.type.replace('state text at ', '')} ${a.description}`).join(', ')}`);
    expect(sizes[0]).toBeLessThan(sizes[1]!);
    expect(sizes[1]).toBeLessThan(sizes[2]!);
  });
});
