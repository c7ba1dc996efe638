import { describe, expect, it } from 'vitest';
import { zoneOffsetMs } from './zone-offset.ts';

const HOUR = 3_600_000;

describe('zoneOffsetMs', () => {
  it('follows Berlin across both daylight-saving changes of 2026, to the instant', () => {
    // Last Sunday of March: 01:00 UTC the clocks jump from +1 h to +2 h.
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 0, 59, 59), 'Europe/Berlin')).toBe(HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 2, 29, 1, 0, 0), 'Europe/Berlin')).toBe(2 * HOUR);
    // Last Sunday of October: 01:00 UTC back from +2 h to +1 h.
    expect(zoneOffsetMs(Date.UTC(2026, 9, 25, 0, 59, 59), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 9, 25, 1, 0, 0), 'Europe/Berlin')).toBe(HOUR);
    // An ordinary day, cached: the same answer all day.
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1, 0, 0), 'Europe/Berlin')).toBe(2 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 6, 1, 23, 59), 'Europe/Berlin')).toBe(2 * HOUR);
  });

  it('handles zones west of UTC and half-hour offsets', () => {
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'America/New_York')).toBe(-5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'Asia/Kolkata')).toBe(5.5 * HOUR);
    expect(zoneOffsetMs(Date.UTC(2026, 0, 15, 12), 'UTC')).toBe(0);
  });
});
