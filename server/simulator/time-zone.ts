/**
 * Local wall-clock arithmetic for one IANA zone, built on Intl only (no dependency). The model
 * plans its days in local time (a car arrives at 18:00 local, summer or winter) and the session
 * filter reads local times, so both directions are needed: UTC → local and local → UTC.
 */

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export class ZoneClock {
  readonly zone: string;
  private readonly format: Intl.DateTimeFormat;
  // Offset per UTC day (NaN: changes that day); cleared when it grows, which keeps memory
  // bounded on a soak test without an LRU's bookkeeping.
  private readonly cache = new Map<number, number>();

  constructor(zone: string) {
    this.zone = zone;
    this.format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
  }

  /** Offset of local time from UTC at the instant `utcMs`, in ms (Berlin summer: +7_200_000). */
  offsetMs(utcMs: number): number {
    // Most UTC days have one offset all day: then one cache entry answers the whole day and
    // Intl (slow, microseconds a call) runs twice a day at most. Days with a change fall back
    // to hourly lookups; zones change offset on a whole UTC hour (Lord Howe's half-hour shift
    // aside), so that is exact where it matters.
    const day = Math.floor(utcMs / DAY_MS);
    let entry = this.cache.get(day);
    if (entry === undefined) {
      const first = this.lookup(day * DAY_MS);
      const last = this.lookup(day * DAY_MS + DAY_MS - HOUR_MS);
      entry = first === last ? first : NaN;
      if (this.cache.size > 50_000) this.cache.clear();
      this.cache.set(day, entry);
    }
    return Number.isNaN(entry) ? this.lookup(Math.floor(utcMs / HOUR_MS) * HOUR_MS) : entry;
  }

  private lookup(at: number): number {
    const parts: Record<string, number> = {};
    for (const part of this.format.formatToParts(at)) {
      if (part.type !== 'literal') parts[part.type] = Number(part.value);
    }
    const asUtc = Date.UTC(
      parts.year ?? 1970,
      (parts.month ?? 1) - 1,
      parts.day ?? 1,
      parts.hour ?? 0,
      parts.minute ?? 0,
      parts.second ?? 0,
    );
    return asUtc - at;
  }

  /** Local calendar day number (days since 1970-01-01 in local time) of an instant. */
  localDay(utcMs: number): number {
    return Math.floor((utcMs + this.offsetMs(utcMs)) / DAY_MS);
  }

  /** Local minutes since local midnight, fractional. */
  localMinuteOfDay(utcMs: number): number {
    const local = utcMs + this.offsetMs(utcMs);
    return (local - Math.floor(local / DAY_MS) * DAY_MS) / MINUTE_MS;
  }

  /**
   * The UTC instant of a local wall-clock time, `day` as local day number and `ms` since local
   * midnight. In the spring-forward gap the later offset wins (02:30 → 03:30), in the autumn
   * overlap the earlier instant: both are what a person setting a clock would get.
   */
  toUtc(day: number, msOfDay: number): number {
    const local = day * DAY_MS + msOfDay;
    const first = local - this.offsetMs(local);
    const second = local - this.offsetMs(first);
    if (second === first) {
      const earlier = local - this.offsetMs(first - HOUR_MS);
      return earlier < first && this.offsetMs(earlier) === local - earlier ? earlier : first;
    }
    return Math.max(first, second);
  }

  /** Day of week of a local day number: 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
  static weekday(day: number): number {
    return (((day + 4) % 7) + 7) % 7;
  }
}

/** Throws a clear error for a zone Intl does not know, at start-up rather than on first request. */
export function assertTimeZone(zone: string): void {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    throw new Error(`simulator: unknown time zone "${zone}" (expected an IANA name like Europe/Berlin)`);
  }
}
