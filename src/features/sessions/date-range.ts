/**
 * The history's date range: presets and a custom range in the user's local calendar, turned
 * into the exact instants we cut by, and into the local months it is read in (each asked for with
 * `archivedSessionsQuery` in api/sessions-query.ts).
 */
import type { HistoryPiece } from './api/sessions-query.ts';
import { addDays, compareDates, daysInMonth, localDateOf, parseIsoDate, startOfLocalDay, type LocalDate } from '../../shared/time/local-calendar.ts';

export const RANGE_PRESETS = ['this-month', 'last-month', 'this-year', 'last-year', 'custom'] as const;
export type RangePreset = (typeof RANGE_PRESETS)[number];
export const DEFAULT_PRESET: RangePreset = 'this-month';

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
  return { ok: true, from, to, startMs, endMs };
}

/** The local month an instant falls in: its first instant and the next month's. */
export function monthOf(ms: number, zone: string): HistoryPiece {
  const { year, month } = localDateOf(ms, zone);
  const next = month === 12 ? { year: year + 1, month: 1, day: 1 } : { year, month: month + 1, day: 1 };
  return { startMs: startOfLocalDay({ year, month, day: 1 }, zone), endMs: startOfLocalDay(next, zone) };
}

/** The local months overlapping [startMs, endMs), oldest first. */
export function monthsOverlapping(startMs: number, endMs: number, zone: string): HistoryPiece[] {
  const months: HistoryPiece[] = [];
  for (let month = monthOf(startMs, zone); month.startMs < endMs; month = monthOf(month.endMs, zone)) months.push(month);
  return months;
}

/**
 * What the range is read in: a local year that lies wholly inside the range and is over, as one
 * piece; otherwise per local month the part inside the range (a preset's months are whole), only
 * those that have begun by `nowMs`. Depends on the time only through which months have begun, so
 * a range keeps the same queries, and a month that is over keeps its query, as time passes;
 * "this year" and "this month" share the current month's. A past year in one piece keeps a long
 * custom range to a few pages per year instead of a request per month (16 years of history: ~50
 * charger requests instead of ~320); the pieces change once a year, when a year ends.
 */
export function historyPieces(range: { startMs: number; endMs: number }, nowMs: number, zone: string): HistoryPiece[] {
  const pieces: HistoryPiece[] = [];
  for (const month of monthsOverlapping(range.startMs, range.endMs, zone)) {
    const piece = { startMs: Math.max(month.startMs, range.startMs), endMs: Math.min(month.endMs, range.endMs) };
    if (piece.startMs > nowMs) break;
    const year = yearOf(month.startMs, zone);
    if (year.startMs >= range.startMs && year.endMs <= range.endMs && year.endMs <= nowMs) {
      if (pieces.at(-1)?.startMs !== year.startMs) pieces.push(year);
    } else {
      pieces.push(piece);
    }
  }
  return pieces;
}

/** The local year an instant falls in: its first instant and the next year's. */
function yearOf(ms: number, zone: string): HistoryPiece {
  const { year } = localDateOf(ms, zone);
  return { startMs: startOfLocalDay({ year, month: 1, day: 1 }, zone), endMs: startOfLocalDay({ year: year + 1, month: 1, day: 1 }, zone) };
}
