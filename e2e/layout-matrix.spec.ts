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
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import type { RunningSimulator } from '../server/simulator/simulator.ts';
import { liveMessages } from '../src/features/live/messages.ts';
import { powerMessages } from '../src/features/power/messages.ts';
import { garageMessages } from '../src/features/chargers/messages.ts';
import { sessionsMessages } from '../src/features/sessions/messages.ts';
import { shellMessages } from '../src/app/messages.ts';
import { errorMessages } from '../src/shared/ui/error-text.ts';
import { chargerLabels } from '../src/shared/i18n/charger-labels.ts';
import { TOUCH_PX } from '../src/shared/ui/touch.ts';

const VIEWPORTS = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;
const STATES = ['idle', 'charging', 'fault', 'stale', 'two-connectors'] as const;
type State = (typeof STATES)[number];
const THEMES = ['dark', 'light'] as const;
const LANGS = ['en', 'de'] as const;

/** The status word's least size at 1280×800 and above; it scales with the screen below. */
const STATUS_WORD_PX = 48;
/** One poll plus slack: how soon a failing status shows as stale. */
const STALE_WITHIN = 15_000;

async function chargerId(page: Page): Promise<string> {
  const { chargers } = await (await page.request.get('/api/chargers')).json();
  return chargers[0].id as string;
}

/** Puts the simulated charger (and, for two connectors, the status answer) into the state. */
async function enterState(page: Page, sim: RunningSimulator, state: State): Promise<void> {
  const id = await chargerId(page);
  if (state === 'idle') sim.setConnector(id, 1, { status: 'Available', power: 0 });
  if (state === 'charging' || state === 'stale' || state === 'two-connectors') sim.setConnector(id, 1, { status: 'Charging', power: 10.7 });
  if (state === 'fault') sim.setConnector(id, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
  if (state === 'two-connectors') {
    // The built-in simulator has one connector per charger: the answer gets a second, idle one.
    await page.route('**/generalStatus', async (route) => {
      const response = await route.fetch();
      const body = await response.json();
      const first = body.evses[0].connectors[0];
      body.evses[0].connectors.push({ ...first, connectorId: 2, onlineData: { ...first.onlineData, status: 'Available', power: 0, consumedEnergy: 0 } });
      await route.fulfill({ response, json: body });
    });
  }
}

async function expectFits(page: Page, what: string): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    width: innerWidth,
    height: innerHeight,
  }));
  expect(size.scrollWidth, `${what}: no sideways scrolling`).toBeLessThanOrEqual(size.width);
  expect(size.scrollHeight, `${what}: nothing below the fold`).toBeLessThanOrEqual(size.height);
}

/**
 * Fixed parts of every English message: plain strings as they are, messages with values split
 * at the values. Parts that German shares (names such as "Cluster", "Live") are left out.
 */
function englishFragments(): string[] {
  const HOLE = '\u0001';
  const fragments = new Set<string>();
  const german = new Set<string>();
  const collect = (table: Record<string, unknown>, into: Set<string>) => {
    for (const value of Object.values(table)) {
      const text = typeof value === 'function' ? String((value as (...a: unknown[]) => unknown)(HOLE, HOLE, HOLE)) : typeof value === 'string' ? value : null;
      if (text === null) {
        if (value && typeof value === 'object') collect(value as Record<string, unknown>, into);
        continue;
      }
      for (const part of text.split(HOLE)) {
        const trimmed = part.replace(/[\s.,:;·()…"“”„–-]+$/u, '').replace(/^[\s.,:;·()…"“”„–-]+/u, '');
        if (trimmed.length >= 4 && /[a-z]/i.test(trimmed)) into.add(trimmed);
      }
    }
  };
  for (const table of [liveMessages, powerMessages, garageMessages, sessionsMessages, shellMessages, errorMessages]) {
    collect(table.en as Record<string, unknown>, fragments);
    collect(table.de as Record<string, unknown>, german);
  }
  collect(chargerLabels.en as unknown as Record<string, unknown>, fragments);
  collect(chargerLabels.de as unknown as Record<string, unknown>, german);
  return [...fragments].filter((f) => ![...german].some((g) => g.includes(f)));
}
const ENGLISH = englishFragments();

async function expectNoEnglish(page: Page, what: string): Promise<void> {
  const text = await page.evaluate(() => document.body.innerText);
  const found = ENGLISH.filter((fragment) => new RegExp(`(^|[^\\p{L}])${fragment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}])`, 'u').test(text));
  expect(found, `${what}: English text on a German page`).toEqual([]);
}

async function expectAxeClean(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every visible control (or the label that makes it a target) is at least 44 × 44 px. */
async function expectTouchTargets(page: Page, what: string): Promise<void> {
  const small = await page.evaluate((min) => {
    const controls = document.querySelectorAll<HTMLElement>('a[href], button, select, input, textarea, summary, [tabindex]:not([tabindex="-1"])');
    const out: string[] = [];
    for (const el of Array.from(controls)) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const label = el.closest('label')?.getBoundingClientRect();
      const w = Math.max(box.width, label?.width ?? 0);
      const h = Math.max(box.height, label?.height ?? 0);
      if (w < min - 0.5 || h < min - 0.5) out.push(`${el.tagName.toLowerCase()} "${(el.textContent || el.getAttribute('aria-label') || '').trim().slice(0, 30)}" ${Math.round(w)}×${Math.round(h)}`);
    }
    return out;
  }, TOUCH_PX);
  expect(small, `${what}: controls smaller than ${TOUCH_PX}×${TOUCH_PX} px`).toEqual([]);
}

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
          await page.route('**/generalStatus', (route) => route.abort('connectionrefused'));
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

  test('/sessions on a phone: cards, no sideways scrolling, 44 px controls', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/sessions?lang=de');
    await expect(page.getByTestId('session-row').first()).toBeVisible();
    expect(await page.getByTestId('session-row').first().evaluate((el) => getComputedStyle(el).display)).toBe('grid');
    expect(await page.evaluate(() => document.documentElement.scrollWidth - innerWidth)).toBeLessThanOrEqual(0);
    await expectTouchTargets(page, '/sessions 390 px');
    await expectNoEnglish(page, '/sessions 390 px');
  });
});

test.describe('layout matrix: the garage', () => {
  test.use({ simulatorChargers: 4 });

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
