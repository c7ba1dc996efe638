import { QueryClient } from '@tanstack/react-query';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PowerResponse } from '../../../api/archive-schemas.ts';
import { energyWindowAt, STEP_MS } from '../power-range.ts';
import { energyBarsQuery, powerLinesQuery, selectEnergyBars } from './power-query.ts';

const BERLIN = 'Europe/Berlin';
const answer = (points: PowerResponse['points'], energyKWh: Record<string, number> = {}): PowerResponse => ({
  step: '1d',
  series: ['connector1', 'building'],
  points,
  energyKWh,
  complete: true,
  source: 'archive',
});

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('the power lines query', () => {
  it('asks the archive for the window’s 5-minute points, aligned, and keeps the window with the answer', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 2, 10, 14, 7, 31), toFake: ['Date'] });
    const asked: URL[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(new URL(path, 'http://x'));
      return Response.json({ step: '5m', series: ['connector1'], points: [{ time: '2026-03-10T14:00:00Z', kW: { connector1: 7 }, energyKWh: { connector1: 7 / 12 } }], energyKWh: {}, complete: true, source: 'archive' });
    });
    const data = await new QueryClient().fetchQuery(powerLinesQuery('platz13', { kind: 'last', span: '24h' }, BERLIN));
    const q = asked[0]!.searchParams;
    expect(asked[0]!.pathname).toBe('/api/chargers/platz13/power');
    expect([q.get('from'), q.get('to'), q.get('step')]).toEqual(['2026-03-09T14:05:00.000Z', '2026-03-10T14:05:00.000Z', '5m']);
    expect(data.window.to).toBe(Date.UTC(2026, 2, 10, 14, 0));
    expect(data.answer.points[0]!.time).toBe(Date.UTC(2026, 2, 10, 14, 0));
    // The key names the range, not the time: the same entry is refreshed as time passes.
    expect(powerLinesQuery('platz13', { kind: 'last', span: '24h' }, BERLIN).queryKey).toEqual(['charger', 'platz13', 'power', 'lines', 'last:24h', BERLIN]);
  });

  it('asks nothing for a day that has not begun', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    const data = await new QueryClient().fetchQuery(powerLinesQuery('platz13', { kind: 'day', day: '2999-01-01' }, BERLIN));
    expect(fetch).not.toHaveBeenCalled();
    expect(data.answer.points).toEqual([]);
  });
});

describe('energy bars', () => {
  it('30 days: a bar per local day, asked at step=1d from local midnight to the one after today', async () => {
    vi.useFakeTimers({ now: Date.UTC(2026, 10, 30, 12), toFake: ['Date'] });
    const asked: URL[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(new URL(path, 'http://x'));
      return Response.json({ step: '1d', series: ['connector1'], points: [], energyKWh: {}, complete: true, source: 'archive' });
    });
    await new QueryClient().fetchQuery(energyBarsQuery('platz13', { kind: 'energy', span: '30d' }, BERLIN));
    const q = asked[0]!.searchParams;
    expect(q.get('step')).toBe('1d');
    const window = energyWindowAt({ kind: 'energy', span: '30d' }, Date.now(), BERLIN);
    expect([q.get('from'), q.get('to')]).toEqual([new Date(window.fromMs).toISOString(), new Date(window.toMs).toISOString()]);
    expect(window.buckets).toHaveLength(30);
  });

  it('12 months: each month’s bar is the sum of its days; a day outside the range counts nowhere', () => {
    const now = Date.UTC(2026, 10, 30, 12);
    const window = energyWindowAt({ kind: 'energy', span: '12m' }, now, BERLIN);
    expect(window.buckets[0]).toEqual({ year: 2025, month: 12, day: 1 });
    expect(window.buckets.at(-1)).toEqual({ year: 2026, month: 11, day: 1 });
    const day = (iso: string, kwh: number) => ({ time: Date.parse(iso), kW: {}, energyKWh: { connector1: kwh, building: 1 } });
    const bars = selectEnergyBars({
      window,
      zone: BERLIN,
      answer: answer([day('2025-11-30T23:00:00Z', 10), day('2025-12-31T23:00:00Z', 5), day('2026-01-15T23:00:00Z', 7), day('2026-11-29T23:00:00Z', 3), day('2025-11-01T00:00:00Z', 99)], { connector1: 25 }),
    });
    expect(bars.unit).toBe('month');
    expect(bars.bars).toHaveLength(12);
    expect(bars.bars[0]!.kWh).toEqual({ connector1: 10, building: 1 }); // 1 Dec 2025, 00:00 Berlin
    expect(bars.bars[1]!.kWh).toEqual({ connector1: 12, building: 2 }); // January
    expect(bars.bars[11]!.kWh).toEqual({ connector1: 3, building: 1 }); // November
    expect(bars.bars[5]!.kWh).toEqual({ connector1: 0, building: 0 }); // a month without data is a zero bar
    expect(bars.totals).toEqual({ connector1: 25 });
    // Each bar knows its first day, where a tap on it leads.
    expect(bars.bars.map((bar) => bar.day).slice(0, 2)).toEqual(['2025-12-01', '2026-01-01']);
  });

  it('a calendar month: a bar per day of it, the days still to come included, under its own key', async () => {
    vi.useFakeTimers({ now: Date.UTC(2025, 9, 12, 12), toFake: ['Date'] });
    const asked: URL[] = [];
    vi.stubGlobal('fetch', async (path: string) => {
      asked.push(new URL(path, 'http://x'));
      return Response.json({ step: '1d', series: ['connector1'], points: [{ time: '2025-10-25T22:00:00Z', kW: {}, energyKWh: { connector1: 4 } }], energyKWh: {}, complete: true, source: 'archive' });
    });
    const query = energyBarsQuery('platz13', { kind: 'month', month: '2025-10' }, BERLIN);
    expect(query.queryKey).toEqual(['charger', 'platz13', 'power', 'energy', 'month:2025-10', BERLIN]);
    const bars = query.select!(await new QueryClient().fetchQuery(query));
    // October 2025 in Berlin: from 1 Oct 00:00 (summer time) to 1 Nov 00:00 (winter time).
    expect([asked[0]!.searchParams.get('from'), asked[0]!.searchParams.get('to')]).toEqual(['2025-09-30T22:00:00.000Z', '2025-10-31T23:00:00.000Z']);
    expect(bars.unit).toBe('day');
    expect(bars.bars).toHaveLength(31);
    expect(bars.bars[25]).toEqual({ startMs: Date.parse('2025-10-25T22:00:00Z'), day: '2025-10-26', kWh: { connector1: 4 } });
  });
});

it('keeps one step for everything', () => {
  expect(STEP_MS).toBe(300_000);
});
