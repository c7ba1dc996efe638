/**
 * The layout matrix: the wall display in every state on the tablets and screens people use, in
 * both themes and both languages. For each combination: the kiosk live view fits the screen
 * without scrolling, the status word is big enough to read across the room, no English message
 * shows on a German page; axe finds no WCAG A/AA violation; every control on /, /sessions and
 * /garage is at least 44 × 44 px.
 *
 * To keep the run short (CI has two cores), the themes and languages are spread over the
 * viewport × state grid instead of multiplied into it: every viewport and every state is seen in
 * both themes and both languages, and axe (whose result does not depend on the viewport) runs
 * once per state and theme.
 */
import { expect, test } from './fixtures.ts';
import { chargerId, enterState, expectAxeClean, expectFits, expectNoEnglish, expectTouchTargets, LANGS, STALE_WITHIN, STATES, STATUS_WORD_PX, THEMES, VIEWPORTS } from './layout-helpers.ts';

test.describe('layout matrix: kiosk live view', () => {
  STATES.forEach((state, si) => {
    VIEWPORTS.forEach((viewport, vi) => {
      // Spread: each viewport meets both themes and both languages across the states.
      const theme = THEMES[(vi + si) % 2]!;
      const lang = LANGS[(vi + Math.floor(si / 2) + si) % 2]!;
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
        const statusPx = await card.getByTestId('connector-status').evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
        if (state !== 'two-connectors' && viewport.width >= 1280 && viewport.height >= 800) {
          expect(statusPx, `${name}: status word size`).toBeGreaterThanOrEqual(STATUS_WORD_PX);
        } else {
          // Smaller screens and shared cards: smaller, but still a headline.
          expect(statusPx, `${name}: status word size`).toBeGreaterThanOrEqual(28);
        }
        if (lang === 'de') await expectNoEnglish(page, name);
        // axe's result does not depend on the viewport: once per state and theme.
        if (viewport.width === 1280 || (viewport.width === 1024 && theme === 'dark') || (viewport.width === 800 && theme === 'light')) {
          await expectAxeClean(page, name);
        }
      });
    });
  });

  // A fault opens connectivity under the chart, its longest texts in German: on the smallest
  // landscape tablet it must still fit, in both languages and both themes.
  for (const lang of LANGS) {
    for (const theme of THEMES) {
      test(`fault at 1024×600 fits, opened strip, ${theme}, ${lang}`, async ({ page, sim }) => {
        await page.setViewportSize(VIEWPORTS[0]);
        await enterState(page, sim, 'fault');
        await page.goto(`/?kiosk=1&lang=${lang}&theme=${theme}`);
        await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-status', 'Faulted');
        await expect(page.getByTestId('power-chart').locator('[data-state=ready]')).toBeVisible();
        await expect(page.getByTestId('live-strip')).toHaveAttribute('data-expanded', 'true');
        await expect(page.getByTestId('live-strip').getByRole('region')).not.toHaveCount(0);
        await expectFits(page, `fault 1024×600 ${theme} ${lang}`);
      });
    }
  }

  test('a charger away since yesterday: "since" carries the date, and the stale card still fits 1024×600 in German', async ({ page, sim }) => {
    await page.setViewportSize(VIEWPORTS[0]);
    await enterState(page, sim, 'stale');
    await page.clock.install();
    await page.goto('/?kiosk=1&lang=de&theme=light');
    const card = page.getByTestId('connector-card').first();
    await expect(card).toHaveAttribute('data-status', 'Charging');
    sim.faults.set({ charger: await chargerId(page), down: true });
    await expect(card).toHaveAttribute('data-stale', 'true', { timeout: STALE_WITHIN });
    const since = page.getByTestId('stale-since');
    await expect(since).toHaveText(/^seit \d\d:\d\d$/);
    // The tablet's night passes while the charger stays away.
    await page.clock.fastForward('26:00:00');
    await expect(since).toHaveText(/^seit \d{1,2}\. [A-Z][a-zä]+\.?, \d\d:\d\d$/);
    await expectFits(page, 'stale since yesterday, 1024×600, de');
  });

  test('the status word grows with the screen', async ({ page, sim }) => {
    await enterState(page, sim, 'charging');
    const sizes: number[] = [];
    for (const viewport of [VIEWPORTS[0], VIEWPORTS[1], VIEWPORTS[4]]) {
      await page.setViewportSize(viewport);
      await page.goto('/?kiosk=1&lang=en');
      const status = page.getByTestId('connector-card').first().getByTestId('connector-status');
      await expect(status).toBeVisible();
      sizes.push(await status.evaluate((el) => parseFloat(getComputedStyle(el).fontSize)));
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

