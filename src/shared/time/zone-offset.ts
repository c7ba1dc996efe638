/**
 * How far a zone's wall clock is from UTC at an instant, with Intl only. Shared by the session
 * history (month edges in the user's calendar) and the simulator (a household's day in local
 * time).
 */

const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** Straight from Intl, to the second: microseconds a call. */
function intlOffsetMs(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const part of formatterFor(zone).formatToParts(utcMs)) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  const wall = Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
  return wall - Math.floor(utcMs / 1000) * 1000;
}

/**
 * Offsets per zone and UTC day; NaN marks a day with a change, where each instant is looked up.
 * Thousands of sessions or simulated steps then cost one or two Intl calls per day instead of one
 * per instant. Cleared when large, which bounds it on a tablet or simulator that runs for weeks.
 */
const offsetsByDay = new Map<string, Map<number, number>>();

/** Local wall-clock time minus UTC at `utcMs`, in ms (Berlin in summer: +7_200_000). */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  let days = offsetsByDay.get(zone);
  if (!days) {
    days = new Map();
    offsetsByDay.set(zone, days);
  }
  const day = Math.floor(utcMs / DAY_MS);
  let offset = days.get(day);
  if (offset === undefined) {
    const first = intlOffsetMs(day * DAY_MS, zone);
    const last = intlOffsetMs(day * DAY_MS + DAY_MS - 1000, zone);
    offset = first === last ? first : Number.NaN;
    if (days.size > 20_000) days.clear();
    days.set(day, offset);
  }
  return Number.isNaN(offset) ? intlOffsetMs(utcMs, zone) : offset;
}
