import { describe, expect, it } from 'vitest';
import { isLocalMidnight, timeTicks as ticksIn } from './time-ticks.ts';

const ZONE = 'Europe/Berlin';
/** In the charger's zone, whatever zone the machine running the tests is in. */
const timeTicks = (from: number, to: number, maxTicks: number) => ticksIn(from, to, maxTicks, ZONE);
const localIn = (zone: string) => (ms: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: zone, day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(ms);
const local = localIn(ZONE);

describe('timeTicks', () => {
  it('puts 6-hour ranges on full hours', () => {
    const from = Date.UTC(2026, 2, 10, 8, 5); // 09:05 Berlin
    const { ticks, daily } = timeTicks(from, from + 6 * 3_600_000, 10);
    expect(daily).toBe(false);
    expect(ticks.map(local)).toEqual(['10, 10:00', '10, 11:00', '10, 12:00', '10, 13:00', '10, 14:00', '10, 15:00']);
  });

  it('keeps 3-hour ticks on 00, 03, 06… across the spring DST jump', () => {
    const from = Date.UTC(2026, 2, 28, 23); // 29 March 00:00 Berlin, a 23-hour day
    const { ticks } = timeTicks(from, from + 23 * 3_600_000, 10);
    expect(ticks.map(local)).toEqual(['29, 00:00', '29, 03:00', '29, 06:00', '29, 09:00', '29, 12:00', '29, 15:00', '29, 18:00', '29, 21:00', '30, 00:00']);
  });

  it('uses local midnights for a week', () => {
    const from = Date.UTC(2026, 9, 20, 10); // across the autumn change
    const { ticks, daily } = timeTicks(from, from + 7 * 86_400_000, 10);
    expect(daily).toBe(true);
    expect(ticks.map(local)).toEqual(['21, 00:00', '22, 00:00', '23, 00:00', '24, 00:00', '25, 00:00', '26, 00:00', '27, 00:00']);
  });

  it('thins out ticks on narrow charts', () => {
    const from = Date.UTC(2026, 2, 1);
    expect(timeTicks(from, from + 30 * 86_400_000, 6).ticks.length).toBeLessThanOrEqual(6);
    expect(timeTicks(from, from + 24 * 3_600_000, 4).ticks.length).toBeLessThanOrEqual(4);
  });

  it("puts the ticks on the charger's round hours and midnights, not the tablet's", () => {
    // Kolkata is 5:30 ahead of UTC: its full hours are half hours in Berlin and in UTC.
    const zone = 'Asia/Kolkata';
    const from = Date.UTC(2026, 9, 20, 10);
    const week = ticksIn(from, from + 7 * 86_400_000, 10, zone).ticks;
    expect(week.map(localIn(zone))).toEqual(['21, 00:00', '22, 00:00', '23, 00:00', '24, 00:00', '25, 00:00', '26, 00:00', '27, 00:00']);
    expect(week.every((t) => isLocalMidnight(t, zone))).toBe(true);
    expect(week.some((t) => isLocalMidnight(t, ZONE))).toBe(false);
    const day = ticksIn(from, from + 24 * 3_600_000, 10, zone).ticks;
    expect(day.map((t) => localIn(zone)(t).slice(4))).toEqual(['18:00', '21:00', '00:00', '03:00', '06:00', '09:00', '12:00', '15:00']);
  });
});
