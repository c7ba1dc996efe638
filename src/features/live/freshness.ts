/**
 * Is the live data still live? The latest fetch failed, or the last success is too old by the
 * shared rule (src/api/staleness.ts), which the garage's tiles use too.
 */
import type { ChargerSnapshot } from '../../../contract/snapshot.ts';
import { isTooOld } from '../../api/staleness.ts';
import type { StreamTimings } from '../../api/status-stream.ts';
import type { ErrorLike } from '../../shared/ui/error-text.ts';

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

/**
 * Why the values are old, the page's own trouble first: our server unreachable (the query's
 * error), else the server's word that it could not read the charger (the snapshot's problem).
 */
export function problemOf(error: ErrorLike | null, snapshot: ChargerSnapshot | undefined): ErrorLike | null {
  if (error) return error;
  const problem = snapshot?.problem;
  return problem ? { kind: 'server', code: problem.code, message: problem.message } : null;
}
