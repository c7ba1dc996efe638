/**
 * The off-peak price: a second price per kWh for a time of day (e.g. 22:00–06:00 local). A
 * session's energy is split by its 5-minute power profile: the share of its profile energy that
 * fell into the off-peak window. Where the charger has no profile for a session (older than its
 * profile history, or the profile request failed) the split is estimated by charging time.
 *
 * The profile is read per local month from the archive (`GET /power?step=5m`, api/month-power-query.ts):
 * keyed by the month, not by the time, so a month that is over is read once and kept.
 */
import type { ArchivePowerPoint } from '../../api/archive-schemas.ts';
import { PROFILE_STEP_MS, readPowerKw } from '../../../contract/charger-schemas.ts';
import { wallMs } from '../../shared/time/local-calendar.ts';

const MINUTE_MS = 60_000;
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

/**
 * The points of `measure` (e.g. `connector1`) from the archive's 5-minute answer. Values the
 * shared rule (`readPowerKw`) does not accept (negative, implausibly large) say nothing, exactly as
 * the chart leaves them out.
 */
export function seriesOf(points: readonly ArchivePowerPoint[], measure: string): ProfileSeries {
  const kept: [number, number][] = [];
  for (const point of points) {
    const value = readPowerKw(point.kW[measure]);
    if (typeof value === 'number') kept.push([point.time, value]);
  }
  kept.sort((a, b) => a[0] - b[0]);
  return { start: Float64Array.from(kept, (p) => p[0]), kw: Float64Array.from(kept, (p) => p[1]) };
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
  for (let i = firstIndexAtOrAfter(series.start, started - PROFILE_STEP_MS + 1); i < series.start.length && series.start[i]! < ended; i++) {
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
  for (let t = started; t < ended; t += PROFILE_STEP_MS) {
    const span = Math.min(PROFILE_STEP_MS, ended - t);
    total += span;
    if (inWindow(minuteOfDay(t, zone), window)) off += span;
  }
  return off / total;
}
