/**
 * The history's date range: presets and a custom range in the user's local calendar, turned
 * into the exact instants we cut by and the wider window we ask the charger for (DESIGN §2).
 */
import type { SessionWindow } from '../../api/session-history.ts';
import { formatFilterTime } from '../../api/charger-parse.ts';
import { addDays, compareDates, daysInMonth, localDateOf, parseIsoDate, startOfLocalDay, type LocalDate } from '../../shared/time/local-calendar.ts';

export const RANGE_PRESETS = ['this-month', 'last-month', 'this-year', 'last-year', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = 'this-month';

const DAY_MS = 86_400_000;

/** What the URL says: a preset, and for `custom` the first and last day (`YYYY-MM-DD`). */
export interface RangeChoice {
  preset: RangePreset;
  from: string | null;
  to: string | null;
}

export type RangeProblem = 'from-missing' | 'to-missing' | 'from-invalid' | 'to-invalid' | 'end-before-start';

export type ResolvedRange =
  | {
      ok: true;
      /** First and last local day, inclusive. */
      from: LocalDate;
      to: LocalDate;
      /** Exact range: sessions with startMs ≤ chargingStartedTime < endMs. */
      startMs: number;
      endMs: number;
      /** What the charger is asked for: a day wider on each side. */
      window: SessionWindow;
    }
  | { ok: false; problem: RangeProblem };

export function parsePreset(value: string | null): RangePreset {
  return (RANGE_PRESETS as readonly string[]).includes(value ?? '') ? (value as RangePreset) : DEFAULT_PRESET;
}

/** The first and last local day of a preset, seen from `nowMs` in `zone`. */
export function presetDays(preset: Exclude<RangePreset, 'custom'>, nowMs: number, zone: string): { from: LocalDate; to: LocalDate } {
  const today = localDateOf(nowMs, zone);
  switch (preset) {
    case 'this-month':
      return { from: { ...today, day: 1 }, to: { ...today, day: daysInMonth(today.year, today.month) } };
    case 'last-month': {
      const year = today.month === 1 ? today.year - 1 : today.year;
      const month = today.month === 1 ? 12 : today.month - 1;
      return { from: { year, month, day: 1 }, to: { year, month, day: daysInMonth(year, month) } };
    }
    case 'this-year':
      return { from: { year: today.year, month: 1, day: 1 }, to: { year: today.year, month: 12, day: 31 } };
    case 'last-year':
      return { from: { year: today.year - 1, month: 1, day: 1 }, to: { year: today.year - 1, month: 12, day: 31 } };
  }
}

export function resolveRange(choice: RangeChoice, nowMs: number, zone: string): ResolvedRange {
  let from: LocalDate;
  let to: LocalDate;
  if (choice.preset === 'custom') {
    if (!choice.from) return { ok: false, problem: 'from-missing' };
    if (!choice.to) return { ok: false, problem: 'to-missing' };
    const parsedFrom = parseIsoDate(choice.from);
    if (!parsedFrom) return { ok: false, problem: 'from-invalid' };
    const parsedTo = parseIsoDate(choice.to);
    if (!parsedTo) return { ok: false, problem: 'to-invalid' };
    if (compareDates(parsedTo, parsedFrom) < 0) return { ok: false, problem: 'end-before-start' };
    from = parsedFrom;
    to = parsedTo;
  } else {
    ({ from, to } = presetDays(choice.preset, nowMs, zone));
  }
  const startMs = startOfLocalDay(from, zone);
  const endMs = startOfLocalDay(addDays(to, 1), zone);
  return { ok: true, from, to, startMs, endMs, window: filterWindow(startMs, endMs) };
}

/**
 * The charger reads the filter's times in whatever zone it assumes (the simulator: its own
 * local zone). Sent as the UTC instant and a day wider on each side, the window holds the exact
 * range for any zone offset (all are within ±14 h); we cut to the exact range ourselves.
 */
export function filterWindow(startMs: number, endMs: number): SessionWindow {
  return { from: formatFilterTime(startMs - DAY_MS), to: formatFilterTime(endMs + DAY_MS) };
}

/** The sessions that belong to the exact range, by when they started charging. */
export function cutToRange<T extends { chargingStartedTime: number | null }>(sessions: readonly T[], startMs: number, endMs: number): T[] {
  return sessions.filter((s) => s.chargingStartedTime !== null && s.chargingStartedTime >= startMs && s.chargingStartedTime < endMs);
}
