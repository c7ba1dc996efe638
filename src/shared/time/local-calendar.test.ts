import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from './local-calendar.ts';

const iso = (ms: number) => new Date(ms).toISOString();

describe('startOfLocalDay (by @date-fns/tz)', () => {
  it('is local midnight on the days the clocks change at night', () => {
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 29 }, 'Europe/Berlin'))).toBe('2026-03-28T23:00:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 3, day: 30 }, 'Europe/Berlin'))).toBe('2026-03-29T22:00:00.000Z');
    expect(iso(startOfLocalDay({ year: 2026, month: 10, day: 26 }, 'Europe/Berlin'))).toBe('2026-10-25T23:00:00.000Z');
  });

  it('starts a day without a midnight when the clocks jump (00:00 → 01:00 is 01:00)', () => {
    // São Paulo, 4 November 2018: clocks went from 00:00 to 01:00 (UTC−3 to UTC−2).
    expect(iso(startOfLocalDay({ year: 2018, month: 11, day: 4 }, 'America/Sao_Paulo'))).toBe('2018-11-04T03:00:00.000Z');
  });

  it('gives the same answer when asked again (it is kept)', () => {
    const day = { year: 2026, month: 1, day: 1 };
    expect(startOfLocalDay(day, 'UTC')).toBe(Date.UTC(2026, 0, 1));
    expect(startOfLocalDay(day, 'UTC')).toBe(Date.UTC(2026, 0, 1));
    expect(startOfLocalDay(day, 'Asia/Tokyo')).toBe(Date.UTC(2025, 11, 31, 15));
  });
});
