/**
 * The wall display's layout, from fixtures: every state the display knows (named states and a
 * seeded set of random ones), rendered as charger snapshots on the fixture page (the real app,
 * fed by the test: e2e/fixture-page/), at each screen people use, in both languages and themes.
 * For every one: the page does not scroll, no element draws outside its card or tile, and the
 * glance band's text keeps its size. One page load per screen, language and theme; the states
 * are shown one after another in it. A failure names the state, the screen and the element.
 */
import { expect, test, type Page } from '@playwright/test';
import { measureEach, measureLayout, openFixturePage, showSnapshots, type FixturePageOptions } from './fixture-page/open.ts';
import type { LayoutReport } from './fixture-page/measure-layout.ts';
import { NAMED_STATES, randomSnapshots } from './fixture-page/states.ts';
import { VIEWPORTS } from './layout-helpers.ts';

const LANGS = ['en', 'de'] as const;
const THEMES = ['dark', 'light'] as const;
/**
 * Random states per screen and language. Each of the ten screen-and-language pairs draws its own
 * (a seed of its own), so the suite lays out 500 different random states, every named one on
 * every screen; a failure names its pair and number, and the same seed draws it again. (1,000,
 * drawn for a while, all fitted, and cost the clean-clone CI about 13 s more.)
 */
const RANDOM_COUNT = 50;
const RANDOM_SEED = 20_261_207;
const BATCH = 40;

/** The fixture page, with its lazy parts (chart, strip) in place: they take room from the cards. */
async function openLive(page: Page, options: FixturePageOptions): Promise<void> {
  await openFixturePage(page, { kiosk: 'locked', ...options });
  await showSnapshots(page, [NAMED_STATES.charging!()]);
  await expect(page.getByTestId('power-chart')).toBeVisible();
  await expect(page.getByTestId('live-strip')).toBeVisible();
}

/** What is wrong with one rendered state, each problem naming where. */
function problems(report: LayoutReport, where: string): string[] {
  const found: string[] = [];
  if (report.overflowX > 0) found.push(`${where}: the page scrolls sideways by ${report.overflowX}px`);
  if (report.overflowY > 0) found.push(`${where}: the page scrolls down by ${report.overflowY}px`);
  for (const e of report.escapes) {
    const by = Object.entries(e.by)
      .filter(([, px]) => px > 0.5)
      .map(([side, px]) => `${side} ${px.toFixed(1)}px`)
      .join(', ');
    found.push(`${where}: ${e.box}: ${e.element} ${by ? `outside by ${by}` : ''}`.trim());
  }
  // Readable from across the room on any screen: never below 16 px for the state (12 px for a name
  // of more than 24 letters, which wraps and shrinks to stay in its pill), 24 px for kW.
  report.cards.forEach((card, i) => {
    const least = card.stateLength > 24 ? 12 : 16;
    if (card.state < least) found.push(`${where}: card ${i + 1}: the state word (${card.stateLength} letters) is ${card.state.toFixed(1)}px`);
    if (card.kw < 24) found.push(`${where}: card ${i + 1}: the kW figure is ${card.kw.toFixed(1)}px`);
  });
  return found;
}

// `@clock-free`: nothing here reads the world's clock (the fixture page pins its own), so the
// clock sweep runs these once, at its first moment (scripts/run-tests.mjs).
test.describe('layout from fixtures: the kiosk live view in every state', { tag: '@clock-free' }, () => {
  // As most tablets show it, with motion (the suite's default is still: playwright.config.ts).
  test.use({ reducedMotion: 'no-preference' });

  for (const viewport of VIEWPORTS) {
    for (const lang of LANGS) {
      for (const theme of THEMES) {
        test(`named states, ${viewport.width}×${viewport.height}, ${lang}, ${theme}`, async ({ page }) => {
          await page.setViewportSize(viewport);
          await openLive(page, { lang, theme });
          const found: string[] = [];
          for (const [name, make] of Object.entries(NAMED_STATES)) {
            await showSnapshots(page, [make()]);
            await expect(page.getByTestId('connector-card').first()).toHaveAttribute('data-stale', make().reachable ? 'false' : 'true');
            found.push(...problems(await measureLayout(page), `${name}, ${viewport.width}×${viewport.height}, ${lang}, ${theme}`));
          }
          expect(found).toEqual([]);
        });
      }
    }
  }

  test('the glance band reads from 3 m at 1280×800 with two connectors: kW ≥ 72 px, state and session figures ≥ 40 px', async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openLive(page, { lang: 'de' });
    for (const name of ['two connectors', 'two EVSEs']) {
      await showSnapshots(page, [NAMED_STATES[name]!()]);
      const { cards } = await measureLayout(page);
      expect(cards, name).toHaveLength(2);
      for (const [i, card] of cards.entries()) {
        expect(card.kw, `${name}, card ${i + 1}: kW`).toBeGreaterThanOrEqual(72);
        // A 55-character name the vocabulary does not know shrinks to fit its pill; known words do not.
        if (!(name === 'two EVSEs' && i === 1)) expect(card.state, `${name}, card ${i + 1}: state`).toBeGreaterThanOrEqual(40);
        for (const figure of card.figures) expect(figure, `${name}, card ${i + 1}: session figure`).toBeGreaterThanOrEqual(40);
      }
    }
  });

  for (const [v, viewport] of VIEWPORTS.entries()) {
    for (const [l, lang] of LANGS.entries()) {
      const seed = RANDOM_SEED + v * LANGS.length + l;
      test(`${RANDOM_COUNT} random snapshots (seed ${seed}), ${viewport.width}×${viewport.height}, ${lang}`, async ({ page }) => {
        await page.setViewportSize(viewport);
        await openLive(page, { lang });
        const snapshots = randomSnapshots(RANDOM_COUNT, seed);
        const found: string[] = [];
        // In batches: the page renders and measures each in turn, one round trip per batch.
        for (let start = 0; start < snapshots.length; start += BATCH) {
          const reports = await measureEach(page, snapshots.slice(start, start + BATCH).map((s) => [s]));
          reports.forEach((report, i) => found.push(...problems(report, `random #${start + i}, ${viewport.width}×${viewport.height}, ${lang}`)));
        }
        expect(found).toEqual([]);
      });
    }
  }

  // A tablet that asks for less motion renders only on demand: a card's sizes can settle some
  // frames after a state change, and the fit must follow them (the band's own resize refits it).
  // A figure cut for those frames is allowed (up to 60, about a second); a card that stays wrong,
  // as the fit once did, is not.
  test.describe('under reduced motion', () => {
    test.use({ reducedMotion: 'reduce' });
    test(`${RANDOM_COUNT} random snapshots (seed ${RANDOM_SEED + 5}), 800×1280, de`, async ({ page }) => {
      await page.setViewportSize({ width: 800, height: 1280 });
      await openLive(page, { lang: 'de' });
      const reports = await measureEach(page, randomSnapshots(RANDOM_COUNT, RANDOM_SEED + 5).map((s) => [s]), 60);
      expect(reports.flatMap((report, i) => problems(report, `random #${i}, 800×1280, de, reduced motion`))).toEqual([]);
    });
  });
});
