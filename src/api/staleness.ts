/**
 * The one rule for "this charger's status has gone unanswered for too long", shared by the live
 * view's banner and the garage's tiles. Judged only by when the last *successful* fetch was (a
 * charger is flat all night, so unchanged values say nothing), never by whether values changed.
 */
import { STATUS_POLL_MS } from './queries.ts';

/** After this many missed polls the data is stale even without an error (a stuck request, a throttled tab). */
export const STALE_AFTER_POLLS = 3;

/**
 * How far in the future a last success may lie before it counts as too old: the tablet's clock
 * was set back, so its age is unknown, and the display must say so rather than look live.
 */
export const CLOCK_SLACK_MS = 1_000;

/** Whether the last success (`dataUpdatedAt`, 0 = none yet) is too old to count as live at `now`. */
export function isTooOld(dataUpdatedAt: number, now: number, pollMs: number = STATUS_POLL_MS): boolean {
  if (dataUpdatedAt <= 0) return false; // nothing yet is "loading", not "old"
  const age = now - dataUpdatedAt;
  return age > STALE_AFTER_POLLS * pollMs || age < -CLOCK_SLACK_MS;
}
