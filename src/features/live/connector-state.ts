/**
 * What a connector's raw status means for the wall display (its colour and icon come from the
 * shared status language, src/shared/ui/status-style.ts): whether a session is
 * open (so its energy and duration are live and the clock ticks), and how far to tick.
 */
import { KNOWN_CONNECTOR_STATUSES } from '../../../contract/charger-schemas.ts';

/** Statuses of an open session. Suspended time counts: the charger's duration runs on then too. */
const SESSION_STATUSES: readonly string[] = ['Charging', 'SuspendedEV', 'SuspendedEVSE'];

const known = (status: string) => (KNOWN_CONNECTOR_STATUSES as readonly string[]).includes(status);

export interface ConnectorLike {
  status: string;
  power: number | null;
  faultEventType: string | null;
  faultEventDescription: string | null;
}

export function hasFault(online: ConnectorLike): boolean {
  return Boolean(online.faultEventType || online.faultEventDescription);
}

/**
 * Whether the connector's session figures (consumedEnergy, chargingDuration) are live. An idle
 * connector keeps reporting the last session's numbers, like the real charger; those are not.
 */
export function sessionOpen(online: ConnectorLike | null): boolean {
  if (!online) return false;
  if (SESSION_STATUSES.includes(online.status)) return true;
  return !known(online.status) && (online.power ?? 0) > 0;
}

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

/** `L123` → `L1 L2 L3`; anything else as sent. */
export function phasesLabel(phaseUsed: string | null): string | null {
  if (!phaseUsed) return null;
  return /^L[123]{2,3}$/.test(phaseUsed) ? [...phaseUsed.slice(1)].map((d) => `L${d}`).join(' ') : phaseUsed;
}
