import { describe, expect, it } from 'vitest';
import { DEFAULT_RANGE, STEP_MS, localDay, parseRange, rangeParams, notYetReason, windowAt, type PowerRange } from './power-range.ts';

const BERLIN = 'Europe/Berlin';

const params = (query: string) => new URLSearchParams(query);

describe('parseRange', () => {
  it('defaults to the last 24 hours', () => {
    expect(parseRange(params(''))).toEqual(DEFAULT_RANGE);
    expect(DEFAULT_RANGE).toEqual({ kind: 'last', span: '24h' });
  });

  it('reads the spans and a day, the day winning', () => {
    expect(parseRange(params('range=6h'))).toEqual({ kind: 'last', span: '6h' });
    expect(parseRange(params('range=7d&charger=platz13'))).toEqual({ kind: 'last', span: '7d' });
    expect(parseRange(params('day=2026-03-01'))).toEqual({ kind: 'day', day: '2026-03-01' });
    expect(parseRange(params('range=6h&day=2026-03-01'))).toEqual({ kind: 'day', day: '2026-03-01' });
  });

  it('falls back to the default on values it does not know', () => {
    for (const q of ['range=12h', 'range=', 'day=2026-02-30', 'day=yesterday', 'day=26-03-01', 'range=7D']) {
      expect(parseRange(params(q)), q).toEqual(DEFAULT_RANGE);
    }
    // An invalid day does not hide a valid span.
    expect(parseRange(params('range=7d&day=2026-13-01'))).toEqual({ kind: 'last', span: '7d' });
  });

  it('round-trips through the URL changes, leaving the default out', () => {
    const ranges: PowerRange[] = [
      { kind: 'last', span: '6h' },
      { kind: 'last', span: '24h' },
      { kind: 'last', span: '7d' },
      { kind: 'day', day: '2025-12-31' },
      { kind: 'energy', span: '30d' },
      { kind: 'month', month: '2025-11' },
    ];
    for (const range of ranges) {
      const next = new URLSearchParams('charger=a&range=7d&day=2020-01-01&month=2019-05&lang=de');
      for (const [key, value] of Object.entries(rangeParams(range))) {
        if (value === null) next.delete(key);
        else next.set(key, value);
      }
      expect(parseRange(next)).toEqual(range);
      expect(next.get('charger')).toBe('a');
      expect(next.get('lang')).toBe('de');
    }
    expect(rangeParams(DEFAULT_RANGE)).toEqual({ range: null, day: null, month: null });
  });

  it('reads a calendar month (where a month’s bar leads); a day wins over it, it wins over a span', () => {
    expect(parseRange(params('month=2025-11'))).toEqual({ kind: 'month', month: '2025-11' });
    expect(parseRange(params('range=12m&month=2025-11'))).toEqual({ kind: 'month', month: '2025-11' });
    expect(parseRange(params('month=2025-11&day=2025-11-04'))).toEqual({ kind: 'day', day: '2025-11-04' });
    for (const q of ['month=2025-13', 'month=2025-1', 'month=11-2025', 'month=2025-11-01']) expect(parseRange(params(q)), q).toEqual(DEFAULT_RANGE);
  });

  it('knows real calendar days', () => {
    expect(parseRange(params('day=2024-02-29'))).toEqual({ kind: 'day', day: '2024-02-29' });
    expect(parseRange(params('day=2025-02-29'))).toEqual(DEFAULT_RANGE);
    expect(parseRange(params('day=2025-04-31'))).toEqual(DEFAULT_RANGE);
  });

  it('takes the day in the given zone, from the shared calendar', () => {
    const lateEvening = Date.UTC(2026, 2, 10, 23, 30); // 00:30 on the 11th in Berlin
    expect(localDay(lateEvening, 'UTC')).toBe('2026-03-10');
    expect(localDay(lateEvening, 'Europe/Berlin')).toBe('2026-03-11');
    const berlin = windowAt({ kind: 'day', day: '2026-03-11' }, Date.UTC(2026, 5, 1), 'Europe/Berlin');
    expect(new Date(berlin.from).toISOString()).toBe('2026-03-10T23:00:00.000Z');
    expect(new Date(berlin.to + STEP_MS).toISOString()).toBe('2026-03-11T23:00:00.000Z');
  });
});

describe('windowAt', () => {
  const now = Date.UTC(2026, 2, 10, 14, 7, 31); // 14:07:31 UTC

  it('ends a "last" window on the newest finished interval, aligned to 5 minutes', () => {
    const w = windowAt({ kind: 'last', span: '24h' }, now, BERLIN);
    expect(new Date(w.to).toISOString()).toBe('2026-03-10T14:00:00.000Z'); // 14:00-14:05 is the newest finished
    expect(w.until).toBe(w.to);
    expect((w.to - w.from) / STEP_MS + 1).toBe(288);
    expect(w.live).toBe(true);
    expect(w.from % STEP_MS).toBe(0);
    expect((windowAt({ kind: 'last', span: '6h' }, now, BERLIN).to - windowAt({ kind: 'last', span: '6h' }, now, BERLIN).from) / STEP_MS + 1).toBe(72);
    expect((windowAt({ kind: 'last', span: '7d' }, now, BERLIN).to - windowAt({ kind: 'last', span: '7d' }, now, BERLIN).from) / STEP_MS + 1).toBe(2016);
  });

  it('gives tablets a minute apart the same window', () => {
    const a = windowAt({ kind: 'last', span: '24h' }, Date.UTC(2026, 2, 10, 14, 5, 1), BERLIN);
    const b = windowAt({ kind: 'last', span: '24h' }, Date.UTC(2026, 2, 10, 14, 9, 59), BERLIN);
    expect(a).toEqual(b);
  });

  it('covers a local calendar day, 288 slots, live only while it lasts', () => {
    const day = localDay(now, BERLIN);
    const w = windowAt({ kind: 'day', day }, now, BERLIN);
    // Berlin's midnight, whatever the zone of the machine running the test.
    expect(new Date(w.from).toISOString()).toBe('2026-03-09T23:00:00.000Z');
    expect(w.live).toBe(true);
    expect(w.until).toBe(windowAt({ kind: 'last', span: '6h' }, now, BERLIN).to);
    const past = windowAt({ kind: 'day', day: '2026-03-01' }, now, BERLIN);
    expect(past.live).toBe(false);
    expect(past.until).toBe(past.to);
    expect((past.to - past.from) / STEP_MS + 1).toBe(288);
    const future = windowAt({ kind: 'day', day: '2026-04-01' }, now, BERLIN);
    expect(future.until).toBeLessThan(future.from);
  });
});

describe('notYetReason', () => {
  const zone = 'Europe/Zurich';
  const midnight = Date.parse('2026-12-01T00:00:00+01:00');
  const day: PowerRange = { kind: 'day', day: '2026-12-01' };
  it('a day still to come has not begun', () => {
    expect(notYetReason(windowAt(day, midnight - 60_000, zone), midnight - 60_000)).toBe('day');
  });
  it('two minutes after its midnight the day has begun, but its first step has not ended', () => {
    const now = midnight + 2 * 60_000;
    expect(notYetReason(windowAt(day, now, zone), now)).toBe('step');
  });
  it('once its first step has ended there is something to draw', () => {
    const now = midnight + 2 * STEP_MS;
    expect(notYetReason(windowAt(day, now, zone), now)).toBeNull();
  });
});
