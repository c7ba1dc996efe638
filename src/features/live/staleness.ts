/**
 * Is the live data still live? Judged only by when the last *successful* fetch was (a charger is
 * flat all night, so unchanged values say nothing) and whether the latest fetch failed.
 */

/** After this many missed polls the data is stale even without an error (a throttled tab). */
export const STALE_AFTER_POLLS = 3;

export type Freshness =
  /** Fresh data, or the first answer is still on its way. */
  | 'live'
  /** The latest fetch failed; `dataUpdatedAt` tells how old what we show is (0 = nothing yet). */
  | 'failed'
  /** No error, but no success for too long either. */
  | 'late';

export function freshness(input: { dataUpdatedAt: number; failed: boolean; now: number; pollMs: number }): Freshness {
  if (input.failed) return 'failed';
  if (input.dataUpdatedAt > 0 && input.now - input.dataUpdatedAt > STALE_AFTER_POLLS * input.pollMs) return 'late';
  return 'live';
}

/** Whole seconds since the last success, never negative (clocks are not monotonic). */
export function ageSeconds(dataUpdatedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - dataUpdatedAt) / 1000));
}
