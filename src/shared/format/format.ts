/**
 * Number, date, relative-time and duration formatting through Intl, one set of formatters per
 * locale (building Intl objects is costly; a wall display formats every second).
 */

export interface Formatter {
  locale: string;
  /** Plain number with a fixed number of decimals. */
  number(value: number, decimals?: number): string;
  /** `7.4 kW` */
  kw(value: number, decimals?: number): string;
  /** `12.35 kWh` */
  kwh(value: number, decimals?: number): string;
  /** `16 A` */
  amps(value: number, decimals?: number): string;
  percent(value0to100: number): string;
  money(value: number, currency: string): string;
  /** `27 Nov 2026, 14:05` */
  dateTime(epochMs: number): string;
  /** `27 Nov, 14:05`: a moment whose year is noise (a planned departure; a session's end beside "… ago"). */
  dayTime(epochMs: number): string;
  /** `27 Nov 2026` */
  date(epochMs: number): string;
  /** `14:05` */
  time(epochMs: number): string;
  /** `Tue 10/03`, `Di., 10.3.`: a day on a chart axis. */
  weekdayDate(epochMs: number): string;
  /** `November 2026` */
  month(epochMs: number): string;
  /** `2 minutes ago`, `in 3 hours`, `now` */
  relative(epochMs: number, nowMs: number): string;
  /** `1 hr 12 min`, `3 days 4 hr` — for totals. */
  duration(seconds: number): string;
  /** `13:15:54`, `1 day 12:44:26` — for a ticking clock. */
  clock(seconds: number): string;
}

/** Narrow no-break space between a number and its unit, as typographers and DIN 5008 want. */
const UNIT_SPACE = '\u202f';

const cache = new Map<string, Formatter>();

/** Formatters of a locale, with dates and times in `timeZone` (the charger's; default the tablet's). */
export function getFormatter(locale: string, timeZone?: string): Formatter {
  const key = `${locale}|${timeZone ?? ''}`;
  let formatter = cache.get(key);
  if (!formatter) {
    formatter = createFormatter(locale, timeZone);
    cache.set(key, formatter);
  }
  return formatter;
}

function createFormatter(locale: string, timeZone?: string): Formatter {
  const numberFormats = new Map<number, Intl.NumberFormat>();
  const fixed = (decimals: number) => {
    let nf = numberFormats.get(decimals);
    if (!nf) {
      nf = new Intl.NumberFormat(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
      numberFormats.set(decimals, nf);
    }
    return nf;
  };
  // Each Intl object is built on its first use: a cheap tablet's first card needs only a few of them.
  const once = <T,>(make: () => T) => {
    let value: T | undefined;
    return () => (value ??= make());
  };
  const dtf = (options: Intl.DateTimeFormatOptions) => once(() => new Intl.DateTimeFormat(locale, timeZone ? { ...options, timeZone } : options));
  const percent = once(() => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }));
  const dateTime = dtf({ dateStyle: 'medium', timeStyle: 'short' });
  const dayTime = dtf({ day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });
  const date = dtf({ dateStyle: 'medium' });
  const time = dtf({ timeStyle: 'short' });
  const weekdayDate = dtf({ weekday: 'short', day: 'numeric', month: 'numeric' });
  const month = dtf({ month: 'long', year: 'numeric' });
  const relative = once(() => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }));
  const unit = (u: 'day' | 'hour' | 'minute' | 'second') =>
    once(() => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'short', maximumFractionDigits: 0 }));
  const days = unit('day');
  const hours = unit('hour');
  const minutes = unit('minute');
  const seconds = unit('second');
  const dayLong = once(() => new Intl.NumberFormat(locale, { style: 'unit', unit: 'day', unitDisplay: 'long' }));
  const moneyFormats = new Map<string, Intl.NumberFormat>();
  const withUnit = (text: string, u: string) => `${text}${UNIT_SPACE}${u}`;

  return {
    locale,
    number: (value, decimals = 0) => fixed(decimals).format(value),
    kw: (value, decimals = 1) => withUnit(fixed(decimals).format(value), 'kW'),
    kwh: (value, decimals = 2) => withUnit(fixed(decimals).format(value), 'kWh'),
    amps: (value, decimals = 0) => withUnit(fixed(decimals).format(value), 'A'),
    percent: (value) => percent().format(value / 100),
    money(value, currency) {
      let nf = moneyFormats.get(currency);
      if (!nf) {
        nf = new Intl.NumberFormat(locale, { style: 'currency', currency });
        moneyFormats.set(currency, nf);
      }
      return nf.format(value);
    },
    dateTime: (ms) => dateTime().format(ms),
    dayTime: (ms) => dayTime().format(ms),
    date: (ms) => date().format(ms),
    time: (ms) => time().format(ms),
    weekdayDate: (ms) => weekdayDate().format(ms),
    month: (ms) => month().format(ms),
    relative(ms, nowMs) {
      const diff = Math.round((ms - nowMs) / 1000);
      const abs = Math.abs(diff);
      if (abs < 45) return relative().format(0, 'second');
      if (abs < 45 * 60) return relative().format(Math.round(diff / 60), 'minute');
      if (abs < 22 * 3600) return relative().format(Math.round(diff / 3600), 'hour');
      return relative().format(Math.round(diff / 86400), 'day');
    },
    duration(totalSeconds) {
      // Totals are read in minutes: round to the nearest one, keep seconds only below a minute.
      const raw = Math.max(0, Math.round(totalSeconds));
      const s = raw >= 60 ? Math.round(raw / 60) * 60 : raw;
      const d = Math.floor(s / 86400);
      const h = Math.floor((s % 86400) / 3600);
      const m = Math.floor((s % 3600) / 60);
      if (d > 0) return h > 0 ? `${days().format(d)} ${hours().format(h)}` : days().format(d);
      if (h > 0) return `${hours().format(h)} ${minutes().format(m)}`;
      if (m > 0) return minutes().format(m);
      return seconds().format(s);
    },
    clock(totalSeconds) {
      const s = Math.max(0, Math.floor(totalSeconds));
      const d = Math.floor(s / 86400);
      const hh = String(Math.floor((s % 86400) / 3600)).padStart(2, '0');
      const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
      const ss = String(s % 60).padStart(2, '0');
      return `${d > 0 ? `${dayLong().format(d)} ` : ''}${hh}:${mm}:${ss}`;
    },
  };
}
