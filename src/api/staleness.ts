/**
 * The one rule for "this charger's status has gone unanswered for too long", shared by the live
 * view's banner and the garage's tiles. Judged only by when the last *successful* fetch was (a
 * charger is flat all night, so unchanged values say nothing), never by whether values changed.
 */
import { STATUS_POLL_MS } from './queries.ts';

/** After this many missed polls the data is stale even without an error (a stuck request, a throttled tab). */
export const STALE_AFTER_POLLS = 3;

/**
 * Whether the last success (`dataUpdatedAt`, 0 = none yet) is too old to count as live at `now`.
 *
 * A last success more than a poll period in the *future* counts as too old as well: the tablet's
 * clock was set back, so the data's age is unknown, and the display must say so rather than look
 * live. The period is the slack because `now` comes from a shared once-a-second ticker that can
 * lag behind a fetch that just finished (more so in a tab the browser throttles).
 */
export function isTooOld(dataUpdatedAt: number, now: number, pollMs: number = STATUS_POLL_MS): boolean {
  if (dataUpdatedAt <= 0) return false; // nothing yet is "loading", not "old"
  const age = now - dataUpdatedAt;
  return age > STALE_AFTER_POLLS * pollMs || age < -pollMs;
}
