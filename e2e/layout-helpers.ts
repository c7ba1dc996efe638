/** The layout matrix's checks (layout-matrix*.spec.ts): fit, touch size, language, axe. */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from './fixtures.ts';
import { rewriteJsonAnswers } from './rewrite-answer.ts';
import type { ChargerSnapshot } from '../contract/snapshot.ts';
import type { RunningSimulator } from '../server/simulator/simulator.ts';
import { TOUCH_PX } from '../src/shared/ui/touch.ts';

export const VIEWPORTS = [
  { width: 1024, height: 600 },
  { width: 1280, height: 800 },
  { width: 800, height: 1280 },
  { width: 1920, height: 1080 },
  { width: 2560, height: 1440 },
] as const;
export const STATES = ['idle', 'charging', 'fault', 'stale', 'two-connectors'] as const;
export type State = (typeof STATES)[number];
export const THEMES = ['dark', 'light'] as const;
export const LANGS = ['en', 'de'] as const;

/** One poll plus slack: how soon a failing status shows as stale. */
export const STALE_WITHIN = 15_000;

export async function chargerId(page: Page): Promise<string> {
  const { chargers } = await (await page.request.get('/api/chargers')).json();
  return chargers[0].id as string;
}

/** Puts the simulated charger (and, for two connectors, the status answer) into the state. */
export async function enterState(page: Page, sim: RunningSimulator, state: State): Promise<void> {
  const id = await chargerId(page);
  if (state === 'idle') sim.setConnector(id, 1, { status: 'Available', power: 0 });
  if (state === 'charging' || state === 'stale' || state === 'two-connectors') sim.setConnector(id, 1, { status: 'Charging', power: 10.7 });
  if (state === 'fault') sim.setConnector(id, 1, { status: 'Faulted', faultEventType: 'GroundFailure', faultEventDescription: 'Residual current detected (RCD)' });
  if (state === 'two-connectors') {
    // The built-in simulator has one connector per charger: the snapshot gets a second, idle one.
    // Pushed snapshots cannot be rewritten in flight, so this page polls: its event stream is
    // refused as a server at its stream limit refuses it (503), and the page falls back at once
    // to GET snapshot, which the route below rewrites.
    await page.route('**/api/events**', (route) =>
      route.fulfill({ status: 503, contentType: 'application/json', body: JSON.stringify({ error: { code: 'too_many_streams', message: 'too many event streams' } }) }),
    );
    await rewriteJsonAnswers<ChargerSnapshot>(page, '**/snapshot', (body) => {
      if (!body.connectors.ok) return body;
      const first = body.connectors.data[0]!;
      body.connectors.data.push({
        ...first,
        key: '1-2',
        connectorId: 2,
        label: '2',
        number: 2,
        series: 'connector2',
        state: { kind: 'available', raw: 'Available', reason: null, sessionOpen: false },
        powerKw: 0,
        session: null,
        fault: null,
      });
      return body;
    });
  }
}

export async function expectFits(page: Page, what: string): Promise<void> {
  const size = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    scrollHeight: document.documentElement.scrollHeight,
    width: innerWidth,
    height: innerHeight,
  }));
  expect(size.scrollWidth, `${what}: no sideways scrolling`).toBeLessThanOrEqual(size.width);
  expect(size.scrollHeight, `${what}: nothing below the fold`).toBeLessThanOrEqual(size.height);
}

// What a German page must not show lives with its own helpers.
export { expectNoEnglish } from './no-english.ts';

export async function expectAxeClean(page: Page, what: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  expect(results.violations.map((v) => `${what} ${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`)).toEqual([]);
}

/** Every visible control (or the label that makes it a target) is at least 44 × 44 px. */
export async function expectTouchTargets(page: Page, what: string): Promise<void> {
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

