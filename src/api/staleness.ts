/**
 * The one rule for "this charger's status is too old", shared by the live view's banner and the
 * garage's tiles. Judged by when the server received the last reading (corrected for this tablet's
 * clock), never by whether values changed: a charger is flat all night.
 */
import type { StreamTimings } from './status-stream.ts';

/**
 * Whether the last reading (`dataUpdatedAt` on this tablet's clock, 0 = none yet) is too old at
 * `now`, by the server's `staleAfterMs`.
 *
 * A reading more than an interval in the *future* counts as too old as well: the tablet's clock was
 * set back after the offset was learnt, so the data's age is unknown, and the display must say so
 * rather than look live. The slack is an interval plus one tick of the shared once-a-second ticker
 * that `now` comes from (`useNow`/`useNowSelector(NOW_TICK_MS)`), which can lag a reading that just
 * arrived by up to a tick: with the interval alone, a server polling every 500 ms made a fresh
 * reading look "in the future", so stale, until the next tick.
 */
export function isTooOld(dataUpdatedAt: number, now: number, timings: Pick<StreamTimings, 'staleAfterMs' | 'statusIntervalMs'>): boolean {
  if (dataUpdatedAt <= 0) return false; // nothing yet is "loading", not "old"
  const age = now - dataUpdatedAt;
  return age > timings.staleAfterMs || age < -(timings.statusIntervalMs + NOW_TICK_MS);
}

/** The period of the ticker whose `now` is passed to `isTooOld`. */
export const NOW_TICK_MS = 1_000;
