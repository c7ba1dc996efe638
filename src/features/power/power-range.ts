/**
 * The chart's range: the last 6 h / 24 h / 7 days ("now", polled) or one calendar day of the
 * charger's calendar (its zone, whatever the tablet's), drawn as 5-minute lines; or the last 30 days / 12 months / one calendar
 * month, drawn as daily / monthly / daily energy bars. It lives in the URL
 * (`?range=6h|7d|30d|12m`, default 24 h without a parameter; `?day=YYYY-MM-DD` wins when valid,
 * then `?month=YYYY-MM`), so a pinned wall display keeps its choice across reloads. A month is
 * where a month's bar leads (a day's bar leads to its day). Calendar days are the shared local
 * calendar's (src/shared/time/), the history's too.
 */
import { PROFILE_STEP_MS } from '../../../contract/charger-schemas.ts';
import { addDays, daysInMonth, formatIsoDate, localDateOf, parseIsoDate, startOfLocalDay, type LocalDate } from '../../shared/time/local-calendar.ts';

/** The charger's profile step (defined once, with the power schema). Every time we ask for or keep is a multiple of it. */
export const STEP_MS = PROFILE_STEP_MS;

export const LAST_SPANS = ['6h', '24h', '7d'] as const;
export type LastSpan = (typeof LAST_SPANS)[number];

/** Ranges drawn as energy bars: a bar per local day, a bar per local month. */
export const ENERGY_SPANS = ['30d', '12m'] as const;
export type EnergySpan = (typeof ENERGY_SPANS)[number];

/** The ranges drawn as energy bars: a rolling span, or one calendar month (`YYYY-MM`). */
export type EnergyRange = { kind: 'energy'; span: EnergySpan } | { kind: 'month'; month: string };

export type PowerRange = { kind: 'last'; span: LastSpan } | { kind: 'day'; day: string } | EnergyRange;

/** Ranges drawn as 5-minute lines. */
export type LinesRange = Exclude<PowerRange, EnergyRange>;

export const isEnergyRange = (range: PowerRange): range is EnergyRange => range.kind === 'energy' || range.kind === 'month';

export const DEFAULT_RANGE: PowerRange & { kind: 'last' } = { kind: 'last', span: '24h' };

const SPAN_MS: Record<LastSpan, number> = {
  '6h': 6 * 3_600_000,
  '24h': 24 * 3_600_000,
  '7d': 7 * 86_400_000,
};

/** Unknown or malformed values fall back to the default rather than an error: a URL is user input. */
export function parseRange(params: URLSearchParams): PowerRange {
  // A real calendar date (no 2026-02-30), written the one way, so it names one cache entry.
  const day = parseIsoDate(params.get('day'));
  if (day) return { kind: 'day', day: formatIsoDate(day) };
  const month = parseMonth(params.get('month'));
  if (month) return { kind: 'month', month: formatMonth(month) };
  const span = params.get('range');
  if (span && (LAST_SPANS as readonly string[]).includes(span)) return { kind: 'last', span: span as LastSpan };
  if (span && (ENERGY_SPANS as readonly string[]).includes(span)) return { kind: 'energy', span: span as EnergySpan };
  return DEFAULT_RANGE;
}

/** The URL changes that select `range`; other parameters (charger, lang, kiosk, theme) stay. */
export function rangeParams(range: PowerRange): Record<string, string | null> {
  if (range.kind === 'day') return { range: null, day: range.day, month: null };
  if (range.kind === 'month') return { range: null, day: null, month: range.month };
  if (range.kind === 'energy') return { range: range.span, day: null, month: null };
  return { range: range.span === DEFAULT_RANGE.span ? null : range.span, day: null, month: null };
}

/** Names the range in cache keys. */
export function rangeKey(range: PowerRange): string {
  if (range.kind === 'day') return `day:${range.day}`;
  if (range.kind === 'month') return `month:${range.month}`;
  return `${range.kind}:${range.span}`;
}

/** A calendar month as its first day; `YYYY-MM` only, a real month (a URL is user input). */
export function parseMonth(text: string | null | undefined): LocalDate | null {
  const match = /^(\d{4})-(\d{2})$/.exec(text?.trim() ?? '');
  return match ? parseIsoDate(`${match[1]}-${match[2]}-01`) : null;
}

/** `YYYY-MM` */
export const formatMonth = (date: LocalDate) => formatIsoDate(date).slice(0, 7);

/** The charger's calendar day (in `zone`) of an instant, as `YYYY-MM-DD`. */
export function localDay(epochMs: number, zone: string): string {
  return formatIsoDate(localDateOf(epochMs, zone));
}

export const floorToStep = (epochMs: number) => Math.floor(epochMs / STEP_MS) * STEP_MS;

/**
 * The slots a range covers at `nowMs`. A slot is one 5-minute interval, named by its start (as the
 * charger names its points). All values are 5-minute aligned, so tablets showing the same range
 * ask the server identical questions and share its answer.
 */
export interface PowerWindow {
  /** First slot. */
  from: number;
  /** Last slot of the window (for a day: the one starting at 23:55). */
  to: number;
  /** Last slot that can have a value now: intervals still running have none yet. */
  until: number;
  /** The window reaches the present, so new points keep arriving. */
  live: boolean;
}

export function windowAt(range: PowerRange, nowMs: number, zone: string): PowerWindow {
  // The interval that started at floorToStep(now) is still running; the one before it is the newest.
  const newest = floorToStep(nowMs) - STEP_MS;
  const day = range.kind === 'day' ? parseIsoDate(range.day) : null;
  if (!day) {
    const span = range.kind === 'last' ? range.span : DEFAULT_RANGE.span;
    return { from: newest - SPAN_MS[span] + STEP_MS, to: newest, until: newest, live: true };
  }
  // Local midnights; a DST day has 23 or 25 hours.
  const from = startOfLocalDay(day, zone);
  const to = startOfLocalDay(addDays(day, 1), zone) - STEP_MS;
  return { from, to, until: Math.min(to, newest), live: newest < to };
}

/**
 * Why a range's lines are still empty at `nowMs`: its day has not begun ('day'), or it has but its
 * first 5-minute step has not ended (the first minutes after midnight: 'step'); null otherwise.
 */
export function notYetReason(window: PowerWindow, nowMs: number): 'day' | 'step' | null {
  if (window.from > nowMs) return 'day';
  return window.until < window.from ? 'step' : null;
}

/**
 * The local days an energy range covers at `nowMs`: the last 30 days including today, or the
 * last 12 months including this one (from the first of the month 11 months back). `fromMs` and
 * `toMs` are local midnights (`toMs`: the one after today), as the route's `from` and `to`.
 */
export interface EnergyWindow {
  fromMs: number;
  toMs: number;
  /** The bars: one per local day, or per local month. */
  unit: 'day' | 'month';
  /** The first day of each bar, oldest first. */
  buckets: LocalDate[];
}

/**
 * The last 30 days or 12 months at `nowMs`, or one calendar month (every day of it, also those
 * still to come, so the month keeps its axis as it fills).
 */
export function energyWindowAt(range: EnergyRange, nowMs: number, zone: string): EnergyWindow {
  if (range.kind === 'month') {
    const first = parseMonth(range.month) ?? { ...localDateOf(nowMs, zone), day: 1 };
    const days = daysInMonth(first.year, first.month);
    return {
      fromMs: startOfLocalDay(first, zone),
      toMs: startOfLocalDay(addDays(first, days), zone),
      unit: 'day',
      buckets: Array.from({ length: days }, (_, i) => addDays(first, i)),
    };
  }
  const span = range.span;
  const today = localDateOf(nowMs, zone);
  const toMs = startOfLocalDay(addDays(today, 1), zone);
  if (span === '30d') {
    const first = addDays(today, -29);
    return { fromMs: startOfLocalDay(first, zone), toMs, unit: 'day', buckets: Array.from({ length: 30 }, (_, i) => addDays(first, i)) };
  }
  const months = Array.from({ length: 12 }, (_, i) => {
    const index = today.year * 12 + (today.month - 1) - 11 + i;
    return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
  });
  return { fromMs: startOfLocalDay(months[0]!, zone), toMs, unit: 'month', buckets: months };
}
