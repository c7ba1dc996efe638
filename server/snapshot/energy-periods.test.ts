import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startOfLocalDay } from '../../src/shared/time/local-calendar.ts';
import type { ChargerSnapshot } from '../../contract/snapshot.ts';
import { EnergyPeriods, ENERGY_RETRY_MS, type DailyEnergyReader } from './energy-periods.ts';

const ZONE = 'Europe/Zurich';
// 00:30 on 1 June in Zurich is still 31 May in UTC: the charger's calendar must win.
const NOW = Date.parse('2026-05-31T22:30:00Z');
const day = (d: number) => startOfLocalDay({ year: 2026, month: 6, day: d }, ZONE);

let now = NOW;
beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
  now = NOW;
});
afterEach(() => vi.useRealTimers());

function periods(read: DailyEnergyReader) {
  return new EnergyPeriods({ read, zoneOf: () => ZONE, now: () => now });
}

const snapshotWith = (open: string[]) =>
  ({ connectors: { ok: true, data: open.map((key) => ({ key, state: { sessionOpen: true } })) } }) as unknown as ChargerSnapshot;

describe('EnergyPeriods', () => {
  it('counts today and the month in the charger’s zone, from its local midnights', async () => {
    const read = vi.fn<DailyEnergyReader>(async (_id, from) => {
      expect(from).toBe(day(1));
      return { days: [{ start: day(1), kwh: 4.25 }], complete: true };
    });
    const energy = periods(read);
    const release = energy.hold(['platz13']);
    await vi.advanceTimersByTimeAsync(0);
    expect(energy.of('platz13')).toEqual({ todayKwh: 4.25, monthKwh: 4.25 });
    release();
  });

  it('leaves the month unknown when part of it could not be read, and today unknown without its day', async () => {
    const energy = periods(async () => ({ days: [{ start: day(1), kwh: 2 }], complete: false }));
    energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(energy.of('a')).toEqual({ todayKwh: 2, monthKwh: null });
    const none = periods(async () => ({ days: [], complete: false }));
    none.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(none.of('a')).toEqual({ todayKwh: null, monthKwh: null });
    // Just after midnight on the 1st: a complete answer without a step yet is a day and month of nothing so far.
    const fresh = periods(async () => ({ days: [], complete: true }));
    fresh.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(fresh.of('a')).toEqual({ todayKwh: 0, monthKwh: 0 });
  });

  it('reads again as each fill lands while held, at once when a session closes, and tells its listeners of a change', async () => {
    let kwh = 1;
    const read = vi.fn<DailyEnergyReader>(async () => ({ days: [{ start: day(1), kwh }], complete: true }));
    const energy = periods(read);
    const changed = vi.fn();
    energy.onChange(changed);
    const release = energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(1);
    energy.observe('a', snapshotWith(['1-1']));
    kwh = 12.5;
    energy.observe('a', snapshotWith([]));
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(2);
    expect(energy.of('a').todayKwh).toBe(12.5);
    expect(changed).toHaveBeenCalledTimes(2);
    energy.archived('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(3);
    release();
    energy.archived('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(3);
  });

  it('reads figures it could not know again soon, not only when the next fill lands', async () => {
    let complete = false;
    const read = vi.fn<DailyEnergyReader>(async () => ({ days: complete ? [{ start: day(1), kwh: 3 }] : [], complete }));
    const energy = periods(read);
    energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(energy.of('a')).toEqual({ todayKwh: null, monthKwh: null });
    complete = true;
    await vi.advanceTimersByTimeAsync(ENERGY_RETRY_MS);
    expect(energy.of('a')).toEqual({ todayKwh: 3, monthKwh: 3 });
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('reads again as soon as the archive has taken in a fill, while held; a fill landing during a read is read after it', async () => {
    let complete = false;
    let answer: (() => void) | null = null;
    const read = vi.fn<DailyEnergyReader>(async () => {
      const days = complete ? [{ start: day(1), kwh: 5 }] : [];
      const done = complete;
      // The first read is still under way when the fill lands.
      if (read.mock.calls.length === 1) await new Promise<void>((resolve) => (answer = resolve));
      return { days, complete: done };
    });
    const energy = periods(read);
    energy.archived('a');
    expect(read).not.toHaveBeenCalled();
    const release = energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    complete = true;
    energy.archived('a');
    answer!();
    await vi.advanceTimersByTimeAsync(0);
    // Known at once: not after the retry for unknown figures.
    expect(energy.of('a')).toEqual({ todayKwh: 5, monthKwh: 5 });
    expect(read).toHaveBeenCalledTimes(2);
    // Driven by the fills alone: no clock of its own reads again.
    await vi.advanceTimersByTimeAsync(60 * 60_000);
    expect(read).toHaveBeenCalledTimes(2);
    release();
    energy.archived('a');
    await vi.advanceTimersByTimeAsync(0);
    expect(read).toHaveBeenCalledTimes(2);
  });

  it('says nothing it knew yesterday once the charger’s day has turned, until read again', async () => {
    const energy = periods(async () => ({ days: [{ start: day(1), kwh: 9 }], complete: true }));
    energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(energy.of('a').todayKwh).toBe(9);
    now = day(2) + 60_000;
    expect(energy.of('a')).toEqual({ todayKwh: null, monthKwh: null });
  });

  it('logs a failed read and keeps the figures unknown', async () => {
    const lines: string[] = [];
    const energy = new EnergyPeriods({ read: async () => Promise.reject(new Error('archive closed')), zoneOf: () => ZONE, now: () => now, log: (l) => lines.push(l) });
    energy.hold(['a']);
    await vi.advanceTimersByTimeAsync(0);
    expect(energy.of('a')).toEqual({ todayKwh: null, monthKwh: null });
    expect(lines).toEqual(["charger a: today's energy could not be read: archive closed"]);
  });
});
