/**
 * The off-peak price: a second price per kWh for a time of day (e.g. 22:00–06:00 local). A
 * session's energy is split by its 5-minute power profile: the share of its profile energy that
 * fell into the off-peak window. Where the charger has no profile for a session (older than its
 * profile history, or the profile request failed) the split is estimated by charging time.
 *
 * The profile is read per local month and connector (`monthProfilePlan`): keyed by the month, not
 * by the time, so a month that is over is read once and kept, and the current one asks only for
 * what is new.
 */
import { parseChargerTime } from '../../api/charger-parse.ts';
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import type { PowerProfilePlan, PowerProfileRequest } from '../../api/power-profile-query.ts';
import { SESSIONS_POLL_MS } from '../../api/queries.ts';
import type { HistoryPiece } from '../../api/session-history.ts';
import { wallMs } from '../../shared/time/local-calendar.ts';

const MINUTE_MS = 60_000;
const STEP_MS = 5 * MINUTE_MS;
const DAY_MS = 86_400_000;

/** Local minutes since midnight; `from` = `to` is not a window. Wraps midnight when from > to. */
export interface OffPeakWindow {
  from: number;
  to: number;
}

export function inWindow(minuteOfDay: number, window: OffPeakWindow): boolean {
  return window.from < window.to
    ? minuteOfDay >= window.from && minuteOfDay < window.to
    : minuteOfDay >= window.from || minuteOfDay < window.to;
}

/** Local minutes since local midnight of an instant. */
export function minuteOfDay(ms: number, zone: string): number {
  const wall = wallMs(ms, zone);
  return Math.floor((((wall % DAY_MS) + DAY_MS) % DAY_MS) / MINUTE_MS);
}

/** `22:00` → 1320; null unless HH:MM. */
export function parseClock(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text.trim());
  if (!match) return null;
  const [h, m] = [Number(match[1]), Number(match[2])];
  return h < 24 && m < 60 ? h * 60 + m : null;
}

export function formatClock(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/**
 * One connector's 5-minute points, sorted by start time; kW values. Typed arrays: a month is ~9,000
 * points, and TanStack Query compares plain arrays element by element, typed ones by identity.
 */
export interface ProfileSeries {
  start: ArrayLike<number>;
  kw: ArrayLike<number>;
}

/** A profile value we can use: a finite kW number ≥ 0 (anything else says nothing). */
const readKw = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) && value >= 0 ? value : null);

/** The points of `measure` (e.g. `connector1`) from several answers; non-numeric values are skipped. */
export function seriesOf(answers: readonly (readonly PowerPointWire[])[], measure: string): ProfileSeries {
  const points: [number, number][] = [];
  for (const answer of answers) {
    for (const point of answer) {
      const value = readKw(point[measure]);
      // The charger's own time rules (a time without a zone is UTC), as the power chart reads them.
      const time = parseChargerTime(point.time);
      if (value !== null && time !== null) points.push([time, value]);
    }
  }
  points.sort((a, b) => a[0] - b[0]);
  return { start: Float64Array.from(points, (p) => p[0]), kw: Float64Array.from(points, (p) => p[1]) };
}

/** Series of consecutive, non-overlapping spans (months, oldest first) as one. */
export function joinSeries(parts: readonly ProfileSeries[]): ProfileSeries {
  if (parts.length === 1) return parts[0]!;
  const length = parts.reduce((sum, p) => sum + p.start.length, 0);
  const start = new Float64Array(length);
  const kw = new Float64Array(length);
  let offset = 0;
  for (const part of parts) {
    start.set(part.start, offset);
    kw.set(part.kw, offset);
    offset += part.start.length;
  }
  return { start, kw };
}

// ---------------------------------------------------------------------------------------------
// Reading the profile per month

/** One connector's profile over one local month, as far as it has been asked for. */
export interface MonthProfile extends ProfileSeries {
  /** Start of the newest slot asked for: the data covers [month start, askedUntil]. */
  askedUntil: number;
  /** When that was asked (epoch ms). */
  askedAt: number;
}

/**
 * A month that ended is final once asked again this long after its end: the charger writes a
 * 5-minute point shortly after its interval, and the proxy's answers are cached for 10 s.
 */
export const PROFILE_SETTLE_MS = 10 * 60_000;
/**
 * How far back a poll asks again when the newest point is older (the charger was off): points
 * written late within this hour are still caught, and a long outage never makes the tail grow.
 */
const REASK_MS = 60 * MINUTE_MS;

const floorToStep = (ms: number) => Math.floor(ms / STEP_MS) * STEP_MS;

/**
 * How one connector's profile of one local month is read for the off-peak split (through the one
 * `/powerProfile` factory, `powerProfileQuery`): the whole month up to now once, then while the
 * month lasts, every 5 minutes (the sessions interval) only what is new, re-asking from the newest
 * point. The cache key names the month, never the time, so it stays the same for as long as the
 * month is shown: a past month is read once (a month is at most 31 days and an hour, within our
 * server's 35-day limit), and nothing falls back to an estimate while a poll runs.
 */
export function monthProfilePlan(month: HistoryPiece, connector: number, nowMs: number): PowerProfilePlan<MonthProfile> {
  const lastSlot = month.endMs - STEP_MS;
  const newestFinished = (now: number) => Math.min(lastSlot, floorToStep(now) - STEP_MS);
  const settled = (data: MonthProfile | undefined) => data !== undefined && data.askedUntil >= lastSlot && data.askedAt >= month.endMs + PROFILE_SETTLE_MS;
  return {
    view: `month:${new Date(month.startMs).toISOString()}/${new Date(month.endMs).toISOString()}`,
    measure: `connector${connector}`,
    live: nowMs < month.endMs + PROFILE_SETTLE_MS,
    pollMs: SESSIONS_POLL_MS,
    settled,
    next(previous, now): PowerProfileRequest | null {
      const until = newestFinished(now);
      if (until < month.startMs) return null; // not one whole interval of the month yet
      if (settled(previous)) return null;
      if (!previous) return { fromMs: month.startMs, toMs: Math.max(until, month.startMs + STEP_MS) };
      // Up to date, except that the end of a month is asked once more after it has settled.
      if (previous.askedUntil >= until && (until < lastSlot || now < month.endMs + PROFILE_SETTLE_MS)) return null;
      const newest = previous.start.length > 0 ? previous.start[previous.start.length - 1]! : Number.NEGATIVE_INFINITY;
      const fromMs = Math.min(until, Math.max(month.startMs, previous.askedUntil - REASK_MS, newest));
      // The server wants fromTime < toTime; one slot more at the end is simply not there yet.
      return { fromMs, toMs: Math.max(until, fromMs + STEP_MS) };
    },
    merge(previous, points, now, request) {
      const empty = { start: new Float64Array(0), kw: new Float64Array(0), askedUntil: month.startMs - STEP_MS, askedAt: 0 };
      const base = previous ?? empty;
      if (!request) return previous ?? empty;
      // Newer answers win: the asked span is replaced by the answer, the rest is kept.
      const fresh = seriesOf([points], `connector${connector}`);
      const byStart = new Map<number, number>();
      for (let i = 0; i < base.start.length; i++) {
        const t = base.start[i]!;
        if (t < request.fromMs || t > request.toMs) byStart.set(t, base.kw[i]!);
      }
      for (let i = 0; i < fresh.start.length; i++) {
        const t = fresh.start[i]!;
        if (t >= month.startMs && t < month.endMs) byStart.set(t, fresh.kw[i]!);
      }
      const starts = [...byStart.keys()].sort((a, b) => a - b);
      return {
        start: Float64Array.from(starts),
        kw: Float64Array.from(starts, (t) => byStart.get(t)!),
        askedUntil: Math.max(base.askedUntil, Math.min(request.toMs, newestFinished(now))),
        askedAt: now,
      };
    },
  };
}

function firstIndexAtOrAfter(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The off-peak share (0–1) of a session's energy by its power profile: the 5-minute intervals
 * overlapping [started, ended). Null when the profile holds no energy for it (no points).
 */
export function profileShare(series: ProfileSeries | undefined, started: number, ended: number, zone: string, window: OffPeakWindow): number | null {
  if (!series || series.start.length === 0) return null;
  let total = 0;
  let off = 0;
  for (let i = firstIndexAtOrAfter(series.start, started - STEP_MS + 1); i < series.start.length && series.start[i]! < ended; i++) {
    const kw = series.kw[i]!;
    total += kw;
    if (inWindow(minuteOfDay(series.start[i]!, zone), window)) off += kw;
  }
  return total > 0 ? off / total : null;
}

/** The off-peak share of [started, ended) by time alone: the estimate without a profile. */
export function timeShare(started: number, ended: number, zone: string, window: OffPeakWindow): number {
  if (ended <= started) return inWindow(minuteOfDay(started, zone), window) ? 1 : 0;
  let total = 0;
  let off = 0;
  for (let t = started; t < ended; t += STEP_MS) {
    const span = Math.min(STEP_MS, ended - t);
    total += span;
    if (inWindow(minuteOfDay(t, zone), window)) off += span;
  }
  return off / total;
}
