/**
 * The moment the browser tests live at. Every test starts its own world there: the simulator's
 * clock, our server's clock and the page's clock (e2e/fixtures.ts), all moving on together in real
 * time from that moment. So the suite gives the same result whatever the hour it runs at, and CI
 * can run it at the moments that used to break things (`E2E_CLOCK`, see .ci/run).
 */

/** The chargers' zone, the simulated households' and the tablets' (playwright.config.ts). */
export const ZONE = 'Europe/Berlin';

/** An ordinary weekday evening: nothing near midnight, a month's end or a clock change. */
const ORDINARY_EVENING = '2026-11-18T19:30:00+01:00';

/** `E2E_CLOCK`: an ISO instant with its offset (`2026-11-30T23:58:00+01:00`), else the evening above. */
export function pinnedMoment(value = process.env.E2E_CLOCK): number {
  const text = value?.trim() || ORDINARY_EVENING;
  const ms = /(Z|[+-]\d\d:\d\d)$/.test(text) ? Date.parse(text) : Number.NaN;
  if (Number.isNaN(ms)) throw new Error(`E2E_CLOCK must be an ISO instant with its offset, like 2026-11-30T23:58:00+01:00, not "${text}"`);
  return ms;
}

export const PINNED_MOMENT = pinnedMoment();

/** One test's clock: the pinned moment when the test began, then real time on from there. */
export interface World {
  /** The pinned moment, epoch ms. */
  readonly start: number;
  /** The world's time now, epoch ms: the same reading for the simulator, our server and the page. */
  now(): number;
}

export function startWorld(start = PINNED_MOMENT): World {
  const origin = Date.now();
  return { start, now: () => start + (Date.now() - origin) };
}

/** `YYYY-MM-DD` of a moment in the chargers' zone. */
export function localDay(ms: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: ZONE }).format(ms);
}
