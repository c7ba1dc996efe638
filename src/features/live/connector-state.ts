/**
 * The live card's clocks: how far a running session's duration ticks on between readings, and when
 * a moment needs its date. What a status means (a session open, a fault) is the snapshot's.
 */

/**
 * The session duration shown now: the charger's value plus the time since it was fetched, so the
 * clock ticks between polls of an open session. It stops after `maxExtrapolationMs` without a new
 * answer (the charger may be gone) instead of running on, and it never goes below the charger's
 * own value.
 */
export function tickingSeconds(reportedSeconds: number | null, fetchedAt: number, now: number, maxExtrapolationMs: number): number | null {
  if (reportedSeconds === null) return null;
  if (fetchedAt <= 0) return reportedSeconds;
  const elapsed = Math.min(Math.max(0, now - fetchedAt), maxExtrapolationMs);
  return reportedSeconds + Math.floor(elapsed / 1000);
}

/** How far from now a moment may lie and still be told by its time alone ("18:22", no day). */
const BARE_TIME_WITHIN_MS = 20 * 3600_000;

/**
 * Planned departure: a bare time only when it lies within the next `withinMs` (tomorrow morning's
 * 07:30); one in the past or further off needs its date, or "07:30" would read as tomorrow.
 */
export function departureNeedsDate(departureMs: number, now: number, withinMs = BARE_TIME_WITHIN_MS): boolean {
  const ahead = departureMs - now;
  return ahead < 0 || ahead >= withinMs;
}

/**
 * A past moment ("since 18:22"): a bare time only while it lies within the last `withinMs`; at
 * 07:00, 18:22 can only be last evening. An older one needs its date, or "since 18:22" would hide
 * the days a charger has been offline or a car has stood plugged in.
 */
export function pastMomentNeedsDate(momentMs: number, now: number, withinMs = BARE_TIME_WITHIN_MS): boolean {
  return now - momentMs >= withinMs;
}
