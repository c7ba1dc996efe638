/**
 * Is the live data still live? The latest fetch failed, or the last success is too old by the
 * shared rule (src/api/staleness.ts), which the garage's tiles use too.
 */
import { isTooOld } from '../../api/staleness.ts';
import type { StreamTimings } from '../../api/status-stream.ts';

export type Freshness =
  /** Fresh data, or the first answer is still on its way. */
  | 'live'
  /** The latest fetch failed; `dataUpdatedAt` tells how old what we show is (0 = nothing yet). */
  | 'failed'
  /** No error, but no success for too long either (or the clock was set back past it). */
  | 'late';

export function freshness(input: {
  dataUpdatedAt: number;
  failed: boolean;
  now: number;
  timings: Pick<StreamTimings, 'staleAfterMs' | 'statusIntervalMs'>;
}): Freshness {
  if (input.failed) return 'failed';
  return isTooOld(input.dataUpdatedAt, input.now, input.timings) ? 'late' : 'live';
}

/** Whole seconds since the last success, never negative (clocks are not monotonic). */
export function ageSeconds(dataUpdatedAt: number, now: number): number {
  return Math.max(0, Math.floor((now - dataUpdatedAt) / 1000));
}
