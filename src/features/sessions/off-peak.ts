/**
 * The off-peak price: a second price per kWh for a time of day (e.g. 22:00–06:00 local). A
 * session's energy is split by its 5-minute power profile: the share of its profile energy that
 * fell into the off-peak window. Where the charger has no profile for a session (older than its
 * profile history, or the profile request failed) the split is estimated by charging time.
 */
import { parseChargerTime } from '../../api/charger-parse.ts';
import type { PowerPointWire } from '../../api/charger-schemas.ts';
import { MAX_PROFILE_SPAN_MS } from '../../api/proxy-query-schemas.ts';
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

/** Power-profile requests covering [startMs, endMs): at most 35 days each (our server's limit). */
export function profileChunks(startMs: number, endMs: number, maxSpanMs = MAX_PROFILE_SPAN_MS): { fromTime: string; toTime: string }[] {
  const chunks: { fromTime: string; toTime: string }[] = [];
  // Aligned to 5 minutes, so the chunks are the same questions for every tablet.
  let from = Math.floor(startMs / STEP_MS) * STEP_MS;
  const end = Math.ceil(endMs / STEP_MS) * STEP_MS;
  while (from < end) {
    const to = Math.min(end, from + Math.floor(maxSpanMs / STEP_MS) * STEP_MS);
    chunks.push({ fromTime: new Date(from).toISOString(), toTime: new Date(to).toISOString() });
    from = to;
  }
  return chunks;
}

/** One connector's 5-minute points, sorted by start time; kW values. */
export interface ProfileSeries {
  start: number[];
  kw: number[];
}

/** The points of `measure` (e.g. `connector1`) from several answers; non-numeric values are skipped. */
export function seriesOf(answers: readonly (readonly PowerPointWire[])[], measure: string): ProfileSeries {
  const points: [number, number][] = [];
  for (const answer of answers) {
    for (const point of answer) {
      const value = point[measure];
      // The charger's own time rules (a time without a zone is UTC), as the power chart reads them.
      const time = parseChargerTime(point.time);
      if (typeof value === 'number' && Number.isFinite(value) && value >= 0 && time !== null) points.push([time, value]);
    }
  }
  points.sort((a, b) => a[0] - b[0]);
  return { start: points.map((p) => p[0]), kw: points.map((p) => p[1]) };
}

function firstIndexAtOrAfter(sorted: number[], value: number): number {
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
