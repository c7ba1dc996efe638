/**
 * The layout matrix for the garage (four chargers): the kiosk garage fits every screen without
 * scrolling, its controls are 44 × 44 px, no English on a German page, no axe violations; a tile
 * is one touch target as a whole.
 */
import { expect, test } from './fixtures.ts';
import { expectAxeClean, expectFits, expectNoEnglish, expectTouchTargets, LANGS, THEMES, VIEWPORTS } from './layout-helpers.ts';

test.use({ simulatorChargers: 4 });

test.describe('layout matrix: the garage', () => {

  for (const [vi, viewport] of VIEWPORTS.entries()) {
    const theme = THEMES[vi % 2]!;
    const lang = LANGS[(vi + 1) % 2]!;
    test(`kiosk garage fits, ${viewport.width}×${viewport.height}, ${theme}, ${lang}`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/garage?kiosk=1&lang=${lang}&theme=${theme}`);
      await expect(page.getByTestId('charger-tile')).toHaveCount(4);
      await expect(page.getByTestId('charger-tile').first()).toHaveAttribute('data-connection', 'live');
      await expectFits(page, `garage ${viewport.width}×${viewport.height}`);
      await expectTouchTargets(page, `garage ${viewport.width}×${viewport.height}`);
      if (lang === 'de') await expectNoEnglish(page, 'garage');
      if (vi < 2) await expectAxeClean(page, `garage ${theme}`);
    });
  }

  test('a garage tile is tappable as a whole', async ({ page }) => {
    await page.goto('/garage?lang=en');
    const tile = page.getByTestId('charger-tile').first();
    const id = await tile.getAttribute('data-charger-id');
    const box = (await tile.boundingBox())!;
    // Near the bottom-left corner, away from the name and the sessions link.
    await page.mouse.click(box.x + box.width * 0.3, box.y + box.height * 0.6);
    await expect(page).toHaveURL(new RegExp(`/\\?.*charger=${id}`));
    await expect(page.getByTestId('connector-card').first()).toBeVisible();
  });
});
