/**
 * A calendar day (`YYYY-MM-DD`) as the page's language writes it, and back: `30.11.2026` in
 * German, `30/11/2026` in British English, whatever order and separator Intl gives the locale.
 * The date field (`DateField.tsx`) shows and reads this text, so its dates follow the page's
 * language, not the browser's (a native `<input type="date">` shows Chromium's UI language).
 */
import { formatIsoDate, parseIsoDate } from '../time/local-calendar.ts';

type Part = 'day' | 'month' | 'year';

interface DateText {
  format: Intl.DateTimeFormat;
  /** The order of day, month and year in the locale's numeric date. */
  order: readonly Part[];
}

const cache = new Map<string, DateText>();

function dateText(locale: string): DateText {
  let entry = cache.get(locale);
  if (!entry) {
    // UTC on both sides: a calendar day has no zone, so no offset may move it to another day.
    const format = new Intl.DateTimeFormat(locale, { day: '2-digit', month: '2-digit', year: 'numeric', timeZone: 'UTC' });
    const order = format
      .formatToParts(Date.UTC(2026, 10, 30))
      .map((part) => part.type)
      .filter((type): type is Part => type === 'day' || type === 'month' || type === 'year');
    entry = { format, order: order.length === 3 ? order : ['day', 'month', 'year'] };
    cache.set(locale, entry);
  }
  return entry;
}

/** `2026-11-30` → `30.11.2026` (de-DE), `30/11/2026` (en-GB); a text that is no real day as it is. */
export function formatDayText(iso: string, locale: string): string {
  const date = parseIsoDate(iso);
  return date ? dateText(locale).format.format(Date.UTC(date.year, date.month - 1, date.day)) : iso;
}

/**
 * The day a person typed, in the locale's order (`1.2.2026`, `01/02/2026`; any separator; the
 * year with four digits) or as `2026-02-01`; null when it is not a real day.
 */
export function parseDayText(text: string, locale: string): string | null {
  const groups = text.trim().split(/\D+/).filter(Boolean);
  if (groups.length !== 3) return null;
  const iso = groups[0]!.length === 4;
  const order: readonly Part[] = iso ? ['year', 'month', 'day'] : dateText(locale).order;
  const value: Partial<Record<Part, string>> = {};
  order.forEach((part, i) => (value[part] = groups[i]));
  const { year = '', month = '', day = '' } = value;
  if (year.length !== 4 || month.length > 2 || day.length > 2) return null;
  const date = parseIsoDate(`${year}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`);
  return date ? formatIsoDate(date) : null;
}
