import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_POWER_SPAN_MS } from '../../api/archive-schemas.ts';
import { monthsOverlapping } from './date-range.ts';
import { monthPowerQuery } from './api/month-power-query.ts';
import { inWindow, joinSeries, minuteOfDay, parseClock, profileShare, seriesOf, timeShare } from './off-peak.ts';
import { costOf, totalsOf, toRow } from './session-rows.ts';
import type { ChargingSessionWire } from '../../../contract/session-schemas.ts';
import { fromCharger } from '../../../test-support/archived-session.ts';
import chargingSessionJson from '../../../contract/fixtures/charging-session.json' with { type: 'json' };

const BERLIN = 'Europe/Berlin';
const NIGHT = { from: 22 * 60, to: 6 * 60 };
const at = (iso: string) => Date.parse(iso);
/** Points as the archive's answer holds them once parsed: epoch ms and kW per series. */
const archived = (list: Array<{ time: string; [series: string]: number | string | null | undefined }>) =>
  list.map(({ time, ...kW }) => ({ time: Date.parse(time), kW: kW as Record<string, number | null>, energyKWh: {} }));

describe('the off-peak window', () => {
  it('wraps midnight, start included, end excluded', () => {
    expect([21 * 60 + 59, 22 * 60, 0, 5 * 60 + 59, 6 * 60].map((m) => inWindow(m, NIGHT))).toEqual([false, true, true, true, false]);
    expect([7 * 60, 12 * 60, 13 * 60].map((m) => inWindow(m, { from: 12 * 60, to: 13 * 60 }))).toEqual([false, true, false]);
  });

  it('reads local clock times, across the clock changes', () => {
    expect(minuteOfDay(at('2026-03-29T00:30:00Z'), BERLIN)).toBe(90); // 01:30 CET
    expect(minuteOfDay(at('2026-03-29T01:30:00Z'), BERLIN)).toBe(3 * 60 + 30); // 03:30 CEST
    expect(minuteOfDay(at('2026-10-25T00:30:00Z'), BERLIN)).toBe(2 * 60 + 30); // first 02:30
    expect(minuteOfDay(at('2026-10-25T01:30:00Z'), BERLIN)).toBe(2 * 60 + 30); // second 02:30
    expect(parseClock('22:00')).toBe(1320);
    expect(parseClock('24:00')).toBeNull();
  });
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('splitting a session', () => {
  // 20:00–02:00 local (winter, UTC+1): 2 h before the window, 4 h in it.
  const started = at('2026-01-10T19:00:00Z');
  const ended = at('2026-01-11T01:00:00Z');

  it('by the power profile: the share of the energy that flowed off-peak', () => {
    // 11 kW until 23:00 local, then 3.7 kW: 3 h × 11 = 33 (1 h of it off-peak) + 3 h × 3.7 = 11.1 off-peak.
    const points = [];
    for (let t = started; t < ended; t += 300_000) points.push({ time: new Date(t).toISOString(), connector1: t < at('2026-01-10T22:00:00Z') ? 11 : 3.7 });
    const share = profileShare(seriesOf(archived(points), 'connector1'), started, ended, BERLIN, NIGHT)!;
    expect(share).toBeCloseTo((11 + 11.1) / (33 + 11.1), 10);
  });

  it('only the points of that session and connector count, by the one plausibility rule; no profile, no answer', () => {
    const points = [
      { time: '2026-01-10T18:55:00+00:00', connector1: 50, connector2: 0 }, // before the start
      { time: '2026-01-10T19:00:00+00:00', connector1: 10, connector2: 99 },
      { time: '2026-01-10T21:00:00+00:00', connector1: 10, connector2: 99 }, // 22:00 local
      { time: '2026-01-11T01:00:00+00:00', connector1: 50, connector2: 0 }, // at the end: excluded
      { time: '2026-01-10T22:00:00+00:00', connector1: 99_999 }, // a meter glitch: the chart drops it too
      { time: '2026-01-10T22:05:00+00:00', connector1: -3 }, // negative: unusable
    ];
    expect(profileShare(seriesOf(archived(points), 'connector1'), started, ended, BERLIN, NIGHT)).toBe(0.5);
    expect(profileShare(seriesOf([], 'connector1'), started, ended, BERLIN, NIGHT)).toBeNull();
  });

  it('by charging time when there is no profile', () => {
    expect(timeShare(started, ended, BERLIN, NIGHT)).toBeCloseTo(4 / 6, 10);
    expect(timeShare(at('2026-01-10T12:00:00Z'), at('2026-01-10T13:00:00Z'), BERLIN, NIGHT)).toBe(0);
  });

  it('joins the months of a session that runs past midnight at the end of a month', () => {
    const january = seriesOf(archived([{ time: '2026-01-31T22:55:00Z', connector1: 4 }]), 'connector1');
    const february = seriesOf(archived([{ time: '2026-01-31T23:00:00Z', connector1: 4 }]), 'connector1');
    const joined = joinSeries([january, february]);
    expect(Array.from(joined.start)).toEqual([at('2026-01-31T22:55:00Z'), at('2026-01-31T23:00:00Z')]);
    expect(profileShare(joined, at('2026-01-31T22:55:00Z'), at('2026-01-31T23:05:00Z'), BERLIN, NIGHT)).toBe(1);
  });
});

describe('reading the profile per month', () => {
  it('names the month in the key, never the time, and asks the archive for 5-minute points', () => {
    const [march] = monthsOverlapping(at('2026-03-10T00:00:00Z'), at('2026-03-11T00:00:00Z'), BERLIN);
    const query = monthPowerQuery('platz13', march!);
    expect(query.queryKey).toEqual(['charger', 'platz13', 'power', '5m', '2026-02-28T23:00:00.000Z', '2026-03-31T22:00:00.000Z']);
  });

  it('every month is one request the server accepts at 5-minute steps, DST months included', () => {
    for (const month of monthsOverlapping(at('2026-01-01T00:00:00Z'), at('2027-01-01T00:00:00Z'), BERLIN)) {
      const [, , , , from, to] = monthPowerQuery('p', month).queryKey;
      expect(Date.parse(to!) - Date.parse(from!)).toBeLessThanOrEqual(MAX_POWER_SPAN_MS['5m']);
      expect(Date.parse(from!)).toBe(month.startMs);
      expect(Date.parse(to!)).toBe(month.endMs);
    }
  });
});

describe('costs with an off-peak price', () => {
  const pricing = { pricePerKwh: 0.4, currency: 'EUR', offPeak: { pricePerKwh: 0.2, window: NIGHT } };
  const base = chargingSessionJson.content[0] as unknown as ChargingSessionWire;
  const row = (kwh: number, share: number) =>
    toRow(fromCharger({ ...base, activeEnergyConsumed: kwh }), { id: 'p', name: 'P' }, pricing, { share, estimated: false });

  it('the two parts add up to the shown energy; cost is each part at its price', () => {
    const r = row(10.005, 1 / 3); // 10.01 kWh, 3.34 off-peak
    expect(r.energyUnits).toBe(1001);
    expect(r.offPeakUnits).toBe(334);
    expect(r.costMinor).toBe(Math.round((1001 - 334) * 0.4 + 334 * 0.2)); // 266.8 + 66.8 = 333.6 → 334
    expect(costOf(1000, pricing, null)).toBe(400); // no split known: the normal price
  });

  it('a session whose profile is still being read has no off-peak part and no cost yet, and the totals say so', () => {
    const r = toRow(fromCharger({ ...base, activeEnergyConsumed: 10 }), { id: 'p', name: 'P' }, pricing, 'pending');
    expect(r).toMatchObject({ energyUnits: 1000, offPeakUnits: null, offPeakEstimated: false, costMinor: null, costPending: true });
    const totals = totalsOf([r, row(10, 0.5)]);
    expect(totals.costPending).toBe(1);
    expect(totals.offPeakEstimated).toBe(0);
    // Without an off-peak price nothing waits for a profile.
    expect(toRow(fromCharger(base), { id: 'p', name: 'P' }, { pricePerKwh: 0.4, currency: 'EUR' }, 'pending').costPending).toBe(false);
  });

  it('totals of the off-peak energy and the cost are sums of the rows', () => {
    const rows = [row(10, 0.5), row(7.77, 0), row(3.33, 1)];
    const totals = totalsOf(rows);
    expect(totals.offPeakUnits).toBe(500 + 0 + 333);
    expect(totals.costMinor).toBe(rows.reduce((sum, r) => sum + r.costMinor!, 0));
  });
});
