/**
 * Calendar arithmetic in one IANA zone, with Intl only, for every feature: month and day edges of
 * the session history are the user's local calendar, the power chart's days too. A
 * month that contains a daylight-saving change is 743 or 745 hours long, a day 23 or 25 hours:
 * the edges are computed per date, never by adding 24 h steps.
 *
 * Every function takes the zone, so tests run in Europe/Berlin whatever the machine's zone is.
 */

import { TZDate } from '@date-fns/tz';
import { zoneOffsetMs } from './zone-offset.ts';


/** A calendar date; `month` 1-12. */
export interface LocalDate {
  year: number;
  month: number;
  day: number;
}

/** Local wall-clock time of `ms` as if it were UTC (epoch ms), i.e. ms + the zone's offset. */
export function wallMs(ms: number, zone: string): number {
  return ms + zoneOffsetMs(ms, zone);
}

/** The local date of an instant. */
export function localDateOf(ms: number, zone: string): LocalDate {
  const wall = new Date(wallMs(ms, zone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
}

/**
 * The first instant of a local day, by @date-fns/tz, the one rule for clock changes in the
 * browser. Where midnight is missing (zones that change their clocks at midnight), the day starts
 * when the clocks jump (00:00 → 01:00 means 01:00), as a wall clock would show it.
 */
export function startOfLocalDay(date: LocalDate, zone: string): number {
  const key = `${zone}|${date.year}-${date.month}-${date.day}`;
  let start = dayStarts.get(key);
  if (start === undefined) {
    start = new TZDate(date.year, date.month - 1, date.day, zone).getTime();
    // Bounded: a tablet that runs for years asks for a few days a month.
    if (dayStarts.size > 10_000) dayStarts.clear();
    dayStarts.set(key, start);
  }
  return start;
}
/** The history asks for the same month edges for every session: each is computed once. */
const dayStarts = new Map<string, number>();

/** `date` moved by whole days or months on the calendar (the 31st + 1 month = the 1st after next). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** `YYYY-MM-DD`. */
export function formatIsoDate(date: LocalDate): string {
  return `${String(date.year).padStart(4, '0')}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;
}

/** Strict `YYYY-MM-DD` with a real calendar date (no 31 April); null otherwise. */
export function parseIsoDate(text: string | null | undefined): LocalDate | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text?.trim() ?? '');
  if (!match) return null;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  if (date.year < 1970 || date.year > 2999 || date.month < 1 || date.month > 12 || date.day < 1 || date.day > daysInMonth(date.year, date.month)) return null;
  return date;
}

export function compareDates(a: LocalDate, b: LocalDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/** `2026-03`: the local month of an instant, as a sortable key. */
export function monthKeyOf(ms: number, zone: string): string {
  const { year, month } = localDateOf(ms, zone);
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
}
