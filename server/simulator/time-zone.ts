/**
 * Local wall-clock arithmetic for one IANA zone, on the shared Intl-based offsets. The model
 * plans its days in local time (a car arrives at 18:00 local, summer or winter) and the session
 * filter reads local times, so both directions are needed: UTC → local and local → UTC.
 */

import { zoneOffsetMs } from '../../src/shared/time/zone-offset.ts';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;

export class ZoneClock {
  constructor(readonly zone: string) {}

  /** Offset of local time from UTC at the instant `utcMs`, in ms (Berlin summer: +7_200_000). */
  offsetMs(utcMs: number): number {
    return zoneOffsetMs(utcMs, this.zone);
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
