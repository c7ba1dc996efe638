/**
 * The layout matrix on the real server: the wall display's states as the simulator brings them,
 * each fitting its screen, in German without English, and clean for axe (WCAG A/AA); every
 * control on /, /sessions and /garage at least 44 × 44 px. The fit of every state at every
 * screen, language and theme, and the glance band's sizes, are measured from fixtures
 * (layout-fixtures.spec.ts), where no clock decides which states can be shown.
 */
import { expect, test } from './fixtures.ts';
import { chargerId, enterState, expectAxeClean, expectFits, expectNoEnglish, expectTouchTargets, LANGS, STALE_WITHIN, STATES, THEMES, VIEWPORTS } from './layout-helpers.ts';

test.describe('layout matrix: kiosk live view on the real server', () => {
  // Every state at one screen each (the screens taken in turn), so each state, screen, theme and
  // language is met once: the fit of every state at every screen, and the glance band's sizes,
  // are the fixture page's to check (layout-fixtures.spec.ts); here the real page, fed by the
  // simulator through the server, fits too, reads in German without English, and passes axe.
  STATES.forEach((state, si) => {
    const viewport = VIEWPORTS[si % VIEWPORTS.length]!;
    const theme = THEMES[si % 2]!;
    const lang = LANGS[Math.floor(si / 2) % 2]!;
    const name = `${state}, ${viewport.width}×${viewport.height}, ${theme}, ${lang}`;
    test(name, async ({ page, sim }) => {
      await page.setViewportSize(viewport);
      await enterState(page, sim, state);
      await page.goto(`/?kiosk=1&lang=${lang}&theme=${theme}`);
      const card = page.getByTestId('connector-card').first();
      await expect(card).toHaveAttribute('data-status', state === 'idle' ? 'Available' : state === 'fault' ? 'Faulted' : 'Charging');
      if (state === 'two-connectors') await expect(page.getByTestId('connector-card')).toHaveCount(2);
      await expect(page.getByTestId('power-chart').locator('[data-state=ready]')).toBeVisible();
      if (state === 'stale') {
        // The charger goes away: the server's collector reports it, and the card turns stale.
        sim.faults.set({ charger: await chargerId(page), down: true });
        await expect(card).toHaveAttribute('data-stale', 'true', { timeout: STALE_WITHIN });
        await expect(page.getByTestId('stale-since')).toBeVisible();
      } else {
        await expect(card).toHaveAttribute('data-stale', 'false');
      }
      await expectFits(page, name);
      if (lang === 'de') await expectNoEnglish(page, name);
      await expectAxeClean(page, name);
    });
  });

  test('the state word grows with the screen', async ({ page, sim }) => {
    await enterState(page, sim, 'charging');
    const sizes: number[] = [];
    for (const viewport of [VIEWPORTS[0], VIEWPORTS[1], VIEWPORTS[4]]) {
      await page.setViewportSize(viewport);
      await page.goto('/?kiosk=1&lang=en');
      const word = page.getByTestId('connector-card').first().locator('.card-state');
      await expect(word).toBeVisible();
      sizes.push(await word.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)));
    }
    expect(sizes[1]).toBeGreaterThan(sizes[0]!);
    expect(sizes[2]).toBeGreaterThan(sizes[1]!);
  });
});

test.describe('layout matrix: touch targets and languages on every route', () => {
  for (const viewport of [VIEWPORTS[1], VIEWPORTS[2]]) {
    for (const lang of LANGS) {
      test(`/ and /sessions, ${viewport.width}×${viewport.height}, ${lang}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await page.goto(`/?lang=${lang}`);
        await expect(page.getByTestId('power-chart').locator('[data-state=ready]')).toBeVisible();
        await expectTouchTargets(page, `/ ${lang}`);
        if (lang === 'de') await expectNoEnglish(page, '/');
        await page.goto(`/sessions?lang=${lang}&range=custom&from=2026-01-01&to=2026-12-31`);
        await expect(page.getByTestId('session-row').first()).toBeVisible();
        await expectTouchTargets(page, `/sessions ${lang}`);
        if (lang === 'de') await expectNoEnglish(page, '/sessions');
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
        expect(overflow, '/sessions: no sideways scrolling').toBeLessThanOrEqual(0);
      });
    }
  }

  // The monthly summary's four columns (month and three figures, at least 29 rem) were 95 px wider
  // than a 390 px phone; there the month now takes a line above its figures.
  // Last month: this month has no sessions yet in its first hours.
  test('/sessions on a phone: cards, no sideways scrolling, 44 px controls', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/sessions?lang=de&range=last-month');
    await expect(page.getByTestId('session-row').first()).toBeVisible();
    expect(await page.getByTestId('session-row').first().evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await expectTouchTargets(page, '/sessions 390 px');
    await expectNoEnglish(page, '/sessions 390 px');
  });

  // The history at every screen, with the custom range's date fields showing: no sideways
  // scrolling, 44 px controls, and axe (each theme and language met at least once).
  [...VIEWPORTS, { width: 390, height: 844 }].forEach((viewport, i) => {
    const theme = THEMES[i % 2]!;
    const lang = LANGS[Math.floor(i / 2) % 2]!;
    test(`/sessions with date fields, ${viewport.width}×${viewport.height}, ${theme}, ${lang}: fits sideways, touch targets, axe`, async ({ page }) => {
      await page.setViewportSize(viewport);
      await page.goto(`/sessions?lang=${lang}&theme=${theme}&range=custom&from=2026-10-01&to=2026-11-30`);
      await expect(page.getByTestId('session-row').first()).toBeVisible();
      // A phone keeps the filters behind "Filters & export": opened, so their fields are checked too.
      if (viewport.width < 640) await page.getByTestId('history-tools-toggle').click();
      await expect(page.getByTestId('range-from').getByRole('textbox')).toHaveValue(lang === 'de' ? '01.10.2026' : '01/10/2026');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - innerWidth);
      expect(overflow, '/sessions: no sideways scrolling').toBeLessThanOrEqual(0);
      await expectTouchTargets(page, `/sessions ${viewport.width}`);
      if (lang === 'de') await expectNoEnglish(page, `/sessions ${viewport.width}`);
      await expectAxeClean(page, `/sessions ${viewport.width} ${theme} ${lang}`);
    });
  });
});

