/** Local days of the charger's zone (CHARGER_TIMEZONE), the archive's unit of completeness. */
import { addDays, formatIsoDate, localDateOf, parseIsoDate, startOfLocalDay, type LocalDate } from '../../src/shared/time/local-calendar.ts';

export interface LocalDay {
  /** `YYYY-MM-DD` */
  key: string;
  date: LocalDate;
  startMs: number;
  /** Start of the next local day (a day is 23–25 h). */
  endMs: number;
}

export function dayOf(date: LocalDate, zone: string): LocalDay {
  return { key: formatIsoDate(date), date, startMs: startOfLocalDay(date, zone), endMs: startOfLocalDay(addDays(date, 1), zone) };
}

export function dayAt(ms: number, zone: string): LocalDay {
  return dayOf(localDateOf(ms, zone), zone);
}

export function dayFromKey(key: string, zone: string): LocalDay | null {
  const date = parseIsoDate(key);
  return date ? dayOf(date, zone) : null;
}

export function previousDay(day: LocalDay, zone: string): LocalDay {
  return dayOf(addDays(day.date, -1), zone);
}

export function nextDay(day: LocalDay, zone: string): LocalDay {
  return dayOf(addDays(day.date, 1), zone);
}
