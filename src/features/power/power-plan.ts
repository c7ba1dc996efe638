/**
 * How the chart's view of the power profile is fetched: the whole window once, then every poll
 * only the tail since the newest point (re-asking that point, so a late correction wins), folded
 * into the grid and trimmed to the window. A wall display running for weeks keeps one window of
 * data and asks the charger for a handful of points a minute.
 */
import type { PowerProfilePlan, PowerProfileRequest } from '../../api/power-profile-query.ts';
import { lastPresent, mergePoints, type PowerGrid } from './power-grid.ts';
import { STEP_MS, rangeKey, windowAt, type PowerRange } from './power-range.ts';

export function powerPlan(range: PowerRange, measures: readonly string[], nowMs = Date.now()): PowerProfilePlan<PowerGrid> {
  /** Whether `previous` can be continued, or the window has to be asked for as a whole. */
  const continuable = (previous: PowerGrid | undefined, windowFrom: number) => {
    const last = previous ? lastPresent(previous) : null;
    return last !== null && last >= windowFrom ? last : null;
  };
  return {
    view: rangeKey(range),
    measure: measures.join(','),
    live: windowAt(range, nowMs).live,
    next(previous, now): PowerProfileRequest | null {
      const w = windowAt(range, now);
      if (w.until < w.from) return null; // a day that has not begun
      const last = continuable(previous, w.from);
      if (last !== null && last >= w.until) return null; // up to date
      const fromMs = last ?? w.from;
      // The server wants fromTime < toTime; one slot more at the end is simply not there yet.
      return { fromMs, toMs: Math.max(w.until, fromMs + STEP_MS) };
    },
    merge(previous, points, now) {
      const w = windowAt(range, now);
      return mergePoints(continuable(previous, w.from) !== null ? previous : undefined, points, w, measures);
    },
  };
}
