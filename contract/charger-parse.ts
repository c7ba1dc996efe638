/**
 * Parsers for the charger's .NET-flavoured value formats. Pure functions, shared by the browser,
 * the server and the simulator. They return `null` for "no value" and never throw, so one odd field
 * cannot take a whole panel down.
 */

/**
 * .NET `TimeSpan` text: `[-][d.]hh:mm:ss[.fffffff]`, e.g. `13:15:54`, `1.12:44:26`,
 * `8170.12:32:04`, `00:00:01.5`. Returns whole and fractional seconds, or `null` when malformed.
 */
const TIME_SPAN = /^(-)?(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})(?:\.(\d{1,7}))?$/;

export function parseTimeSpan(text: string): number | null {
  const match = TIME_SPAN.exec(text.trim());
  if (!match) return null;
  const [, sign, days, hours, minutes, seconds, fraction] = match;
  const h = Number(hours);
  const m = Number(minutes);
  const s = Number(seconds);
  if (h > 23 || m > 59 || s > 59) return null;
  const total =
    Number(days ?? 0) * 86_400 + h * 3_600 + m * 60 + s + (fraction ? Number(`0.${fraction}`) : 0);
  return sign ? -total : total;
}

/** Formats seconds back into the charger's TimeSpan text (whole seconds), for the simulator. */
export function formatTimeSpan(totalSeconds: number): string {
  const whole = Math.max(0, Math.floor(totalSeconds));
  const days = Math.floor(whole / 86_400);
  const rest = whole % 86_400;
  const hh = String(Math.floor(rest / 3_600)).padStart(2, '0');
  const mm = String(Math.floor((rest % 3_600) / 60)).padStart(2, '0');
  const ss = String(rest % 60).padStart(2, '0');
  return `${days > 0 ? `${days}.` : ''}${hh}:${mm}:${ss}`;
}

/**
 * The charger's timestamps: ISO 8601 with up to 7 fractional digits, `Z`, an offset or no zone at
 * all (then UTC, as everything the charger sends). `0001-01-01T00:00:00` is .NET's
 * `DateTime.MinValue`, the charger's way of saying "no value". Returns epoch milliseconds or null.
 */
const CHARGER_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:?\d{2})?$/;

export function parseChargerTime(text: string | null | undefined): number | null {
  if (text == null) return null;
  const match = CHARGER_TIME.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (Number(year) <= 1) return null;
  if (Number(hour) > 23 || Number(minute) > 59 || Number(second) > 59) return null;
  // Date.UTC maps years 0-99 to 1900+; the charger never sends those except as MinValue.
  const utc = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second),
    fraction ? Math.floor(Number(`0.${fraction}`) * 1000) : 0,
  );
  if (Number.isNaN(utc)) return null;
  const check = new Date(utc);
  if (check.getUTCMonth() !== Number(month) - 1 || check.getUTCDate() !== Number(day)) return null;
  return utc - zoneOffsetMinutes(zone) * 60_000;
}

function zoneOffsetMinutes(zone: string | undefined): number {
  if (!zone || zone === 'Z') return 0;
  const sign = zone.startsWith('-') ? -1 : 1;
  const digits = zone.slice(1).replace(':', '');
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4)));
}

/**
 * The session filter's time format, `YYYY-MM-DD HH:mm:ss`, for a UTC instant (the charger's
 * public clients send the UTC instant in this shape).
 */
export function formatFilterTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Parses `YYYY-MM-DD HH:mm:ss` as a UTC instant; null when malformed. */
export function parseFilterTime(text: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/.test(text)) return null;
  return parseChargerTime(`${text.replace(' ', 'T')}Z`);
}
