import { describe, expect, it } from 'vitest';
import { pieceDays } from './api/sessions-query.ts';
import { historyPieces, monthOf, monthsOverlapping, presetDays, resolveRange } from './date-range.ts';
import { localDateOf, startOfLocalDay, wallMs } from '../../shared/time/local-calendar.ts';

const BERLIN = 'Europe/Berlin';
const iso = (ms: number) => new Date(ms).toISOString();
const at = (text: string) => Date.parse(text);

function custom(from: string, to: string, zone = BERLIN) {
  const range = resolveRange({ preset: 'custom', from, to }, at('2026-11-27T12:00:00Z'), zone);
  if (!range.ok) throw new Error(range.problem);
  return range;
}

describe('month edges in Europe/Berlin (the machine runs in UTC; the zone is passed in)', () => {
  it('March 2026 (clocks go forward on Sunday 29 March) starts at CET midnight and ends at CEST midnight', () => {
    const march = custom('2026-03-01', '2026-03-31');
    expect(iso(march.startMs)).toBe('2026-02-28T23:00:00.000Z'); // 1 March 00:00 CET (+1)
    expect(iso(march.endMs)).toBe('2026-03-31T22:00:00.000Z'); // 1 April 00:00 CEST (+2)
    expect((march.endMs - march.startMs) / 3_600_000).toBe(31 * 24 - 1);
  });

  it('October 2026 (clocks go back on Sunday 25 October) is an hour longer', () => {
    const october = custom('2026-10-01', '2026-10-31');
    expect(iso(october.startMs)).toBe('2026-09-30T22:00:00.000Z');
    expect(iso(october.endMs)).toBe('2026-10-31T23:00:00.000Z');
    expect((october.endMs - october.startMs) / 3_600_000).toBe(31 * 24 + 1);
  });

  it('asks the archive for the piece as local days, both inclusive, across the clock changes', () => {
    const october = custom('2026-10-01', '2026-10-31');
    const pieces = historyPieces(october, Date.UTC(2027, 0, 1), BERLIN);
    expect(pieces).toEqual([{ startMs: october.startMs, endMs: october.endMs }]);
    expect(pieceDays(pieces[0]!, BERLIN)).toEqual({ from: '2026-10-01', to: '2026-10-31' });
    expect(pieceDays(custom('2026-03-01', '2026-03-31'), BERLIN)).toEqual({ from: '2026-03-01', to: '2026-03-31' });
    // The 25-hour day is one day.
    expect(pieceDays(custom('2026-10-25', '2026-10-25'), BERLIN)).toEqual({ from: '2026-10-25', to: '2026-10-25' });
  });
});

describe('presets', () => {
  it('this and last month, this and last year, from the local date (UTC may still say yesterday)', () => {
    // 1 March 2026, 00:30 in Berlin, which is still 28 February in UTC.
    const now = at('2026-02-28T23:30:00Z');
    expect(presetDays('this-month', now, BERLIN)).toEqual({ from: { year: 2026, month: 3, day: 1 }, to: { year: 2026, month: 3, day: 31 } });
    expect(presetDays('last-month', now, BERLIN)).toEqual({ from: { year: 2026, month: 2, day: 1 }, to: { year: 2026, month: 2, day: 28 } });
    expect(presetDays('this-year', now, BERLIN)).toEqual({ from: { year: 2026, month: 1, day: 1 }, to: { year: 2026, month: 12, day: 31 } });
    expect(presetDays('last-year', now, BERLIN)).toEqual({ from: { year: 2025, month: 1, day: 1 }, to: { year: 2025, month: 12, day: 31 } });
    expect(presetDays('this-month', now, 'UTC').from).toEqual({ year: 2026, month: 2, day: 1 });
  });

  it('last month in January is December of the year before', () => {
    expect(presetDays('last-month', at('2026-01-15T12:00:00Z'), BERLIN)).toEqual({
      from: { year: 2025, month: 12, day: 1 },
      to: { year: 2025, month: 12, day: 31 },
    });
  });

  it('leap February', () => {
    expect(presetDays('last-month', at('2028-03-10T12:00:00Z'), BERLIN).to).toEqual({ year: 2028, month: 2, day: 29 });
  });
});

describe('a range is read in local months', () => {
  const thisYear = (now: number) => {
    const range = resolveRange({ preset: 'this-year', from: null, to: null }, now, BERLIN);
    if (!range.ok) throw new Error(range.problem);
    return range;
  };

  it('"this year" in December: eleven whole months that are over and the current one, none ahead', () => {
    const now = at('2026-12-10T12:00:00Z');
    const pieces = historyPieces(thisYear(now), now, BERLIN);
    expect(pieces).toHaveLength(12);
    expect(iso(pieces[0]!.startMs)).toBe('2025-12-31T23:00:00.000Z');
    expect(iso(pieces[2]!.startMs)).toBe('2026-02-28T23:00:00.000Z'); // March, CET
    expect(iso(pieces[2]!.endMs)).toBe('2026-03-31T22:00:00.000Z'); // April, CEST
    expect(pieces.every((p, i) => i === 0 || p.startMs === pieces[i - 1]!.endMs)).toBe(true);
    expect(pieces[11]).toEqual(monthOf(now, BERLIN));
    // In March only January to March: the rest of the year has not begun.
    expect(historyPieces(thisYear(at('2026-03-10T12:00:00Z')), at('2026-03-10T12:00:00Z'), BERLIN)).toHaveLength(3);
  });

  it('keeps the same pieces as time passes within a month, and adds one when a month begins', () => {
    const start = at('2026-12-10T12:00:00Z');
    const pieces = historyPieces(thisYear(start), start, BERLIN);
    for (const later of [5 * 60_000, 3_600_000, 5 * 86_400_000]) {
      expect(historyPieces(thisYear(start + later), start + later, BERLIN)).toEqual(pieces);
    }
    // "This month" is the same piece as this year's December: one query for both.
    const month = resolveRange({ preset: 'this-month', from: null, to: null }, start, BERLIN);
    expect(month.ok && historyPieces(month, start, BERLIN)).toEqual([pieces[11]]);
    // March begins at 00:00 Berlin time, 23:00 UTC.
    expect(historyPieces(thisYear(at('2026-02-28T22:59:59Z')), at('2026-02-28T22:59:59Z'), BERLIN)).toHaveLength(2);
    expect(historyPieces(thisYear(at('2026-02-28T23:00:00Z')), at('2026-02-28T23:00:00Z'), BERLIN)).toHaveLength(3);
  });

  it('a custom range is cut to its days at both ends', () => {
    const range = custom('2026-01-20', '2026-03-05');
    const pieces = historyPieces(range, at('2026-11-27T12:00:00Z'), BERLIN);
    expect(pieces.map((p) => [iso(p.startMs), iso(p.endMs)])).toEqual([
      ['2026-01-19T23:00:00.000Z', '2026-01-31T23:00:00.000Z'],
      ['2026-01-31T23:00:00.000Z', '2026-02-28T23:00:00.000Z'],
      ['2026-02-28T23:00:00.000Z', '2026-03-05T23:00:00.000Z'],
    ]);
    expect(monthsOverlapping(range.startMs, range.endMs, BERLIN)).toHaveLength(3);
  });
});

describe('a long range reads each past year in one piece', () => {
  const now = at('2026-11-27T12:00:00Z');

  it('"last year" is one piece, the local year from midnight to midnight', () => {
    const range = resolveRange({ preset: 'last-year', from: null, to: null }, now, BERLIN);
    if (!range.ok) throw new Error(range.problem);
    expect(historyPieces(range, now, BERLIN).map((p) => [iso(p.startMs), iso(p.endMs)])).toEqual([['2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z']]);
  });

  it('a custom range: its cut months at the start, whole past years, then this year by month', () => {
    const pieces = historyPieces(custom('2023-11-15', '2026-11-27'), now, BERLIN);
    expect(pieces.map((p) => [iso(p.startMs), iso(p.endMs)])).toEqual([
      ['2023-11-14T23:00:00.000Z', '2023-11-30T23:00:00.000Z'],
      ['2023-11-30T23:00:00.000Z', '2023-12-31T23:00:00.000Z'],
      ['2023-12-31T23:00:00.000Z', '2024-12-31T23:00:00.000Z'],
      ['2024-12-31T23:00:00.000Z', '2025-12-31T23:00:00.000Z'],
      ...monthsOverlapping(at('2025-12-31T23:00:00Z'), at('2026-11-27T23:00:00Z'), BERLIN).map((m) => [iso(m.startMs), iso(Math.min(m.endMs, at('2026-11-27T23:00:00Z')))]),
    ]);
    // Every instant of the range in exactly one piece.
    expect(pieces.every((p, i) => i === 0 || p.startMs === pieces[i - 1]!.endMs)).toBe(true);
  });

  it('a year that ends inside the range but not yet in time stays in months; once over, it is one piece', () => {
    const range = custom('2025-01-01', '2026-12-31');
    const december = at('2025-12-10T12:00:00Z');
    expect(historyPieces(range, december, BERLIN)).toHaveLength(12);
    expect(historyPieces(range, at('2026-01-05T12:00:00Z'), BERLIN)).toHaveLength(2);
  });

  it('16 years of history: a piece per past year and per month of this one', () => {
    expect(historyPieces(custom('2010-01-01', '2026-11-27'), now, BERLIN)).toHaveLength(16 + 11);
  });
});

describe('bad custom ranges send nothing', () => {
  const now = at('2026-11-27T12:00:00Z');
  it.each([
    [{ from: '2026-03-10', to: '2026-03-01' }, 'end-before-start'],
    [{ from: '2026-02-30', to: '2026-03-01' }, 'from-invalid'],
    [{ from: '2026-03-01', to: '31.03.2026' }, 'to-invalid'],
    [{ from: 'yesterday', to: '2026-03-01' }, 'from-invalid'],
    [{ from: null, to: '2026-03-01' }, 'from-missing'],
    [{ from: '2026-03-01', to: '' }, 'to-missing'],
  ])('%o → %s', (days, problem) => {
    expect(resolveRange({ preset: 'custom', ...days }, now, BERLIN)).toEqual({ ok: false, problem });
  });

  it('a one-day range is fine', () => {
    expect(resolveRange({ preset: 'custom', from: '2026-03-01', to: '2026-03-01' }, now, BERLIN).ok).toBe(true);
  });
});

describe('local calendar', () => {
  it('starts a day when the clocks jump at midnight (no 00:00 that day)', () => {
    // Chile moved its clocks from 00:00 to 01:00 on 7 September 2025.
    const start = startOfLocalDay({ year: 2025, month: 9, day: 7 }, 'America/Santiago');
    expect(iso(start)).toBe('2025-09-07T04:00:00.000Z');
    expect(localDateOf(start, 'America/Santiago')).toEqual({ year: 2025, month: 9, day: 7 });
    expect(localDateOf(start - 1, 'America/Santiago')).toEqual({ year: 2025, month: 9, day: 6 });
  });
});

describe('wall-clock times around the changes (cached per day, exact on the change days)', () => {
  it.each([
    ['2026-03-29T00:59:59Z', '2026-03-29T01:59:59.000Z'],
    ['2026-03-29T01:00:00Z', '2026-03-29T03:00:00.000Z'],
    ['2026-10-25T00:59:59Z', '2026-10-25T02:59:59.000Z'],
    ['2026-10-25T01:00:00Z', '2026-10-25T02:00:00.000Z'],
    ['2026-07-01T12:00:00.250Z', '2026-07-01T14:00:00.250Z'],
    ['2026-12-01T12:00:00Z', '2026-12-01T13:00:00.000Z'],
  ])('%s is %s on the wall in Berlin', (utc, wall) => {
    expect(new Date(wallMs(at(utc), BERLIN)).toISOString()).toBe(wall);
  });
});
