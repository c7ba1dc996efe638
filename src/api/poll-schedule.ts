/**
 * When to poll next. A fixed `refetchInterval` starts counting when the page mounts, so ten
 * tablets ask for a charger's status at ten unrelated moments and the server's 2 s cache rarely
 * helps: the charger sees two or three requests per period instead of one. Instead every tablet
 * polls a given charger at the same phase of the wall clock (derived from its id), so their
 * requests land in one cache window; and different chargers get different phases, so a garage's
 * fifty status requests are spread over the period instead of arriving in one burst.
 */
import type { FetchStatus } from '@tanstack/react-query';

/**
 * Never poll again sooner than this share of the period after the previous answer: keeps a fetch
 * on mount or on focus from being followed by a slot a moment later, yet lets an answer that came
 * late (a loaded tablet or server) still make the next slot.
 */
const MIN_GAP_SHARE = 0.2;
/**
 * When a poll is overdue (the tab slept or is hidden), how soon to catch up. TanStack Query keeps
 * running the interval with this delay while the tab is hidden (it only skips the fetch), so a few
 * ms would wake a hidden tab constantly for nothing; coming back fetches at once anyway (focus).
 */
const OVERDUE_DELAY_MS = 1_000;
/** The shortest timer for a slot that is just ahead, so the slot is kept without a busy loop. */
const MIN_TIMER_MS = 50;

/** A stable phase in [0, periodMs) for a key (FNV-1a, so ids like platz4/platz5 spread well). */
export function phaseOf(key: string, periodMs: number): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    hash ^= key.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % periodMs;
}

/**
 * Ms from `nowMs` until the next poll: the first moment at `phaseMs` (mod `periodMs`) that is at
 * least 20 % of a period after the last answer. Computed from the last answer, not from `now`, so
 * recomputing it (TanStack Query does on every render) always names the same moment.
 *
 * Never more than `periodMs * (1 + MIN_GAP_SHARE)`, the longest wait a last answer in the past
 * can give: a last answer in the future means the tablet's clock was set back, and waiting for
 * it would stop polling for as long as the clock jumped (an hour, at the end of summer time on a
 * tablet without automatic time).
 */
export function delayUntilNextPoll(lastAnswerMs: number, nowMs: number, periodMs: number, phaseMs: number): number {
  const earliest = lastAnswerMs + periodMs * MIN_GAP_SHARE;
  const offset = (((phaseMs - earliest) % periodMs) + periodMs) % periodMs;
  const target = earliest + offset;
  if (target <= nowMs) return OVERDUE_DELAY_MS;
  return Math.min(periodMs * (1 + MIN_GAP_SHARE), Math.max(MIN_TIMER_MS, Math.round(target - nowMs)));
}

/** A `refetchInterval` function polling every `periodMs` at the wall-clock phase of `key`. */
export function phaseAlignedInterval(periodMs: number, key: string) {
  const phase = phaseOf(key, periodMs);
  return (query: { state: { fetchStatus: FetchStatus; dataUpdatedAt: number; errorUpdatedAt: number } }): number => {
    const { fetchStatus, dataUpdatedAt, errorUpdatedAt } = query.state;
    // While a request runs there is nothing to schedule; the answer recomputes the delay. The
    // period is only a fallback (TanStack Query does not start a second request meanwhile).
    if (fetchStatus === 'fetching') return periodMs;
    const lastAnswer = Math.max(dataUpdatedAt, errorUpdatedAt);
    if (lastAnswer === 0) return periodMs;
    return delayUntilNextPoll(lastAnswer, Date.now(), periodMs, phase);
  };
}
